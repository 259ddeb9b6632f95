"""The till's outbox table as the pusher's queue (docs/architecture.md §6): the queue IS the SQLite
outbox.

Reads go through a read-only engine (no write lock taken just to look), the marks through the
writer engine in one short transaction per batch. Each call opens its own session: sessions
never cross threads. "Unsent" means not acknowledged and not rejected; a rejected event keeps
its row, its flag and the hub's reason, and the events after it carry on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import OutboxEvent


@dataclass(frozen=True)
class QueuedEvent:
    row_id: int
    event_id: str
    kind: str
    payload: str  # the JSON text as stored

    def wire(self) -> dict[str, Any]:
        """The event as ``POST /v1/events`` takes it; ValueError for a damaged payload."""
        payload = json.loads(self.payload)
        if not isinstance(payload, dict):
            raise ValueError("payload is not a JSON object")
        return {"event_id": self.event_id, "kind": self.kind, "payload": payload}


@dataclass(frozen=True)
class Outcome:
    """What became of one event: acknowledged (accepted or duplicate), or rejected and why."""

    row_id: int
    acknowledged: bool
    reason: str | None = None
    # Accepted, but the hub said something a manager must see (an over-return it flagged).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RejectedEvent:
    row_id: int
    event_id: str
    kind: str
    created_at: datetime
    reason: str


def _unsent() -> Any:
    return OutboxEvent.sent_at.is_(None) & OutboxEvent.rejected.is_(False)


class SqlOutbox:
    def __init__(
        self,
        read_sessions: sessionmaker[Session],
        write_sessions: sessionmaker[Session],
        clock: Callable[[], datetime],
    ) -> None:
        self._read = read_sessions
        self._write = write_sessions
        self._clock = clock

    def next_batch(self, limit: int) -> list[QueuedEvent]:
        with self._read() as session:
            rows = session.execute(
                select(OutboxEvent.id, OutboxEvent.event_id, OutboxEvent.kind, OutboxEvent.payload)
                .where(_unsent())
                .order_by(OutboxEvent.id)
                .limit(limit)
            ).all()
        return [QueuedEvent(r.id, r.event_id, r.kind, r.payload) for r in rows]

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Mark a batch's outcomes in one transaction (each row only while still unsent)."""
        if not outcomes:
            return
        now = self._clock()
        acked = [o.row_id for o in outcomes if o.acknowledged]
        with self._write.begin() as session:
            if acked:
                session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id.in_(acked), OutboxEvent.sent_at.is_(None))
                    .values(sent_at=now, attempts=OutboxEvent.attempts + 1, last_error=None)
                )
            for outcome in outcomes:
                if outcome.acknowledged and outcome.warnings:
                    session.execute(
                        update(OutboxEvent)
                        .where(OutboxEvent.id == outcome.row_id)
                        .values(hub_warnings=json.dumps(list(outcome.warnings)))
                    )
            for outcome in outcomes:
                if not outcome.acknowledged:
                    session.execute(
                        update(OutboxEvent)
                        .where(OutboxEvent.id == outcome.row_id, OutboxEvent.sent_at.is_(None))
                        .values(
                            rejected=True,
                            attempts=OutboxEvent.attempts + 1,
                            last_error=outcome.reason or "rejected by the hub",
                        )
                    )

    def counts(self) -> tuple[int, int]:
        """(queued, rejected)."""
        with self._read() as session:
            queued = session.scalar(select(func.count()).select_from(OutboxEvent).where(_unsent()))
            rejected = session.scalar(
                select(func.count())
                .select_from(OutboxEvent)
                .where(OutboxEvent.rejected.is_(True), OutboxEvent.sent_at.is_(None))
            )
        return int(queued or 0), int(rejected or 0)

    def rejected(self, limit: int = 200) -> list[RejectedEvent]:
        """For the manager's screen: what the hub refused, and why."""
        with self._read() as session:
            rows = session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.rejected.is_(True), OutboxEvent.sent_at.is_(None))
                .order_by(OutboxEvent.id)
                .limit(limit)
            ).all()
            return [
                RejectedEvent(r.id, r.event_id, r.kind, r.created_at, r.last_error or "")
                for r in rows
            ]

    def requeue(self, row_ids: Sequence[int]) -> int:
        """A manager sends rejected events again (e.g. after the hub was fixed)."""
        with self._write.begin() as session:
            result = session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.id.in_(list(row_ids)), OutboxEvent.rejected.is_(True))
                .values(rejected=False)
            )
        return int(getattr(result, "rowcount", 0) or 0)
