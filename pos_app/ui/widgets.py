"""Small shared widgets: touch buttons with their shortcut shown, the inline message, keypads."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from pos_app.ui import formatting

TOUCH_MIN = 48  # px; the theme's minimum for anything a finger presses (≥ 44 px)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # money in table cells


def touch_edit(placeholder: str, name: str) -> QLineEdit:
    """A line edit a finger can use, with a clear button: the panels' search and form fields."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(TOUCH_MIN)
    edit.setClearButtonEnabled(True)
    return edit


def action_button(text: str, shortcut: str = "", role: str = "") -> QPushButton:
    """A touch-sized button; the shortcut is shown on it and bound to it."""
    label = f"{text}\n{shortcut}" if shortcut else text
    button = QPushButton(label)
    button.setMinimumHeight(TOUCH_MIN + 12 if shortcut else TOUCH_MIN)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard focus stays in the entry fields
    if role:
        button.setProperty("role", role)
    if shortcut:
        # A QShortcut rather than setShortcut: the click happens at once, not after the
        # 100 ms press animation, and only while the button is visible (its page is shown).
        binding = QShortcut(QKeySequence(shortcut), button)
        binding.activated.connect(button.click)
        button.setAccessibleName(text)
        button.setToolTip(shortcut)
    return button


class InlineMessage(QLabel):
    """An error or notice shown in place (never a modal box), with a sound and a colour cue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineMessage")
        self.setWordWrap(True)
        self.setMinimumHeight(TOUCH_MIN)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)
        self.clear_message()

    @property
    def level(self) -> str:
        return str(self.property("level") or "")

    def show_error(self, text: str) -> None:
        QApplication.beep()
        self._show(text, "error", 0)

    def show_info(self, text: str, timeout_ms: int = 4000) -> None:
        self._show(text, "info", timeout_ms)

    def clear_message(self) -> None:
        self._show("", "none", 0)

    def _show(self, text: str, level: str, timeout_ms: int) -> None:
        if text == self.text() and level == self.property("level"):
            # Nothing to re-style: every scan clears the message, and a re-polish costs the
            # style a pass on the GUI thread while the line is added (issue 18, bench_ui).
            self._restart(timeout_ms)
            return
        self.setText(text)
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setVisible(bool(text))
        self._restart(timeout_ms)

    def _restart(self, timeout_ms: int) -> None:
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()


class KeyPad(QWidget):
    """A touch number pad. Emits the key text: digits, the store locale's decimal sign ("," in
    fr_FR, "." in en_GB), "C" (clear), "⌫" or "OK"."""

    key_pressed = Signal(str)

    def __init__(self, *, decimal: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyPad")
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        point = formatting.formats().decimal_symbol
        keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", point if decimal else "C", "0", "⌫"]
        for index, key in enumerate(keys):
            button = QPushButton(key)
            button.setMinimumSize(TOUCH_MIN + 16, TOUCH_MIN)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("role", "key")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _=False, k=key: self.key_pressed.emit(k))
            grid.addWidget(button, index // 3, index % 3)


def apply_key(text: str, key: str) -> str:
    """What a field holds after a key-pad key (used by every pad owner)."""
    if key == "C":
        return ""
    if key == "⌫":
        return text[:-1]
    if key in ".," and ("." in text or "," in text):  # one decimal sign (parse_decimal reads both)
        return text
    return text + key
