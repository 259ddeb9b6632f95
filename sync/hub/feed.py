"""The change feed: one ordered log per store, plus chain-wide rows every store sees.

The rule (docs/architecture.md §6): a reader that has seen position N must never later find a new
row below N. A plain sequence breaks it on PostgreSQL, because positions are handed out at INSERT
and become visible at COMMIT: if T1 takes 10, T2 takes 11 and T2 commits first, a reader sees 11,
moves its cursor past 10, and loses 10 when T1 commits.

Here every writer takes one transaction-scoped advisory lock *just before* inserting its feed
rows and holds it until its commit, so positions are handed out and committed in the same
order. It serialises only that last step (the rest of an ingest transaction runs in
parallel), and writers must do nothing else that waits on another writer after taking it (they
insert feed rows, notify, commit), so it cannot deadlock. On SQLite there is one writer at a
time anyway (``BEGIN IMMEDIATE``), so the order is given.

Wake-ups: a writer calls ``pg_notify`` in its transaction (delivered at commit, to every
worker's listener) and, after commit, the local ``ChangeNotifier`` directly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text, union_all
from sqlalchemy.orm import Session

from sync.hub.models import CHAIN_SCOPE, FeedRow
from sync.protocol import FeedKind, FeedPage

# Any fixed 64-bit number, the same in every worker; names the "feed append" lock.
FEED_LOCK_KEY = 0x0F_EED_0F_0F
NOTIFY_CHANNEL = "omnitill_feed"


def dumps(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), sort_keys=True, default=str)


@dataclass(frozen=True)
class Change:
    scope: str  # a store id, or CHAIN_SCOPE
    kind: FeedKind
    key: str
    data: dict[str, Any]


@dataclass
class PendingChanges:
    """Changes collected during one write transaction, written by ``append`` at its end."""

    changes: list[Change] = field(default_factory=list)

    def add(self, scope: str, kind: FeedKind, key: str, data: dict[str, Any]) -> None:
        self.changes.append(Change(scope, kind, key, data))

    @property
    def scopes(self) -> set[str]:
        return {c.scope for c in self.changes}


def take_feed_lock(session: Session) -> None:
    """Serialise feed appends until this transaction ends (no-op on SQLite: one writer)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK_KEY})


def notify_scopes(session: Session, scopes: Iterable[str]) -> None:
    """Queue a wake-up for other workers; PostgreSQL sends it at commit, never before."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for scope in sorted(set(scopes)):
        session.execute(
            text("SELECT pg_notify(:channel, :scope)"),
            {"channel": NOTIFY_CHANNEL, "scope": scope},
        )


def append(session: Session, changes: Sequence[Change]) -> None:
    """Write feed rows as the last step of the caller's transaction (see the module doc)."""
    if not changes:
        return
    take_feed_lock(session)
    session.connection().execute(
        insert(FeedRow),
        [
            {"scope": c.scope, "kind": str(c.kind), "key": c.key, "data": dumps(c.data)}
            for c in changes
        ],
    )
    notify_scopes(session, {c.scope for c in changes})


def read_page_json(session: Session, store_id: str, cursor: int, limit: int) -> bytes:
    """A ``FeedPage`` as JSON, rows after ``cursor`` for one store, in position order.

    Two index range scans (the store's rows, the chain's rows), each limited, merged: a store
    never wades through the other stores' stock rows to find its own. The stored ``data`` is
    already JSON, so it is spliced in as is: parsing and re-encoding a million catalog rows
    during a till's first sync would cost more than the query.
    """
    columns = (FeedRow.position, FeedRow.kind, FeedRow.key, FeedRow.data)
    parts = [
        select(*columns)
        .where(FeedRow.scope == scope, FeedRow.position > cursor)
        .order_by(FeedRow.position)
        .limit(limit + 1)
        .subquery()
        .select()
        for scope in (store_id, CHAIN_SCOPE)
    ]
    merged = union_all(*parts).subquery()
    rows = session.execute(select(merged).order_by(merged.c.position).limit(limit + 1)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = ",".join(
        f'{{"position":{r.position},"kind":{json.dumps(r.kind)},"key":{json.dumps(r.key)},'
        f'"data":{r.data}}}'
        for r in rows
    )
    next_cursor = rows[-1].position if rows else cursor
    more = "true" if has_more else "false"
    body = f'{{"changes":[{changes}],"next_cursor":{next_cursor},"has_more":{more}}}'
    return body.encode("utf-8")


def read_page(session: Session, store_id: str, cursor: int, limit: int) -> FeedPage:
    """The same page, parsed (for code that wants objects rather than bytes)."""
    return FeedPage.model_validate_json(read_page_json(session, store_id, cursor, limit))


def head_position(session: Session) -> int:
    return int(session.execute(select(func.coalesce(func.max(FeedRow.position), 0))).scalar_one())
