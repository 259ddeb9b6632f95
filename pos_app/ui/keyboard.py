"""An on-screen text keyboard for a touch till: where words are required (a reason "Other") and
no physical keyboard is attached, the numeric key pad is not enough (issue 15)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from pos_app.ui.widgets import TOUCH_MIN

# Four rows at the touch minimum fit a prompt at 1024x768; digits are on the number pad's
# fields (a reason's words rarely need one).
ROWS = ("QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM,.'")
SPACE, BACKSPACE = " ", "⌫"


class TextKeyboard(QWidget):
    """Emits each key's text: a letter, a digit, punctuation, SPACE or BACKSPACE."""

    key_pressed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textKeyboard")
        grid = QGridLayout(self)
        grid.setSpacing(4)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for row, letters in enumerate(ROWS):
            for column, letter in enumerate(letters):
                grid.addWidget(self._key(letter, letter), row, column)
        grid.addWidget(self._key(self.tr("Space"), SPACE), len(ROWS), 0, 1, 7)
        grid.addWidget(self._key(BACKSPACE, BACKSPACE), len(ROWS), 7, 1, 3)

    def _key(self, label: str, key: str) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"key_{key}" if key.strip() else "key_space")
        button.setProperty("role", "textKey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text field keeps the focus
        button.setMinimumSize(28, TOUCH_MIN - 8)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(lambda _=False, k=key: self.key_pressed.emit(k))
        self.keys[key] = button
        return button


def apply_text_key(text: str, key: str) -> str:
    if key == BACKSPACE:
        return text[:-1]
    return text + (key.lower() if text and key.isalpha() else key)
