"""Every shortcut shown on a button works whatever has focus, and Ctrl+/ lists them (issue 15).

A focused QLineEdit claims some Ctrl keys for itself before any shortcut sees them (on Linux,
Ctrl+U deletes to the start of the line, Ctrl+E moves to its end, Ctrl+K deletes to its end):
Qt asks the focus widget with a ShortcutOverride event first, and the line edit accepts it.
``ShortcutGuard``, installed on the QApplication, answers that question for the line edit when
the keys are a shortcut of a button the cashier can see: not claimed, so the button's shortcut
fires. Keys that are no visible button's shortcut (Ctrl+C, Ctrl+V, Ctrl+A …) stay the line
edit's.

``ShortcutOverlay`` (Ctrl+/) lists the shortcuts of the buttons now on screen, read from the
buttons themselves (widgets.action_button), so the list is never out of date.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

OVERLAY_KEYS = "Ctrl+/"
_CLAIMING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def visible_shortcuts(window: QWidget) -> list[tuple[str, QShortcut]]:
    """(what the button says, its shortcut) for each enabled button shortcut on screen."""
    found: list[tuple[str, QShortcut]] = []
    for shortcut in window.findChildren(QShortcut):
        button = shortcut.parent()
        if (
            isinstance(button, QPushButton)
            and shortcut.isEnabled()
            and button.isVisible()
            and button.isEnabled()
        ):
            found.append((button.accessibleName() or button.text(), shortcut))
    return found


class ShortcutGuard(QObject):
    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not event.modifiers() & _CLAIMING or not isinstance(watched, QWidget):
            return False  # plain keys and F-keys: line edits do not claim those
        if watched.window() is not self._window:
            return False
        pressed = QKeySequence(QKeyCombination(event.modifiers(), Qt.Key(event.key())))
        for _label, shortcut in visible_shortcuts(self._window):
            if shortcut.key().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                event.ignore()  # not the line edit's: the shortcut map gets the keys
                return True
        return False


class ShortcutOverlay(QFrame):
    """The list of shortcuts on screen, over the till until Esc, Ctrl+/ or a touch."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._window = window
        self._focus_before: QWidget | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Keyboard shortcuts"))
        title.setObjectName("shortcutTitle")
        self.body = QLabel()
        self.body.setObjectName("shortcutList")
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel(self.tr("Esc or Ctrl+/ closes this list."))
        for label in (title, self.body, hint):
            layout.addWidget(label)
        self.hide()
        toggle = QShortcut(QKeySequence(OVERLAY_KEYS), window)
        toggle.setContext(Qt.ShortcutContext.WindowShortcut)
        toggle.activated.connect(self.toggle)
        close = QShortcut(QKeySequence("Esc"), self)
        close.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        close.activated.connect(self.close_list)

    def entries(self) -> list[tuple[str, str]]:
        rows = {
            (
                shortcut.key().toString(QKeySequence.SequenceFormat.NativeText),
                " ".join(label.split()),
            )
            for label, shortcut in visible_shortcuts(self._window)
        }
        return sorted(rows, key=lambda row: (not row[0].startswith("F"), len(row[0]), row[0]))

    def close_list(self) -> None:
        self.hide()
        if self._focus_before is not None and self._focus_before.isVisible():
            self._focus_before.setFocus()  # back to where the cashier was typing

    def toggle(self) -> None:
        if self.isVisible():
            self.close_list()
            return
        self._focus_before = QApplication.focusWidget()
        lines = [f"{keys:<10} {label}" for keys, label in self.entries()]
        lines.append(f"{OVERLAY_KEYS:<10} " + self.tr("this list"))
        self.body.setText("\n".join(lines))
        self.adjustSize()
        area = self._window.rect()
        self.move(area.center() - self.rect().center())
        self.show()
        self.raise_()
        self.setFocus()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # a touch anywhere on it closes it
        self.close_list()
