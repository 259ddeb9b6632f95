"""Tell keyboard-wedge scanner bursts from human typing, whatever widget has focus
(docs/architecture.md §4).

A wedge scanner "types" its code a few milliseconds per character and ends with Enter (or a
configured suffix). People type 80-250 ms per key. The filter, installed on the QApplication,
holds back printable key presses for at most ``max_gap_ms``:

- the next key comes within the gap: the burst goes on;
- the suffix comes within the gap after at least ``min_length`` characters: it was a scan;
  the held keys and the suffix are swallowed and ``barcode_scanned`` is emitted;
- the gap passes (a timer, or the next key arriving late): it was a person; the held keys
  are replayed, unchanged and in order, to the widget they were meant for.

So the search box sees every key a person types (a few ms late), and a scan lands in the
basket even while the search box has focus. Keys with Ctrl/Alt/Meta, function keys and
navigation keys are never held. An optional ``prefix`` (some scanners send one, e.g. "]")
must start the burst and is stripped. Timing comes from an injectable ``clock`` (ms) so
tests can drive realistic gaps without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

Clock = Callable[[], float]
_MAX_BURST = 256  # longer is garbage; it is still handed over, and rejected with a message
_GS = "\x1d"  # the group separator a GS1 code's FNC1 arrives as


def monotonic_ms() -> float:
    return time.monotonic() * 1000.0


@dataclass(frozen=True)
class ScannerConfig:
    max_gap_ms: float = 30.0
    min_length: int = 4
    suffix_keys: frozenset[int] = field(
        default_factory=lambda: frozenset({int(Qt.Key.Key_Return), int(Qt.Key.Key_Enter)})
    )
    prefix: str = ""


def scanner_config_for(suffix: str) -> ScannerConfig:
    """The wedge settings for devices.toml's ``[scanner] keyboard_suffix``: "enter", "tab", or
    "none" (no suffix keys: a burst that stops for longer than the gap is the scan)."""
    keys = {
        "enter": frozenset({int(Qt.Key.Key_Return), int(Qt.Key.Key_Enter)}),
        "tab": frozenset({int(Qt.Key.Key_Tab)}),
        "none": frozenset(),
    }
    if suffix not in keys:
        raise ValueError(f"unknown scanner suffix {suffix!r}: use enter, tab or none")
    return ScannerConfig(suffix_keys=keys[suffix])


@dataclass
class _Held:
    receiver: QObject
    event: QKeyEvent
    text: str


class ScanFilter(QObject):
    barcode_scanned = Signal(str)

    def __init__(
        self,
        config: ScannerConfig | None = None,
        clock: Clock = monotonic_ms,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config if config is not None else ScannerConfig()
        self._clock = clock
        self._held: list[_Held] = []
        self._last_ms = 0.0
        self._replaying = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(max(1, int(self._config.max_gap_ms)))
        self._flush_timer.timeout.connect(self.on_flush_timer_timeout)

    @property
    def config(self) -> ScannerConfig:
        return self._config

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget):
            return False  # the QWindow sees a real key first; act once, at the focus widget
        assert isinstance(event, QKeyEvent)
        now = self._clock()
        in_burst = bool(self._held) and now - self._last_ms <= self._config.max_gap_ms
        key = event.key()
        if key in self._config.suffix_keys and not event.modifiers() & ~_KEYPAD:
            if in_burst and self._is_scan():
                code = self._take_code()
                self._flush_timer.stop()
                self.barcode_scanned.emit(code)
                return True
            self._release()
            return False
        text = event.text()
        if not self._holdable(event, text):
            self._release()
            return False
        if self._held and not in_burst:
            self._release()  # the previous keys were typed by a person
        if len(self._held) < _MAX_BURST:
            self._held.append(_Held(watched, _copy(event), text))
        self._last_ms = now
        self._flush_timer.start()
        return True

    def on_flush_timer_timeout(self) -> None:
        # A scanner set to send no suffix: the pause after a fast burst ends the code. At
        # least two keys, so one key a person pressed is never mistaken for a scan.
        if not self._config.suffix_keys and len(self._held) >= 2 and self._is_scan():
            self.barcode_scanned.emit(self._take_code())
            return
        self._release()

    # -- internals ---------------------------------------------------------------------------

    @staticmethod
    def _holdable(event: QKeyEvent, text: str) -> bool:
        if text == _GS:
            return True  # FNC1 in a GS1 code: wedge scanners type GS as Ctrl+] (issue 17)
        if event.modifiers() & ~(_KEYPAD | Qt.KeyboardModifier.ShiftModifier):
            return False
        return len(text) == 1 and text.isprintable()

    def _is_scan(self) -> bool:
        text = "".join(h.text for h in self._held)
        prefix = self._config.prefix
        if prefix and not text.startswith(prefix):
            return False
        return len(text) - len(prefix) >= self._config.min_length

    def _take_code(self) -> str:
        text = "".join(h.text for h in self._held)
        self._held.clear()
        return text[len(self._config.prefix) :]

    def _release(self) -> None:
        """Replay held keys to where they were going: they were typed by a person."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        from PySide6.QtCore import QCoreApplication

        self._replaying = True
        try:
            for item in held:
                if shiboken6.isValid(item.receiver):
                    QCoreApplication.sendEvent(item.receiver, item.event)
        finally:
            self._replaying = False


_KEYPAD = Qt.KeyboardModifier.KeypadModifier


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )
