"""Exactly once under chaos (docs/architecture.md §6, §10): a long outage, a proxy that drops,
delays and resets connections, and kill -9 of the till's sync process while pushing and while
applying the feed. Real hub on loopback, real SQLite till file, real processes; deadlines, no
sleeps.
"""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.db.models import HubStockLevel, OutboxEvent, Product, SyncState
from pos_app.services.sale.checkout import CompletedSale
from sync.client.http import Timeouts
from sync.hub.catalog_import import import_catalog
from sync.hub.models import CHAIN_SCOPE, FeedRow
from tests.helpers.chaos_proxy import (
    DROP,
    HOLD,
    PASS,
    RESET_REQUEST,
    RESET_RESPONSE,
    ChaosProxy,
    Delay,
)
from tests.helpers.hub import TILL_STORE, EnrolledTill, StatusRecorder, eventually

Sell = Callable[..., CompletedSale]
TSHIRT = "0036000291452"  # TSH-1 in the seeded catalog
PROC = Path(__file__).resolve().parents[2] / "helpers" / "till_sync_proc.py"
EVENTS = b"POST /v1/events "
FEED = b"GET /v1/feed?"
PAGE = 2_500  # feed page of the killed puller: 6,000 products are three pages


def sell_many(sell: Sell, count: int, then: Callable[[], None] | None = None) -> list[str]:
    ids = []
    for _ in range(count):
        ids.append(sell([TSHIRT]).outbox_event_id)
        if then is not None:
            then()
    return ids


def unsent(till: EnrolledTill) -> int:
    with till.read() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None))
            )
            or 0
        )


def assert_exactly_once(till: EnrolledTill, sale_ids: list[str]) -> None:
    at_hub = till.hub_event_ids()
    assert len(at_hub) == len(set(at_hub)), "an event is stored twice at the hub"
    assert set(at_hub) == set(sale_ids), (
        f"{len(set(sale_ids) - set(at_hub))} missing, {len(set(at_hub) - set(sale_ids))} extra"
    )
    assert till.hub_stock("TSH-1") == -1_000 * len(sale_ids), "a stock delta applied twice"
    assert unsent(till) == 0


@pytest.fixture
def proxy(enrolled_till: EnrolledTill) -> Iterator[ChaosProxy]:
    with ChaosProxy(enrolled_till.hub.port) as chaos:
        yield chaos


def via(till: EnrolledTill, proxy: ChaosProxy) -> None:
    """From now on the till's sync clients talk to the hub through the proxy."""
    till.config = dataclasses.replace(till.config, hub_url=proxy.url)


# --- 1. a long outage -------------------------------------------------------------------------


def test_200_sales_made_while_the_hub_is_down_arrive_exactly_once(
    enrolled_till: EnrolledTill, sell: Sell
) -> None:
    enrolled_till.hub.stop()
    sync = enrolled_till.sync(batch_size=50)
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    recorder.wait_for(lambda s: s.online is False)
    ids = sell_many(sell, 200, then=sync.notify_sale_completed)  # as the till screen does
    recorder.wait_for(lambda s: s.queued == 200 and s.online is False)
    assert unsent(enrolled_till) == 200
    enrolled_till.hub.start()
    recorder.wait_for(lambda s: s.online is True and s.queued == 0, timeout=30)
    assert_exactly_once(enrolled_till, ids)


# --- 2. a hostile network ---------------------------------------------------------------------


