"""What a till or head office sends the hub in tests, without the sync threads: events over
HTTP with a till's token, the till's look-ups, `omnitill hub …` commands."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.cli import main
from pos_app.db.models import OutboxEvent
from sync.client.http import HubHttp
from sync.client.lookups import LOOKUP_TIMEOUTS, HubLookups


def send(till: Any, *events: dict[str, Any]) -> list[str]:
    """POST these events with the till's token; the per-event statuses."""
    answer = till.post("/v1/events", json={"events": list(events)})
    assert answer.status_code == 200, answer.text
    return [r["status"] for r in answer.json()["results"]]


def push(db: sessionmaker[Session], api: Any) -> None:
    """Send the till's unsent outbox with its token, as its pusher would, and mark it sent."""
    with db.begin() as session:
        unsent = session.scalars(
            select(OutboxEvent).where(OutboxEvent.sent_at.is_(None)).order_by(OutboxEvent.id)
        ).all()
        events = [
            {"event_id": r.event_id, "kind": r.kind, "payload": json.loads(r.payload)}
            for r in unsent
        ]
        assert set(send(api, *events)) <= {"accepted"}
        for row in unsent:
            row.sent_at = row.created_at


def lookups_of(running_hub: Any, api: Any) -> HubLookups:
    """The till's look-ups client, with the token of ``api``'s till."""
    token = api.session.headers["Authorization"].split()[1]
    return HubLookups(HubHttp(running_hub.base_url, token, timeouts=LOOKUP_TIMEOUTS))


def run_hub(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`omnitill hub ARGV…` in this process: exit code, stdout, stderr."""
    code = main(["hub", *argv])
    out, err = capsys.readouterr()
    return code, out, err
