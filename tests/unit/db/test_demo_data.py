from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from stdnum import ean

from pos_app.db import demo_data, migrate
from pos_app.db.demo_data import DEMO_FEATURED, generate_demo_data
from pos_app.db.engine import create_till_engine
from pos_app.domain.barcodes import VariableMeasureCode, VariableMeasureConfig, parse_scan

N = 2_000


def _migrated(path: Path) -> Engine:
    engine = create_till_engine(path)
    migrate.upgrade(engine)
    return engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = _migrated(tmp_path / "till.sqlite3")
    yield eng
    eng.dispose()


@pytest.fixture
def generated(engine: Engine) -> Engine:
    report = generate_demo_data(engine, N)
    assert report.products == N
    return engine


def _rows(engine: Engine, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(sql, params)
        return [tuple(row) for row in cur.fetchall()]
    finally:
        raw.close()


def _execute(engine: Engine, sql: str, params: tuple[object, ...] = ()) -> None:
    raw = engine.raw_connection()
    try:
        raw.cursor().execute(sql, params)
        raw.commit()
    finally:
        raw.close()


def _fts(engine: Engine, query: str) -> set[object]:
    sql = "SELECT rowid FROM products_fts WHERE products_fts MATCH ?"
    return {row[0] for row in _rows(engine, sql, (query,))}


def _triggers(engine: Engine) -> dict[str, str]:
    rows = _rows(engine, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    return dict(rows)


def test_every_barcode_is_a_valid_ean13_and_every_product_has_one(generated: Engine) -> None:
    barcodes = _rows(generated, "SELECT barcode, product_id FROM product_barcodes")
    assert barcodes
    for code, _ in barcodes:
        assert isinstance(code, str)
        assert len(code) == 13
        assert ean.is_valid(code), code
    assert {pid for _, pid in barcodes} == set(range(1, N + 1))
    report_barcodes = _rows(generated, "SELECT count(*) FROM product_barcodes")[0][0]
    assert isinstance(report_barcodes, int)
    second = report_barcodes - N
    assert 0.02 * N < second < 0.08 * N  # ~5 % carry a second barcode


def test_skus_are_unique_and_sequential(generated: Engine) -> None:
    skus = [r[0] for r in _rows(generated, "SELECT sku FROM products ORDER BY id")]
    assert len(skus) == len(set(skus)) == N
    assert skus[0] == "SKU-0000001"
    assert skus[-1] == f"SKU-{N:07d}"


def test_weighed_items_carry_a_variable_measure_lookup_code(generated: Engine) -> None:
    weighed = _rows(
        generated,
        "SELECT p.id, b.barcode FROM products p JOIN product_barcodes b ON b.product_id = p.id "
        "WHERE p.sold_by_weight",
    )
    assert 5 <= len(weighed) <= 60  # ~1 % of the catalog
    for _, code in weighed:
        assert isinstance(code, str)
        assert code.startswith("21")
        assert code[7:12] == "00000"
    unit_codes = _rows(
        generated,
        "SELECT b.barcode FROM products p JOIN product_barcodes b ON b.product_id = p.id "
        "WHERE NOT p.sold_by_weight",
    )
    assert all(str(code).startswith("379") for (code,) in unit_codes)


def test_a_scale_label_decodes_to_the_stored_lookup_code(generated: Engine) -> None:
    bananas = next(f for f in DEMO_FEATURED if f.name.startswith("Bananas"))
    body = bananas.barcode[:7] + "01234"  # 1.234 kg
    scanned = parse_scan(body + str(ean.calc_check_digit(body)), VariableMeasureConfig.default())
    assert isinstance(scanned, VariableMeasureCode)
    assert scanned.lookup_code == bananas.barcode
    sql = "SELECT product_id FROM product_barcodes WHERE barcode = ?"
    assert _rows(generated, sql, (scanned.lookup_code,)) == [(3,)]


def test_prices_and_tax_classes_look_like_a_shop(generated: Engine) -> None:
    prices = [r[0] for r in _rows(generated, "SELECT price_minor FROM products")]
    assert all(isinstance(p, int) and p > 0 for p in prices)
    nice = sum(1 for p in prices if isinstance(p, int) and p % 10 in (0, 5, 9))
    assert nice / len(prices) > 0.9
    rows = _rows(generated, "SELECT DISTINCT department, tax_class FROM products")
    classes = dict(rows)
    assert classes["dairy"] == "reduced"
    assert classes["books"] == "reduced"
    assert classes["clothing"] == "standard"
    assert len(classes) >= 10


def test_store_profile_and_tax_rates(generated: Engine) -> None:
    profile = _rows(
        generated,
        "SELECT id, store_id, till_id, store_name, address, currency, tax_mode, "
        "cash_rounding_step, receipt_footer FROM store_profile",
    )
    assert len(profile) == 1
    pid, store_id, till_id, name, address, currency, mode, step, footer = profile[0]
    assert (pid, store_id, till_id, name) == (1, "demo-store", "till-1", "OmniTill Demo Store")
    assert isinstance(address, str)
    assert len(address.splitlines()) == 2
    assert (currency, mode, step) == ("EUR", "inclusive", "0.05")
    assert footer
    rates = set(_rows(generated, "SELECT tax_class, rate, label FROM tax_rates"))
    assert rates == {
        ("standard", "0.20", "VAT 20%"),
        ("reduced", "0.055", "VAT 5.5%"),
        ("zero", "0", "VAT 0%"),
    }


def test_featured_products_are_the_first_twenty(generated: Engine) -> None:
    assert len(DEMO_FEATURED) == 20
    for product_id, featured in enumerate(DEMO_FEATURED, start=1):
        row = _rows(
            generated,
            "SELECT p.sku, p.name, p.sold_by_weight FROM products p "
            "JOIN product_barcodes b ON b.product_id = p.id WHERE b.barcode = ?",
            (featured.barcode,),
        )
        assert row == [(featured.sku, featured.name, int(featured.sold_by_weight))]
        assert featured.sku == f"SKU-{product_id:07d}"
    assert DEMO_FEATURED[0].barcode == "3790000000014"


def test_fts_finds_a_featured_item_by_name_prefix(generated: Engine) -> None:
    coffee = DEMO_FEATURED[0]
    assert "Coffee" in coffee.name
    assert 1 in _fts(generated, "coff*")
    assert 1 in _fts(generated, "nordvik arab*")


def test_same_seed_same_catalog_other_seed_other_catalog(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        engine = _migrated(tmp_path / f"{name}.sqlite3")
        try:
            generate_demo_data(engine, 500, seed=seed)
            dumps.append(
                (
                    _rows(engine, "SELECT * FROM products ORDER BY id"),
                    _rows(engine, "SELECT * FROM product_barcodes ORDER BY barcode"),
                )
            )
        finally:
            engine.dispose()
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]
    # The featured head of the catalog does not depend on the seed.
    assert dumps[0][0][:20] == dumps[2][0][:20]


def test_rerunning_replaces_the_catalog(generated: Engine) -> None:
    assert len(_fts(generated, "sku")) == N
    report = generate_demo_data(generated, 50, till_id="till-9")
    assert report.products == 50
    assert report.barcodes == len(_rows(generated, "SELECT 1 FROM product_barcodes"))
    assert _rows(generated, "SELECT count(*) FROM products") == [(50,)]
    assert _rows(generated, "SELECT count(*), max(product_id) FROM product_barcodes")[0][1] == 50
    # The rebuilt index knows nothing of the replaced products.
    assert len(_fts(generated, "sku")) == 50
    assert _rows(generated, "SELECT count(*), till_id FROM store_profile") == [(1, "till-9")]
    assert _rows(generated, "SELECT count(*) FROM tax_rates") == [(3,)]


def test_triggers_are_restored_exactly_and_keep_the_index_in_step(
    generated: Engine, tmp_path: Path
) -> None:
    fresh = _migrated(tmp_path / "fresh.sqlite3")
    try:
        expected = _triggers(fresh)
    finally:
        fresh.dispose()
    assert set(expected) == {"products_fts_ai", "products_fts_ad", "products_fts_au"}
    assert _triggers(generated) == expected

    _execute(
        generated,
        "INSERT INTO products (sku, name, department, tax_class, price_minor, sold_by_weight, "
        "active) VALUES ('X-1', 'Zyzzyva Quince Paste 200 g', 'deli', 'reduced', 450, 0, 1)",
    )
    (new_id,) = _rows(generated, "SELECT id FROM products WHERE sku = 'X-1'")[0]
    assert _fts(generated, "zyzz*") == {new_id}
    _execute(generated, "UPDATE products SET name = 'Quokka Quince Paste' WHERE id = ?", (new_id,))
    assert _fts(generated, "zyzz*") == set()
    assert _fts(generated, "quokk*") == {new_id}
    _execute(generated, "DELETE FROM products WHERE id = ?", (new_id,))
    assert _fts(generated, "quokk*") == set()


def test_a_failed_load_leaves_the_previous_catalog(
    generated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    triggers = _triggers(generated)

    def broken(cur: sqlite3.Cursor, store_id: str, till_id: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo_data, "_write_store", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        generate_demo_data(generated, 100)
    assert _rows(generated, "SELECT count(*) FROM products") == [(N,)]
    assert _triggers(generated) == triggers
    assert 1 in _fts(generated, "coff*")


@pytest.mark.parametrize("count", [0, 1, 5, 20, 21])
def test_small_catalogs(engine: Engine, count: int) -> None:
    report = generate_demo_data(engine, count)
    assert report.products == count
    names = [r[0] for r in _rows(engine, "SELECT name FROM products ORDER BY id")]
    assert names[:20] == [f.name for f in DEMO_FEATURED[:count]]
    assert len(names) == count
    assert _rows(engine, "SELECT count(*) FROM store_profile") == [(1,)]


@pytest.mark.parametrize("bad", [-1, demo_data.MAX_PRODUCTS + 1])
def test_rejects_impossible_sizes(engine: Engine, bad: int) -> None:
    with pytest.raises(ValueError, match="products must be between"):
        generate_demo_data(engine, bad)


def test_report_rows_per_second(generated: Engine) -> None:
    report = generate_demo_data(generated, 300)
    assert report.seconds > 0
    assert report.rows_per_second == pytest.approx(300 / report.seconds)
