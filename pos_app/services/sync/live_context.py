"""The store context a running till sells with, kept current by the feed (issue 16 point 9).

A till enrolled a moment ago starts before the feed has brought its tax rates and store
profile; the pages that bring them must take effect at once, not at the next start. The feed
kinds that change the context are named here, once: the window (ui/app.py) and a till run
without a window (the e2e rehearsal) both follow them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Set

from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.store.till_context import TillContext, load_till_context
from sync.wire_kinds import FeedKind

# Feed kinds that change the till context (services/store/till_context.py); the return policy
# is read by the returns screen itself.
STORE_SETTINGS = frozenset({FeedKind.STORE, FeedKind.TAX_CLASS})


def changes_context(kinds: Set[FeedKind]) -> bool:
    return bool(kinds & STORE_SETTINGS)


class LiveTillContext:
    """``current`` is the context as of the last feed page that changed it.

    ``on_feed_applied`` is a TillSync feed listener (it runs on the sync thread, after the
    page's commit); subscribers hear the fresh context there.
    """

    def __init__(self, read: sessionmaker[Session], context: TillContext) -> None:
        self._read = read
        self._current = context
        self._lock = threading.Lock()
        self._subscribers: list[Callable[[TillContext], None]] = []

    @property
    def current(self) -> TillContext:
        with self._lock:
            return self._current

    def subscribe(self, subscriber: Callable[[TillContext], None]) -> None:
        self._subscribers.append(subscriber)

    def on_feed_applied(self, kinds: Set[FeedKind], _count: int = 0) -> None:
        if not changes_context(kinds):
            return
        with self._read() as session:
            fresh = load_till_context(session)  # a few rows
        with self._lock:
            self._current = fresh
        for subscriber in self._subscribers:
            subscriber(fresh)
