"""An event id belongs to one till and one content (issue 16 point 3), over HTTP.

Same id, same content: the original answer. Same id with other content, or from another
till: refused with the reason, and the till keeps the event flagged in its outbox instead of
marking it sent (the new content is never lost silently).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from pos_app.db.models import OutboxEvent
from pos_app.services.sale.checkout import CompletedSale
from sync.client.http import HubHttp
from sync.client.pusher import OutboxPusher
from sync.client.status import StatusTracker
from sync.hub.models import IngestedEvent
from tests.helpers.events import sale
from tests.helpers.hub import TILL_STORE, EnrolledTill, HubUnderTest

STORE = "store-1"


def push(api: Any, *events: dict[str, Any]) -> list[dict[str, Any]]:
    answer = api.post("/v1/events", json={"events": list(events)})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["results"])


def stored_payload(hub: HubUnderTest | Any, event_id: str) -> dict[str, Any]:
    with hub.db.read() as session:
        text = session.scalar(
            select(IngestedEvent.payload).where(IngestedEvent.event_id == event_id)
        )
    assert text is not None
    return dict(json.loads(text))


def test_the_same_event_again_gets_the_original_answer(running_hub: HubUnderTest) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    held = sale()
    held["payload"]["created_at"] = "2019-01-01T00:00:00+00:00"  # quarantined: a warning
    [first] = push(till, held)
    assert first["status"] == "accepted"
    assert "quarantined" in first["warnings"][0]
    [again] = push(till, copy.deepcopy(held))
    assert (again["status"], again["warnings"]) == ("duplicate", first["warnings"])
    # A negative stock level is true when answered only: not repeated for a duplicate.
    plain = sale(sku="NOSTOCK-1")
    [first] = push(till, plain)
    assert [w for w in first["warnings"] if "NOSTOCK-1" in w and "negative" in w]
    [again] = push(till, copy.deepcopy(plain))
    assert (again["status"], again["warnings"]) == ("duplicate", [])


def test_the_same_id_with_other_content_is_refused(running_hub: HubUnderTest) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    event = sale()
    assert push(till, event)[0]["status"] == "accepted"
    other = copy.deepcopy(event)
    other["payload"]["totals"]["total_minor"] = 400
    other["payload"]["lines"][0]["amount_minor"] = 400
    other["payload"]["tenders"][0]["amount_minor"] = 400
    [refused] = push(till, other)
    assert refused["status"] == "rejected"
    assert "already stored with other content" in refused["reason"]
    assert stored_payload(running_hub.hub, event["event_id"])["totals"]["total_minor"] == 500
    # Twice in one batch with different content: the second is refused too.
    fresh = sale()
    changed = copy.deepcopy(fresh)
    changed["payload"]["receipt_no"] = "t-other"
    assert [r["status"] for r in push(till, fresh, changed)] == ["accepted", "rejected"]


def test_an_id_used_by_another_till_is_refused(running_hub: HubUnderTest) -> None:
    running_hub.add_store(STORE)
    running_hub.add_store("store-2")
    till_a, _ = running_hub.enroll(STORE)
    till_b, _ = running_hub.enroll("store-2")
    event = sale()
    assert push(till_a, event)[0]["status"] == "accepted"
    theirs = copy.deepcopy(event)
    theirs["payload"]["store_id"] = "store-2"
    [refused] = push(till_b, theirs)
    assert refused["status"] == "rejected"
    assert "already used by another till" in refused["reason"]
    # Even with identical content, another till of the same store may not claim it.
    till_c, _ = running_hub.enroll(STORE)
    assert push(till_c, copy.deepcopy(event))[0]["status"] == "rejected"
    assert stored_payload(running_hub.hub, event["event_id"])["store_id"] == STORE


def test_the_till_keeps_a_refused_repeat_flagged_not_sent(
    enrolled_till: EnrolledTill, sell: Callable[..., CompletedSale]
) -> None:
    tracker = StatusTracker(lambda: datetime.now(UTC))
    config = enrolled_till.config
    pusher = OutboxPusher(
        HubHttp(config.hub_url, config.token), enrolled_till.sync().outbox, tracker
    )
    done = sell(["0036000291452"])
    assert pusher.push_once().acknowledged == 1
    # A till restored from a backup writes its next sale under an id it had already sent.
    with enrolled_till.write.begin() as session:
        row = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_id == done.outbox_event_id)
        ).one()
        payload = json.loads(row.payload)
        payload["receipt_no"] = f"{payload['receipt_no']}-restored"
        row.payload, row.sent_at = json.dumps(payload), None
    report = pusher.push_once()
    assert (report.acknowledged, report.rejected) == (0, 1)
    with enrolled_till.read() as session:
        row = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_id == done.outbox_event_id)
        ).one()
    assert row.sent_at is None
    assert row.rejected
    assert "already stored with other content" in (row.last_error or "")
    assert tracker.snapshot().rejected == 1
    hub_payload = stored_payload(enrolled_till.hub.hub, done.outbox_event_id)
    assert not hub_payload["receipt_no"].endswith("-restored")
    assert hub_payload["store_id"] == TILL_STORE
