"""The new-web-order cue: a visible flash of the Click & collect button, not the X bell.

The bell (``QApplication.beep``) is silent on most store PCs (no PC speaker, no X bell
configured) and the till's Qt has no multimedia module to play a sound file, so a new order is
shown: the button flashes ``FLASHES`` times, then stays marked (``attention``) until the
collections screen is opened; the window asks the desktop for attention too (a taskbar flash
when another program is in front). Styled in resources/theme.qss.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

FLASHES = 6
FLASH_MS = 350


class NewOrderCue(QObject):
    def __init__(self, button: QPushButton, *, flash_ms: int = FLASH_MS) -> None:
        super().__init__(button)
        self.button = button
        self._left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(flash_ms)
        self._timer.timeout.connect(self.on_timer_timeout)

    @property
    def active(self) -> bool:
        return bool(self.button.property("attention"))

    def start(self) -> None:
        self._left = FLASHES * 2
        self._set("attention", True)
        self._set("flash", True)
        self._timer.start()
        QApplication.alert(self.button.window())

    def stop(self) -> None:
        """Seen: the associate opened the collections screen."""
        self._timer.stop()
        self._left = 0
        self._set("flash", False)
        self._set("attention", False)

    def on_timer_timeout(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._timer.stop()
            self._set("flash", False)
            return
        self._set("flash", not self.button.property("flash"))

    def _set(self, name: str, value: bool) -> None:
        self.button.setProperty(name, value)
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)
