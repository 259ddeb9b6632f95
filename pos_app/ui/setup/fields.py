"""The form pieces both first-run steps build with (ui/setup/first_run.py, devices_step.py):
touch-sized fields, drop-downs and buttons, and the two-column form rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QWidget

from pos_app.ui.widgets import TOUCH_MIN


def line_edit(
    placeholder: str,
    name: str,
    max_length: int = 200,
    *,
    secret: bool = False,
    height: int = TOUCH_MIN,
) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    edit.setMinimumHeight(height)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def combo(items: list[tuple[str, object]], name: str, *, height: int = TOUCH_MIN) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setMinimumHeight(height)
    for text, data in items:
        box.addItem(text, data)
    return box


def button(text: str, name: str, role: str = "") -> QPushButton:
    pressed = QPushButton(text)
    pressed.setObjectName(name)
    pressed.setMinimumHeight(TOUCH_MIN)
    if role:
        pressed.setProperty("role", role)  # theme.qss: primary / secondary
    return pressed


def form(widget: QWidget, *, spacing: int = 8, margins: bool = True) -> QFormLayout:
    """Label | field rows, labels left; ``margins=False`` for a form nested in another."""
    rows = QFormLayout(widget)
    if not margins:
        rows.setContentsMargins(0, 4, 0, 4)
    rows.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    rows.setVerticalSpacing(spacing)
    return rows
