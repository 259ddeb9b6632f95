"""Console catalog pages: search as you type, product page and edit, CSV import with progress
and a per-row error report, CSV export; stock on hand per store and adjustments with a reason.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from sync.hub.console import catalog, stock
from sync.hub.console.accounts import ConsoleIdentity
from sync.hub.console.imports import ImportJob
from sync.hub.console.render import Csrf, P, page, router, see_other, stores_of
from sync.hub.console.security import check_csrf, current_identity, require
from sync.hub.deps import Services
from sync.hub.errors import Invalid, NotFound

Term = Annotated[str, Query(max_length=64)]
Field = Annotated[str, Form(max_length=300)]
Flag = Annotated[str, Form(max_length=5)]
UPLOAD_CHUNK = 1 << 20


@router.get("/catalog", response_class=HTMLResponse)
def catalog_page(request: Request, svc: Services, q: Term = "") -> Response:
    who = current_identity(svc, request)
    require(who, P.CATALOG_VIEW)
    with svc.hub.db.read() as session:
        products = catalog.search(session, q)
    return page(request, "catalog.html", who, q=q, products=products)


@router.get("/catalog/search", response_class=HTMLResponse)
def catalog_rows(request: Request, svc: Services, q: Term = "") -> Response:
    """The result rows alone, for the search box's as-you-type refresh (console.js)."""
    who = current_identity(svc, request)
    require(who, P.CATALOG_VIEW)
    with svc.hub.db.read() as session:
        products = catalog.search(session, q)
    return page(request, "_catalog_rows.html", who, products=products)


@router.get("/catalog/products/{sku}", response_class=HTMLResponse)
def product(request: Request, svc: Services, sku: str, message: Term = "") -> Response:
    who = current_identity(svc, request)
    require(who, P.CATALOG_VIEW)
    with svc.hub.db.read() as session:
        view = catalog.product_view(session, sku, stores_of(who))
        taxes = catalog.tax_classes(session)
    return page(request, "product.html", who, view=view, taxes=taxes, message=message)


@router.post("/catalog/products/{sku}")
def edit_product(
    request: Request,
    svc: Services,
    sku: str,
    csrf: Csrf,
    name: Field,
    department: Field = "",
    tax_class: Field = "",
    price: Field = "",
    barcodes: Field = "",
    sold_by_weight: Flag = "0",
    active: Flag = "0",
) -> Response:
    who = current_identity(svc, request)
    require(who, P.CATALOG_EDIT)
    check_csrf(who, csrf)
    form: dict[str, str | None] = {"name": name, "department": department,
                                   "tax_class": tax_class, "price": price, "barcodes": barcodes,
                                   "sold_by_weight": sold_by_weight, "active": active}  # fmt: skip
    catalog.update_product(svc.hub, who, sku, form)
    return see_other(f"/catalog/products/{sku}?message=saved")


@router.post("/catalog/products/{sku}/stock")
def adjust_stock(
    request: Request,
    svc: Services,
    sku: str,
    csrf: Csrf,
    store_id: Annotated[str, Form(max_length=64)],
    quantity: Annotated[str, Form(max_length=24)],
    reason: Annotated[str, Form(max_length=200)],
) -> Response:
    who = current_identity(svc, request)
    require(who, P.STOCK_ADJUST)
    check_csrf(who, csrf)
    stock.adjust(svc.hub, who, store_id, sku, stock.parse_quantity(quantity), reason)
    return see_other(f"/catalog/products/{sku}?message=stock+adjusted")


@router.get("/catalog/export.csv")
def export(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.CATALOG_VIEW)
    return StreamingResponse(
        catalog.export_csv(svc.hub.db),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="catalog.csv"'},
    )


@router.get("/catalog/import", response_class=HTMLResponse)
def import_form(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.CATALOG_EDIT)
    limit_mb = svc.settings.max_body_bytes // (1024 * 1024)
    return page(request, "catalog_import.html", who, job=None, limit_mb=limit_mb)


@router.post("/catalog/import")
async def start_import(
    request: Request,
    svc: Services,
    csrf: Csrf,
    file: Annotated[UploadFile, File()],
) -> Response:
    who = current_identity(svc, request)
    require(who, P.CATALOG_EDIT)
    check_csrf(who, csrf)
    # The upload goes to a file of our own (the importer reads it twice: check, then write).
    with tempfile.NamedTemporaryFile(prefix="omnitill-import-", suffix=".csv",
                                     delete=False) as out:  # fmt: skip
        while chunk := await file.read(UPLOAD_CHUNK):
            out.write(chunk)
    path = Path(out.name)
    if path.stat().st_size == 0:
        path.unlink()
        raise Invalid("choose a CSV file to import")
    job = svc.imports.start(svc.hub, path, file.filename or "upload.csv", who.email)
    return see_other(f"/catalog/import/{job.job_id}")


def _job(svc: Services, request: Request, job_id: str) -> tuple[ConsoleIdentity, ImportJob]:
    """Whoever may import may follow any import (the catalog is the chain's, not one user's)."""
    who = current_identity(svc, request)
    require(who, P.CATALOG_EDIT)
    return who, svc.imports.get(job_id)


@router.get("/catalog/import/{job_id}", response_class=HTMLResponse)
def import_status(request: Request, svc: Services, job_id: str) -> Response:
    who, job = _job(svc, request, job_id)
    limit_mb = svc.settings.max_body_bytes // (1024 * 1024)
    return page(request, "catalog_import.html", who, job=job, limit_mb=limit_mb)


@router.get("/catalog/import/{job_id}/progress")
def import_progress(request: Request, svc: Services, job_id: str) -> Response:
    """The progress bar's figures (console.js polls this while the import runs)."""
    _, job = _job(svc, request, job_id)
    return JSONResponse({"state": job.state, "done": job.done, "total": job.total,
                         "percent": job.percent, "finished": job.finished})  # fmt: skip


@router.get("/stock", response_class=HTMLResponse)
def stock_page(request: Request, svc: Services, store: Term = "", after: Term = "") -> Response:
    who = current_identity(svc, request)
    require(who, P.STOCK_VIEW)
    with svc.hub.db.read() as session:
        stores = stock.visible_stores(session, stores_of(who))
        if store and store not in {s.store_id for s in stores}:
            raise NotFound(f"no store {store!r}")
        chosen = store or (stores[0].store_id if stores else "")
        rows = stock.levels(session, chosen, after) if chosen else []
    return page(request, "stock.html", who, stores=stores, store=chosen, rows=rows,
                next_after=rows[-1][0] if len(rows) == stock.PAGE else "")  # fmt: skip
