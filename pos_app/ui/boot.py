"""The first stage of the till's start: the window with the sign-in screen, and nothing else.

``open_shell`` imports only Qt, the sign-in view and the status bar, reads the store's name with
the standard library (``db.peek``) and builds a ``TillWindow`` holding just those. The caller
shows it; ``app.build_till(..., shell=…)`` then loads the data layer, the sale screen, the
devices and sync behind it (docs/architecture.md §4, "Start-up"). A PIN submitted before the
till behind it is ready is held and handed over when it is (``TillShell.hand_over``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.db.peek import store_labels
from pos_app.ui.main_window import TillWindow
from pos_app.ui.staff.signin_view import SignInView
from pos_app.ui.status_bar import TillStatusBar
from pos_app.ui.translations import install_translator

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEFAULT_IDLE_MS = 5 * 60 * 1000  # sign-out after this long without a touch or key
# Run the second stage anyway if no paint event comes (a platform that paints without one).
FIRST_PAINT_FALLBACK_MS = 500


def load_theme(app: QApplication) -> None:
    qss = RESOURCES / "theme.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


@dataclass
class TillShell:
    window: TillWindow
    signin: SignInView
    status: TillStatusBar
    held_pins: list[str] = field(default_factory=list)

    def on_signin_pin_submitted(self, pin: str) -> None:
        self.held_pins.append(pin)  # nobody to check it yet: kept for hand_over

    def hand_over(self, check_pin: Callable[[str], None]) -> None:
        """The till is ready: stop holding PINs and pass on the last one typed, if any."""
        self.signin.pin_submitted.disconnect(self.on_signin_pin_submitted)
        if self.held_pins:
            pin, self.held_pins = self.held_pins[-1], []
            check_pin(pin)


def open_shell(db_path: Path, *, demo_hint: str = "") -> TillShell:
    """The window with only the sign-in page and the status bar (not shown yet)."""
    labels = store_labels(db_path)
    store_name, till_id = (labels.store_name, labels.till_id) if labels else ("", "")
    app, locale = QApplication.instance(), labels.locale if labels else None
    if app is not None and locale is not None:
        # The store's language before the first widget (texts are set when a widget is built).
        install_translator(app, locale)
    signin = SignInView(store_name, demo_hint)
    status = TillStatusBar(store_name, till_id)
    # Not "standalone" yet: whether this till syncs is known once the rest has loaded.
    status.set_sync(QCoreApplication.translate("TillStatusBar", "Starting…"), "ok")
    shell = TillShell(TillWindow(signin, status), signin, status)
    signin.pin_submitted.connect(shell.on_signin_pin_submitted)
    return shell


class _FirstPaint(QObject):
    """Calls ``then`` once, on the event loop's next turn after ``widget`` first painted."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget, self._then, self._done = widget, then, False
        widget.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self._fire)  # after this paint reaches the screen
        return False

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self._then()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Run ``then`` once ``widget`` is on screen: the second stage of the start must not delay
    the first paint (a timer of 0 alone could fire before the window system asks for it)."""
    _FirstPaint(widget, then)
