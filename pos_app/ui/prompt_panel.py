"""An inline prompt (quantity, discount, price, manager PIN): no modal dialog blocks the till."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, KeyPad, action_button, apply_key


class PromptPanel(QFrame):
    accepted = Signal(str, str)  # value, reason
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptPanel")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.title = QLabel()
        self.title.setObjectName("promptTitle")
        self.title.setWordWrap(True)
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("promptValue")
        self.value_edit.setMinimumHeight(TOUCH_MIN)
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("promptReason")
        self.reason_edit.setMinimumHeight(TOUCH_MIN)
        self.reason_edit.setPlaceholderText(self.tr("Reason (required)"))
        self.message = InlineMessage()
        self.pad = KeyPad()
        self.pad.key_pressed.connect(self.on_pad_key_pressed)
        buttons = QHBoxLayout()
        # Enter is handled by the fields (it moves on to the reason first), so no shortcut.
        self.ok_button = action_button(self.tr("OK\nEnter"), "", "primary")
        self.cancel_button = action_button(self.tr("Cancel"), "Esc")
        self.ok_button.clicked.connect(self.on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.cancelled)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        for widget in (self.title, self.value_edit, self.reason_edit, self.message, self.pad):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.value_edit.returnPressed.connect(self.on_value_edit_return_pressed)
        self.reason_edit.returnPressed.connect(self.on_ok_button_clicked)

    def ask(
        self,
        title: str,
        *,
        placeholder: str = "",
        initial: str = "",
        masked: bool = False,
        needs_reason: bool = False,
    ) -> None:
        self.title.setText(title)
        self.value_edit.setEchoMode(
            QLineEdit.EchoMode.Password if masked else QLineEdit.EchoMode.Normal
        )
        self.value_edit.setPlaceholderText(placeholder)
        self.value_edit.setText(initial)
        self.value_edit.selectAll()
        self.reason_edit.clear()
        self.reason_edit.setVisible(needs_reason)
        self.message.clear_message()
        self.value_edit.setFocus()

    def show_error(self, text: str) -> None:
        self.message.show_error(text)

    def on_pad_key_pressed(self, key: str) -> None:
        target = self.value_edit if not self.reason_edit.hasFocus() else self.reason_edit
        target.setText(apply_key(target.text(), key))

    def on_value_edit_return_pressed(self) -> None:
        if self.reason_edit.isVisible() and not self.reason_edit.text().strip():
            self.reason_edit.setFocus()
            return
        self.on_ok_button_clicked()

    def on_ok_button_clicked(self) -> None:
        reason = self.reason_edit.text() if self.reason_edit.isVisible() else ""
        self.accepted.emit(self.value_edit.text(), reason)
