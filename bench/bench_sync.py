"""Sync budgets (docs/architecture.md §9) on loopback: drain 10,000 queued sales, 1,000 catalog
changes, web order created at the hub → visible at the till (p50/p99), and the initial sync of a
1,000,000-SKU catalog by a freshly enrolled till. Real hub (uvicorn, SQLite), real till files.

    .venv/bin/python bench/bench_sync.py [--sales 10000] [--changes 1000] [--orders 200]
                                         [--skus 1000000]   # --skus 0: skip the initial sync

The 1M catalog is bench_hub's cached CSV (bench/.cache/hub-catalog-N.csv), imported with the
hub's own ``import_catalog``; the till then pulls the whole feed with TillSync's defaults
(pages of 2,000, applied in chunks of 250) while a cashier keeps selling on it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import func, select  # noqa: E402 - after the path set-up above

from bench.bench_hub import catalog_csv, percentile  # noqa: E402
from pos_app.db import migrate  # noqa: E402
from pos_app.db.catalog_repo import SqlCatalog  # noqa: E402
from pos_app.db.engine import create_till_engine, make_session_factory  # noqa: E402
from pos_app.db.models import Product, ProductBarcode, StoreProfile, TaxRateRow  # noqa: E402
from pos_app.db.write_gate import WriteGate  # noqa: E402
from pos_app.domain.barcodes import VariableMeasureConfig  # noqa: E402
from pos_app.domain.money import Money  # noqa: E402
from pos_app.domain.sale.tenders import Tender, TenderKind  # noqa: E402
from pos_app.services.sale.checkout import CheckoutService  # noqa: E402
from pos_app.services.store.till_context import load_till_context  # noqa: E402
from pos_app.services.sync.enrollment import enroll  # noqa: E402
from pos_app.services.sync.runtime import TillSync  # noqa: E402
from sync.hub import migrate as hub_migrate  # noqa: E402
from sync.hub import tenancy  # noqa: E402
from sync.hub.app import create_app  # noqa: E402
from sync.hub.catalog_import import import_catalog  # noqa: E402
from sync.hub.context import Hub  # noqa: E402
from sync.hub.db import HubDatabase  # noqa: E402
from sync.hub.models import IngestedEvent  # noqa: E402
from sync.hub.server import ServerThread  # noqa: E402
from sync.hub.settings import HubSettings  # noqa: E402
from sync.protocol import FeedKind, StoreIn  # noqa: E402

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


class TimedSink:
    """The puller's sink, timed: how much of the initial sync is applying at the till."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.pages = 0

    def cursor(self) -> int:
        return int(self.inner.cursor())

    def apply(self, changes: Any, next_cursor: int) -> None:
        t0 = time.perf_counter()
        self.inner.apply(changes, next_cursor)
        self.seconds += time.perf_counter() - t0
        self.pages += 1


