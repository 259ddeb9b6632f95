from __future__ import annotations

import pytest

from pos_app.domain.barcodes import BarcodeError
from pos_app.domain.catalog import CatalogItem, CatalogLookup, InMemoryCatalog
from pos_app.domain.errors import DomainError
from pos_app.domain.money import EUR, Money


def item(sku: str, *codes: str, price: str = "1.00") -> CatalogItem:
    return CatalogItem(sku, f"Item {sku}", Money.of(price, EUR), "std", "misc", codes)


def test_in_memory_catalog_indexes_canonical_barcodes() -> None:
    catalog: CatalogLookup = InMemoryCatalog(
        [item("COLA", "036000291452"), item("GUM", "04252614")]
    )
    cola = catalog.by_barcode("0036000291452")
    assert cola is not None
    assert cola.sku == "COLA"
    assert catalog.by_barcode("036000291452") is None  # callers pass normalised codes
    gum = catalog.by_barcode("0042100005264")
    assert gum is not None
    assert gum.sku == "GUM"
    assert catalog.by_sku("GUM") is gum
    assert catalog.by_sku("NOPE") is None


def test_duplicate_sku_or_barcode_refused() -> None:
    catalog = InMemoryCatalog([item("A", "96385074")])
    with pytest.raises(DomainError, match="SKU A"):
        catalog.add(item("A"))
    with pytest.raises(DomainError, match="used by SKU A"):
        catalog.add(item("B", "96385074"))
    with pytest.raises(BarcodeError):
        catalog.add(item("C", "96385075"))
    assert catalog.by_sku("B") is None
    assert catalog.by_sku("C") is None


@pytest.mark.parametrize(
    ("sku", "name", "price", "tax_class"),
    [
        (" ", "x", "1", "std"),
        ("A", "", "1", "std"),
        ("A", "x", "-0.01", "std"),
        ("A", "x", "1", ""),
    ],
)
def test_item_validation(sku: str, name: str, price: str, tax_class: str) -> None:
    with pytest.raises(DomainError):
        CatalogItem(sku, name, Money.of(price, EUR), tax_class, "misc")


def test_item_types() -> None:
    with pytest.raises(TypeError):
        CatalogItem("A", "x", 1, "std", "misc")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        CatalogItem("A", "x", Money.of(1, EUR), "std", "misc", ["96385074"])  # type: ignore[arg-type]
