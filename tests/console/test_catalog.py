"""The console's catalog over HTTP: search as you type, the product page with stock per store,
edits checked by the importer's rules and fed to the tills, stock adjustments with a reason,
CSV import (progress, per-row error report) and export. SQLite, and PostgreSQL when set."""

from __future__ import annotations

import json

from sqlalchemy import select

from sync.hub.console.roles import Role
from sync.hub.models import CHAIN_SCOPE, ConsoleAudit, FeedRow, Product, StockAdjustment, StockLevel
from tests.helpers.console import OTHER_STORE, STORE, ConsoleHub, csrf_of
from tests.helpers.console_data import add_products
from tests.helpers.hub import Api, eventually

EDITED, IMPORTED = "product.edit", "catalog.import"
PRODUCTS = [("MUG-1", "Stoneware mug", "kitchen", 1250), ("MUG-2", "Enamel mug", "kitchen", 900),
            ("TEA-100%", "Green tea 100% leaf", "grocery", 499)]  # fmt: skip


def _catalog(console: ConsoleHub) -> None:
    add_products(console.hub.hub, *PRODUCTS)
    with console.hub.hub.db.write() as session:
        session.get(Product, "MUG-1").barcodes = "4006381333931"  # type: ignore[union-attr]


def _skus(html: str) -> list[str]:
    return [p[0] for p in [*PRODUCTS, ("GREEN-9", "", "", 0)] if f">{p[0]}</a>" in html]


def test_search_by_sku_prefix_name_part_and_barcode(console: ConsoleHub) -> None:
    _catalog(console)
    api = console.sign_in(Role.MERCHANDISER)
    assert _skus(api.get("/console/catalog?q=MUG").text) == ["MUG-1", "MUG-2"]
    assert _skus(api.get("/console/catalog/search?q=enamel").text) == ["MUG-2"]
    assert _skus(api.get("/console/catalog/search?q=40063813").text) == ["MUG-1"]
    # % and _ are searched for, never wildcards.
    assert _skus(api.get("/console/catalog/search?q=100%25").text) == ["TEA-100%"]
    assert "No product matches." in api.get("/console/catalog/search?q=zzz").text


def _feed(console: ConsoleHub, scope: str, kind: str) -> list[dict[str, object]]:
    with console.hub.hub.db.read() as session:
        rows = session.scalars(select(FeedRow).where(FeedRow.scope == scope, FeedRow.kind == kind))
        return [json.loads(r.data) for r in rows]


def _edit(api: Api, sku: str, **fields: str) -> int:
    csrf = csrf_of(api.get(f"/console/catalog/products/{sku}").text)
    form = {
        "csrf": csrf,
        "name": "Stoneware mug",
        "department": "kitchen",
        "tax_class": "standard",
        "price": "12.50",
        "barcodes": "",
        "active": "1",
        **fields,
    }
    return api.post(f"/console/catalog/products/{sku}", data=form,
                    allow_redirects=False).status_code  # fmt: skip


def test_an_edit_is_validated_fed_to_the_tills_and_audited(console: ConsoleHub) -> None:
    _catalog(console)
    api = console.sign_in(Role.MERCHANDISER)
    assert _edit(api, "MUG-1", price="13.75", barcodes="4006381333931 123") == 303
    with console.hub.hub.db.read() as session:
        product = session.get(Product, "MUG-1")
        assert product is not None
        assert (product.price_minor, product.barcodes) == (1375, "4006381333931 123")
        entry = session.scalars(
            select(ConsoleAudit).where(ConsoleAudit.action == "product.edit")
        ).one()
    assert json.loads(entry.after) == {"price_minor": "1375", "barcodes": "4006381333931 123"}
    fed = _feed(console, CHAIN_SCOPE, "product")
    assert fed[-1]["price_minor"] == 1375
    assert fed[-1]["barcodes"] == ["4006381333931", "123"]
    for bad in ({"price": "12.345"}, {"price": "cheap"}, {"name": ""}, {"barcodes": "12 x!y"}):
        assert _edit(api, "MUG-1", **bad) == 422, bad
    with console.hub.hub.db.read() as session:
        assert session.get(Product, "MUG-1").price_minor == 1375  # type: ignore[union-attr]
    assert len(_feed(console, CHAIN_SCOPE, "product")) == len(fed)


