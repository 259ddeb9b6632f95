"""Interruptible waits for a sync thread: ``stop()`` ends every wait for good, ``kick()`` one."""

from __future__ import annotations

import threading


class Waker:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._kicked = False
        self._stopped = False

    @property
    def stopped(self) -> bool:
        with self._cond:
            return self._stopped

    def wait(self, seconds: float) -> None:
        """Return after ``seconds``, or at once on a kick (consumed) or stop (kept)."""
        with self._cond:
            if not self._kicked and not self._stopped:
                self._cond.wait(max(seconds, 0.0))
            self._kicked = False

    def kick(self) -> None:
        with self._cond:
            self._kicked = True
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
