"""Waking long-polling feed readers promptly when their store's feed grows.

``ChangeNotifier`` lives on one worker's event loop: feed requests await it, writers (running
in the thread pool) call ``wake`` from any thread. Across workers, and for writes made by the
head-office CLI in another process, PostgreSQL's LISTEN/NOTIFY feeds it through
``PostgresListener``. SQLite has no such channel, so a reader also re-checks the feed every
``recheck_seconds`` (a cheap indexed query); that also bounds the cost of any lost wake-up.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable

import psycopg

from pos_app.domain.retry import Backoff
from sync.hub.feed import NOTIFY_CHANNEL
from sync.hub.models import CHAIN_SCOPE

log = logging.getLogger(__name__)


class ChangeNotifier:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._events: dict[str, asyncio.Event] = {}
        self.waiting = 0  # requests parked in ``wait`` right now (for health and tests)

    def current(self, scope: str) -> asyncio.Event:
        """Take this before reading the feed, then await it: a wake in between is not lost."""
        event = self._events.get(scope)
        if event is None:
            event = self._events[scope] = asyncio.Event()
        return event

    async def wait(self, event: asyncio.Event, timeout: float) -> bool:
        """True when woken, False when ``timeout`` passed first."""
        self.waiting += 1
        try:
            await asyncio.wait_for(event.wait(), timeout=timeout)
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1
        return True

    def wake(self, scopes: Iterable[str]) -> None:
        """Thread-safe; called after a commit (or on a PostgreSQL notification)."""
        wanted = frozenset(scopes)
        if self._loop.is_closed():
            return
        try:
            self._loop.call_soon_threadsafe(self._wake_on_loop, wanted)
        except RuntimeError:  # the loop closed between the check and the call: shutting down
            return

    def _wake_on_loop(self, scopes: frozenset[str]) -> None:
        if CHAIN_SCOPE in scopes:
            targets = list(self._events)
        else:
            targets = [s for s in scopes if s in self._events]
        for scope in targets:
            # Replace, then set: waiters on the old event wake; later readers get a fresh one.
            self._events.pop(scope).set()


class PostgresListener:
    """A thread holding one LISTEN connection; reconnects with backoff when it drops."""

    def __init__(self, conninfo: str, notifier: ChangeNotifier) -> None:
        self._conninfo = conninfo
        self._notifier = notifier
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hub-pg-listener", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        # Serving before LISTEN is active would miss wake-ups; fail loudly rather than poll.
        if not self._listening.wait(timeout):
            raise RuntimeError("could not LISTEN on the hub's PostgreSQL database")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        backoff = Backoff(0.5, 10.0, jitter=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._listening.set()
                    backoff.reset()
                    while not self._stop.is_set():
                        # stop_after=1: hand each notification on at once, not per window.
                        for note in conn.notifies(timeout=0.1, stop_after=1):
                            self._notifier.wake({note.payload})
            except psycopg.Error as exc:
                log.warning("feed listener lost its PostgreSQL connection: %s", exc)
                # Anything committed while we were away is found by the readers' re-check.
                self._stop.wait(backoff.next_delay())
