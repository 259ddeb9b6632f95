"""Returns the hub flagged for head office, as a manager sees them at the till
(docs/architecture.md §8).

The hub never refuses a return (the money already left the till): an over-return across
tills is accepted with a warning. The pusher stores those warnings on the outbox row; this
module lists the ones a manager has not seen yet and marks them seen (who and when are the
outbox row's ``warnings_seen_at``; the journal is not involved: nothing about the sale
changes).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pos_app.db.models import OutboxEvent

REVIEW_SUFFIX = "head office will review"
_KINDS = ("return.completed", "sale.completed")


@dataclass(frozen=True)
class HubReturnWarning:
    outbox_id: int
    created_at: datetime
    text: str


def unseen_return_warnings(session: Session, limit: int = 20) -> list[HubReturnWarning]:
    """Newest first: what the hub said about returns that head office will review."""
    rows = session.execute(
        select(OutboxEvent.id, OutboxEvent.created_at, OutboxEvent.hub_warnings)
        .where(
            OutboxEvent.hub_warnings.is_not(None),
            OutboxEvent.warnings_seen_at.is_(None),
            OutboxEvent.kind.in_(_KINDS),
        )
        .order_by(OutboxEvent.id.desc())
        .limit(limit)
    ).all()
    out: list[HubReturnWarning] = []
    for row_id, created_at, text in rows:
        try:
            warnings = json.loads(text or "[]")
        except ValueError:
            warnings = [text]
        out.extend(
            HubReturnWarning(row_id, created_at, str(w))
            for w in warnings
            if REVIEW_SUFFIX in str(w)
        )
    return out


def mark_seen(session: Session, outbox_ids: list[int], at: datetime) -> int:
    result = session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.id.in_(outbox_ids), OutboxEvent.warnings_seen_at.is_(None))
        .values(warnings_seen_at=at)
    )
    return int(getattr(result, "rowcount", 0) or 0)
