"""The change feed: one ordered log per store, plus chain-wide rows every store sees.

The rule (docs/architecture.md §6): a reader that has seen position N must never later find a new
row below N. A plain sequence breaks it on PostgreSQL, because positions are handed out at INSERT
and become visible at COMMIT: if T1 takes 10, T2 takes 11 and T2 commits first, a reader sees 11,
moves its cursor past 10, and loses 10 when T1 commits.

PostgreSQL: number after commit. A writing transaction puts its rows in ``feed_pending``
(``append``, no lock: ingest transactions commit in parallel and share WAL flushes). After its
commit, ``publish`` runs one short statement (its own transaction) that takes the advisory lock,
moves *every* committed pending row it sees into ``feed`` (positions from the feed's sequence,
in pending order), and commits before releasing the lock. Positions are therefore handed out
and made visible by one step at a time, each step's positions above every earlier step's: a
reader can never see N while a lower position is still to come. Many writers waiting for the
lock are served by whichever gets it first (it moves their rows too); the others find nothing
to move and commit no WAL.
A writer that dies between its commit and ``publish`` leaves rows in ``feed_pending`` for the
next ``publish`` of any writer or of the server's start. The previous design held the lock from
the feed insert to the commit of every writer, which put every ingest commit (and its WAL
flush) in one queue: the measured ceiling of issue 18 point 4.

SQLite: one writer at a time (``BEGIN IMMEDIATE``), so ``append`` writes ``feed`` directly and
the order is given; ``publish`` has nothing to do.

Bulk writers (``catalog_import``) may still insert into ``feed`` directly while holding the same
lock: they are one more numbering step.

Wake-ups: ``publish`` calls ``pg_notify`` in its transaction (delivered at commit, to every
worker's listener); ``Hub.change`` then calls the local ``ChangeNotifier`` directly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, insert, select, text, union_all
from sqlalchemy.orm import Session

from sync.hub.db import insert_rows
from sync.hub.models import CHAIN_SCOPE, FeedRow, PendingFeedRow
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


def append(session: Session, changes: Sequence[Change]) -> None:
    """Write the caller's feed rows in its transaction; ``publish`` numbers them after commit.

    On SQLite they go straight to ``feed`` (one writer: positions commit in order).
    """
    if not changes:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    insert_rows(
        session,
        insert(PendingFeedRow if postgres else FeedRow),
        [
            {"scope": c.scope, "kind": str(c.kind), "key": c.key, "data": dumps(c.data)}
            for c in changes
        ],
    )


# One statement, in autocommit: take the lock, move every committed pending row into the feed
# (the sequence default numbers them after the sort, so in pending order) and wake each scope's
# listeners; the statement's commit releases the lock. The lock is taken (the InitPlan of the
# DELETE's filter) before any pending row is read. Rows a writer committed after this
# statement's snapshot but before it got the lock are not seen: they are left to that writer's
# own ``publish``, which starts after its commit (a row the previous holder moved meanwhile is
# skipped by the DELETE, never moved twice).
_PUBLISH = text(
    """
    WITH locked AS MATERIALIZED (
        SELECT pg_advisory_xact_lock(:key)
    ), moved AS (
        DELETE FROM feed_pending WHERE EXISTS (SELECT FROM locked)
        RETURNING id, scope, kind, key, data
    ), numbered AS (
        INSERT INTO feed (scope, kind, key, data)
        SELECT scope, kind, key, data FROM moved ORDER BY id
        RETURNING scope
    )
    SELECT count(*) AS rows, pg_notify(:channel, scope) AS sent
    FROM numbered GROUP BY scope
    """
)


def publish(engine: Engine) -> int:
    """Number the committed pending rows (PostgreSQL); how many this call moved.

    Call it after the commit of a transaction that called ``append``: one round trip, one
    statement in its own (auto-committed) transaction, so its snapshot is taken after the
    caller's commit and the caller's rows are moved by it or by a step that started later.
    """
    if engine.dialect.name != "postgresql":
        return 0
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        params = {"key": FEED_LOCK_KEY, "channel": NOTIFY_CHANNEL}
        rows = connection.execute(_PUBLISH, params).all()
    return sum(int(r.rows) for r in rows)


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
