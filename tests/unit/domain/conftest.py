"""Shared fixtures for the domain tests: a small EUR catalog and VAT rates.

Test modules get these through fixtures rather than ``import conftest``, which would depend
on the import mode and on which conftest pytest loaded last.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.catalog import CatalogItem, InMemoryCatalog
from pos_app.domain.money import EUR, Money
from pos_app.domain.tax import TaxRate


def _eur(value: str) -> Money:
    return Money.of(value, EUR)


@pytest.fixture
def rates() -> dict[str, TaxRate]:
    return {
        "std": TaxRate("std", Decimal("0.20"), "VAT 20%"),
        "red": TaxRate("red", Decimal("0.055"), "VAT 5.5%"),
        "zero": TaxRate("zero", Decimal(0), "VAT 0%"),
    }


@pytest.fixture
def items() -> dict[str, CatalogItem]:
    """By SKU. Barcodes: real EAN-13, EAN-8, UPC-A and UPC-E examples, plus in-store labels."""
    return {
        item.sku: item
        for item in (
            CatalogItem("MILK", "Milk 1L", _eur("1.20"), "red", "dairy", ("4006381333931",)),
            CatalogItem("SOAP", "Soap", _eur("3.99"), "std", "household", ("96385074",)),
            CatalogItem("COLA", "Cola 12oz", _eur("0.99"), "std", "drinks", ("036000291452",)),
            CatalogItem("GUM", "Gum", _eur("0.50"), "std", "candy", ("04252614",)),
            CatalogItem(
                "APPLE",
                "Apples",
                _eur("2.99"),
                "red",
                "fruit",
                ("2012345000001",),
                sold_by_weight=True,
            ),
            CatalogItem(
                "CHEESE", "Cheese counter", _eur("19.90"), "red", "deli", ("2100042000001",)
            ),
            CatalogItem("BREAD", "Bread", _eur("2.50"), "zero", "bakery"),
            CatalogItem("SALAD", "Salad bar", _eur("12.90"), "red", "deli", sold_by_weight=True),
        )
    }


@pytest.fixture
def catalog(items: dict[str, CatalogItem]) -> InMemoryCatalog:
    return InMemoryCatalog(items.values())
