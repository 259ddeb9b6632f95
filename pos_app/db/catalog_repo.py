"""Catalog look-ups as indexed queries: nothing of the catalog is loaded up front (DESIGN §3)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import Currency, Money

# Column order shared by every look-up so one row mapper serves them all.
_ITEM_COLUMNS = (
    "p.id, p.sku, p.name, p.price_minor, p.tax_class, p.department, p.sold_by_weight, "
    "(SELECT group_concat(b.barcode, ' ') FROM product_barcodes b WHERE b.product_id = p.id)"
)

# The f-strings only splice in the constant column list above; values are bound parameters.
_BY_BARCODE = text(
    f"SELECT {_ITEM_COLUMNS} FROM product_barcodes pb "  # noqa: S608
    "JOIN products p ON p.id = pb.product_id "
    "WHERE pb.barcode = :code AND p.active"
)
_BY_SKU = text(
    f"SELECT {_ITEM_COLUMNS} FROM products p "  # noqa: S608
    "WHERE p.sku = :sku AND p.active"
)
_SEARCH = text(
    f"SELECT {_ITEM_COLUMNS} FROM products_fts f "  # noqa: S608
    "JOIN products p ON p.id = f.rowid "
    "WHERE products_fts MATCH :query AND p.active ORDER BY f.rank LIMIT :limit"
)

# FTS5 query syntax is a language of its own; user text is reduced to plain word tokens so
# that a stray quote or operator typed at the till can never raise a syntax error.
_TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_SEARCH_TOKENS = 6


@dataclass(frozen=True)
class SearchHit:
    product_id: int
    item: CatalogItem


def fts_query(user_text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 prefix query, or None if nothing to search."""
    tokens = _TOKEN.findall(user_text[:200])[:MAX_SEARCH_TOKENS]
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


class SqlCatalog:
    """`pos_app.domain.catalog.CatalogLookup` over the till database."""

    def __init__(self, session: Session, currency: Currency) -> None:
        self._session = session
        self._currency = currency

    def by_barcode(self, gtin: str) -> CatalogItem | None:
        row = self._session.execute(_BY_BARCODE, {"code": gtin}).first()
        return None if row is None else self._item(row)

    def by_sku(self, sku: str) -> CatalogItem | None:
        row = self._session.execute(_BY_SKU, {"sku": sku}).first()
        return None if row is None else self._item(row)

    def search(self, user_text: str, limit: int = 20) -> list[SearchHit]:
        query = fts_query(user_text)
        if query is None:
            return []
        rows = self._session.execute(_SEARCH, {"query": query, "limit": limit}).all()
        return [SearchHit(product_id=row[0], item=self._item(row)) for row in rows]

    def _item(self, row: Sequence[Any]) -> CatalogItem:
        codes: str | None = row[7]
        return CatalogItem(
            sku=row[1],
            name=row[2],
            unit_price=Money.from_minor(row[3], self._currency),
            tax_class=row[4],
            department=row[5],
            barcodes=tuple(codes.split()) if codes else (),
            sold_by_weight=bool(row[6]),
        )
