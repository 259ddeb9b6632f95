"""Feed positions under concurrent writers (sync/hub/feed.py, docs/architecture.md §6).

The hazard: positions handed out at INSERT, visible at COMMIT. A reader that sees a later
position before an earlier one commits moves its cursor past the earlier one and never sees it.
These tests hold one writer's commit open on real PostgreSQL while a second writer commits and
a reader pages the feed, then let the first commit: the reader must see both rows, once each.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from sync.hub import feed
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.models import FeedRow, PendingFeedRow
from sync.protocol import FeedKind

STORE = "s1"
WAIT = 20.0  # a deadline for threads that should finish promptly, never a sleep


def read_keys(db: HubDatabase, cursor: int) -> tuple[list[str], int]:
    """Every row after ``cursor`` as a till pages them (small pages), and the new cursor."""
    keys: list[str] = []
    while True:
        with db.read() as session:
            page = feed.read_page(session, STORE, cursor, 2)
        keys.extend(c.key for c in page.changes)
        cursor = page.next_cursor
        if not page.has_more:
            return keys, cursor


def hold_commit(session: Session) -> tuple[threading.Event, threading.Event]:
    """Stop ``session``'s next commit until released: (it reached the commit, release it)."""
    reached, release = threading.Event(), threading.Event()

    def before_commit(_: Session) -> None:
        reached.set()
        assert release.wait(3 * WAIT), "the test never released the held commit"

    event.listen(session, "before_commit", before_commit, once=True)
    return reached, release


def test_control_a_plain_sequence_really_skips_a_row_on_this_server(hub_db: HubDatabase) -> None:
    """Without the numbering step the hazard is real here: the reader loses T1's row."""
    if not hub_db.is_postgres:
        pytest.skip("SQLite has one writer: two write transactions never overlap")

    def row(key: str) -> dict[str, str]:
        return {"scope": STORE, "kind": "stock", "key": key, "data": "{}"}

    with hub_db.engine.connect() as t1, hub_db.engine.connect() as t2:
        t1.execute(insert(FeedRow).values(row("t1")))
        t2.execute(insert(FeedRow).values(row("t2")))
        t2.commit()
        seen, cursor = read_keys(hub_db, 0)
        t1.commit()
    assert seen == ["t2"]
    assert read_keys(hub_db, cursor)[0] == []  # t1 is below the cursor: skipped for ever


def test_a_reader_never_skips_a_row_committed_after_a_later_one(hub: Hub) -> None:
    """T1 appends first and holds its commit; T2 appends, commits and is read; T1 commits.

    Fails if positions are handed out at insert (the reader's cursor passes T1's row) and if
    writers are serialised until commit (T2 cannot finish while T1 is held).
    """
    if not hub.db.is_postgres:
        pytest.skip("SQLite has one writer: two write transactions never overlap")
    errors: list[BaseException] = []
    t1_appended = threading.Event()
    t1_holds: list[tuple[threading.Event, threading.Event]] = []

    def first_writer() -> None:
        try:
            with hub.change() as (session, pending):
                pending.add(STORE, FeedKind.STOCK, "t1", {})
                t1_holds.append(hold_commit(session))
                t1_appended.set()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
            t1_appended.set()

    t1 = threading.Thread(target=first_writer)
    t1.start()
    assert t1_appended.wait(WAIT)
    reached, release = t1_holds[0]
    try:
        assert reached.wait(WAIT), "T1 never reached its commit"
        with hub.db.read() as session:  # T1's row exists, uncommitted: a reader cannot see it
            assert session.execute(select(FeedRow.key)).scalars().all() == []

        def second_writer() -> None:
            with hub.change() as (_, pending):
                pending.add(STORE, FeedKind.STOCK, "t2", {})

        t2 = threading.Thread(target=second_writer)
        t2.start()
        t2.join(WAIT)
        assert not t2.is_alive(), "T2's commit waited for T1's: writers are serialised"
        seen, cursor = read_keys(hub.db, 0)
        assert seen == ["t2"]
    finally:
        release.set()
        t1.join(WAIT)
    assert errors == []
    rest, _ = read_keys(hub.db, cursor)
    assert rest == ["t1"]  # after the cursor the reader already holds: not skipped
    everything, _ = read_keys(hub.db, 0)
    assert everything == ["t2", "t1"]


def test_rows_left_pending_by_a_crash_are_numbered_by_the_next_publish(hub: Hub) -> None:
    """A writer that committed and died before numbering: the next writer's step moves its rows,
    before its own, in the order they were written."""
    if not hub.db.is_postgres:
        pytest.skip("SQLite writes the feed directly: nothing is ever pending")
    with hub.db.write() as session:  # what a writer commits before ``publish``
        feed.append(session, [feed.Change(STORE, FeedKind.STOCK, k, {}) for k in ("a", "b")])
    assert read_keys(hub.db, 0)[0] == []  # not numbered: invisible to readers
    with hub.change() as (_, pending):
        pending.add(STORE, FeedKind.STOCK, "c", {})
    assert read_keys(hub.db, 0)[0] == ["a", "b", "c"]
    with hub.db.read() as session:
        assert session.execute(select(PendingFeedRow.id)).all() == []
    assert feed.publish(hub.db.engine) == 0  # nothing left: a waiting writer commits no rows


def test_many_concurrent_writers_every_row_once_in_write_order_per_key(hub: Hub) -> None:
    """Eight writers, each changing its own key three times: every row reaches the feed once,
    and a key's changes keep their order (the till applies them in order; the last wins)."""
    writers, rounds = 8, 3
    errors: list[BaseException] = []

    def write(w: int) -> None:
        try:
            for r in range(rounds):
                with hub.change() as (_, pending):
                    pending.add(STORE, FeedKind.STOCK, f"k{w}", {"round": r})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert errors == []
    with hub.db.read() as session:
        page = feed.read_page(session, STORE, 0, 1000)
    by_key: dict[str, list[int]] = {}
    for change in page.changes:
        by_key.setdefault(change.key, []).append(change.data["round"])
    assert by_key == {f"k{w}": list(range(rounds)) for w in range(writers)}
