"""Web-store stock publishing under load (issue 21; docs/architecture.md, "One stock truth").

    PYTHONPATH=. .venv/bin/python bench/bench_stock.py [--changes 10000] [--seconds 60]

A real hub database (a SQLite file; PostgreSQL with --pg-url or OMNITILL_TEST_PG_URL), the
hub's real ingest (``stock.adjusted`` events as a till pushes them, one movement each), and the
real publisher on its own thread sending to the local fake Shopify over HTTP
(tests/helpers/fake_shopify.py). ``--changes`` stock changes are spread over ``--seconds`` on
``--skus`` SKUs at two locations, hot SKUs changing most (a Zipf-like draw, as in a shop).

Reported: how many web-store updates and requests the changes became (coalescing), and the
delay from a change's commit at the hub to the web store storing a level that includes it:
per change, the first mutation Shopify applied whose level was read after the change
committed. A sale at a till adds the till's push delay to this (its pusher sends a new
outbox event at once when online; at worst its retry interval).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from bisect import bisect_left
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sync.hub import migrate, shopify_webhooks, stock_publish, tenancy, web_stock
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.ingest import ingest_batch
from sync.protocol import StoreIn
from tests.helpers.fake_shopify import TOKEN, FakeShopify

SHOP = "bench.myshopify.com"
STORES = ("s1", "s2")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


class TimedPublisher(stock_publish.StockPublisher):
    """The real publisher, noting when it read each row's level (for the delay per change)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.reads: list[tuple[float, str, str]] = []  # (read time, store, sku)

    def _send(self, admin, rows, locations, items, report):  # type: ignore[no-untyped-def]
        at = time.monotonic()
        self.reads.extend((at, r.store_id, r.sku) for r in rows)
        return super()._send(admin, rows, locations, items, report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--skus", type=int, default=300)
    parser.add_argument("--pg-url", default=os.environ.get("OMNITILL_BENCH_PG_URL"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tmp = tempfile.TemporaryDirectory()
    url = args.pg_url or f"sqlite:///{Path(tmp.name) / 'hub.sqlite3'}"
    db = HubDatabase(url)
    migrate.upgrade(db.engine)
    hub = Hub(db=db)
    for store in STORES:
        tenancy.upsert_store(hub, StoreIn(store_id=store, name=f"Store {store}"))
    shopify_webhooks.add_shop(hub, shop_domain=SHOP, secret="x" * 32, store_id="s1")
    skus = [f"SKU-{i:05d}" for i in range(args.skus)]
    weights = [1.0 / (i + 1) for i in range(len(skus))]  # Zipf-like: a few hot SKUs
    # Shopify's Standard plan: 100 points/s restored (a mutation costs 10), bucket 2,000.
    with FakeShopify(maximum=2000, restore_rate=100) as shop:
        locations = {store: shop.add_location(i + 1) for i, store in enumerate(STORES)}
        for i, sku in enumerate(skus):
            shop.add_item(sku, i + 1, stocked_at=tuple(locations.values()))
        with db.write() as session:
            web_stock.connect_shop(
                session,
                shop_domain=SHOP,
                access_token=TOKEN,
                locations=locations,
                now=hub.clock(),
                endpoint=shop.endpoint,
            )
        publisher = TimedPublisher(db, stock_publish.PublishTiming(poll_seconds=0.1))
        stop = threading.Event()
        reports: list[stock_publish.PublishReport] = []

        def publish_loop() -> None:
            while not stop.is_set():
                reports.append(publisher.run_once())
                stop.wait(publisher.timing.poll_seconds)

        thread = threading.Thread(target=publish_loop, name="bench-publisher", daemon=True)
        thread.start()
        commits: list[tuple[float, str, str]] = []
        # Tills push in batches: every 100 ms each store's tills bring what they sold since.
        ticks = max(1, int(args.seconds * 10))
        per_tick = args.changes / ticks
        start = time.monotonic()
        ingest_ms: list[float] = []
        made = 0
        for tick in range(ticks):
            due = start + tick * 0.1
            pause = due - time.monotonic()
            if pause > 0:
                stop.wait(pause)
            want = round((tick + 1) * per_tick) - made
            batches: dict[str, list[tuple[str, dict[str, object]]]] = defaultdict(list)
            for n in range(made, made + want):
                store = STORES[n % len(STORES)]
                sku = rng.choices(skus, weights)[0]
                event = {
                    "event_id": str(uuid.uuid4()),
                    "kind": "stock.adjusted",
                    "payload": {
                        "store_id": store,
                        "reason": "sale",
                        "stock_movements": [
                            {
                                "uuid": str(uuid.uuid4()),
                                "sku": sku,
                                "quantity_delta_milli": rng.choice((-1000, -1000, -2000, 1000)),
                            }
                        ],
                    },
                }
                batches[store].append((sku, event))
            made += want
            for store, batch in batches.items():
                t0 = time.perf_counter()
                ingest_batch(
                    hub, store_id=store, till_id=f"{store}-bench", raw_events=[e for _, e in batch]
                )
                ingest_ms.append((time.perf_counter() - t0) * 1000)
                now = time.monotonic()
                commits.extend((now, store, sku) for sku, _ in batch)
        produced = time.monotonic() - start
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with db.read() as session:
                if not web_stock.list_pushes(session, status="pending", limit=1):
                    break
            stop.wait(0.2)
        stop.set()
        thread.join(10)

    # Delay per change: to the first send of its (store, SKU) whose level was read after it.
    reads: dict[tuple[str, str], list[float]] = defaultdict(list)
    for at, store, sku in publisher.reads:
        reads[(store, sku)].append(at)
    delays = []
    unsent = 0
    for at, store, sku in commits:
        times = sorted(reads[(store, sku)])
        i = bisect_left(times, at)
        if i == len(times):
            unsent += 1
            continue
        delays.append(times[i] - at)
    sent = sum(r.sent for r in reports)
    requests = sum(r.requests for r in reports)
    throttled = sum(r.throttled for r in reports)
    print(
        f"database: {'PostgreSQL' if args.pg_url else 'SQLite'}; {args.changes:,} changes over "
        f"{produced:.1f} s on {args.skus} SKUs x {len(STORES)} locations"
    )
    print(
        f"ingest per push batch: p50 {percentile(ingest_ms, 0.5):.1f} ms, "
        f"p99 {percentile(ingest_ms, 0.99):.1f} ms"
    )
    print(
        f"web-store updates: {sent:,} in {requests:,} mutations ({throttled} throttled); "
        f"{args.changes / max(sent, 1):.1f} changes per update"
    )
    print(
        f"change -> level read for the web store: p50 {percentile(delays, 0.5):.2f} s, "
        f"p99 {percentile(delays, 0.99):.2f} s, max {max(delays, default=0):.2f} s; "
        f"{unsent} never sent"
    )
    print(
        f"(+ one mutation round trip to Shopify; coalescing window "
        f"{publisher.timing.coalesce_seconds:g} s)"
    )
    db.dispose()
    tmp.cleanup()
    return 0 if unsent == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
