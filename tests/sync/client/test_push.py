"""The outbox pusher against a real hub on loopback: exactly once through outages and lost acks."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import requests
from sqlalchemy import func, select

from pos_app.db.models import OutboxEvent
from pos_app.domain.retry import Backoff
from pos_app.services.sale.checkout import CompletedSale
from sync.client.http import HubHttp
from sync.client.pusher import OutboxPusher
from sync.client.status import StatusTracker
from tests.helpers.hub import EnrolledTill, StatusRecorder

Sell = Callable[..., CompletedSale]
TSHIRT = "0036000291452"  # TSH-1 in the seeded catalog


def sell_many(sell: Sell, count: int) -> list[str]:
    return [sell([TSHIRT]).outbox_event_id for _ in range(count)]


def unsent(till: EnrolledTill) -> int:
    with till.read() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None))
            )
            or 0
        )


def test_sales_reach_the_hub_exactly_once(enrolled_till: EnrolledTill, sell: Sell) -> None:
    ids = sell_many(sell, 30)
    sync = enrolled_till.sync(batch_size=7)
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    status = recorder.wait_for(lambda s: s.queued == 0 and s.online is True)
    assert status.rejected == 0
    assert status.last_success is not None
    assert sorted(enrolled_till.hub_event_ids()) == sorted(ids)
    assert enrolled_till.hub_stock("TSH-1") == -30_000  # each delta applied once
    assert unsent(enrolled_till) == 0


def test_hub_down_mid_way_then_back_nothing_lost_nothing_twice(
    enrolled_till: EnrolledTill, sell: Sell
) -> None:
    ids = sell_many(sell, 60)
    sync = enrolled_till.sync(batch_size=10)
    for _ in range(2):  # two batches go out, then the hub goes away
        assert sync.pusher.push_once().acknowledged == 10
    enrolled_till.hub.stop()
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    recorder.wait_for(lambda s: s.online is False)
    assert sync.is_offline()
    ids += sell_many(sell, 15)  # the till keeps selling while the hub is down
    sync.notify_sale_completed()
    assert len(enrolled_till.hub_event_ids()) == 20
    enrolled_till.hub.start()
    recorder.wait_for(lambda s: s.online is True and s.queued == 0, timeout=20)
    hub_ids = enrolled_till.hub_event_ids()
    assert len(hub_ids) == len(set(hub_ids)) == 75
    assert set(hub_ids) == set(ids)
    assert enrolled_till.hub_stock("TSH-1") == -75_000


def test_a_lost_acknowledgement_is_resent_and_counted_as_duplicate(
    enrolled_till: EnrolledTill, sell: Sell
) -> None:
    """The hub stored a batch but the till never heard back (killed, connection reset)."""
    ids = sell_many(sell, 12)
    sync = enrolled_till.sync(batch_size=50)
    batch = sync.outbox.next_batch(8)
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {enrolled_till.config.token}"
    answer = api.post(
        enrolled_till.hub.base_url + "/v1/events",
        json={"events": [event.wire() for event in batch]},
        timeout=10,
    )
    api.close()
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}
    assert unsent(enrolled_till) == 12  # the till did not mark anything: the answer was lost
    report = sync.pusher.push_once()
    assert (report.acknowledged, report.rejected, report.error) == (12, 0, None)
    assert sorted(enrolled_till.hub_event_ids()) == sorted(ids)
    assert enrolled_till.hub_stock("TSH-1") == -12_000  # the 8 resent were not re-applied
    assert unsent(enrolled_till) == 0
    assert sync.pusher.push_once().idle


def test_a_rejected_event_is_kept_flagged_and_does_not_block_the_rest(
    enrolled_till: EnrolledTill, sell: Sell
) -> None:
    first = sell_many(sell, 3)
    with enrolled_till.write.begin() as session:
        session.add(
            OutboxEvent(
                event_id=str(uuid.uuid4()),
                kind="shift.closed",
                payload=json.dumps({"store_id": "another-store", "shift_id": "7"}),
                created_at=datetime.now(UTC),
                attempts=0,
                rejected=False,
            )
        )
        session.add(
            OutboxEvent(
                event_id=str(uuid.uuid4()),
                kind="sale.completed",
                payload="{damaged",
                created_at=datetime.now(UTC),
                attempts=0,
                rejected=False,
            )
        )
    after = sell_many(sell, 3)
    sync = enrolled_till.sync(batch_size=4)
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    status = recorder.wait_for(lambda s: s.queued == 0 and s.rejected == 2)
    assert status.online is True
    assert sorted(enrolled_till.hub_event_ids()) == sorted(first + after)
    rejected = sync.rejected_events()
    assert [r.kind for r in rejected] == ["shift.closed", "sale.completed"]
    assert "another-store" in rejected[0].reason
    assert rejected[1].reason.startswith("damaged at the till")
    # A manager sends them again: the hub still refuses, and they are still kept.
    assert sync.requeue_rejected([r.row_id for r in rejected]) == 2
    assert (sync.status().queued, sync.status().rejected) == (2, 0)
    recorder.wait_for(lambda s: s.queued == 0 and s.rejected == 2)
    assert len(sync.rejected_events()) == 2


def test_backoff_grows_and_is_capped_while_the_hub_is_down(enrolled_till: EnrolledTill) -> None:
    enrolled_till.hub.stop()
    waits: list[float] = []
    tracker = StatusTracker(lambda: datetime.now(UTC))
    recorder = StatusRecorder()
    tracker.add_listener(recorder)
    enough = threading.Event()

    def record(seconds: float) -> None:  # the injected sleep: no real waiting
        if len(waits) < 9:
            waits.append(seconds)
        else:
            enough.set()

    pusher = OutboxPusher(
        HubHttp(enrolled_till.config.hub_url, enrolled_till.config.token),
        enrolled_till.sync().outbox,
        tracker,
        backoff=Backoff(base=0.5, cap=5.0, uniform=lambda low, high: high),
        wait=record,
    )
    with enrolled_till.write.begin() as session:  # something to send
        session.add(
            OutboxEvent(
                event_id=str(uuid.uuid4()),
                kind="shift.closed",
                payload=json.dumps({"store_id": "store-1", "shift_id": "1"}),
                created_at=datetime.now(UTC),
                attempts=0,
                rejected=False,
            )
        )
    pusher.start()
    assert enough.wait(10)
    assert pusher.stop(timeout=10)
    assert waits == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0, 5.0, 5.0]
    offline = [s for s in recorder.seen if s.online is False]
    assert offline
    assert "unreachable" in (offline[-1].last_error or "")


def test_full_jitter_stays_within_the_growing_ceiling() -> None:
    backoff = Backoff(base=0.1, cap=3.0)
    for _ in range(200):
        ceiling = backoff.ceiling()
        assert 0.0 <= backoff.next_delay() <= ceiling <= 3.0
    assert backoff.ceiling() == 3.0
    backoff.reset()
    assert backoff.ceiling() == 0.1
