"""Head-office console page times on PostgreSQL (issue 20): p95 per page at chain scale.

    .venv/bin/python bench/bench_console.py                     # 1,000,000 products, 500 tills,
                                                                # 100,000 web orders, ~3 minutes
    .venv/bin/python bench/bench_console.py --products 100000 --orders 20000 --repeat 20

A throwaway database (random name) on the server named by --pg-url (default:
$OMNITILL_TEST_PG_URL or the local server) is migrated, filled with COPY (stores, tills, their
sale events, customers, web orders, refund requests, products), then served by the real hub app
on loopback. Each page is fetched --repeat times by a signed-in admin and by a store manager;
the time is measured at the client (loopback HTTP included), so it bounds the server time from
above. The database is dropped at the end, unless --keep-db names it: then a database of that
name that exists already is only migrated to head (a new migration's backfill runs on it) and
reused, so a second run starts timing within seconds; drop it with
``DROP DATABASE <name> WITH (FORCE)``. --only PAGE (repeatable) times only the pages whose
path contains PAGE, e.g. ``--only reports``.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import requests
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import pg_bench_parser  # noqa: E402
from sync.hub import migrate  # noqa: E402 - after the path set-up above
from sync.hub.app import create_app  # noqa: E402
from sync.hub.console import accounts  # noqa: E402
from sync.hub.console.roles import Role  # noqa: E402
from sync.hub.context import Hub  # noqa: E402
from sync.hub.db import HubDatabase  # noqa: E402
from sync.hub.server import ServerThread  # noqa: E402
from sync.hub.settings import HubSettings  # noqa: E402

TILLS_PER_STORE = 10
PASSWORD = "bench password 1"
PAGES = [
    "/console/",
    "/console/orders",
    "/console/orders?status=ready",
    "/console/refunds",
    "/console/orders/{number}",
    "/console/tills",
    "/console/users",
    "/console/audit",
    # Issue 20's remaining pages: reports read the daily rollup, search the trigram indexes.
    "/console/reports",
    "/console/reports?start={quarter}&by=store&by=tender&by=department",
    "/console/reports?start={quarter}&by=day&by=channel",
    "/console/reports/sales.csv?start={quarter}&by=day&by=store&by=department",
    "/console/reports/days",
    "/console/catalog",
    "/console/catalog/search?q=Product 98765",
    "/console/catalog/search?q=SKU-00123",
    "/console/catalog/search?q=2000000765432",
    "/console/catalog/search?q=zzz",
    "/console/catalog/products/SKU-0000123",
    "/console/stock?store=st-001",
    "/console/promotions",
    "/console/promotions/P-0007",
    "/console/review",
    "/console/review/coupons",
    "/console/review/quarantine",
    "/console/review/notifications",
    "/console/staff",
    "/console/settings",
]
DEPARTMENTS = [f"dept-{i:02d}" for i in range(12)]
ROLLUP_DAYS = 120
STOCKED_SKUS = 2_000  # per store
CELLS = [("store", "*", "*"), *(("store", t, d) for t in ("cash", "card") for d in DEPARTMENTS),
         ("web", "*", "*"), *(("web", "online", d) for d in DEPARTMENTS)]  # fmt: skip
BUDGET_MS = 300.0


def copy_rows(conn: psycopg.Connection, table: str, columns: str, rows: Iterator[tuple]) -> int:
    count = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def fill(url: str, *, products: int, tills: int, orders: int, events_per_till: int) -> None:
    rng = random.Random(20)
    now = datetime.now(UTC)
    stores = max(1, tills // TILLS_PER_STORE)
    store_ids = [f"st-{i:03d}" for i in range(stores)]
    with psycopg.connect(url) as conn:
        copy_rows(
            conn,
            "stores",
            "store_id, name, currency, tax_mode, cash_rounding_step, created_at",
            ((s, f"Store {s}", "EUR", "inclusive", "0.01", now) for s in store_ids),
        )
        till_ids = [f"{s}-T{t:03d}" for s in store_ids for t in range(TILLS_PER_STORE)][:tills]
        copy_rows(
            conn,
            "tills",
            "till_id, store_id, name, token_hash, created_at",
            ((t, t[:6], "till", secrets.token_hex(32), now) for t in till_ids),
        )
        copy_rows(
            conn,
            "events",
            "event_id, store_id, till_id, kind, payload, received_at",
            (
                (
                    str(uuid.uuid4()),
                    t[:6],
                    t,
                    "sale.completed",
                    "{}",
                    now - timedelta(minutes=rng.randrange(0, 60 * 24 * 30)),
                )
                for t in till_ids
                for _ in range(events_per_till)
            ),
        )
        copy_rows(
            conn,
            "customers",
            "id, public_id, email, name, created_at",
            (
                (i, str(uuid.uuid4()), f"c{i}@example.com", f"Customer {i}", now)
                for i in range(1, orders + 1)
            ),
        )
        states = ["new", "picking", "ready", "collected", "collected", "collected", "cancelled"]
        line = json.dumps(
            [{"sku": "SKU-1", "name": "Mug", "quantity_milli": 1000, "unit_price_minor": 1250}]
        )
        copy_rows(
            conn,
            "web_orders",
            "id, number, store_id, customer_id, status, payment_status, pickup_code, "
            "currency, total_minor, lines, source, created_at, updated_at",
            (
                (
                    i,
                    f"W-{i:07d}",
                    rng.choice(store_ids),
                    i,
                    rng.choice(states),
                    "paid",
                    f"P{i:09d}",
                    "EUR",
                    1250,
                    line,
                    "api",
                    now - timedelta(minutes=rng.randrange(0, 60 * 24 * 60)),
                    now,
                )
                for i in range(1, orders + 1)
            ),
        )
        copy_rows(
            conn,
            "refund_requests",
            "order_number, store_id, amount_minor, currency, reason, status, created_at",
            (
                (
                    f"W-{i:07d}",
                    rng.choice(store_ids),
                    1250,
                    "EUR",
                    "order cancelled (online)",
                    "requested",
                    now,
                )
                for i in range(1, orders + 1, 20)
            ),
        )
        copy_rows(
            conn,
            "products",
            "sku, name, department, tax_class, price_minor, sold_by_weight, active, barcodes",
            (
                (
                    f"SKU-{i:07d}",
                    f"Product {i}",
                    DEPARTMENTS[i % len(DEPARTMENTS)],
                    "standard",
                    100 + i % 5000,
                    False,
                    True,
                    f"{2000000000000 + i}",
                )
                for i in range(products)
            ),
        )
        fill_issue20(conn, store_ids, rng, now)
        conn.execute("SELECT setval('customers_id_seq', %s)", (orders + 1,))
        conn.execute("SELECT setval('web_orders_id_seq', %s)", (orders + 1,))
        conn.execute("ANALYZE")


def fill_issue20(
    conn: psycopg.Connection, store_ids: list[str], rng: random.Random, now: datetime
) -> None:
    """The daily sales rollup (store × day × channel × tender × department, plus the per-sale
    total rows) and its sum by department, stock levels, promotions, staff, held events and
    failed notifications."""
    today = now.date()
    copy_rows(
        conn,
        "sales_daily",
        "day, store_id, channel, tender, department, sales, amount_minor",
        (
            (today - timedelta(days=d), s, channel, tender, dept, rng.randrange(1, 40),
             rng.randrange(1000, 400_000))
            for s in store_ids
            for d in range(ROLLUP_DAYS)
            for channel, tender, dept in CELLS
        ),
    )  # fmt: skip
    # What the rollup upsert keeps beside it (migration 0024 fills it the same way).
    conn.execute(
        "INSERT INTO sales_by_department (day, store_id, department, channel, sales, "
        "amount_minor) SELECT day, store_id, department, channel, SUM(sales), SUM(amount_minor) "
        "FROM sales_daily WHERE tender <> '*' GROUP BY day, store_id, department, channel"
    )
    copy_rows(
        conn,
        "stock_levels",
        "store_id, sku, quantity_milli, updated_at",
        ((s, f"SKU-{i:07d}", rng.randrange(-5, 200) * 1000, now)
         for s in store_ids for i in range(0, STOCKED_SKUS * 37, 37)),
    )  # fmt: skip
    rules = json.dumps({"kind": "percent", "value": "10", "departments": [DEPARTMENTS[0]]})
    copy_rows(
        conn,
        "promotions",
        "promo_id, store_id, data, updated_at",
        ((f"P-{i:04d}", None,
          json.dumps({"promo_id": f"P-{i:04d}", "name": f"Promotion {i}", "store_id": None,
                      "starts_at": None, "ends_at": None, "rules": json.loads(rules)}), now)
         for i in range(500)),
    )  # fmt: skip
    copy_rows(
        conn,
        "staff",
        "store_id, staff_code, name, role, pin_hash, active, updated_at",
        ((s, f"E{n:03d}", f"Person {n}", "associate", "x", True, now)
         for s in store_ids for n in range(12)),
    )  # fmt: skip
    copy_rows(
        conn,
        "events",
        "event_id, store_id, till_id, kind, payload, received_at, state, reasons",
        ((str(uuid.uuid4()), s, f"{s}-T000", "sale.completed",
          '{"totals": {"total_minor": 500}, "currency": "EUR"}', now, "quarantined",
          '["stock movement of SKU-1 is 1e+06"]') for s in store_ids for _ in range(4)),
    )  # fmt: skip
    copy_rows(
        conn,
        "customer_notifications",
        "order_number, store_id, kind, recipient_email, subject, body, status, created_at, "
        "attempts",
        ((f"W-{i:07d}", rng.choice(store_ids), "ready", f"c{i}@example.com", "Ready", "b",
          "failed" if i % 50 == 0 else "sent", now, 1) for i in range(1, 20_001)),
    )  # fmt: skip


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def main(argv: list[str] | None = None) -> int:
    parser = pg_bench_parser(__doc__)
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--tills", type=int, default=500)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--events-per-till", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--keep-db",
        metavar="NAME",
        help="build the database under this name once, keep it, and reuse it on later runs",
    )
    parser.add_argument(
        "--only",
        metavar="PAGE",
        action="append",
        default=[],
        help="time only the pages whose path contains PAGE (repeatable)",
    )
    args = parser.parse_args(argv)
    server = make_url(args.pg_url).set(drivername="postgresql")
    name = args.keep_db or f"omnitill_bench_{secrets.token_hex(4)}"
    admin_url = server.render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    db_url = server.set(database=name).render_as_string(hide_password=False)
    pages = [p for p in PAGES if not args.only or any(o in p for o in args.only)]
    try:
        db = HubDatabase(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
        started = time.perf_counter()
        migrate.upgrade(db.engine)
        if exists:
            print(f"reused {name}, migrated in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)  # fmt: skip
        else:
            build(db, db_url, args)
            print(f"filled in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        app = create_app(HubSettings(db_url=db.url, pool_size=5))
        thread = ServerThread(app).start()
        try:
            results = run_pages(thread.base_url, args.repeat, pages)
        finally:
            thread.stop()
        db.dispose()
    finally:
        if not args.keep_db:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    worst = max(ms for _, _, _, ms in results)
    for who, page, median, ms in results:
        print(f"{who:<8} {page:<72} p50 {median:7.1f} ms  p95 {ms:7.1f} ms")
    print(f"worst p95 {worst:.1f} ms (budget {BUDGET_MS:.0f} ms)")
    return 0 if worst <= BUDGET_MS else 1


def build(db: HubDatabase, db_url: str, args: argparse.Namespace) -> None:
    """The chain's data by COPY, then the two console users who time the pages."""
    fill(
        db_url,
        products=args.products,
        tills=args.tills,
        orders=args.orders,
        events_per_till=args.events_per_till,
    )
    hub = Hub(db=db)
    accounts.add_user(
        hub, email="admin@bench", role=Role.ADMIN, stores=[], password=PASSWORD, actor="bench"
    )
    accounts.add_user(
        hub,
        email="manager@bench",
        role=Role.STORE_MANAGER,
        stores=["st-001"],
        password=PASSWORD,
        actor="bench",
    )


def run_pages(base: str, repeat: int, pages: list[str]) -> list[tuple[str, str, float, float]]:
    results = []
    for who in ("admin", "manager"):
        session = requests.Session()
        form = session.get(base + "/console/sign-in").text
        csrf = form.split('name="csrf" value="')[1].split('"')[0]
        answer = session.post(
            base + "/console/sign-in",
            allow_redirects=False,
            data={"email": f"{who}@bench", "password": PASSWORD, "csrf": csrf},
        )
        assert answer.status_code == 303, answer.text
        for page in pages:
            quarter = (datetime.now(UTC).date() - timedelta(days=89)).isoformat()
            path = page.format(number="W-0000011", quarter=quarter)
            samples = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                got = session.get(base + path, allow_redirects=False)
                samples.append((time.perf_counter() - t0) * 1000)
                assert got.status_code in (200, 403, 404), (path, got.status_code)
            results.append(
                (who, f"{path} [{got.status_code}]", statistics.median(samples), p95(samples))
            )
    return results


if __name__ == "__main__":
    raise SystemExit(main())
