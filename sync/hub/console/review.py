"""What head office reviews: flagged returns, coupon double uses, quarantined till events and
customer notifications that failed. Each verdict (resolved, released, rejected, resent) is
written with its audit entry in one transaction; the rules stay in their homes
(sync/hub/returns_ledger.py, quarantine.py, notifications.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub import notifications, quarantine
from sync.hub.console.accounts import ConsoleIdentity, audit
from sync.hub.context import Hub
from sync.hub.errors import Conflict, Invalid, NotFound
from sync.hub.models import CouponDoubleUse, CustomerNotificationRow, ReturnReview
from sync.protocol import NotificationStatus, QuarantinedEvent

LIMIT = 200


def _scoped(query: Any, column: Any, stores: Sequence[str] | None) -> Any:
    return query if stores is None else query.where(column.in_(stores))


def return_reviews(session: Session, stores: Sequence[str] | None) -> list[ReturnReview]:
    """Open ones first (oldest first), then the latest resolved."""
    R = ReturnReview
    query = select(R).order_by(R.resolved_at.is_not(None), R.id).limit(LIMIT)
    return list(session.scalars(_scoped(query, R.store_id, stores)))


def resolve_return(hub: Hub, who: ConsoleIdentity, review_id: int, note: str) -> None:
    note = " ".join(note.split())
    if not 3 <= len(note) <= 200:
        raise Invalid("say what was done (3 to 200 characters)")
    with hub.change() as (session, _):
        row = session.get(ReturnReview, review_id, with_for_update=True)
        if row is None or not who.sees_store(row.store_id):
            raise NotFound(f"no return review {review_id}")
        if row.resolved_at is not None:
            raise Conflict(f"return review {review_id} was resolved already")
        row.resolved_at = hub.clock()
        audit(session, who.email, "return.resolve", f"return {row.receipt_no} ({row.store_id})",
              {"reason": row.reason}, {"resolved": note}, row.resolved_at)  # fmt: skip


def double_uses(session: Session, stores: Sequence[str] | None) -> list[CouponDoubleUse]:
    D = CouponDoubleUse
    query = select(D).order_by(D.id.desc()).limit(LIMIT)
    return list(session.scalars(_scoped(query, D.store_id, stores)))


def held_events(
    session: Session, stores: Sequence[str] | None, state: str
) -> list[QuarantinedEvent]:
    rows = quarantine.list_events(session, state=state)
    return [e for e in rows if stores is None or e.store_id in stores]


def verdict(hub: Hub, who: ConsoleIdentity, event_id: str, note: str, *, release: bool) -> None:
    """Release (apply now) or reject a quarantined event, with who, why and the audit entry."""
    with hub.change() as (session, pending):
        if release:
            out = quarantine.release_in(session, pending, hub, event_id, by=who.email, note=note)
        else:
            out = quarantine.reject_in(session, hub, event_id, by=who.email, note=note)
        audit(session, who.email, f"event.{out.state.value}", f"event {event_id}",
              {"state": "quarantined", "reasons": out.reasons},
              {"state": out.state.value, "note": out.review_note, "warnings": out.warnings},
              hub.clock())  # fmt: skip


def failed_notifications(
    session: Session, stores: Sequence[str] | None
) -> list[CustomerNotificationRow]:
    N = CustomerNotificationRow
    query = select(N).where(N.status == str(NotificationStatus.FAILED)).order_by(N.id.desc())
    return list(session.scalars(_scoped(query.limit(LIMIT), N.store_id, stores)))


def resend(hub: Hub, who: ConsoleIdentity, notification_id: int) -> None:
    with hub.change() as (session, _):
        row = notifications.requeue(session, notification_id)
        audit(session, who.email, "notification.resend", f"notification {notification_id} "
              f"({row.kind}, order {row.order_number})", {"status": "failed",
              "last_error": row.last_error}, {"status": row.status}, hub.clock())  # fmt: skip
