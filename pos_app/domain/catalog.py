"""Catalog items as the domain sees them, and the look-up protocol the db layer implements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pos_app.domain.barcodes import normalize_gtin
from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money

__all__ = [
    "CatalogItem",
    "CatalogLookup",
    "InMemoryCatalog",
]


@dataclass(frozen=True)
class CatalogItem:
    """A sellable product. For ``sold_by_weight`` items ``unit_price`` is the price per kg."""

    sku: str
    name: str
    unit_price: Money
    tax_class: str
    department: str
    barcodes: tuple[str, ...] = ()
    sold_by_weight: bool = False

    def __post_init__(self) -> None:
        if not self.sku.strip():
            raise DomainError(msg("A catalog item needs a SKU."))
        if not self.name.strip():
            raise DomainError(msg("Catalog item {sku} needs a name.", sku=self.sku))
        if not self.tax_class.strip():
            raise DomainError(msg("Catalog item {sku} needs a tax class.", sku=self.sku))
        if not isinstance(self.unit_price, Money):
            raise TypeError("CatalogItem.unit_price must be Money.")
        if self.unit_price.is_negative():
            raise DomainError(msg("Catalog item {sku} has a negative price.", sku=self.sku))
        if not isinstance(self.barcodes, tuple):
            raise TypeError("CatalogItem.barcodes must be a tuple of str.")


class CatalogLookup(Protocol):
    """Indexed catalog access; ``gtin`` is always in ``normalize_gtin`` form."""

    def by_barcode(self, gtin: str) -> CatalogItem | None: ...

    def by_sku(self, sku: str) -> CatalogItem | None: ...


class InMemoryCatalog:
    """A dict-backed CatalogLookup for tests, demos and small fixtures.

    Barcodes are indexed in canonical form, so an item listed with its UPC-A is found by a
    UPC-E or GTIN-14 scan of the same product.
    """

    def __init__(self, items: Iterable[CatalogItem] = ()) -> None:
        self._by_sku: dict[str, CatalogItem] = {}
        self._by_barcode: dict[str, CatalogItem] = {}
        for item in items:
            self.add(item)

    def add(self, item: CatalogItem) -> None:
        if item.sku in self._by_sku:
            raise DomainError(f"SKU {item.sku} is already in the catalog.")
        keys = [normalize_gtin(code) for code in item.barcodes]
        for key in keys:
            if key in self._by_barcode:
                other = self._by_barcode[key].sku
                raise DomainError(f"Barcode {key} is already used by SKU {other}.")
        self._by_sku[item.sku] = item
        for key in keys:
            self._by_barcode[key] = item

    def by_barcode(self, gtin: str) -> CatalogItem | None:
        return self._by_barcode.get(gtin)

    def by_sku(self, sku: str) -> CatalogItem | None:
        return self._by_sku.get(sku)
