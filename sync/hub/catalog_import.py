"""``omnitill hub import-catalog``: a head-office CSV into products and the chain-wide feed.

Columns (header row required): ``sku``, ``name``, ``price`` (decimal, major units, e.g.
``12.99``) or ``price_minor``; optional ``department``, ``tax_class`` (default ``standard``),
``barcodes`` (space-separated), ``sold_by_weight`` and ``active`` (1/0, true/false, yes/no).

The file is checked completely first, so a typo on line 900,000 changes nothing. Then it is
written in chunks, each one transaction: rows land in a staging table (COPY on PostgreSQL,
executemany on SQLite), unchanged products are dropped, the rest are upserted and get one feed
row each. Chunks keep the feed lock short, so tills pushing sales are never held up for
long; re-running an interrupted import is safe (unchanged rows are skipped). A SKU listed twice
in one chunk: the later row wins.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, text

from sync.hub import feed
from sync.hub.db import HubDatabase
from sync.hub.errors import Invalid
from sync.hub.models import CHAIN_SCOPE

CHUNK_ROWS = 50_000
MAX_REPORTED_ERRORS = 20
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "t"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "f", ""})
BARCODE = re.compile(r"^[0-9A-Za-z]{1,32}$")
SKU = re.compile(r"^\S{1,64}$")
COLUMNS = (
    "sku",
    "name",
    "department",
    "tax_class",
    "price_minor",
    "sold_by_weight",
    "active",
    "barcodes",
    "barcodes_json",
)
Row = tuple[str, str, str, str, int, bool, bool, str, str]
Progress = Callable[[int, int, float], None]

_STAGING_DDL = (
    "CREATE TEMP TABLE IF NOT EXISTS import_staging (sku VARCHAR(64), name VARCHAR(200), "
    "department VARCHAR(64), tax_class VARCHAR(32), price_minor BIGINT, sold_by_weight BOOLEAN, "
    "active BOOLEAN, barcodes TEXT, barcodes_json TEXT)"
)
_DROP_UNCHANGED = (
    "DELETE FROM import_staging WHERE EXISTS (SELECT 1 FROM products p "
    "WHERE p.sku = import_staging.sku AND p.name = import_staging.name "
    "AND p.department = import_staging.department AND p.tax_class = import_staging.tax_class "
    "AND p.price_minor = import_staging.price_minor "
    "AND p.sold_by_weight = import_staging.sold_by_weight "
    "AND p.active = import_staging.active AND p.barcodes = import_staging.barcodes)"
)
# "WHERE true": SQLite needs it to tell ON CONFLICT from a join condition after SELECT.
_UPSERT = (
    "INSERT INTO products (sku, name, department, tax_class, price_minor, sold_by_weight, "
    "active, barcodes) SELECT sku, name, department, tax_class, price_minor, sold_by_weight, "
    "active, barcodes FROM import_staging WHERE true ON CONFLICT (sku) DO UPDATE SET "
    "name = excluded.name, department = excluded.department, tax_class = excluded.tax_class, "
    "price_minor = excluded.price_minor, sold_by_weight = excluded.sold_by_weight, "
    "active = excluded.active, barcodes = excluded.barcodes"
)
_FEED_DATA = {
    "postgresql": (
        "json_build_object('sku', sku, 'name', name, 'department', department, "
        "'tax_class', tax_class, 'price_minor', price_minor, 'sold_by_weight', sold_by_weight, "
        "'active', active, 'barcodes', barcodes_json::json, "
        "'prices', (SELECT p.prices FROM products p WHERE p.sku = import_staging.sku)::json"
        ")::text"
    ),
    "sqlite": (
        "json_object('sku', sku, 'name', name, 'department', department, "
        "'tax_class', tax_class, 'price_minor', price_minor, "
        "'sold_by_weight', json(CASE WHEN sold_by_weight THEN 'true' ELSE 'false' END), "
        "'active', json(CASE WHEN active THEN 'true' ELSE 'false' END), "
        "'barcodes', json(barcodes_json), "
        "'prices', json((SELECT p.prices FROM products p WHERE p.sku = import_staging.sku)))"
    ),
}

_COPY_STAGING = "COPY import_staging (" + ", ".join(COLUMNS) + ") FROM STDIN"
_INSERT_STAGING = (
    "INSERT INTO import_staging (sku, name, department, tax_class, price_minor, "
    "sold_by_weight, active, barcodes, barcodes_json) VALUES (:sku, :name, :department, "
    ":tax_class, :price_minor, :sold_by_weight, :active, :barcodes, :barcodes_json)"
)
# Built from the constant expressions above only; no input ever reaches this text.
_INSERT_FEED = {
    dialect: "INSERT INTO feed (scope, kind, key, data) SELECT :scope, 'product', sku, "  # noqa: S608
    + expression
    + " FROM import_staging ORDER BY sku"
    for dialect, expression in _FEED_DATA.items()
}


@dataclass(frozen=True)
class ImportReport:
    rows: int
    changed: int
    seconds: float


def _flag(value: str | None, default: bool, line: int, column: str) -> bool:
    word = (value or "").strip().lower()
    if not word:
        return default
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{column} must be 1/0, true/false or yes/no, not {value!r}")


def _price_minor(record: dict[str, str | None]) -> int:
    if record.get("price_minor") not in (None, ""):
        value = Decimal(str(record["price_minor"]).strip())
        if value != value.to_integral_value():
            raise ValueError(f"price_minor must be whole, not {record['price_minor']!r}")
    else:
        value = Decimal(str(record.get("price") or "").strip()) * 100
        if value != value.to_integral_value():
            raise ValueError(f"price {record.get('price')!r} has more than 2 decimals")
    if not 0 <= value <= 10**12:
        raise ValueError("price must be between 0 and 10,000,000,000")
    return int(value)


def parse_row(record: dict[str, str | None], line: int) -> Row:
    """One CSV record to a product row; ValueError with what is wrong."""
    sku = (record.get("sku") or "").strip()
    if not SKU.match(sku):
        raise ValueError(f"sku {sku!r} must be 1-64 characters without spaces")
    name = (record.get("name") or "").strip()
    if not 1 <= len(name) <= 200:
        raise ValueError("name must be 1-200 characters")
    department = (record.get("department") or "").strip()[:64]
    tax_class = (record.get("tax_class") or "").strip() or "standard"
    if len(tax_class) > 32:
        raise ValueError("tax_class is longer than 32 characters")
    try:
        price = _price_minor(record)
    except InvalidOperation:
        raise ValueError(f"price {record.get('price')!r} is not a number") from None
    codes = (record.get("barcodes") or "").split()
    bad = [c for c in codes if not BARCODE.match(c)]
    if bad:
        raise ValueError(f"barcode {bad[0][:40]!r} is not 1-32 letters or digits")
    weighed = _flag(record.get("sold_by_weight"), False, line, "sold_by_weight")
    active = _flag(record.get("active"), True, line, "active")
    codes_json = '["' + '","'.join(codes) + '"]' if codes else "[]"
    return (sku, name, department, tax_class, price, weighed, active, " ".join(codes), codes_json)


def _records(stream: TextIO) -> Iterator[tuple[int, dict[str, str | None]]]:
    reader = csv.DictReader(stream)
    fields = set(reader.fieldnames or ())
    missing = {"sku", "name"} - fields
    if missing or not fields & {"price", "price_minor"}:
        need = sorted(missing) + ([] if fields & {"price", "price_minor"} else ["price"])
        raise Invalid(f"the CSV header lacks {', '.join(need)} (found: {sorted(fields)})")
    for record in reader:
        yield reader.line_num, record


def check_rows(path: Path, max_errors: int = MAX_REPORTED_ERRORS) -> tuple[int, list[str]]:
    """Every row checked: the row count and the first ``max_errors`` problems, one a row
    ("line N: what is wrong"). The console shows them as the import's error report."""
    errors: list[str] = []
    count = 0
    with path.open(newline="", encoding="utf-8-sig") as stream:
        for line, record in _records(stream):
            count += 1
            try:
                parse_row(record, line)
            except ValueError as exc:
                if len(errors) < max_errors:
                    errors.append(f"line {line}: {exc}")
    return count, errors


