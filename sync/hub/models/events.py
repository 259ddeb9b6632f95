"""What tills send and what the hub sends back: ingested events (with their trust state) and
the feed, numbered after commit (docs/architecture.md §6)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sync.hub.models.base import Base, BigId, UtcDateTime


class IngestedEvent(Base):
    """Every event a till pushed, under its till-made UUID, kept forever
    (docs/architecture.md §6)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    till_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # SHA-256 of kind + payload: the same id with other content is refused, not a duplicate
    # (sync/hub/event_store.py). None for events stored before the hash was kept.
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # applied | quarantined (failed sync/hub/event_checks.py; moved nothing) | released |
    # rejected (head office's verdicts on a quarantined event, sync/hub/quarantine.py).
    state: Mapped[str] = mapped_column(String(16), default="applied", server_default="applied")
    reasons: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list: why held
    warnings: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list: the answer
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    review_note: Mapped[str | None] = mapped_column(String(500), nullable=True)

    __table_args__ = (
        Index("ix_events_store_kind", "store_id", "kind"),
        Index("ix_events_state", "state"),
        Index("ix_events_till_received", "till_id", "received_at"),
    )


class FeedRow(Base):
    """One change in a store's feed; ``scope`` is a store id or ``*`` for the whole chain.

    Positions come from the table's own sequence (AUTOINCREMENT on SQLite, so a position is
    never handed out twice). Commit-order visibility is the writer's job: see ``feed.py``.
    """

    __tablename__ = "feed"

    position: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(128))
    data: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_feed_scope_position", "scope", "position"),
        {"sqlite_autoincrement": True},
    )


class PendingFeedRow(Base):
    """A feed row committed by its writer but not yet numbered (PostgreSQL only).

    Writers insert here with no lock, in parallel; ``feed.publish`` moves committed rows into
    ``feed`` in one short step that hands out positions and commits them in the same order
    (docs/architecture.md §6, "Feed positions"). ``id`` keeps each writer's own order and the
    commit order of writers that touched the same record (the later one waited on the row lock).
    """

    __tablename__ = "feed_pending"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(128))
    data: Mapped[str] = mapped_column(Text)


CHAIN_SCOPE = "*"
