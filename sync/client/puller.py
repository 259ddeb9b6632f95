"""The feed puller (docs/architecture.md §6): long-polls ``GET /v1/feed`` and hands each page to a
sink.

The sink (``pos_app.services.sync.feed_apply.FeedApplier`` at the till) applies a page in short
transactions, each storing the cursor of the changes it holds, so the cursor never runs ahead
of the data and a sale waits at most one small chunk. When the hub says there is more, the
next page is asked for at once (a first sync or a long outage catches up at full speed while
the till keeps selling); when caught up, the request waits at the hub until something changes,
so a new web order arrives within a second or so of its commit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from pos_app.domain.retry import Backoff
from sync.client.errors import HubError
from sync.client.http import HubHttp
from sync.client.status import FeedProgress, StatusTracker
from sync.client.waker import Waker
from sync.protocol import MAX_FEED_PAGE, MAX_FEED_WAIT_SECONDS, FeedChange, FeedKind, FeedPage

log = logging.getLogger(__name__)
CHANNEL = "pull"
# (kinds, count): after changes were committed at the till, e.g. to refresh the pick queue.
AppliedListener = Callable[[frozenset[FeedKind], int], None]


class FeedSink(Protocol):
    def cursor(self) -> int: ...
    def apply(self, changes: Sequence[FeedChange], next_cursor: int) -> None: ...


class FeedPuller:
    def __init__(
        self,
        http: HubHttp,
        sink: FeedSink,
        tracker: StatusTracker,
        *,
        page_size: int = 2_000,
        wait_seconds: float = 20.0,
        backoff: Backoff | None = None,
        wait: Callable[[float], None] | None = None,
    ) -> None:
        self._http = http
        self._sink = sink
        self._tracker = tracker
        self._page_size = max(1, min(page_size, MAX_FEED_PAGE))
        # How long the hub holds a request when there is nothing new. It also bounds how long
        # stop() waits for the thread: requests cannot cancel a read in flight.
        self.wait_seconds = min(wait_seconds, MAX_FEED_WAIT_SECONDS)
        self.backoff = backoff if backoff is not None else Backoff()
        self._waker = Waker()
        self._wait = wait if wait is not None else self._waker.wait
        self._listeners: list[AppliedListener] = []
        self._listeners_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._applied = 0
        self._caught_up = False
        self._apply_error: str | None = None

    def add_applied_listener(self, listener: AppliedListener) -> None:
        with self._listeners_lock:
            self._listeners.append(listener)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the puller was started already")
        self._thread = threading.Thread(target=self._run, name="sync-pull", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        self._waker.stop()
        if self._thread is None:
            return True
        self._thread.join(timeout if timeout is not None else self.wait_seconds + 10.0)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            while not self._waker.stopped:
                if self.pull_once() is None:
                    self._wait(self.backoff.next_delay())
        finally:
            self._http.close()

    def pull_once(self) -> FeedPage | None:
        """Fetch and apply one page; None after a failure (already reported)."""
        try:
            cursor = self._sink.cursor()
            wait = self.wait_seconds if self._caught_up else 0.0
            page = self._http.model(
                FeedPage,
                "GET",
                "/v1/feed",
                params={"cursor": cursor, "limit": self._page_size, "wait": wait},
                timeout=self._http.timeouts.pair(extra_read=wait),
            )
        except HubError as exc:
            self._tracker.failed(CHANNEL, str(exc))
            return None
        except Exception as exc:
            log.exception("reading the feed cursor failed")
            self._tracker.update(last_error=f"feed: {type(exc).__name__}: {exc}")
            return None
        self.backoff.reset()
        self._tracker.succeeded(CHANNEL)
        if page.changes:
            try:
                self._sink.apply(page.changes, page.next_cursor)
            except Exception as exc:
                # The chunk rolled back with its cursor; the same page comes again after a
                # backoff. A change this till cannot apply is a version mismatch to fix.
                message = f"feed not applied: {type(exc).__name__}: {exc}"
                if message != self._apply_error:  # log it once, not on every retry
                    log.exception("applying the feed failed after position %s", cursor)
                    self._apply_error = message
                self._tracker.update(last_error=message)
                return None
            self._apply_error = None
            self._applied += len(page.changes)
            self._notify(page.changes)
        self._caught_up = not page.has_more
        self._tracker.update(
            feed=FeedProgress(
                applied=self._applied, cursor=page.next_cursor, catching_up=page.has_more
            )
        )
        return page

    def _notify(self, changes: Sequence[FeedChange]) -> None:
        kinds = frozenset(c.kind for c in changes)
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(kinds, len(changes))
            except Exception:
                log.exception("feed listener failed")
