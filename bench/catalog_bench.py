"""Benches a) barcode look-up (and the whole scan) and b) name type-ahead, each with its floor."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import WARMUP, BenchResult, Row, Skip, Stat, measure_interleaved, progress

LOOKUPS = 5_000
SEARCHES = 500
SCAN_BUDGET_MS = 5.0
SEARCH_BUDGET_MS = 30.0
LINES_PER_BASKET = 50

_FLOOR_LOOKUP = (
    "SELECT p.id, p.sku, p.name, p.price_minor, p.tax_class, p.department, p.sold_by_weight "
    "FROM product_barcodes pb JOIN products p ON p.id = pb.product_id WHERE pb.barcode = ?"
)
_FLOOR_SEARCH_RANKED = (
    "SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 20"
)
_FLOOR_SEARCH_UNRANKED = "SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT 20"
_WORD = re.compile(r"[^\W\d_]{3,}")


def _open_plain(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    return conn


def _random_barcodes(conn: sqlite3.Connection, count: int, rng: random.Random) -> list[str]:
    (top,) = conn.execute("SELECT max(rowid) FROM product_barcodes").fetchone()
    if not top:
        raise Skip("the catalog has no barcodes")
    codes: list[str] = []
    while len(codes) < count:
        row = conn.execute(
            "SELECT barcode FROM product_barcodes WHERE rowid = ?", (rng.randint(1, top),)
        ).fetchone()
        if row is not None:
            codes.append(row[0])
    return codes


def _scale_label(lookup_code: str, grams: int) -> str:
    from stdnum import ean

    body = lookup_code[:7] + f"{grams:05d}"
    return body + str(ean.calc_check_digit(body))


def _sql_catalog() -> Any:
    try:
        from pos_app.db.catalog_repo import SqlCatalog
    except ImportError as exc:
        raise Skip(f"pos_app.db.catalog_repo not importable ({exc})") from exc
    return SqlCatalog


def _currency(session: Any) -> Any:
    """The till's currency as the app reads it, or EUR while till_context does not exist."""
    try:
        from pos_app.services.store.till_context import load_till_context
    except ImportError:
        from pos_app.domain.money import EUR

        return EUR
    return load_till_context(session).currency


def bench_lookup(db: Path, seed: int) -> BenchResult:
    from pos_app.db.engine import create_till_engine, make_session_factory

    sql_catalog = _sql_catalog()
    rng = random.Random(seed)
    plain = _open_plain(db)
    result = BenchResult("lookup")
    try:
        warm = _random_barcodes(plain, WARMUP * 5, rng)
        codes = _random_barcodes(plain, LOOKUPS, rng)
        # Catalog reads run on a reader engine, as on the till.
        engine = create_till_engine(db, writer=False)
        try:
            with make_session_factory(engine)() as session:
                catalog = sql_catalog(session, _currency(session))

                def repo(code: str) -> object:
                    item = catalog.by_barcode(code)
                    assert item is not None, code
                    return item

                def floor(code: str) -> object:
                    row = plain.execute(_FLOOR_LOOKUP, (code,)).fetchone()
                    assert row is not None, code
                    return row

                progress(f"{LOOKUPS:,} barcode look-ups, interleaved with the bare SQL floor")
                samples = measure_interleaved({"repo": repo, "floor": floor}, codes, warm)
                result.rows.append(
                    _budgeted("SqlCatalog.by_barcode", Stat.of_ns(samples["repo"]), SCAN_BUDGET_MS)
                )
                result.rows[-1].budget = f"p99 ≤ {SCAN_BUDGET_MS:g} ms (whole scan)"
                result.rows.append(Row("  floor: bare sqlite3 join", Stat.of_ns(samples["floor"])))
                result.rows.append(_scan_row(session, catalog, codes, warm))
        finally:
            engine.dispose()
    finally:
        plain.close()
    return result