class TimedHttp:
    """Wraps the puller's HubHttp: time in HTTP + JSON decoding vs pydantic validation."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.call_seconds = 0.0
        self.model_seconds = 0.0
        self.timeouts = inner.timeouts

    def call(self, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.inner.call(*args, **kwargs)
        finally:
            self.call_seconds += time.perf_counter() - t0

    def model(self, model: Any, method: str, path: str, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return model.model_validate(self.call(method, path, **kwargs))
        finally:
            self.model_seconds += time.perf_counter() - t0

    def close(self) -> None:
        self.inner.close()


def initial_sync(
    work: Path, hub_db: HubDatabase, base_url: str, api: Any, skus: int, *, gated: bool = True
) -> dict[str, str]:
    """Import ``skus`` products at the hub, then a freshly enrolled till pulls the whole feed
    while a cashier sells on it (one sale every 50 ms); report the time and where it went."""
    results: dict[str, str] = {}
    csv_path = catalog_csv(skus)
    report = import_catalog(hub_db, csv_path)
    results[f"hub import-catalog {skus:,} SKUs (set-up)"] = (
        f"{report.rows:,} rows in {report.seconds:.1f} s"
    )
    fresh = work / "fresh"
    engine, sessions = seed_till(fresh)
    reader = create_till_engine(fresh / "till.sqlite3", writer=False)
    try:
        code = api.post(f"{base_url}/v1/admin/stores/{STORE}/enroll-codes", timeout=10)
        config = enroll(
            base_url, code.json()["code"], config_dir=fresh, write_sessions=sessions
        ).config  # type: ignore[arg-type]
        # The running till shares one WriteGate between its sale lane and the feed applier.
        gate = WriteGate() if gated else None
        sync = TillSync(config, engine, reader, gate=gate)  # type: ignore[arg-type]
        sink = TimedSink(sync.applier)
        http = TimedHttp(sync.puller._http)
        sync.puller._sink = sink  # the bench's stopwatches around the real parts
        sync.puller._http = http  # type: ignore[assignment]

        stop = threading.Event()
        sale_ms: list[float] = []
        service = CheckoutService()

        def cashier() -> None:  # the till stays usable during the first sync
            while not stop.wait(0.05):
                t0 = time.perf_counter()
                with (
                    gate.urgent() if gate is not None else contextlib.nullcontext(),
                    sessions.begin() as s,  # type: ignore[attr-defined]
                ):
                    ctx = load_till_context(s)
                    basket = ctx.new_basket()
                    basket.add_by_barcode(
                        "4006381333931",
                        SqlCatalog(s, ctx.currency),
                        VariableMeasureConfig.default(),
                    )
                    service.complete_sale(
                        s,
                        basket=basket,
                        cashier="b",
                        context=ctx,
                        tenders=[Tender(TenderKind.CASH, Money.of("5", ctx.currency))],
                    )
                sale_ms.append((time.perf_counter() - t0) * 1000)

        selling = threading.Thread(target=cashier, name="bench-cashier")
        selling.start()
        t0 = time.perf_counter()
        failures = 0
        page = sync.puller.pull_once()
        while page is None or page.has_more:
            failures += page is None
            if failures > 5:
                raise AssertionError(f"initial sync failed: {sync.status().last_error}")
            page = sync.puller.pull_once()
        total = time.perf_counter() - t0
        stop.set()
        selling.join()
        with reader.connect() as c:
            n = c.execute(
                select(func.count()).select_from(Product).where(Product.sku.like("SKU-%"))
            ).scalar()
        fetch = http.call_seconds
        validate = http.model_seconds - http.call_seconds
        other = total - http.model_seconds - sink.seconds
        verdict = "within budget" if total <= 90 else "OVER BUDGET"
        results[f"initial sync {skus:,} SKUs (budget 90 s)"] = (
            f"{n:,} products in {total:.1f} s ({n / total:,.0f}/s), {sink.pages:,} pages "
            f"→ {verdict}"
        )
        results["  where it went"] = (
            f"hub request + JSON decode {fetch:.1f} s, pydantic validation {validate:.1f} s, "
            f"apply at the till {sink.seconds:.1f} s, other {other:.1f} s"
        )
        results[f"  selling during the initial sync ({'gated' if gated else 'no gate'})"] = (
            f"{len(sale_ms)} sales, p50 {percentile(sale_ms, 50):.1f} ms, "
            f"p99 {percentile(sale_ms, 99):.1f} ms, max {max(sale_ms):.1f} ms"
            if sale_ms
            else "no sale completed"
        )
        sync.stop(timeout=10)
    finally:
        reader.dispose()
        engine.dispose()  # type: ignore[attr-defined]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sales", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=1_000)
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--skus", type=int, default=1_000_000, help="initial sync; 0: skip")
    parser.add_argument(
        "--no-gate", action="store_true", help="sales wait in SQLite's busy handler (compare)"
    )
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
        results["web order hub → till (budget 2 s)"] = (
            f"p50 {percentile(latencies, 50):.0f} ms, p99 {percentile(latencies, 99):.0f} ms, "
            f"max {max(latencies):.0f} ms over {len(latencies)} orders (POST incl.)"
        )
        sync.stop(timeout=10)
        if args.skus:
            results.update(
                initial_sync(work, hub_db, server.base_url, api, args.skus, gated=not args.no_gate)
            )
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
