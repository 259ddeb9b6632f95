"""What the screens re-read after feed pages, coalesced and read off the GUI thread.

The sync thread applies feed pages and reports each one (``SyncBridge.feed_applied``). During a
large catch-up that is dozens of pages a minute, each able to bring store settings, promotions,
web orders or the return policy. Re-reading after every page on the GUI thread would stall the
event loop, and a stall in the middle of a scanner burst splits the scan (ui/scanner.py times
the gaps between keys). So:

- kinds from pages arriving within ``COALESCE_MS`` of the first are merged: one refresh;
- the reads (the till context, the active promotions) run on this object's own reader thread,
  and only their results are handed to the screens on the GUI thread;
- ``refreshed(kinds)`` then tells the screens whose own refresh already runs on a lane
  (collections, returns) once per burst instead of once per page.

docs/architecture.md §4, "Feed refresh".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.promotions import Promotion
from pos_app.services.store.till_context import TillContext, load_till_context
from pos_app.services.sync.live_context import changes_context
from sync.wire_kinds import FeedKind

log = logging.getLogger(__name__)
COALESCE_MS = 150  # a burst of pages within this window is one refresh

# Reads the active promotions for a context (PromotionPrices.read_active), on the reader thread.
ReadPromotions = Callable[[Session, TillContext], tuple[Promotion, ...]]


@dataclass(frozen=True)
class FeedReads:
    """What the reader thread loaded for one refresh (None: that part did not change)."""

    kinds: frozenset[FeedKind]
    context: TillContext | None
    promotions: tuple[Promotion, ...] | None


class FeedRefresh(QObject):
    refreshed = Signal(object)  # set[FeedKind] of the pages merged into one refresh (GUI thread)
    _loaded = Signal(object)  # FeedReads or an exception, from the reader thread

    def __init__(
        self,
        read: sessionmaker[Session],
        context: TillContext,
        read_promotions: ReadPromotions,
        *,
        use_context: Callable[[TillContext], None],
        use_promotions: Callable[[tuple[Promotion, ...], TillContext], None],
        coalesce_ms: int = COALESCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read, self._context, self._read_promotions = read, context, read_promotions
        self._use_context, self._use_promotions = use_context, use_promotions
        self._pending: set[FeedKind] = set()
        self._in_flight = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-refresh")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(coalesce_ms)
        self._timer.timeout.connect(self.on_timer_timeout)
        self._loaded.connect(self.on_self_loaded)
        self.refreshes = 0  # how many refreshes ran (a burst of pages counts once)
        self.reads = 0  # how many of them re-read the context or promotions (off this thread)

    def on_bridge_feed_applied(self, kinds: set[FeedKind]) -> None:
        self._pending |= kinds
        if not self._timer.isActive() and not self._in_flight:
            self._timer.start()  # not restarted by later pages: a long burst still refreshes

    def on_timer_timeout(self) -> None:
        kinds = frozenset(self._pending)
        self._pending.clear()
        if not kinds:
            return
        self.refreshes += 1
        if not changes_context(kinds) and FeedKind.PROMOTION not in kinds:
            self.refreshed.emit(set(kinds))  # nothing to re-read here (a catalog page)
            return
        self._in_flight = True
        self.reads += 1
        read, read_promotions, context = self._read, self._read_promotions, self._context
        emit = self._loaded.emit

        def job() -> None:
            try:
                fresh = None
                with read() as session:
                    if changes_context(kinds):
                        fresh = load_till_context(session)
                    promotions = None
                    if FeedKind.PROMOTION in kinds or fresh is not None:
                        promotions = read_promotions(session, fresh or context)
                emit(FeedReads(kinds, fresh, promotions))
            except Exception as exc:  # shown in the log; the next page tries again
                emit(exc)

        self._pool.submit(job)

    def on_self_loaded(self, outcome: FeedReads | Exception) -> None:
        self._in_flight = False
        if self._pending:
            self._timer.start()  # pages that came while this one was read
        if isinstance(outcome, Exception):
            log.warning("refresh after a feed page failed: %s", outcome)
            return
        if outcome.context is not None:
            self._context = outcome.context
            self._use_context(outcome.context)
        if outcome.promotions is not None:
            self._use_promotions(outcome.promotions, self._context)
        self.refreshed.emit(set(outcome.kinds))

    @property
    def idle(self) -> bool:
        """Nothing waiting or being read (tests wait for this)."""
        return not self._pending and not self._in_flight and not self._timer.isActive()

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=True)
