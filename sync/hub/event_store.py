"""Ingested events as stored: idempotency bound to content and sender (docs/architecture.md).

An event id is made by one till and names one content. The hub keeps the SHA-256 of the
event's kind and payload beside it and the till that sent it, so a repeated id is answered as
Stripe answers a repeated idempotency key:

- same till, same content: the original answer (``duplicate``, with the warnings the first
  answer carried, e.g. that it was quarantined), so a till that lost the answer learns it;
- another till, or other content: ``rejected`` with the reason; the till keeps the event in
  its outbox, flagged, instead of marking it sent and losing the new content silently.

Events stored before the hash was kept (``content_hash`` NULL) are judged by their till only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from sync.hub.db import dialect_insert
from sync.hub.models import IngestedEvent

APPLIED = "applied"
QUARANTINED = "quarantined"
RELEASED = "released"
REJECTED = "rejected"


def content_hash(kind: str, payload_json: str) -> str:
    """Of the kind and the payload's canonical JSON (sync.hub.feed.dumps: sorted keys)."""
    return hashlib.sha256(f"{kind}\n{payload_json}".encode()).hexdigest()


@dataclass(frozen=True)
class NewEvent:
    event_id: str
    kind: str
    payload: str  # canonical JSON
    content_hash: str
    reasons: Sequence[str]  # non-empty: stored quarantined


@dataclass(frozen=True)
class Known:
    """What the hub stored under an id, to judge a repeat of it."""

    till_id: str
    content_hash: str | None
    warnings: tuple[str, ...]


def insert_new(
    session: Session, events: Sequence[NewEvent], store_id: str, till_id: str, now: datetime
) -> set[str]:
    """Insert; the ids that come back are new, the others were stored before."""
    if not events:
        return set()
    # Core executemany (not one multi-row VALUES): the statement compiles once and is cached;
    # SQLAlchemy batches the rows itself and returns RETURNING rows from every batch.
    stmt = (
        dialect_insert(session, IngestedEvent)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(IngestedEvent.event_id)
    )
    rows = [
        {
            "event_id": e.event_id,
            "store_id": store_id,
            "till_id": till_id,
            "kind": e.kind,
            "payload": e.payload,
            "received_at": now,
            "content_hash": e.content_hash,
            "state": QUARANTINED if e.reasons else APPLIED,
            "reasons": json.dumps(list(e.reasons)) if e.reasons else None,
        }
        for e in events
    ]
    return set(session.connection().execute(stmt, rows).scalars())


def known(session: Session, event_ids: Iterable[str]) -> dict[str, Known]:
    ids = list(event_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(
            IngestedEvent.event_id,
            IngestedEvent.till_id,
            IngestedEvent.content_hash,
            IngestedEvent.warnings,
        ).where(IngestedEvent.event_id.in_(ids))
    )
    return {
        event_id: Known(till, digest, tuple(json.loads(warnings)) if warnings else ())
        for event_id, till, digest, warnings in rows
    }


def refusal(event_id: str, stored: Known, till_id: str, digest: str) -> str | None:
    """Why a repeat of ``event_id`` is refused, or None when it is the same event again."""
    if stored.till_id != till_id:
        return (
            f"event id {event_id} was already used by another till; this event was not "
            "recorded (the till must give it a new id)"
        )
    if stored.content_hash is not None and stored.content_hash != digest:
        return (
            f"event id {event_id} was already stored with other content; this content was "
            "not recorded (the till must give it a new id)"
        )
    return None


def quarantine(session: Session, event_id: str, reasons: Sequence[str]) -> None:
    session.execute(
        update(IngestedEvent)
        .where(IngestedEvent.event_id == event_id)
        .values(state=QUARANTINED, reasons=json.dumps(list(reasons)))
    )


def keep_answers(session: Session, warnings: Mapping[str, Sequence[str]]) -> None:
    """Store the warnings each new event was answered with (repeated for a duplicate)."""
    rows = [{"eid": eid, "w": json.dumps(list(ws))} for eid, ws in warnings.items() if ws]
    if not rows:
        return
    stmt = (
        update(IngestedEvent.__table__)  # type: ignore[arg-type]
        .where(IngestedEvent.__table__.c.event_id == bindparam("eid"))
        .values(warnings=bindparam("w"))
    )
    session.connection().execute(stmt, rows)
