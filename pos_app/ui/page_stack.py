"""Stacks of pages that ask for the room of the page on show (docs/architecture.md §17).

Qt only: the till window (on the sign-in path, ui/boot.py) uses it before anything else loads.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """A QStackedWidget whose size hints are those of the page on show.

    Qt's own asks for the largest minimum of all its pages, shown or not: one tall page (the
    tender with its quick-cash rows, a prompt with the on-screen keyboard) would make every
    screen taller than a 1024x768 till, and the window manager then cuts the bottom (the
    status bar) off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def event(self, event: QEvent) -> bool:
        # A page's hints changed (a prompt grew its buttons): the stack's own layout still
        # reads the largest page and sees no change, so say it to the layout above us.
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().event(event)

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else QSize(0, 0)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else QSize(0, 0)