def _scan_row(session: Any, catalog: Any, codes: list[str], warm: list[str]) -> Row:
    """Scanner burst → line in the basket model: parse, look up, add
    (docs/architecture.md §9 'scan')."""
    try:
        from pos_app.domain.barcodes import VariableMeasureConfig
        from pos_app.domain.sale.basket import Basket
        from pos_app.services.store.till_context import load_till_context
    except ImportError as exc:
        return Row("scan → basket line", note=f"skipped: not importable ({exc})")

    config = VariableMeasureConfig.default()
    context = load_till_context(session)
    rng = random.Random(len(codes))
    # A weighed item's stored code has zero grams; the scale prints the weight into the label.
    labels = [
        _scale_label(code, rng.randint(80, 2500)) if code.startswith("2") else code
        for code in codes
    ]
    warm_labels = [_scale_label(c, 500) if c.startswith("2") else c for c in warm]
    holder: list[Basket] = []

    def fresh() -> None:
        holder.clear()
        holder.append(Basket(context.currency, context.tax_mode, context.tax_rates))

    fresh()
    counter = [0]

    def scan(raw: str) -> object:
        counter[0] += 1
        if counter[0] % LINES_PER_BASKET == 0:
            fresh()  # a real basket holds tens of lines, not thousands
        return holder[0].add_by_barcode(raw, catalog, config)

    progress(f"{len(labels):,} scans into a basket")
    samples = measure_interleaved({"scan": scan}, labels, warm_labels)
    return _budgeted("scan → basket line", Stat.of_ns(samples["scan"]), SCAN_BUDGET_MS)


def _budgeted(label: str, stat: Stat, budget_ms: float) -> Row:
    return Row(label, stat, f"p99 ≤ {budget_ms:g} ms", stat.p99_ms <= budget_ms)


def _typeahead_inputs(conn: sqlite3.Connection, count: int, rng: random.Random) -> list[str]:
    """What a cashier types: the first 3-6 letters of a word that occurs in product names."""
    (top,) = conn.execute("SELECT max(id) FROM products").fetchone()
    if not top:
        raise Skip("the catalog is empty")
    prefixes: list[str] = []
    while len(prefixes) < count:
        row = conn.execute("SELECT name FROM products WHERE id = ?", (rng.randint(1, top),))
        found = row.fetchone()
        if found is None:
            continue
        words = _WORD.findall(found[0])
        if not words:
            continue
        word = rng.choice(words)
        prefixes.append(word[: rng.randint(3, min(6, len(word)))].lower())
    return prefixes


def bench_search(db: Path, seed: int) -> BenchResult:
    from pos_app.db.engine import create_till_engine, make_session_factory

    sql_catalog = _sql_catalog()
    try:
        from pos_app.db.catalog_repo import fts_query
    except ImportError:

        def fts_query(user_text: str) -> str | None:
            return f'"{user_text}"*'

    rng = random.Random(seed + 1)
    plain = _open_plain(db)
    result = BenchResult("search")
    try:
        warm = _typeahead_inputs(plain, WARMUP, rng)
        prefixes = _typeahead_inputs(plain, SEARCHES, rng)
        engine = create_till_engine(db, writer=False)
        try:
            with make_session_factory(engine)() as session:
                catalog = sql_catalog(session, _currency(session))

                def floor_query(sql: str) -> Callable[[str], object]:
                    def run(text: str) -> object:
                        return plain.execute(sql, (fts_query(text),)).fetchall()

                    return run

                fns: dict[str, Callable[[str], object]] = {
                    "repo": lambda text: catalog.search(text, limit=20),
                    "ranked": floor_query(_FLOOR_SEARCH_RANKED),
                    "unranked": floor_query(_FLOOR_SEARCH_UNRANKED),
                }
                progress(f"{SEARCHES:,} type-ahead searches, interleaved with two FTS5 floors")
                samples = measure_interleaved(fns, prefixes, warm)
        finally:
            engine.dispose()
        (hits,) = plain.execute(
            "SELECT count(*) FROM products_fts WHERE products_fts MATCH ?",
            (fts_query(prefixes[0]),),
        ).fetchone()
    finally:
        plain.close()
    result.rows.append(
        _budgeted("SqlCatalog.search (limit 20)", Stat.of_ns(samples["repo"]), SEARCH_BUDGET_MS)
    )
    result.rows.append(
        Row("  floor: bare FTS5 MATCH, ORDER BY rank", Stat.of_ns(samples["ranked"]))
    )
    result.rows.append(Row("  floor: bare FTS5 MATCH, unranked", Stat.of_ns(samples["unranked"])))
    slowest = sorted(zip(samples["repo"], prefixes, strict=True), reverse=True)[:5]
    result.extra["slowest"] = [{"prefix": p, "ms": round(ns / 1e6, 2)} for ns, p in slowest]
    result.extra["example"] = {"prefix": prefixes[0], "matches": hits}
    return result