def _adjust(api: Api, store: str, quantity: str, reason: str) -> int:
    csrf = csrf_of(api.get("/console/catalog/products/MUG-1").text)
    return api.post("/console/catalog/products/MUG-1/stock", allow_redirects=False,
                    data={"csrf": csrf, "store_id": store, "quantity": quantity,
                          "reason": reason}).status_code  # fmt: skip


def test_a_stock_adjustment_moves_stock_feeds_the_store_and_keeps_its_reason(
    console: ConsoleHub,
) -> None:
    _catalog(console)
    manager = console.sign_in(Role.STORE_MANAGER)
    assert _adjust(manager, STORE, "12", "delivery counted") == 303
    assert _adjust(manager, STORE, "-2.5", "damaged in delivery") == 303
    with console.hub.hub.db.read() as session:
        level = session.get(StockLevel, (STORE, "MUG-1"))
        assert level is not None
        assert level.quantity_milli == 9500
        reasons = [a.reason for a in session.scalars(select(StockAdjustment))]
    assert reasons == ["delivery counted", "damaged in delivery"]
    assert _feed(console, STORE, "stock")[-1]["quantity_milli"] == 9500
    page = manager.get("/console/catalog/products/MUG-1").text
    assert "damaged in delivery" in page
    assert "9.5" in page
    assert _adjust(manager, STORE, "1", "") == 422  # a reason is required
    assert _adjust(manager, STORE, "abc", "counted") == 422
    assert _adjust(manager, OTHER_STORE, "1", "not my store") == 404
    assert _adjust(console.sign_in(Role.MERCHANDISER), STORE, "1", "counted") == 403
    with console.hub.hub.db.read() as session:
        assert session.get(StockLevel, (STORE, "MUG-1")).quantity_milli == 9500  # type: ignore[union-attr]
        assert session.get(StockLevel, (OTHER_STORE, "MUG-1")) is None


def _upload(api: Api, text: str) -> str:
    csrf = csrf_of(api.get("/console/catalog/import").text)
    answer = api.post("/console/catalog/import", data={"csrf": csrf},
                      files={"file": ("products.csv", text.encode(), "text/csv")},
                      allow_redirects=False)  # fmt: skip
    assert answer.status_code == 303, answer.text
    path = answer.headers["location"]
    eventually(lambda: api.get(path + "/progress").json()["finished"], 20, "the import")
    return api.get(path).text


def test_csv_import_reports_every_bad_row_and_imports_nothing(console: ConsoleHub) -> None:
    api = console.sign_in(Role.MERCHANDISER)
    page = _upload(api, "sku,name,price\nA-1,Apple,0.50\nB 2,Bad sku,1\nC-3,Cheap,1.234\n")
    assert "line 3: sku" in page
    assert "line 4: price" in page
    assert "nothing was imported" in page
    with console.hub.hub.db.read() as session:
        assert session.get(Product, "A-1") is None


def test_csv_import_then_export_round_trip(console: ConsoleHub) -> None:
    api = console.sign_in(Role.MERCHANDISER)
    page = _upload(api, "sku,name,price,department,barcodes\nA-1,Apple,0.50,fruit,123 456\n"
                        "B-2,\"Banana, ripe\",1.25,fruit,\n")  # fmt: skip
    assert "Imported 2 rows; 2 products changed" in page
    with console.hub.hub.db.read() as session:
        audit = session.scalars(
            select(ConsoleAudit).where(ConsoleAudit.action == "catalog.import")
        ).one()
    assert json.loads(audit.after) == {"rows": 2, "changed": 2}
    export = api.get("/console/catalog/export.csv")
    assert export.headers["content-type"].startswith("text/csv")
    assert export.text.splitlines() == [
        "sku,name,department,tax_class,price_minor,barcodes,sold_by_weight,active",
        "A-1,Apple,fruit,standard,50,123 456,0,1",
        'B-2,"Banana, ripe",fruit,standard,125,,0,1',
    ]
    assert "Imported" in _upload(api, export.text)  # the export imports back