def test_dropped_delayed_and_reset_connections_every_sale_arrives_once(
    enrolled_till: EnrolledTill, sell: Sell, proxy: ChaosProxy
) -> None:
    push_plan = [
        DROP,  # the till's request never reaches the hub
        RESET_REQUEST,  # half a request reaches it, then an RST
        PASS,
        RESET_RESPONSE,  # stored at the hub, the answer cut off by an RST: resent, duplicate
        Delay(0.2),  # slow, but within the read timeout
        Delay(1.5),  # stored, and the answer comes after the till gave up: duplicate
        DROP,
        RESET_RESPONSE,
        RESET_REQUEST,
    ]
    feed_plan = [DROP, RESET_RESPONSE, Delay(0.2), RESET_REQUEST, DROP]
    proxy.plan(EVENTS, push_plan)
    proxy.plan(FEED, feed_plan)
    ids = sell_many(sell, 60)
    via(enrolled_till, proxy)
    sync = enrolled_till.sync(batch_size=10, timeouts=Timeouts(connect=1.0, read=1.0))
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    ids += sell_many(sell, 20, then=sync.notify_sale_completed)  # selling through the chaos
    eventually(lambda: proxy.remaining() == 0, 30, "the proxy to play every fault")
    recorder.wait_for(lambda s: s.queued == 0 and s.online is True, timeout=30)
    assert_exactly_once(enrolled_till, ids)
    planned = [f.name for f in push_plan + feed_plan if f is not PASS]
    assert sorted(proxy.done.elements()) == sorted(planned)
    # The lost answers were really lost: the hub saw those batches again and said so.
    assert proxy.duplicates >= 10 * 3
    # The feed came through its faults too: the till shows the hub's level after the sales.
    eventually(
        lambda: _till_hub_level(enrolled_till, "TSH-1") == -80_000, 15, "the hub's stock level"
    )


def _till_hub_level(till: EnrolledTill, sku: str) -> int | None:
    with till.read() as session:
        row = session.get(HubStockLevel, sku)
        return None if row is None else row.quantity_milli


# --- 3 and 4. kill -9 of the till's sync process ----------------------------------------------


class TillProcess:
    """``tests/helpers/till_sync_proc.py`` on the enrolled till's files, killed or run to end."""

    def __init__(self, till: EnrolledTill, db_path: Path, mode: str, *extra: str) -> None:
        argv = [
            sys.executable,
            str(PROC),
            mode,
            "--db",
            str(db_path),
            "--config-dir",
            str(till.config_dir),
            *extra,
        ]
        self.process = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def kill9(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=15)
        assert self.process.returncode == -signal.SIGKILL

    def finish(self, timeout: float = 60.0) -> str:
        output, _ = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, output
        return output

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=15)


@pytest.fixture
def processes() -> Iterator[list[TillProcess]]:
    started: list[TillProcess] = []
    yield started
    for process in started:
        process.close()


def test_kill_9_while_a_batch_is_at_the_hub_but_unacknowledged(
    enrolled_till: EnrolledTill,
    sell: Sell,
    proxy: ChaosProxy,
    db_path: Path,
    processes: list[TillProcess],
) -> None:
    ids = sell_many(sell, 50)
    proxy.plan(EVENTS, [PASS, PASS, HOLD])  # the third batch's answer never leaves the proxy
    pusher = TillProcess(enrolled_till, db_path, "push", "--hub-url", proxy.url)
    processes.append(pusher)
    assert proxy.held.wait(30), "the third batch never reached the hub"
    # The hub has stored 30; the till has marked only the 20 it heard back about.
    assert len(enrolled_till.hub_event_ids()) == 30
    assert unsent(enrolled_till) == 30
    assert pusher.alive()
    pusher.kill9()
    assert unsent(enrolled_till) == 30  # nothing lost at the till either
    restarted = TillProcess(enrolled_till, db_path, "push", "--hub-url", proxy.url)
    processes.append(restarted)
    assert "drained" in restarted.finish()
    assert proxy.duplicates == 10  # the third batch again: acknowledged, not applied again
    assert_exactly_once(enrolled_till, ids)


