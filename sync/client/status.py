"""What the sync threads tell the rest of the till: online/offline, queue, last success, errors.

``SyncStatus`` is an immutable snapshot; ``StatusTracker`` holds the current one, and calls
each listener with a new snapshot whenever something a person would see changes. Listeners are
called on the sync thread that made the change: the UI re-emits them as a Qt signal and never
touches widgets from here. Several channels (push, pull) report outcomes; the till is offline
while any of them is failing. A flip is logged once, and the recovery once, never per retry.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedProgress:
    """How far a catch-up of the feed has got (a first sync of a big catalog, a long outage)."""

    applied: int  # changes applied since the puller started
    cursor: int
    catching_up: bool  # the hub said there is more right now


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool = True
    online: bool | None = None  # None: no answer either way yet
    queued: int = 0  # outbox events not yet acknowledged by the hub
    rejected: int = 0  # refused by the hub; kept for a manager to look at
    last_success: datetime | None = None
    last_error: str | None = None
    offline_since: datetime | None = None
    feed: FeedProgress | None = None


StatusListener = Callable[[SyncStatus], None]
# (offline, at, reason): called once per flip, e.g. to journal an offline period.
OfflineListener = Callable[[bool, datetime, str | None], None]


class StatusTracker:
    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._status = SyncStatus()
        self._failing: dict[str, str] = {}  # channel -> its current error
        self._listeners: list[StatusListener] = []
        self._offline_listeners: list[OfflineListener] = []
        self._online_listeners: list[Callable[[], None]] = []

    def add_listener(self, listener: StatusListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def add_offline_listener(self, listener: OfflineListener) -> None:
        with self._lock:
            self._offline_listeners.append(listener)

    def add_reached_listener(self, listener: Callable[[], None]) -> None:
        """Called after every successful call, on any channel (e.g. to cut another's backoff)."""
        with self._lock:
            self._online_listeners.append(listener)

    def snapshot(self) -> SyncStatus:
        with self._lock:
            return self._status

    def is_offline(self) -> bool:
        """For checkout: a receipt made now says it was made offline (docs/architecture.md §3)."""
        return self.snapshot().online is False

    def succeeded(self, channel: str) -> None:
        now = self._clock()
        with self._lock:
            self._failing.pop(channel, None)
            flipped = self._status.online is not True and not self._failing
            since = self._status.offline_since
            self._status = replace(
                self._status,
                online=not self._failing,
                last_success=now,
                last_error=None if not self._failing else self._status.last_error,
                offline_since=None if not self._failing else since,
            )
            was_offline = since is not None
            reached = list(self._online_listeners)
        if flipped and was_offline:
            log.info("hub reachable again (offline since %s)", since)
            self._tell_offline(False, now, None)
        self._publish()
        for listener in reached:
            listener()

    def failed(self, channel: str, error: str) -> None:
        now = self._clock()
        with self._lock:
            first = not self._failing
            self._failing[channel] = error
            flipped = self._status.online is not False
            self._status = replace(
                self._status,
                online=False,
                last_error=error,
                offline_since=self._status.offline_since or now,
            )
        if flipped and first:
            log.warning("hub unreachable, selling offline: %s", error)
            self._tell_offline(True, now, error)
        self._publish()

    def update(self, **changes: object) -> None:
        """Set queue counts, feed progress …; listeners hear only of real changes."""
        with self._lock:
            new = replace(self._status, **changes)  # type: ignore[arg-type]
            if new == self._status:
                return
            self._status = new
        self._publish()

    def assume_offline(self, since: datetime) -> None:
        """Start as offline since ``since`` (an outage the till was stopped in)."""
        with self._lock:
            self._status = replace(self._status, online=False, offline_since=since)
        self._publish()

    def add_queued(self, count: int = 1) -> None:
        """A sale was queued: show it at once; the pusher recounts from the outbox later."""
        with self._lock:
            self._status = replace(self._status, queued=self._status.queued + count)
        self._publish()

    def _tell_offline(self, offline: bool, at: datetime, reason: str | None) -> None:
        with self._lock:
            listeners = list(self._offline_listeners)
        for listener in listeners:
            try:
                listener(offline, at, reason)
            except Exception:  # a listener must never stop the sync thread
                log.exception("offline listener failed")

    def _publish(self) -> None:
        with self._lock:
            status = self._status
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(status)
            except Exception:
                log.exception("sync status listener failed")
