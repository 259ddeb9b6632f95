"""A keyboard-wedge scanner's burst as the window system delivers it: key events queued with
the scanner's own time stamps (a key every ``gap_ms``), then Enter.

A scanner is a device outside the till: it sends its keys whatever the till is doing, and the
window system queues each key event with its time stamp; the till's scan filter
(ui/scanner.py) judges the gaps by those stamps. The whole burst is queued at once, the case
where the GUI thread is busy for the whole scan (~0.1 s): the filter must still see one code.
(A Python thread posting the keys one by one would not model a scanner: it shares the GIL with
the till, so a busy interpreter would hold the "scanner" back too, which a device never is.)
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


def _key_events(char: str, stamp_ms: int) -> list[QKeyEvent]:
    key = Qt.Key.Key_Return if char == "\n" else Qt.Key(ord(char.upper()))
    text = "\r" if char == "\n" else char
    events = [
        QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
    ]
    for event in events:
        event.setTimestamp(stamp_ms)
    return events


def queue_scan(target: QWidget, code: str, gap_ms: int = 8) -> None:
    """Queue ``code`` + Enter for ``target``, stamped ``gap_ms`` apart from now."""
    start_ms = int(time.monotonic() * 1000)
    for i, char in enumerate([*code, "\n"]):
        for event in _key_events(char, start_ms + i * gap_ms):
            QCoreApplication.postEvent(target, event)