def test_kill_9_at_arbitrary_moments_of_a_drain(
    enrolled_till: EnrolledTill, sell: Sell, db_path: Path, processes: list[TillProcess]
) -> None:
    ids = sell_many(sell, 150)
    seen = 0
    kills = 0
    for _ in range(3):
        pusher = TillProcess(enrolled_till, db_path, "push", "--batch-size", "5")
        processes.append(pusher)
        target = seen + 10
        eventually(
            lambda target=target, pusher=pusher: (  # type: ignore[misc]
                len(enrolled_till.hub_event_ids()) >= target or not pusher.alive()
            ),
            30,
            "the hub to store more sales",
        )
        if not pusher.alive():
            break
        pusher.kill9()
        kills += 1
        seen = len(enrolled_till.hub_event_ids())
    assert kills >= 1
    assert len(enrolled_till.hub_event_ids()) < 150  # killed mid-drain, not after it
    final = TillProcess(enrolled_till, db_path, "push", "--batch-size", "5")
    processes.append(final)
    assert "drained" in final.finish()
    assert_exactly_once(enrolled_till, ids)


def write_catalog(path: Path, count: int) -> Path:
    rows = [f"HUB-{i:05d},Hub item {i},{i % 50 + 1}.25,{300000000000 + i}" for i in range(count)]
    path.write_text("sku,name,price,barcodes\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def cursor_of(till: EnrolledTill) -> int:
    with till.read() as session:
        state = session.get(SyncState, 1)
        return 0 if state is None else state.feed_cursor


def assert_cursor_not_ahead(till: EnrolledTill, positions: dict[str, int]) -> int:
    """Every product at or below the cursor is at the till, and none above it (atomic chunks)."""
    with till.read() as session:
        cursor = cursor_of(till)
        present = dict(
            session.execute(
                select(Product.sku, Product.price_minor).where(Product.sku.like("HUB-%"))
            ).all()
        )
    expected = {sku for sku, position in positions.items() if position <= cursor}
    assert set(present) == expected, (
        f"cursor {cursor}: {len(expected - set(present))} products below it missing, "
        f"{len(set(present) - expected)} above it present"
    )
    for sku, price in present.items():
        assert price == (int(sku[4:]) % 50 + 1) * 100 + 25, f"{sku} half-written"
    return cursor


def test_kill_9_of_the_puller_mid_page_never_leaves_the_cursor_ahead(
    enrolled_till: EnrolledTill, tmp_path: Path, db_path: Path, processes: list[TillProcess]
) -> None:
    hub_db = enrolled_till.hub.hub.db
    import_catalog(hub_db, write_catalog(tmp_path / "catalog.csv", 6_000))
    with hub_db.read() as session:
        positions = dict(
            session.execute(
                select(FeedRow.key, FeedRow.position).where(FeedRow.kind == "product")
            ).all()
        )
        feed = list(
            session.scalars(
                select(FeedRow.position)
                .where(FeedRow.scope.in_((TILL_STORE, CHAIN_SCOPE)))
                .order_by(FeedRow.position)
            )
        )
    head = feed[-1]
    options = ("--feed-page", str(PAGE), "--feed-chunk", "50")
    cursor = 0
    for _round in range(2):
        page_end = [p for p in feed if p > cursor][PAGE - 1]  # the page the process starts with
        puller = TillProcess(enrolled_till, db_path, "pull", *options)
        processes.append(puller)
        _wait_for_cursor_past(enrolled_till, cursor, puller)
        puller.kill9()
        before = cursor
        cursor = assert_cursor_not_ahead(enrolled_till, positions)
        assert before < cursor < page_end, f"not killed mid-page ({before} → {cursor})"
    final = TillProcess(enrolled_till, db_path, "pull", *options)
    processes.append(final)
    assert f"caught up at {head}" in final.finish()
    assert assert_cursor_not_ahead(enrolled_till, positions) == head
    assert len(positions) == 6_000


def _wait_for_cursor_past(till: EnrolledTill, cursor: int, puller: TillProcess) -> None:
    """Poll the till's cursor from outside the process (a short condition wait, no sleep)."""
    deadline = time.monotonic() + 30
    pause = threading.Event()
    while cursor_of(till) <= cursor:
        assert puller.alive(), "the puller ended before it was killed"
        assert time.monotonic() < deadline, "the puller never moved the cursor"
        pause.wait(0.001)
