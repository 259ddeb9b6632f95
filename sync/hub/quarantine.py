"""Head office's review of quarantined till events (sync/hub/event_checks.py says why held).

A quarantined event is stored but has moved nothing. Head office lists them, then either
releases one (it is applied exactly as ingest would have applied it: stored value, returns
ledger, customers, coupons, stock, feed) or rejects it (kept for the record, never applied).
Each verdict is final and names who gave it and why.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub.context import Hub
from sync.hub.errors import Invalid, NotFound
from sync.hub.event_store import QUARANTINED, REJECTED, RELEASED
from sync.hub.feed import PendingChanges
from sync.hub.ingest import apply_event, apply_stock_of, parse_stored
from sync.hub.models import IngestedEvent
from sync.hub.returns_ledger import SaleLedger
from sync.protocol import QuarantinedEvent, QuarantineState

MAX_LISTED = 500
STATES = (QUARANTINED, RELEASED, REJECTED)


def _out(row: IngestedEvent, warnings: list[str] | None = None) -> QuarantinedEvent:
    payload = json.loads(row.payload)
    totals = payload.get("totals") if isinstance(payload.get("totals"), dict) else {}
    total = totals.get("total_minor") if isinstance(totals, dict) else None
    currency = payload.get("currency")
    return QuarantinedEvent(
        event_id=row.event_id,
        store_id=row.store_id,
        till_id=row.till_id,
        kind=row.kind,
        state=QuarantineState(row.state),
        reasons=json.loads(row.reasons) if row.reasons else [],
        received_at=row.received_at,
        currency=currency if isinstance(currency, str) else None,
        total_minor=total if isinstance(total, int) else None,
        reviewed_at=row.reviewed_at,
        reviewed_by=row.reviewed_by,
        review_note=row.review_note,
        warnings=warnings or [],
    )


def list_events(
    session: Session, *, store_id: str | None = None, state: str = QUARANTINED
) -> list[QuarantinedEvent]:
    """Held (or already reviewed) events, oldest first."""
    if state not in STATES:
        raise Invalid(f"state must be one of {', '.join(STATES)}")
    query = select(IngestedEvent).where(IngestedEvent.state == state)
    if store_id is not None:
        query = query.where(IngestedEvent.store_id == store_id)
    rows = session.scalars(query.order_by(IngestedEvent.id).limit(MAX_LISTED))
    return [_out(row) for row in rows]


def _held(session: Session, event_id: str) -> IngestedEvent:
    row = session.scalars(
        select(IngestedEvent).where(IngestedEvent.event_id == event_id).with_for_update()
    ).one_or_none()
    if row is None:
        raise NotFound(f"no event {event_id!r}")
    if row.state != QUARANTINED:
        raise Invalid(f"event {event_id} is {row.state}, not quarantined")
    return row


def release(hub: Hub, event_id: str, *, by: str, note: str) -> QuarantinedEvent:
    """Apply a held event now, as ingest would have; the warnings say what it caused."""
    with hub.change() as (session, pending):
        return release_in(session, pending, hub, event_id, by=by, note=note)


def release_in(
    session: Session, pending: PendingChanges, hub: Hub, event_id: str, *, by: str, note: str
) -> QuarantinedEvent:
    """``release`` in the caller's transaction (the console adds its audit entry)."""
    row = _held(session, event_id)
    event = parse_stored(row.event_id, row.kind, row.payload)
    sales = SaleLedger(session, hub.clock())
    apply_event(session, event, row.store_id, row.till_id, hub, sales, pending)
    apply_stock_of(session, pending, [event], row.store_id, hub, sales)
    _review(row, RELEASED, by, note, hub)
    return _out(row, event.answer_warnings())


def reject(hub: Hub, event_id: str, *, by: str, note: str) -> QuarantinedEvent:
    """Keep a held event for the record and never apply it."""
    with hub.change() as (session, _):
        return reject_in(session, hub, event_id, by=by, note=note)


def reject_in(session: Session, hub: Hub, event_id: str, *, by: str, note: str) -> QuarantinedEvent:
    row = _held(session, event_id)
    _review(row, REJECTED, by, note, hub)
    return _out(row)


def _review(row: IngestedEvent, state: str, by: str, note: str, hub: Hub) -> None:
    if not note.strip():
        raise Invalid("give a note: why this event is released or rejected")
    row.state = state
    row.reviewed_at = hub.clock()
    row.reviewed_by = by[:200]
    row.review_note = note.strip()[:500]
