"""A believable demo store and catalog, fast enough to write a million products in a minute.

``omnitill demo-data --products N`` and the performance bench (``bench/``) both use this. The
catalog is a reset, not a merge: whatever products and barcodes the database held are replaced
in the same transaction that writes the new ones, so a failure leaves the old catalog intact.

Speed comes from bypassing the ORM: rows are built as plain tuples and written with the DB-API
``executemany`` in large batches inside one transaction. The FTS5 triggers would index each
product as it is inserted; dropping them for the load and rebuilding the index once at the end
is several times faster, and DDL is transactional in SQLite, so a rollback restores them.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from sqlalchemy import Engine
from stdnum import ean

from pos_app.db.demo_vocabulary import (
    DEPARTMENTS,
    HOUSE_BRANDS,
    HOUSE_BRANDS_PER_DEPARTMENT,
    Department,
)

__all__ = [
    "DEMO_FEATURED",
    "MAX_PRODUCTS",
    "DemoDataReport",
    "FeaturedProduct",
    "generate_demo_data",
]

# Item references are 9 digits after the company prefix; second barcodes use the top of that
# range, so the catalog must stay below it.
MAX_PRODUCTS = 50_000_000

# A fixed, fictitious company prefix. GS1 prefixes 20-29 are deliberately avoided: they are
# the in-store and variable-measure ranges the till decodes as weight labels.
_COMPANY_PREFIX = "379"
_SECOND_BARCODE_BASE = 900_000_000
# Variable-measure labels: "21" + 5-digit item code + 5 value digits (grams) + check digit.
# The catalog stores the label with its value digits zeroed (the lookup code).
_WEIGHT_PREFIX = "21"
_MAX_WEIGHED_ITEM_CODE = 99_999

_BATCH = 50_000
_SECOND_BARCODE_SHARE = 0.05

# Exactly as created by migration 0001 (pos_app/db/migrations/versions/0001_initial_till_schema.py).
_FTS_TRIGGER_NAMES = ("products_fts_ai", "products_fts_ad", "products_fts_au")
_FTS_TRIGGERS_SQL = (
    "CREATE TRIGGER products_fts_ai AFTER INSERT ON products BEGIN "
    "INSERT INTO products_fts(rowid, name, sku) VALUES (new.id, new.name, new.sku); END",
    "CREATE TRIGGER products_fts_ad AFTER DELETE ON products BEGIN "
    "INSERT INTO products_fts(products_fts, rowid, name, sku) "
    "VALUES ('delete', old.id, old.name, old.sku); END",
    "CREATE TRIGGER products_fts_au AFTER UPDATE OF name, sku ON products BEGIN "
    "INSERT INTO products_fts(products_fts, rowid, name, sku) "
    "VALUES ('delete', old.id, old.name, old.sku); "
    "INSERT INTO products_fts(rowid, name, sku) VALUES (new.id, new.name, new.sku); END",
)

_INSERT_PRODUCT = (
    "INSERT INTO products (id, sku, name, department, tax_class, price_minor, sold_by_weight, "
    "active) VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
)
_INSERT_BARCODE = "INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)"

STORE_NAME = "OmniTill Demo Store"
STORE_ADDRESS = "12 Rue du Marché\n75011 Paris"
STORE_FOOTER = "Thank you for shopping with us!\nReturns within 30 days with this receipt."
TAX_RATES = (
    ("standard", "0.20", "VAT 20%"),
    ("reduced", "0.055", "VAT 5.5%"),
    ("zero", "0", "VAT 0%"),
)


@dataclass(frozen=True)
class DemoDataReport:
    products: int
    barcodes: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.products / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class FeaturedProduct:
    """One of the fixed first products, so demos and tests can rely on known codes."""

    sku: str
    name: str
    barcode: str
    department: str
    price_minor: int
    sold_by_weight: bool = False


_TAX_CLASS = {d.name: d.tax_class for d in DEPARTMENTS}


def _ean13(body: str) -> str:
    return body + str(ean.calc_check_digit(body))


def _retail_barcode(item_ref: int) -> str:
    return _ean13(f"{_COMPANY_PREFIX}{item_ref:09d}")


def _weight_lookup_code(item_code: int) -> str:
    return _ean13(f"{_WEIGHT_PREFIX}{item_code:05d}00000")


def _sku(product_id: int) -> str:
    return f"SKU-{product_id:07d}"


# (name, department, price_minor, sold_by_weight) of products 1..20, in order.
_FEATURED_SPEC: tuple[tuple[str, str, int, bool], ...] = (
    ("Nordvik Arabica Coffee Beans 500 g", "grocery", 899, False),
    ("Alpenhof Whole Milk 1 L", "dairy", 119, False),
    ("Bananas per kg", "produce", 199, True),
    ("Maison Dorée Sourdough Loaf 800 g", "bakery", 349, False),
    ("Northline White Cotton T-Shirt M", "clothing", 1299, False),
    ("Voltis AA Alkaline Batteries 4-pack", "electronics", 549, False),
    ("Nordvik Organic Oat Milk 1 L", "dairy", 219, False),
    ("Alpenhof Free-Range Eggs 6-pack", "dairy", 289, False),
    ("Alpenhof Salted Butter 250 g", "dairy", 259, False),
    ("Gala Apples per kg", "produce", 249, True),
    ("Sunvale Orange Juice 1 L", "beverages", 229, False),
    ("Casa Verde Spaghetti 500 g", "grocery", 119, False),
    ("Clearbrook Still Mineral Water 6 x 1.5 L", "beverages", 299, False),
    ("Brightwash Dishwasher Tablets 40 pcs", "household", 899, False),
    ("Softleaf Toilet Tissue 9 rolls", "household", 449, False),
    ("Mintura Fresh Mint Toothpaste 75 ml", "health & beauty", 219, False),
    ("Lumen LED Bulb E27 9 W", "electronics", 499, False),
    ("Cacao Fino Dark Chocolate 100 g", "grocery", 189, False),
    ("The Quiet Harbour (Paperback)", "books", 899, False),
    ("Daily Courier Newspaper", "press", 250, False),
)


def _featured() -> tuple[FeaturedProduct, ...]:
    out: list[FeaturedProduct] = []
    weighed_code = 0
    for product_id, (name, department, price, weighed) in enumerate(_FEATURED_SPEC, start=1):
        if weighed:
            weighed_code += 1
            barcode = _weight_lookup_code(weighed_code)
        else:
            barcode = _retail_barcode(product_id)
        out.append(FeaturedProduct(_sku(product_id), name, barcode, department, price, weighed))
    return tuple(out)


# Products 1..20 of every demo catalog, whatever the seed: the coffee is always SKU-0000001
# with barcode 3790000000013 and the bananas always scan from a "21 00001 ....." weight label.
DEMO_FEATURED: tuple[FeaturedProduct, ...] = _featured()
_FEATURED_WEIGHED = sum(1 for f in DEMO_FEATURED if f.sold_by_weight)


def _price(rnd: float, shape: float, low: int, high: int) -> int:
    """A shelf price in [low, high] that ends the way shop prices do (mostly 9, 5 or 0)."""
    base = low + int(rnd * (high - low))
    if base >= 2000:  # from 20.00 up, prices are whole units: 24.99, 24.95, 25.00
        whole = (base // 100 + 1) * 100
        if shape < 0.6:
            return whole - 1
        if shape < 0.8:
            return whole - 5
        return whole if shape < 0.95 else base
    tens = base // 10 * 10
    if shape < 0.65:
        return tens + 9
    if shape < 0.85:
        return tens + 5
    return tens if shape < 0.95 else base


@dataclass(frozen=True)
class _Prepared:
    """A department flattened for the hot loop: name parts pre-spaced, prices inline."""

    name: str
    tax_class: str
    brands: tuple[str, ...]
    variants: tuple[str, ...]  # "" or "Organic "
    kinds: tuple[tuple[str, tuple[str, ...], int, int], ...]  # noun, " 1 L" sizes, low, high
    weighed_share: float
    per_kg: tuple[int, int]


def _prepare(d: Department, index: int) -> _Prepared:
    brands = d.brands * 2  # the hand-picked brands stay the most frequent
    if d.house_brands:
        # Overlapping slices: like real brands, some appear in two departments.
        start = index * HOUSE_BRANDS_PER_DEPARTMENT // 2
        brands += (HOUSE_BRANDS * 2)[start : start + HOUSE_BRANDS_PER_DEPARTMENT]
    return _Prepared(
        name=d.name,
        tax_class=d.tax_class,
        brands=brands,
        variants=tuple(f"{v} " if v else "" for v in d.variants),
        kinds=tuple(
            (k.noun, tuple(f" {s}" if s else "" for s in k.sizes), k.low, k.high) for k in d.kinds
        ),
        weighed_share=d.weighed_share,
        per_kg=d.per_kg,
    )


def _department_table() -> tuple[_Prepared, ...]:
    """One entry per percent, so picking a department is a single index."""
    table = tuple(p for i, d in enumerate(DEPARTMENTS) for p in [_prepare(d, i)] * d.share)
    assert len(table) == 100, "department shares must add up to 100"
    return table


ProductRow = tuple[int, str, str, str, str, int, int]
BarcodeRow = tuple[str, int]


def _featured_rows(count: int) -> tuple[list[ProductRow], list[BarcodeRow]]:
    products: list[ProductRow] = []
    barcodes: list[BarcodeRow] = []
    for product_id, f in enumerate(DEMO_FEATURED[:count], start=1):
        products.append(
            (
                product_id,
                f.sku,
                f.name,
                f.department,
                _TAX_CLASS[f.department],
                f.price_minor,
                int(f.sold_by_weight),
            )
        )
        barcodes.append((f.barcode, product_id))
    return products, barcodes


def _generated_rows(
    first_id: int, last_id: int, seed: int
) -> Iterator[tuple[list[ProductRow], list[BarcodeRow]]]:
    """Products first_id..last_id in batches; everything random comes from one seeded stream."""
    rnd = random.Random(seed).random
    table = _department_table()
    weighed_code = _FEATURED_WEIGHED
    second_ref = _SECOND_BARCODE_BASE
    calc = ean.calc_check_digit
    for start in range(first_id, last_id + 1, _BATCH):
        products: list[ProductRow] = []
        barcodes: list[BarcodeRow] = []
        add_product = products.append
        add_barcode = barcodes.append
        for product_id in range(start, min(start + _BATCH, last_id + 1)):
            dept = table[int(rnd() * 100)]
            kinds = dept.kinds
            noun, sizes, low, high = kinds[int(rnd() * len(kinds))]
            variants = dept.variants
            variant = variants[int(rnd() * len(variants))]
            # Past 99,999 weighed items the label has no room for another item code; the rest
            # are sold by the unit.
            if (
                dept.weighed_share
                and rnd() < dept.weighed_share
                and weighed_code < _MAX_WEIGHED_ITEM_CODE
            ):
                weighed_code += 1
                name = f"{variant}{noun} per kg"
                price = _price(rnd(), rnd(), *dept.per_kg)
                add_product(
                    (product_id, _sku(product_id), name, dept.name, dept.tax_class, price, 1)
                )
                body = f"{_WEIGHT_PREFIX}{weighed_code:05d}00000"
                add_barcode((body + str(calc(body)), product_id))
                continue
            brands = dept.brands
            name = (
                f"{brands[int(rnd() * len(brands))]} {variant}{noun}"
                f"{sizes[int(rnd() * len(sizes))]}"
            )
            price = _price(rnd(), rnd(), low, high)
            add_product((product_id, _sku(product_id), name, dept.name, dept.tax_class, price, 0))
            body = f"{_COMPANY_PREFIX}{product_id:09d}"
            add_barcode((body + str(calc(body)), product_id))
            if rnd() < _SECOND_BARCODE_SHARE:
                second_ref += 1
                body = f"{_COMPANY_PREFIX}{second_ref:09d}"
                add_barcode((body + str(calc(body)), product_id))
        yield products, barcodes


def _write_store(cur: sqlite3.Cursor, store_id: str, till_id: str) -> None:
    cur.execute(
        "INSERT OR REPLACE INTO store_profile (id, store_id, till_id, store_name, address, "
        "currency, tax_mode, cash_rounding_step, receipt_footer) "
        "VALUES (1, ?, ?, ?, ?, 'EUR', 'inclusive', '0.05', ?)",
        (store_id, till_id, STORE_NAME, STORE_ADDRESS, STORE_FOOTER),
    )
    # The new catalog uses exactly these classes; a leftover class from an earlier setup would
    # only be a trap for the next product someone adds by hand.
    cur.execute("DELETE FROM tax_rates")
    cur.executemany("INSERT INTO tax_rates (tax_class, rate, label) VALUES (?, ?, ?)", TAX_RATES)


def _load(
    conn: sqlite3.Connection, products: int, seed: int, store_id: str, till_id: str
) -> tuple[int, int]:
    cur = conn.cursor()
    written_products = 0
    written_barcodes = 0
    cur.execute("BEGIN IMMEDIATE")
    try:
        for name in _FTS_TRIGGER_NAMES:
            cur.execute(f"DROP TRIGGER IF EXISTS {name}")
        cur.execute("DELETE FROM product_barcodes")
        cur.execute("DELETE FROM products")
        featured_products, featured_barcodes = _featured_rows(min(products, len(DEMO_FEATURED)))
        batches = _generated_rows(len(DEMO_FEATURED) + 1, products, seed)
        # chain, not a list: the batches are generated as they are written, never all held.
        for product_rows, barcode_rows in chain([(featured_products, featured_barcodes)], batches):
            cur.executemany(_INSERT_PRODUCT, product_rows)
            cur.executemany(_INSERT_BARCODE, barcode_rows)
            written_products += len(product_rows)
            written_barcodes += len(barcode_rows)
        # 'rebuild' re-reads the whole content table, so rows of the replaced catalog vanish
        # from the index too.
        cur.execute("INSERT INTO products_fts(products_fts) VALUES ('rebuild')")
        for sql in _FTS_TRIGGERS_SQL:
            cur.execute(sql)
        _write_store(cur, store_id, till_id)
        cur.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            cur.execute("ROLLBACK")
        raise
    finally:
        cur.close()
    return written_products, written_barcodes


def generate_demo_data(
    engine: Engine,
    products: int,
    *,
    seed: int = 1,
    store_id: str = "demo-store",
    till_id: str = "till-1",
) -> DemoDataReport:
    """Write the demo store profile, VAT rates and a catalog of ``products`` items.

    The database must already be migrated to head and ``engine`` must be a writer engine
    (``create_till_engine(path, writer=True)``). The same seed always gives the same catalog.
    """
    if isinstance(products, bool) or not isinstance(products, int):
        raise TypeError("products must be an int")
    if not 0 <= products <= MAX_PRODUCTS:
        raise ValueError(f"products must be between 0 and {MAX_PRODUCTS:,}, got {products:,}")
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        if not isinstance(conn, sqlite3.Connection):
            raise TypeError("demo data can only be written to a SQLite till database")
        # Rows arrive in key order, so the default page cache suffices (a 128 MB cache was
        # measured: no faster, 140 MB more memory). synchronous stays FULL: with one
        # transaction that is a single fsync, and the file may hold real sales.
        counts = _load(conn, products, seed, store_id, till_id)
        # One big transaction leaves a WAL file as large as the catalog; folding it back now
        # keeps the next start from replaying it. Busy readers only make this partial.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()
    return DemoDataReport(counts[0], counts[1], time.perf_counter() - started)
