"""Till-side records of the sync: offline periods in the journal, the store profile from the hub.

An offline period is journaled when it starts and when it ends (docs/architecture.md §3: receipts
made offline say so, and the journal shows when the till could not reach the hub). A restart in
the middle of an outage does not open a second period: the last offline entry is checked.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import JournalEntry, StoreProfile
from pos_app.services.store import journal

if TYPE_CHECKING:
    from sync.protocol import StoreInfo

OFFLINE_STARTED = "offline_started"
OFFLINE_ENDED = "offline_ended"


def last_offline_kind(session: Session, till_id: str) -> str | None:
    return session.scalar(
        select(JournalEntry.kind)
        .where(
            JournalEntry.till_id == till_id,
            JournalEntry.kind.in_((OFFLINE_STARTED, OFFLINE_ENDED)),
        )
        .order_by(JournalEntry.seq.desc())
        .limit(1)
    )


def record_offline_change(
    session: Session, *, offline: bool, at: datetime, reason: str | None
) -> bool:
    """Journal the start or end of an offline period; False when it was already recorded
    (or when this till has no profile, i.e. no journal of its own yet)."""
    profile = session.get(StoreProfile, 1)
    if profile is None:
        return False
    kind = OFFLINE_STARTED if offline else OFFLINE_ENDED
    last = last_offline_kind(session, profile.till_id)
    if last == kind or (not offline and last is None):
        return False
    body = {"reason": (reason or "")[:300]} if offline else {}
    journal.append_entry(session, till_id=profile.till_id, kind=kind, created_at=at, body=body)
    return True


def open_offline_since(session: Session) -> datetime | None:
    """When the journal shows an offline period that was never closed (the till stopped while
    offline), its start: the first answer from the hub then closes it."""
    profile = session.get(StoreProfile, 1)
    if profile is None:
        return None
    entry = session.scalars(
        select(JournalEntry)
        .where(
            JournalEntry.till_id == profile.till_id,
            JournalEntry.kind.in_((OFFLINE_STARTED, OFFLINE_ENDED)),
        )
        .order_by(JournalEntry.seq.desc())
        .limit(1)
    ).first()
    return entry.created_at if entry is not None and entry.kind == OFFLINE_STARTED else None


class OfflineJournal:
    """An ``OfflineListener`` for the status tracker: one short write per flip."""

    def __init__(self, write_sessions: sessionmaker[Session]) -> None:
        self._write = write_sessions

    def __call__(self, offline: bool, at: datetime, reason: str | None) -> None:
        with self._write.begin() as session:
            record_offline_change(session, offline=offline, at=at, reason=reason)


def write_store_profile(session: Session, store: StoreInfo, till_id: str) -> None:
    """The enrolled till's identity; receipt header and footer lines already set are kept."""
    profile = session.get(StoreProfile, 1)
    if profile is None:
        session.add(
            StoreProfile(
                id=1,
                store_id=store.store_id,
                till_id=till_id,
                store_name=store.name,
                address="",
                currency=store.currency,
                tax_mode=store.tax_mode,
                cash_rounding_step=store.cash_rounding_step,
                receipt_footer="",
                locale=store.locale,
            )
        )
        return
    profile.store_id = store.store_id
    profile.till_id = till_id
    profile.store_name = store.name
    profile.currency = store.currency
    profile.tax_mode = store.tax_mode
    profile.cash_rounding_step = store.cash_rounding_step
    profile.locale = store.locale
