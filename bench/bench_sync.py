"""Sync budgets (DESIGN §9) on loopback: drain 10,000 queued sales, 1,000 catalog changes,
web order created at the hub → visible at the till. Real hub (uvicorn, SQLite), real till file.

    .venv/bin/python bench/bench_sync.py [--sales 10000] [--changes 1000] [--orders 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from pos_app.db import migrate
from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import Product, ProductBarcode, StoreProfile, TaxRateRow
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.tenders import Tender, TenderKind
from pos_app.services.checkout import CheckoutService
from pos_app.services.enrollment import enroll
from pos_app.services.sync_runtime import TillSync
from pos_app.services.till_context import load_till_context
from sync.hub import migrate as hub_migrate
from sync.hub import tenancy
from sync.hub.app import create_app
from sync.hub.catalog_import import import_catalog
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.models import IngestedEvent
from sync.hub.server import ServerThread
from sync.hub.settings import HubSettings
from sync.protocol import FeedKind, StoreIn

STORE = "bench"


def seed_till(work: Path) -> tuple[object, object]:
    engine = create_till_engine(work / "till.sqlite3")
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as s:
        s.add(
            StoreProfile(
                id=1,
                store_id=STORE,
                till_id="t",
                store_name="Bench",
                currency="EUR",
                tax_mode="inclusive",
                cash_rounding_step="0.01",
            )
        )
        s.add(TaxRateRow(tax_class="standard", rate="0.20", label="VAT 20%"))
        s.add(
            Product(
                sku="B-1",
                name="Bench item",
                department="d",
                tax_class="standard",
                price_minor=250,
                sold_by_weight=False,
                active=True,
                barcodes=[ProductBarcode(barcode="4006381333931")],
            )
        )
    return engine, sessions


def queue_sales(sessions: object, count: int) -> None:
    # Set-up only: many sales per commit (one fsync each), so queueing 10k takes seconds.
    service = CheckoutService()
    for start in range(0, count, 500):
        with sessions.begin() as s:  # type: ignore[attr-defined]
            ctx = load_till_context(s)
            for _ in range(min(500, count - start)):
                basket = ctx.new_basket()
                basket.add_by_barcode(
                    "4006381333931", SqlCatalog(s, ctx.currency), VariableMeasureConfig.default()
                )
                service.complete_sale(
                    s,
                    basket=basket,
                    cashier="b",
                    context=ctx,
                    tenders=[Tender(TenderKind.CASH, Money.of("5", ctx.currency))],
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sales", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=1_000)
    parser.add_argument("--orders", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="omnitill-bench-sync-"))
    hub_url = f"sqlite:///{work / 'hub.sqlite3'}"
    hub_db = HubDatabase(hub_url)
    hub_migrate.upgrade(hub_db.engine)
    hub = Hub(db=hub_db)
    tenancy.upsert_store(hub, StoreIn(store_id=STORE, name="Bench"))
    admin = tenancy.create_admin_token(hub, "bench")
    server = ServerThread(create_app(HubSettings(db_url=hub_url))).start()
    engine, sessions = seed_till(work)
    reader = create_till_engine(work / "till.sqlite3", writer=False)
    results: dict[str, str] = {}
    try:
        import requests

        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {admin}"
        code = api.post(f"{server.base_url}/v1/admin/stores/{STORE}/enroll-codes", timeout=10)
        config = enroll(
            server.base_url, code.json()["code"], config_dir=work, write_sessions=sessions
        ).config  # type: ignore[arg-type]

        t0 = time.perf_counter()
        queue_sales(sessions, args.sales)
        results["queue sales (till, offline)"] = (
            f"{args.sales:,} in {time.perf_counter() - t0:.1f} s"
        )

        sync = TillSync(config, engine, reader, batch_size=500, feed_wait=2.0)  # type: ignore[arg-type]
        drained = threading.Event()
        applied: list[tuple[float, frozenset[FeedKind]]] = []
        sync.add_listener(lambda st: drained.set() if st.queued == 0 and st.online else None)
        sync.add_feed_listener(lambda kinds, n: applied.append((time.perf_counter(), kinds)))
        t0 = time.perf_counter()
        sync.pusher.start()
        assert drained.wait(120), "drain did not finish"
        drain = time.perf_counter() - t0
        with hub_db.read() as s:
            at_hub = s.scalar(select(func.count()).select_from(IngestedEvent))
            distinct = s.scalar(select(func.count(func.distinct(IngestedEvent.event_id))))
        results["drain 10k sales (budget 20 s)"] = (
            f"{args.sales:,} in {drain:.2f} s ({args.sales / drain:,.0f}/s); hub rows {at_hub:,}, "
            f"distinct {distinct:,} → "
            + ("exactly once" if at_hub == distinct == args.sales else "MISMATCH")
        )

        # Catch up the feed once (stock levels of the drain), then time 1,000 catalog changes.
        sync.puller.pull_once()
        while sync.status().feed is not None and sync.status().feed.catching_up:  # type: ignore[union-attr]
            sync.puller.pull_once()
        csv = work / "catalog.csv"
        csv.write_text(
            "sku,name,price,barcodes\n"
            + "".join(
                f"C-{i},Catalog item {i},{i % 90 + 1}.99,{200000000000 + i}\n"
                for i in range(args.changes)
            ),
            encoding="utf-8",
        )
        import_catalog(hub_db, csv)
        t0 = time.perf_counter()
        page = sync.puller.pull_once()
        while page is not None and page.has_more:
            page = sync.puller.pull_once()
        incremental = time.perf_counter() - t0
        with reader.connect() as c:
            n = c.execute(
                select(func.count()).select_from(Product).where(Product.sku.like("C-%"))
            ).scalar()
        results["incremental 1,000 catalog changes (budget 1 s)"] = (
            f"{n:,} applied in {incremental * 1000:.0f} ms (pull + apply, chunks of 250)"
        )

        sync.puller.start()
        latencies = []
        for i in range(args.orders):
            before = len(applied)
            t0 = time.perf_counter()
            api.post(
                f"{server.base_url}/v1/web-orders",
                timeout=10,
                json={
                    "number": f"W-{i}",
                    "pickup_store_id": STORE,
                    "customer": {"email": "b@example.com", "name": "B"},
                    "currency": "EUR",
                    "payment_status": "paid",
                    "lines": [{"sku": "B-1", "quantity_milli": 1000, "unit_price_minor": 250}],
                },
            )
            deadline = t0 + 5
            while not any(FeedKind.WEB_ORDER in k for _, k in applied[before:]):
                if time.perf_counter() > deadline:
                    raise AssertionError("web order not seen within 5 s")
                time.sleep(0.001)
            seen_at = next(t for t, k in applied[before:] if FeedKind.WEB_ORDER in k)
            latencies.append((seen_at - t0) * 1000)
        latencies.sort()
        results["web order hub → till (budget 2 s)"] = (
            f"p50 {statistics.median(latencies):.0f} ms, max {latencies[-1]:.0f} ms "
            f"over {len(latencies)} orders (POST incl.)"
        )
        sync.stop(timeout=10)
        api.close()
    finally:
        server.stop()
        reader.dispose()
        engine.dispose()  # type: ignore[attr-defined]
        hub_db.dispose()
    for what, figure in results.items():
        print(f"{what:50s} {figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
