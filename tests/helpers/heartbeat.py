"""A GUI-thread heartbeat: a QTimer ticking every 5 ms records the longest gap between ticks,
so anything that blocks the event loop (a network call, a printer, a slow query in a slot)
shows up as a gap far above LIMIT_MS."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

LIMIT_MS = 250.0


class Heartbeat(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.worst_ms = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer(self)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.on_timer_timeout)

    def on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.worst_ms = 0.0
        self.timer.start()
