"""Where the till window opens: maximized on the screen it is on, or a plain window.

A till is the only thing on its screen, so it opens maximized (docs/architecture.md, the till
window). The geometry is set to the screen's available area first, then the window is shown
maximized: a window manager honours the maximized state, and without one (a kiosk session,
Xvfb) the geometry alone makes it fill the screen. ``windowed`` (the ``--window`` option) is
for development: a plain 1280×800 window, shrunk to fit a smaller screen.

The demo's simulated-printer panel never covers the till: on a screen with room for both it is
docked beside the till; on a smaller one it stays docked but hidden, and a status-bar switch
shows it (the till's layout then shares the width).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDockWidget, QMainWindow

DEV_WINDOW = (1280, 800)
# Below this width the till and a docked 420-px printer panel do not both fit.
ROOM_FOR_SIDE_PANEL = 1600

log = logging.getLogger(__name__)


def screen_for(window: QMainWindow) -> QScreen:
    """The screen the window is on (before it is shown: where Qt will put it)."""
    screen: QScreen | None = window.screen() or QGuiApplication.primaryScreen()
    assert screen is not None, "no screen to show the till on"
    return screen


def window_geometry(available: QRect, *, windowed: bool) -> QRect:
    if not windowed:
        return QRect(available)
    width = min(DEV_WINDOW[0], available.width())
    height = min(DEV_WINDOW[1], available.height())
    return QRect(available.x(), available.y(), width, height)


def show_till_window(
    window: QMainWindow, *, windowed: bool, side_panel: QDockWidget | None = None
) -> None:
    available = screen_for(window).availableGeometry()
    if side_panel is not None:
        fit_side_panel(window, side_panel)
    window.setGeometry(window_geometry(available, windowed=windowed))
    if windowed:
        window.show()
    else:
        window.showMaximized()
    log.info(
        "window: %s on a %dx%d screen", "a plain window" if windowed else "maximized",
        available.width(), available.height(),
    )  # fmt: skip


def fit_side_panel(window: QMainWindow, side_panel: QDockWidget) -> None:
    """A panel docked after the window was shown: visible only where both fit."""
    available = screen_for(window).availableGeometry()
    beside = available.width() >= ROOM_FOR_SIDE_PANEL
    side_panel.setVisible(beside)
    # Where a store's support (and tests/realwindow) finds where the panel went.
    log.info(
        "side panel %s: %s", side_panel.objectName(),
        "docked beside the till" if beside else "hidden, its switch is in the status bar",
    )  # fmt: skip
