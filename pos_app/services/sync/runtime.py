"""``TillSync``: the sync client of one till, put together (called by the composition root).

It owns two threads (outbox pusher, feed puller), each with its own HTTP session and its own
database sessions, plus the status tracker they report to. Hook points for the UI:

- ``add_listener(fn)``: ``fn(SyncStatus)`` on every visible change (online/offline, queued,
  rejected, last success, last error, feed progress), called on a sync thread: re-emit it as
  a Qt signal and update the status bar in the slot.
- ``add_feed_listener(fn)``: ``fn(kinds, count)`` after feed changes were committed (refresh
  the click-and-collect queue on ``FeedKind.WEB_ORDER``, the catalog views on ``PRODUCT``).
- ``notify_sale_completed()``: call after each checkout commit, so the sale goes out at once.
- ``is_offline()``: pass it as ``offline=`` to ``CheckoutService.complete_sale``.
- ``rejected_events()`` / ``requeue_rejected(ids)``: the manager's view of refused events.
- ``lookups()``: a new ``HubLookups`` for a worker thread (one per thread).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import make_session_factory
from pos_app.db.write_gate import WriteGate
from pos_app.domain.retry import Backoff
from pos_app.services.sync.feed_apply import FeedApplier
from pos_app.services.sync.state import OfflineJournal, open_offline_since
from sync.client.config import HubConfig
from sync.client.http import HubHttp, Timeouts
from sync.client.lookups import LOOKUP_TIMEOUTS, HubLookups
from sync.client.outbox import RejectedEvent, SqlOutbox
from sync.client.puller import AppliedListener, FeedPuller
from sync.client.pusher import OutboxPusher
from sync.client.status import StatusListener, StatusTracker, SyncStatus


def utc_now() -> datetime:
    return datetime.now(UTC)


class TillSync:
    def __init__(
        self,
        config: HubConfig,
        writer: Engine,
        reader: Engine,
        *,
        clock: Callable[[], datetime] = utc_now,
        timeouts: Timeouts | None = None,
        batch_size: int = 200,
        feed_wait: float = 20.0,
        feed_page: int = 2_000,
        feed_chunk: int = 250,
        backoff_base: float = 0.5,
        backoff_cap: float = 60.0,
        journal_offline: bool = True,
        gate: WriteGate | None = None,
    ) -> None:
        self.config = config
        self._write: sessionmaker[Session] = make_session_factory(writer)
        self._read: sessionmaker[Session] = make_session_factory(reader)
        self.tracker = StatusTracker(clock)
        self.outbox = SqlOutbox(self._read, self._write, clock)
        self.pusher = OutboxPusher(
            HubHttp(config.hub_url, config.token, timeouts=timeouts),
            self.outbox,
            self.tracker,
            batch_size=batch_size,
            backoff=Backoff(backoff_base, backoff_cap),
        )
        self.applier = FeedApplier(
            self._write, self._read, chunk_size=feed_chunk, clock=clock, gate=gate
        )
        self.puller = FeedPuller(
            HubHttp(config.hub_url, config.token, timeouts=timeouts),
            self.applier,
            self.tracker,
            page_size=feed_page,
            wait_seconds=feed_wait,
            backoff=Backoff(backoff_base, backoff_cap),
        )
        if journal_offline:
            self.tracker.add_offline_listener(OfflineJournal(self._write))
            with self._read() as session:
                since = open_offline_since(session)
            if since is not None:
                self.tracker.assume_offline(since)
        # The puller reaching the hub ends the pusher's backoff: queued sales go out at once.
        self.tracker.add_reached_listener(self.pusher.hub_reached)

    def start(self) -> None:
        self.pusher.start()
        self.puller.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop both threads; True when both have ended within the time."""
        pushed = self.pusher.stop(timeout if timeout is not None else 10.0)
        pulled = self.puller.stop(timeout)
        return pushed and pulled

    def add_listener(self, listener: StatusListener) -> None:
        self.tracker.add_listener(listener)

    def add_feed_listener(self, listener: AppliedListener) -> None:
        self.puller.add_applied_listener(listener)

    def status(self) -> SyncStatus:
        return self.tracker.snapshot()

    def is_offline(self) -> bool:
        return self.tracker.is_offline()

    def notify_sale_completed(self) -> None:
        self.pusher.notify_new_events()

    def rejected_events(self) -> list[RejectedEvent]:
        return self.outbox.rejected()

    def requeue_rejected(self, row_ids: Sequence[int]) -> int:
        """Send refused events again (a manager's decision); call from a worker thread."""
        count = self.outbox.requeue(row_ids)
        queued, rejected = self.outbox.counts()
        self.tracker.update(queued=queued, rejected=rejected)
        self.pusher.notify_new_events(0)
        return count

    def lookups(self) -> HubLookups:
        return HubLookups(HubHttp(self.config.hub_url, self.config.token, timeouts=LOOKUP_TIMEOUTS))