def check_file(path: Path) -> int:
    """Validate every row; returns the row count or raises Invalid listing the first errors."""
    count, errors = check_rows(path)
    if errors:
        raise Invalid("the catalog was not imported:\n  " + "\n  ".join(errors))
    return count


def product_document(row: Row) -> dict[str, Any]:
    """A product's feed document: the same object ``_FEED_DATA`` builds in SQL for an import,
    for a product changed on its own (the console's product page)."""
    sku, name, department, tax_class, price, weighed, active, barcodes, _ = row
    return {"sku": sku, "name": name, "department": department, "tax_class": tax_class,
            "price_minor": price, "sold_by_weight": weighed, "active": active,
            "barcodes": barcodes.split()}  # fmt: skip


def _fill_staging(conn: Connection, rows: list[Row]) -> None:
    conn.execute(text("DELETE FROM import_staging"))
    if conn.dialect.name == "postgresql":
        cursor: Any = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(_COPY_STAGING) as copy:
            for row in rows:
                copy.write_row(row)
        return
    conn.execute(
        text(_INSERT_STAGING),
        [dict(zip(COLUMNS, row, strict=True)) for row in rows],
    )


def _write_chunk(conn: Connection, rows: list[Row]) -> int:
    unique = list({row[0]: row for row in rows}.values())  # later rows win
    with conn.begin():
        _fill_staging(conn, unique)
        conn.execute(text(_DROP_UNCHANGED))
        changed = int(conn.execute(text("SELECT count(*) FROM import_staging")).scalar_one())
        if changed:
            conn.execute(text(_UPSERT))
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": feed.FEED_LOCK_KEY})
            conn.execute(
                text(_INSERT_FEED[conn.dialect.name]),
                {"scope": CHAIN_SCOPE},
            )
            if conn.dialect.name == "postgresql":
                conn.execute(
                    text("SELECT pg_notify(:channel, :scope)"),
                    {"channel": feed.NOTIFY_CHANNEL, "scope": CHAIN_SCOPE},
                )
    return changed


def import_catalog(
    db: HubDatabase,
    path: Path,
    *,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportReport:
    started = time.perf_counter()
    total = check_file(path)
    done = changed = 0
    with db.engine.connect() as conn, path.open(newline="", encoding="utf-8-sig") as stream:
        with conn.begin():
            conn.execute(text(_STAGING_DDL))
        chunk: list[Row] = []
        for line, record in _records(stream):
            chunk.append(parse_row(record, line))
            if len(chunk) >= chunk_rows:
                changed += _write_chunk(conn, chunk)
                done += len(chunk)
                chunk = []
                if progress is not None:
                    progress(done, total, time.perf_counter() - started)
        if chunk:
            changed += _write_chunk(conn, chunk)
            done += len(chunk)
        if progress is not None:
            progress(done, total, time.perf_counter() - started)
        if changed and conn.dialect.name == "postgresql":
            # Fresh statistics now, not when autovacuum gets round to it: without them the
            # planner guesses on tables that just grew by a million rows.
            conn.execute(text("ANALYZE products, feed"))
            conn.commit()
    return ImportReport(rows=done, changed=changed, seconds=time.perf_counter() - started)
