"""Who writes next: a sale goes ahead of background bulk writes (docs/architecture.md §3, §4).

SQLite has one write lock, and a writer that finds it taken waits in SQLite's busy handler,
which sleeps on a growing schedule (1, 2, 5 … 100 ms) between tries. While the feed puller
applies a big catalog in back-to-back chunks, a checkout waiting there kept missing the short
gaps between chunks: sales took up to 1.5 s during a first sync of 1,000,000 SKUs. With the
gate, the checkout says it is coming, the bulk writer finishes the chunk it holds and starts no
new one until the sale has committed, so a sale waits at most one chunk.

One gate per till database, handed by the composition root to the sale lane and the feed
applier; nothing global.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

# A bulk writer never waits longer than this for sales to pass: a stuck sale (a very slow
# disk) must not stop the catalog from ever arriving.
MAX_BULK_YIELD_S = 2.0
# How long a sale waits for a chunk in progress before going to SQLite's own busy handler.
MAX_URGENT_WAIT_S = 5.0


class WriteGate:
    def __init__(
        self,
        *,
        max_bulk_yield_s: float = MAX_BULK_YIELD_S,
        max_urgent_wait_s: float = MAX_URGENT_WAIT_S,
    ) -> None:
        self._max_bulk_yield_s = max_bulk_yield_s
        self._max_urgent_wait_s = max_urgent_wait_s
        self._cond = threading.Condition()
        self._urgent = 0
        self._bulk_active = False

    @contextmanager
    def urgent(self) -> Iterator[None]:
        """Around an interactive write transaction (a sale, a park, a collection step)."""
        with self._cond:
            self._urgent += 1
            self._cond.wait_for(lambda: not self._bulk_active, self._max_urgent_wait_s)
        try:
            yield
        finally:
            with self._cond:
                self._urgent -= 1
                self._cond.notify_all()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Around one chunk of a background bulk write; waits for pending sales first."""
        with self._cond:
            self._cond.wait_for(lambda: self._urgent == 0, self._max_bulk_yield_s)
            self._bulk_active = True
        try:
            yield
        finally:
            with self._cond:
                self._bulk_active = False
                self._cond.notify_all()

    @property
    def sales_waiting(self) -> int:
        with self._cond:
            return self._urgent
