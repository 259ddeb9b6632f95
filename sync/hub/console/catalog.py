"""The console's catalog: search as you type, one product with its stock, edits, export.

Search (docs/architecture.md §10.1): a SKU or barcode prefix, or words in the name.
On PostgreSQL the SKU prefix uses a text_pattern_ops index and name / barcode "contains" the
pg_trgm GIN indexes (hub migration 0017); SQLite (a small chain's hub) has a range scan of the
primary key for the SKU and scans names, stopping at the first page of matches.

An edit is checked by the CSV importer's own row rules (sync/hub/catalog_import.parse_row) and
fed to the tills with the importer's document, in one transaction with its audit entry.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.hub import catalog_import
from sync.hub.console.accounts import ConsoleIdentity, audit
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.errors import Invalid, NotFound
from sync.hub.models import CHAIN_SCOPE, Product, StockAdjustment, StockLevel, Store, TaxClass
from sync.protocol import FeedKind

PAGE = 50
MIN_CONTAINS = 3  # shorter terms match SKU and barcode prefixes only (trigrams need three)
EXPORT_BATCH = 5_000
EXPORT_COLUMNS = ("sku", "name", "department", "tax_class", "price_minor", "barcodes",
                  "sold_by_weight", "active")  # fmt: skip


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(session: Session, term: str, limit: int = PAGE) -> list[Product]:
    """Up to ``limit`` products matching ``term``, by SKU."""
    term = " ".join(term.split())[:64]
    query = select(Product).order_by(Product.sku).limit(limit)
    if not term:
        return list(session.scalars(query))
    like = _escaped(term)
    if session.get_bind().dialect.name == "postgresql":
        arms = [Product.sku.like(like + "%", escape="\\")]
        if len(term) >= MIN_CONTAINS:
            arms.append(Product.barcodes.like(f"%{like}%", escape="\\"))
            arms.append(Product.name.ilike(f"%{like}%", escape="\\"))
        else:
            arms.append(Product.barcodes.like(like + "%", escape="\\"))
        # The matches first (a bitmap OR of the three indexes), sorted after: never a walk
        # of the primary key filtering a million rows for a rare word.
        matches = select(Product.sku).where(or_(*arms)).limit(limit * 20).subquery()
        return list(session.scalars(query.where(Product.sku.in_(select(matches.c.sku)))))
    # SQLite: the SKU prefix as a primary-key range, then names and barcodes containing it.
    found = list(session.scalars(query.where(Product.sku >= term, Product.sku < term + "\uffff")))
    if len(found) < limit:
        seen = {p.sku for p in found}
        more = query.where(
            or_(
                Product.name.like(f"%{like}%", escape="\\"),
                Product.barcodes.like(f"%{like}%", escape="\\"),
            )
        )
        found += [p for p in session.scalars(more) if p.sku not in seen][: limit - len(found)]
        found.sort(key=lambda p: p.sku)
    return found


@dataclass(frozen=True)
class StockRow:
    store_id: str
    store_name: str
    quantity_milli: int | None
    updated_at: Any


@dataclass(frozen=True)
class ProductView:
    product: Product
    tax_rate: str | None
    stock: list[StockRow]
    adjustments: list[StockAdjustment]


def product_view(session: Session, sku: str, stores: list[str] | None) -> ProductView:
    product = session.get(Product, sku)
    if product is None:
        raise NotFound(f"no product {sku!r}")
    tax = session.get(TaxClass, product.tax_class)
    levels = select(Store.store_id, Store.name, StockLevel.quantity_milli, StockLevel.updated_at)
    levels = levels.outerjoin(
        StockLevel, (StockLevel.store_id == Store.store_id) & (StockLevel.sku == sku)
    ).order_by(Store.store_id)
    adjustments = (
        select(StockAdjustment)
        .where(StockAdjustment.sku == sku)
        .order_by(StockAdjustment.id.desc())
        .limit(20)
    )
    if stores is not None:
        levels = levels.where(Store.store_id.in_(stores))
        adjustments = adjustments.where(StockAdjustment.store_id.in_(stores))
    return ProductView(
        product,
        tax.rate if tax is not None else None,
        [StockRow(*row) for row in session.execute(levels)],
        list(session.scalars(adjustments)),
    )


def tax_classes(session: Session) -> list[TaxClass]:
    return list(session.scalars(select(TaxClass).order_by(TaxClass.tax_class)))


def _record(product: Product) -> dict[str, str | None]:
    return {
        "sku": product.sku,
        "name": product.name,
        "department": product.department,
        "tax_class": product.tax_class,
        "price_minor": str(product.price_minor),
        "barcodes": product.barcodes,
        "sold_by_weight": "1" if product.sold_by_weight else "0",
        "active": "1" if product.active else "0",
    }


def update_product(
    hub: Hub, who: ConsoleIdentity, sku: str, form: dict[str, str | None]
) -> Product:
    """Change a product from the console's form (``price`` in major units); Invalid says
    which field is wrong and nothing changes."""
    with hub.change() as (session, pending):
        product = session.get(Product, sku, with_for_update=True)
        if product is None:
            raise NotFound(f"no product {sku!r}")
        before = _record(product)
        record = {**before, **form, "sku": sku}
        if form.get("price") not in (None, ""):
            record["price_minor"] = None  # the form's price wins over the stored one
        try:
            row = catalog_import.parse_row(record, 0)
        except ValueError as exc:
            raise Invalid(str(exc)) from None
        document = catalog_import.product_document(row)
        for field in ("name", "department", "tax_class", "price_minor", "sold_by_weight",
                      "active"):  # fmt: skip
            setattr(product, field, document[field])
        product.barcodes = row[7]
        after = _record(product)
        if after != before:
            pending.add(CHAIN_SCOPE, FeedKind.PRODUCT, sku, document)
            changed = {k: v for k, v in after.items() if before[k] != v}
            audit(session, who.email, "product.edit", f"product {sku}",
                  {k: before[k] for k in changed}, changed, hub.clock())  # fmt: skip
        return product


def export_csv(db: HubDatabase) -> Iterator[str]:
    """Every product as CSV, in the importer's columns (an export imports back unchanged);
    read in SKU order in batches, each its own short read, so a million rows stream."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    after = ""
    while True:
        with db.read() as session:
            batch = list(
                session.scalars(
                    select(Product)
                    .where(Product.sku > after)
                    .order_by(Product.sku)
                    .limit(EXPORT_BATCH)
                )
            )
        for p in batch:
            record = _record(p)
            # As the importer reads it back: no formula guard, the export is for re-import.
            writer.writerow([record[c] or "" for c in EXPORT_COLUMNS])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
        if len(batch) < EXPORT_BATCH:
            return
        after = batch[-1].sku
