"""Refunds head office must make (click-and-collect and online orders returned in store)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub.console.accounts import ConsoleIdentity, audit
from sync.hub.context import Hub
from sync.hub.errors import Conflict, Invalid, NotFound
from sync.hub.models import RefundRequestRow


def refunds(
    session: Session, stores: Sequence[str] | None, limit: int = 200
) -> list[RefundRequestRow]:
    """Waiting ones first (oldest first), then the ones done (newest first)."""
    R = RefundRequestRow
    query = select(R).order_by(R.refunded_at.is_not(None), R.id).limit(limit)
    if stores is not None:
        query = query.where(R.store_id.in_(stores))
    return list(session.scalars(query))


def mark_refunded(hub: Hub, refund_id: int, reference: str, who: ConsoleIdentity) -> None:
    reference = reference.strip()
    if not reference or len(reference) > 100:
        raise Invalid("type the payment reference of the refund (1 to 100 characters)")
    with hub.change() as (session, _):
        row = session.get(RefundRequestRow, refund_id, with_for_update=True)
        if row is None or not who.sees_store(row.store_id):
            raise NotFound(f"no refund {refund_id}")
        if row.refunded_at is not None:
            raise Conflict(f"refund {refund_id} was marked done by {row.refunded_by} already")
        now = hub.clock()
        row.refund_reference, row.refunded_by, row.refunded_at = reference, who.email, now
        audit(
            session,
            who.email,
            "refund.done",
            f"refund {refund_id} (order {row.order_number})",
            {"status": "requested"},
            {"status": "refunded", "reference": reference},
            now,
        )
