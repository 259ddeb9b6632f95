"""Bench c) completing a sale (one durable transaction), against a bare SQLite FULL commit."""

from __future__ import annotations

import random
import sqlite3
from decimal import ROUND_CEILING
from pathlib import Path
from typing import Any

from bench.common import WARMUP, BenchResult, Row, Skip, Stat, measure_interleaved, progress

SALES = 1_000
BUDGET_MS = 10.0
BUDGET_RATIO = 10.0
# Roughly what a sale row plus its lines weighs, so the floor writes a comparable page.
_FLOOR_PAYLOAD = "x" * 600


def _imports() -> dict[str, Any]:
    try:
        from pos_app.db.catalog_repo import SqlCatalog
        from pos_app.db.engine import create_till_engine, make_session_factory
        from pos_app.domain.money import Money
        from pos_app.domain.sale.tenders import Tender, TenderKind
        from pos_app.services.sale.checkout import CheckoutService
        from pos_app.services.store.till_context import load_till_context
    except ImportError as exc:
        raise Skip(f"checkout not importable yet ({exc})") from exc
    return {
        "SqlCatalog": SqlCatalog,
        "create_till_engine": create_till_engine,
        "make_session_factory": make_session_factory,
        "Money": Money,
        "Tender": Tender,
        "TenderKind": TenderKind,
        "CheckoutService": CheckoutService,
        "load_till_context": load_till_context,
    }


def _unit_skus(conn: sqlite3.Connection, count: int, rng: random.Random) -> list[str]:
    """Random SKUs sold per unit (a weighed item needs a weight, which add_by_sku lacks)."""
    (top,) = conn.execute("SELECT max(id) FROM products").fetchone()
    if not top:
        raise Skip("the catalog is empty")
    skus: list[str] = []
    while len(skus) < count:
        row = conn.execute(
            "SELECT sku FROM products WHERE id = ? AND active AND NOT sold_by_weight",
            (rng.randint(1, top),),
        ).fetchone()
        if row is not None:
            skus.append(row[0])
    return skus


def _open_floor(path: Path) -> sqlite3.Connection:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
    return conn


def bench_sale(db: Path, seed: int) -> BenchResult:
    m = _imports()
    rng = random.Random(seed + 2)
    plain = sqlite3.connect(db)
    try:
        skus = _unit_skus(plain, (SALES + WARMUP) * 5, rng)
    finally:
        plain.close()

    engine = m["create_till_engine"](db, writer=True)
    factory = m["make_session_factory"](engine)
    floor_conn = _open_floor(db.parent / "floor.sqlite3")
    try:
        # Baskets are filled beforehand: only the completion (and its commit) is measured.
        with factory() as session:
            context = m["load_till_context"](session)
            catalog = m["SqlCatalog"](session, context.currency)
            jobs: list[tuple[Any, list[Any]]] = []
            pos = 0
            for _ in range(SALES + WARMUP):
                basket = context.new_basket()
                for _ in range(rng.randint(3, 5)):
                    basket.add_by_sku(skus[pos], catalog)
                    pos += 1
                total = basket.totals().total
                # Cash, the total rounded up to a whole unit: always enough, usually with change.
                cash = m["Money"](total.amount.to_integral_value(ROUND_CEILING), context.currency)
                jobs.append((basket, [m["Tender"](m["TenderKind"].CASH, cash)]))
        service = m["CheckoutService"]()

        def complete(job: tuple[Any, list[Any]]) -> object:
            basket, tenders = job
            with factory.begin() as session:
                return service.complete_sale(
                    session, basket=basket, tenders=tenders, cashier="bench", context=context
                )

        def floor(_job: object) -> object:
            floor_conn.execute("BEGIN IMMEDIATE")
            floor_conn.execute("INSERT INTO scratch (payload) VALUES (?)", (_FLOOR_PAYLOAD,))
            return floor_conn.execute("COMMIT")

        progress(f"{SALES:,} sales, each followed by a bare INSERT + COMMIT floor")
        samples = measure_interleaved(
            {"sale": complete, "floor": floor}, jobs[WARMUP:], jobs[:WARMUP]
        )
    finally:
        floor_conn.close()
        engine.dispose()

    sale = Stat.of_ns(samples["sale"])
    base = Stat.of_ns(samples["floor"])
    ratio = sale.p99_ms / base.p99_ms if base.p99_ms > 0 else float("inf")
    result = BenchResult("sale")
    result.rows.append(
        Row(
            "CheckoutService.complete_sale + commit",
            sale,
            f"p99 ≤ {BUDGET_MS:g} ms, ≤ {BUDGET_RATIO:g}× floor",
            sale.p99_ms <= BUDGET_MS and ratio <= BUDGET_RATIO,
            f"p99 = {ratio:.1f}× floor p99",
        )
    )
    result.rows.append(Row("  floor: bare INSERT + COMMIT, WAL, FULL", base))
    result.extra["p99_ratio_to_floor"] = round(ratio, 2)
    result.extra["lines_per_sale"] = "3-5"
    return result
