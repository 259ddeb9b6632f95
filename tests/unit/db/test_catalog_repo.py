from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog, fts_query
from pos_app.domain.money import EUR


def test_by_barcode_and_sku(seeded: sessionmaker[Session]) -> None:
    with seeded() as session:
        catalog = SqlCatalog(session, EUR)
        item = catalog.by_barcode("4006381333931")
        assert item is not None
        assert item.sku == "COF-1"
        assert item.unit_price.amount == Decimal("8.99")
        assert item.barcodes == ("4006381333931",)
        by_sku = catalog.by_sku("BAN-1")
        assert by_sku is not None
        assert by_sku.sold_by_weight
        assert catalog.by_barcode("0000000000000") is None
        assert catalog.by_sku("nope") is None


def test_search_prefix_and_ranking(seeded: sessionmaker[Session]) -> None:
    with seeded() as session:
        hits = SqlCatalog(session, EUR).search("coff bea")
        assert [h.item.sku for h in hits] == ["COF-1"]
        assert {h.item.sku for h in SqlCatalog(session, EUR).search("m")} >= {"MLK-1", "TSH-1"}


@pytest.mark.parametrize(
    "garbage", ['"', "AND OR NOT", "*", "(", "NEAR(", "'; DROP TABLE", "x" * 5000]
)
def test_search_never_raises_on_garbage(seeded: sessionmaker[Session], garbage: str) -> None:
    with seeded() as session:
        assert isinstance(SqlCatalog(session, EUR).search(garbage), list)


def test_fts_query_quotes_tokens() -> None:
    assert fts_query("  ") is None
    assert fts_query('oat "milk') == '{name}: "oat"* "milk"*'


def test_sku_shaped_input_uses_the_sku_index(seeded: sessionmaker[Session]) -> None:
    with seeded() as session:
        catalog = SqlCatalog(session, EUR)
        assert [h.item.sku for h in catalog.search("cof-")] == ["COF-1"]
        assert [h.item.sku for h in catalog.search("MLK-1")] == ["MLK-1"]
        # Words that only occur in SKUs do not match names.
        assert catalog.search("tsh") == []


def test_whole_word_matches_rank_first(seeded: sessionmaker[Session]) -> None:
    from pos_app.db.models import Product

    names = [(f"MSH-{i}", f"Milkshake Powder {i}") for i in range(5)] + [("OAT-1", "Oat Milk")]
    with seeded.begin() as session:
        session.add_all(
            Product(
                sku=sku,
                name=name,
                department="grocery",
                tax_class="reduced",
                price_minor=300,
                sold_by_weight=False,
                active=True,
            )
            for sku, name in names
        )
    with seeded() as session:
        skus = [h.item.sku for h in SqlCatalog(session, EUR).search("milk")]
    # Whole-word "milk" first (shorter name first), then the prefix-only milkshakes.
    assert skus[:2] == ["OAT-1", "MLK-1"]
    assert set(skus[2:]) == {f"MSH-{i}" for i in range(5)}
