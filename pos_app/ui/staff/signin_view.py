"""Sign-in: a PIN pad for touch and keyboard; a badge scan also signs in (via the scanner)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.widgets import TOUCH_MIN, InlineMessage


class SignInView(QWidget):
    pin_submitted = Signal(str)

    def __init__(self, store_name: str, demo_hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInView")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("signInCard")
        card.setMaximumWidth(460)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)

        layout = QVBoxLayout(card)
        layout.setSpacing(12)
        self.store_label = store = QLabel(store_name)
        store.setObjectName("signInStore")
        store.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Enter your PIN or scan your badge"))
        title.setObjectName("signInTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(8)
        self.pin_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.setMinimumHeight(TOUCH_MIN + 12)
        self.pin_edit.returnPressed.connect(self.on_pin_edit_return_pressed)
        self.message = InlineMessage()
        layout.addWidget(store)
        layout.addWidget(title)
        layout.addWidget(self.pin_edit)
        layout.addWidget(self.message)

        pad = QGridLayout()
        pad.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"]
        self._buttons: list[QPushButton] = []
        for i, key in enumerate(keys):
            text = self.tr("Clear") if key == "C" else self.tr("Sign in") if key == "OK" else key
            button = QPushButton(text)
            button.setMinimumSize(TOUCH_MIN + 40, TOUCH_MIN + 16)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("role", "primary" if key == "OK" else "key")
            button.clicked.connect(lambda _=False, k=key: self.on_pad_key(k))
            pad.addWidget(button, i // 3, i % 3)
            self._buttons.append(button)
        layout.addLayout(pad)

        self.hint = QLabel(demo_hint)
        self.hint.setObjectName("demoHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setVisible(bool(demo_hint))
        layout.addWidget(self.hint)

        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self.on_unlock_timer_timeout)

    def set_store_name(self, store_name: str) -> None:
        self.store_label.setText(store_name)

    def reset(self) -> None:
        self.pin_edit.clear()
        self.set_busy(False)
        self.pin_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        if self._unlock_timer.isActive():
            return
        self.pin_edit.setReadOnly(busy)
        for button in self._buttons:
            button.setEnabled(not busy)

    def show_locked(self, message: str, seconds: int) -> None:
        self.message.show_error(message)
        self.pin_edit.clear()
        self.pin_edit.setReadOnly(True)
        for button in self._buttons:
            button.setEnabled(False)
        self._unlock_timer.start(max(1, seconds) * 1000)

    def on_unlock_timer_timeout(self) -> None:
        self.message.show_info(self.tr("You can try again now."))
        self.set_busy(False)

    def on_pad_key(self, key: str) -> None:
        if key == "C":
            self.pin_edit.clear()
        elif key == "OK":
            self.on_pin_edit_return_pressed()
        elif len(self.pin_edit.text()) < self.pin_edit.maxLength():
            self.pin_edit.setText(self.pin_edit.text() + key)
        self.pin_edit.setFocus()

    def on_pin_edit_return_pressed(self) -> None:
        pin = self.pin_edit.text()
        if self.pin_edit.isReadOnly():
            return
        if not pin:
            self.message.show_error(self.tr("Type your PIN first."))
            return
        self.pin_edit.clear()
        self.set_busy(True)
        self.pin_submitted.emit(pin)
