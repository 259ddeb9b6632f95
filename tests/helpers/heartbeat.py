"""A GUI-thread heartbeat: a QTimer ticking every 5 ms records the longest gap between ticks,
so anything that blocks the event loop (a network call, a printer, a slow query in a slot)
shows up as a gap far above LIMIT_MS.

``worst_busy_ms`` is the most CPU time the GUI thread itself spent between two ticks
(``time.thread_time``): work done in a slot. Unlike the wall-clock gap it does not grow when
the machine is loaded and the thread merely waits for a core or for the GIL, so a test can
hold it to a tight bound (tens of ms) on a shared machine."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

LIMIT_MS = 250.0


class Heartbeat(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.worst_ms = 0.0
        self.worst_busy_ms = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.timer = QTimer(self)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.on_timer_timeout)

    def on_timer_timeout(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self.worst_busy_ms = max(self.worst_busy_ms, (cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu
        self.ticks += 1

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self.worst_ms = self.worst_busy_ms = 0.0
        self.ticks = 0
        self.timer.start()
