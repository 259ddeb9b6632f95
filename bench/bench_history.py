"""The sale-history screen's queries on a till that holds years of sales (issue 17 point 3).

    .venv/bin/python bench/bench_history.py                  # 500,000 sales, ~1 minute
    .venv/bin/python bench/bench_history.py --sales 100000 --repeat 100

A throwaway till database (migrated to head) gets --sales sales and returns of one till over
three years, one line and one tender each, written with bare sqlite3 (fast); then each query of
pos_app/services/sale/history.py runs --repeat times through a real SQLAlchemy session on a
reader engine, interleaved with its floor: the same page read by bare sqlite3 on the primary
key (the fastest 50-row read the file allows). Printed: p50 / p99 / max per query, in ms, and
the query plan of the newest-first page (it must walk ix_sales_till_created, never sort).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import Stat, measure_interleaved  # noqa: E402
from pos_app.db import migrate  # noqa: E402
from pos_app.db.engine import create_till_engine, make_session_factory  # noqa: E402
from pos_app.domain.money import Currency  # noqa: E402
from pos_app.domain.tax import TaxMode  # noqa: E402
from pos_app.services.sale import history  # noqa: E402
from pos_app.services.sale.history import HistoryQuery  # noqa: E402
from pos_app.services.store.till_context import TillContext  # noqa: E402

TILL = "S1-T01"
Pick = tuple[str, int, str]  # a sampled sale: receipt number, total, created_at (ISO)
BUDGET_MS = 50.0  # a page the cashier waits for: "visible" like the pricing budget (§9)


def _fill(path: Path, sales: int, seed: int) -> list[tuple[str, int, str]]:
    """Write the sales; returns (receipt_no, total_minor, created_at) of a sample."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")  # set-up only; the queries run on a normal engine
    start = datetime(2023, 12, 1, 8, 0, tzinfo=UTC)
    step = timedelta(days=3 * 365) / sales
    rows, lines, tenders, sample = [], [], [], []
    for i in range(1, sales + 1):
        at = (start + step * i).isoformat(timespec="microseconds")
        total = rng.randrange(50, 20_000)
        kind = "return" if i % 40 == 0 else "sale"
        total = -total if kind == "return" else total
        receipt = f"{TILL}-{i:06d}"
        rows.append(
            (i, str(uuid.UUID(int=rng.getrandbits(128))), kind, "S1", TILL, receipt, i, at,
             "alice", "EUR", "inclusive", total, 0, total // 11, total, 0, total, 0, 0)
        )  # fmt: skip
        lines.append((i, i, 1, "SKU-1", "Mug", "home", "standard", 1000, abs(total),
                      abs(total), 0, 0, total, ""))  # fmt: skip
        tenders.append((i, i, 1, "cash", total))
        if i % max(sales // 200, 1) == 0:
            sample.append((receipt, total, at))
    conn.executemany(
        "INSERT INTO sales (id, uuid, kind, store_id, till_id, receipt_no, journal_seq,"
        " created_at, cashier, currency, tax_mode, subtotal_minor, discount_minor, tax_minor,"
        " total_minor, rounding_minor, paid_minor, change_minor, offline)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO sale_lines (id, sale_id, line_no, sku, name, department, tax_class,"
        " quantity_milli, unit_price_minor, gross_minor, line_discount_minor,"
        " basket_discount_minor, amount_minor, discount_reasons)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        lines,
    )
    conn.executemany(
        "INSERT INTO sale_tenders (id, sale_id, seq, kind, amount_minor) VALUES (?,?,?,?,?)",
        tenders,
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="omnitill-history-bench-"))
    path = folder / "till.sqlite3"
    writer = create_till_engine(path)
    migrate.upgrade(writer)
    writer.dispose()
    started = time.perf_counter()
    sample = _fill(path, args.sales, args.seed)
    print(f"{args.sales:,} sales written in {time.perf_counter() - started:.1f} s ({path})")

    reader = make_session_factory(create_till_engine(path, writer=False))
    eur = Currency("EUR", 2)
    ctx = TillContext(
        store_id="S1", till_id=TILL, store_name="Bench", store_lines=(), currency=eur,
        tax_mode=TaxMode.INCLUSIVE, tax_rates={}, cash_rounding_step=Decimal("0.01"), footer=(),
    )  # fmt: skip
    floor = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rng = random.Random(args.seed)
    picks = [rng.choice(sample) for _ in range(args.repeat)]
    with reader() as session:
        page = history.sales_page(session, ctx, HistoryQuery(), tz=UTC)
        for _ in range(100):
            assert page.next_after is not None
            page = history.sales_page(session, ctx, HistoryQuery(), tz=UTC, after=page.next_after)
        deep_after = page.next_after
        plan = (
            session.connection()
            .exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM sales WHERE till_id = ? "
                "ORDER BY created_at DESC, id DESC LIMIT 51",
                (TILL,),
            )
            .all()
        )
    print("plan of the newest-first page:", " | ".join(str(r[-1]) for r in plan))

    def run(
        query_of: Callable[[Pick], tuple[HistoryQuery, tuple[datetime, int] | None]],
    ) -> Callable[[Pick], object]:
        def one(pick: Pick) -> object:
            query, after = query_of(pick)
            with reader() as session:
                return history.sales_page(session, ctx, query, tz=UTC, after=after)

        return one

    def floor_page(_pick: tuple[str, int, str]) -> object:
        return floor.execute("SELECT * FROM sales ORDER BY id DESC LIMIT 51").fetchall()

    def detail(pick: tuple[str, int, str]) -> object:
        with reader() as session:
            return history.sale_detail(session, ctx, pick[0])

    benches = {
        "newest first (page 1)": run(lambda p: (HistoryQuery(), None)),
        "page 101 (keyset)": run(lambda p: (HistoryQuery(), deep_after)),
        "by receipt number": run(lambda p: (HistoryQuery(receipt_no=p[0]), None)),
        "by day": run(lambda p: (HistoryQuery(day=datetime.fromisoformat(p[2]).date()), None)),
        "by amount": run(lambda p: (HistoryQuery(amount_minor=abs(p[1])), None)),
        "detail (receipt from rows)": detail,
        "floor: bare sqlite3, 51 rows by rowid": floor_page,
    }
    samples = measure_interleaved(benches, picks, warmup_inputs=picks[:10])
    print(f"{'query':42} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    worst = 0.0
    for name, ns in samples.items():
        stat = Stat.of_ns(ns)
        if not name.startswith("floor"):
            worst = max(worst, stat.p99_ms)
        print(f"{name:42} {stat.n:>5} {stat.p50_ms:>8.2f} {stat.p99_ms:>8.2f} {stat.max_ms:>8.2f}")
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    print(f"worst p99 {worst:.2f} ms: {verdict} the {BUDGET_MS:.0f} ms budget")
    floor.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    folder.rmdir()


if __name__ == "__main__":
    main()
