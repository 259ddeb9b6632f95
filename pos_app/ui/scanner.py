"""Tell keyboard-wedge scanner bursts from human typing, whatever widget has focus
(docs/architecture.md §4).

A wedge scanner "types" its code a few milliseconds per character and ends with Enter (or a
configured suffix). People type 80-250 ms per key. The filter, installed on the QApplication,
holds back printable key presses for at most ``flush_ms``:

- the next key comes within the gap: the burst goes on;
- the suffix comes within the gap after at least ``min_length`` characters: it was a scan;
  the held keys and the suffix are swallowed and ``barcode_scanned`` is emitted;
- the gap passes (a timer, or the next key arriving late): it was a person; the held keys
  are replayed, unchanged and in order, to the widget they were meant for.

So the search box sees every key a person types (a few ms late), and a scan lands in the
basket even while the search box has focus. Keys with Ctrl/Alt/Meta, function keys and
navigation keys are never held. An optional ``prefix`` (some scanners send one, e.g. "]")
must start the burst and is stripped.

A wedge scanner is a keyboard: for a capital it presses Shift, the letter, and releases Shift,
as a person would. A bare modifier key (Shift, AltGr, Caps Lock) inside a burst belongs to the
burst: it neither ends it nor releases the held keys as typing (issue 15: ``LOY12345678``
became "LO" in the search box).

The gaps are measured with the key events' own time stamps (``QKeyEvent.timestamp()``, the
window system's milliseconds), not with when the event loop got round to them: on a busy till
the keys of one scan can reach the filter 50 ms apart although the scanner sent them 8 ms
apart. Events without a time stamp (0: made by a program, e.g. QTest) fall back to the
injectable ``clock`` (ms), so tests drive realistic gaps without sleeping. For the same reason,
when the flush timer fires, the keys already waiting in the queue (a busy loop got to the
timer first) are delivered before the held keys are called typing.

A burst is one code however long it is: past ``MAX_BURST`` characters the rest of the burst is
still swallowed (never typed into the search box), and the code is handed over marked as too
long, so the till rejects it with a clear message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from pos_app.domain.gs1 import GS

Clock = Callable[[], float]
MAX_BURST = 128  # no barcode a till scans is longer (GS1-128 is 48 data characters at most)
TOO_LONG_MARK = "\u2026"  # ends a code cut at MAX_BURST: the till rejects it, saying so
_MODIFIER_KEYS = frozenset(
    int(k)
    for k in (
        Qt.Key.Key_Shift,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_Mode_switch,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Control,
        Qt.Key.Key_Meta,
    )
)


def monotonic_ms() -> float:
    return time.monotonic() * 1000.0


@dataclass(frozen=True)
class ScannerConfig:
    # The longest gap, by the keys' time stamps, inside one burst. Scanners send a key every
    # 5-15 ms; people type 80-250 ms apart, and a roll-over of two keys is too short for a code.
    max_gap_ms: float = 50.0
    # How long held keys wait for the next one before they are a person's typing. Longer than
    # the gap: on a loaded till the next key of a burst can reach the loop late (its time
    # stamp still says 8 ms), and a person does not notice 100 ms before the key shows.
    flush_ms: float = 100.0
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
        self._overflow = False  # the burst went past MAX_BURST characters
        self._last_ms = 0.0
        self._draining = False
        self._replaying = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(max(1, int(self._config.flush_ms)))
        self._flush_timer.timeout.connect(self.on_flush_timer_timeout)

    @property
    def config(self) -> ScannerConfig:
        return self._config

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget):
            return False  # the QWindow sees a real key first; act once, at the focus widget
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.ShortcutOverride:
            self._before_shortcut(event)
            return False
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # Shift around a capital: part of whatever is going on, ends nothing
        now = self._event_ms(event)
        in_burst = bool(self._held) and now - self._last_ms <= self._config.max_gap_ms
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
        if len(self._held) < MAX_BURST:
            self._held.append(_Held(watched, _copy(event), text))
        else:
            self._overflow = True  # still the scanner's: swallowed, the code marked too long
        self._last_ms = now
        self._flush_timer.start()
        return True

    def on_flush_timer_timeout(self) -> None:
        if self._held and not self._draining:
            # The loop may have been busy: keys the window system already has (the rest of a
            # burst) are delivered first, then the gap is judged on their time stamps.
            held = len(self._held)
            self._draining = True
            try:
                QCoreApplication.processEvents()
            finally:
                self._draining = False
            if len(self._held) != held or self._flush_timer.isActive():
                return  # the burst went on (or ended as a scan): its own timer decides
        # A scanner set to send no suffix: the pause after a fast burst ends the code. At
        # least two keys, so one key a person pressed is never mistaken for a scan.
        if not self._config.suffix_keys and len(self._held) >= 2 and self._is_scan():
            self.barcode_scanned.emit(self._take_code())
            return
        self._release()

    # -- internals ---------------------------------------------------------------------------

    def _before_shortcut(self, event: QKeyEvent) -> None:
        """A key a shortcut may take (F6, Ctrl+U) ends a person's typing before it acts.

        Qt offers such a key to the shortcuts first (ShortcutOverride) and, when one takes it,
        never sends the key press this filter acts on: "ID checked" typed and F6 pressed at
        once handed the order over noted "ID checke", the "d" still held (issue 15)."""
        key = event.key()
        if key in _MODIFIER_KEYS or key in self._config.suffix_keys:
            return  # Shift inside a burst; the scanner's Enter: the key press decides
        if not self._holdable(event, event.text()):
            self._release()

    def _event_ms(self, event: QKeyEvent) -> float:
        stamp = event.timestamp()
        return float(stamp) if stamp else self._clock()

    @staticmethod
    def _holdable(event: QKeyEvent, text: str) -> bool:
        if text == GS:  # the group separator a GS1 code's FNC1 arrives as
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
        too_long, self._overflow = self._overflow, False
        return text[len(self._config.prefix) :] + (TOO_LONG_MARK if too_long else "")

    def _release(self) -> None:
        """Replay held keys to where they were going: they were typed by a person."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        self._overflow = False
        if not held:
            return
        self._replaying = True
        try:
            for item in held:
                if shiboken6.isValid(item.receiver):
                    QCoreApplication.sendEvent(item.receiver, item.event)
        finally:
            self._replaying = False


_KEYPAD = Qt.KeyboardModifier.KeypadModifier


def _copy(event: QKeyEvent) -> QKeyEvent:
    copy = QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )
    copy.setTimestamp(event.timestamp())
    return copy
