"""An inline prompt (quantity, discount, price, manager PIN): no modal dialog blocks the till.

A reason can be one touch: ``ask(presets=…)`` shows the reason codes of the action's kind
(pos_app/domain/reasons.py) as big buttons, with optional words (required for "Other"); while
words are required the on-screen keyboard replaces the number pad (issue 15: reasons were free
text typed on a numeric keypad).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.reasons import ReasonCode, ReasonCodeError, reason_text
from pos_app.ui import formatting
from pos_app.ui.keyboard import TextKeyboard, apply_text_key
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, KeyPad, action_button, apply_key

PRESET_COLUMNS = 2


class PromptPanel(QFrame):
    accepted = Signal(str, str)  # value, reason
    cancelled = Signal()
    reason_stage_entered = Signal(str)  # the value typed: the owner may retitle the panel

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
        self.presets = QWidget()
        self.presets.setObjectName("reasonPresets")
        self._preset_grid = QGridLayout(self.presets)
        self._preset_grid.setContentsMargins(0, 0, 0, 0)
        self._preset_grid.setSpacing(6)
        self._preset_group = QButtonGroup(self)
        self._preset_group.setExclusive(True)
        self._preset_group.buttonToggled.connect(self.on_preset_group_button_toggled)
        self._codes: dict[QPushButton, ReasonCode] = {}
        self._value, self._needs_reason, self._keyboard = True, False, False
        self._stage = "reason"  # "value" first when a value and codes are both asked for
        self.presets.hide()
        self.pad = KeyPad()
        self.pad.key_pressed.connect(self.on_pad_key_pressed)
        self.keyboard = TextKeyboard()
        self.keyboard.key_pressed.connect(self.on_keyboard_key_pressed)
        self.keyboard.hide()
        buttons = QHBoxLayout()
        # Enter is handled by the fields (it moves on to the reason first), so no shortcut.
        self.ok_button = action_button(self.tr("OK\nEnter"), "", "primary")
        self.cancel_button = action_button(self.tr("Cancel"), "Esc")
        self.ok_button.clicked.connect(self.on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.cancelled)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        for widget in (self.title, self.value_edit, self.presets, self.reason_edit, self.message,
                       self.pad, self.keyboard):  # fmt: skip
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
        presets: Sequence[ReasonCode] = (),
        value: bool = True,
    ) -> None:
        """``presets``: the reason codes to offer (a reason is then required: a preset, or
        words); ``value`` False: only a reason is asked for (void the basket)."""
        self.title.setText(title)
        self.value_edit.setEchoMode(
            QLineEdit.EchoMode.Password if masked else QLineEdit.EchoMode.Normal
        )
        self.value_edit.setPlaceholderText(placeholder)
        self.value_edit.setText(initial)
        self.value_edit.selectAll()
        self.reason_edit.clear()
        self._show_presets(presets)
        self.reason_edit.setPlaceholderText(
            self.tr("Details (optional)") if presets else self.tr("Reason (required)")
        )
        # Codes and a value: two steps on one panel (the value on the number pad, Enter, then
        # the reason's buttons in the pad's place), so a 768-px screen holds each step whole.
        self._value, self._needs_reason = value, needs_reason
        self._stage = "value" if value and presets else "reason"
        self._keyboard = False
        self._arrange()
        self.message.clear_message()
        (self.value_edit if value else self.reason_edit).setFocus()

    def _arrange(self) -> None:
        codes, reason_stage, keyboard = bool(self._codes), self._stage == "reason", self._keyboard
        self.value_edit.setVisible(self._value)
        self.reason_edit.setVisible((self._needs_reason or codes) and (reason_stage or not codes))
        # With the keyboard up the codes make room for it (the reason field names the chosen
        # one; Cancel to choose again).
        self.presets.setVisible(codes and reason_stage and not keyboard)
        self.keyboard.setVisible(keyboard)
        self.pad.setVisible(not keyboard and self._value and (not codes or not reason_stage))

    def _to_reason_stage(self) -> bool:
        """From the value to the reason's codes; False when already there."""
        if self._stage == "reason":
            return False
        self._stage = "reason"
        self._arrange()
        self.reason_edit.setFocus()
        self.reason_stage_entered.emit(self.value_edit.text())
        return True

    def _show_presets(self, presets: Sequence[ReasonCode]) -> None:
        for button in list(self._codes):
            self._preset_group.removeButton(button)
            self._preset_grid.removeWidget(button)
            button.deleteLater()
        self._codes.clear()
        for index, code in enumerate(presets):
            button = QPushButton(formatting.label_text(code.label))  # the journal keeps it
            button.setObjectName(f"reason_{code.code}")
            button.setCheckable(True)
            button.setProperty("role", "reason")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(TOUCH_MIN)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self._preset_group.addButton(button)
            self._preset_grid.addWidget(button, index // PRESET_COLUMNS, index % PRESET_COLUMNS)
            self._codes[button] = code

    @property
    def chosen(self) -> ReasonCode | None:
        button = self._preset_group.checkedButton()
        return self._codes.get(button) if isinstance(button, QPushButton) else None

    def preset_button(self, code: str) -> QPushButton | None:
        return next((b for b, c in self._codes.items() if c.code == code), None)

    def _show_keyboard(self, shown: bool) -> None:
        """Letters while words are required (a code like "Other"), instead of the pad."""
        self._keyboard = shown
        if shown:
            self._stage = "reason"
        self._arrange()

    def on_preset_group_button_toggled(self, button: QPushButton, checked: bool) -> None:
        code = self._codes.get(button)
        if not checked or code is None:
            return
        label = formatting.label_text(code.label)
        self.reason_edit.setPlaceholderText(
            self.tr("%1: what is the reason? (required)").replace("%1", label)
            if code.needs_text
            else self.tr("Details (optional)")
        )
        self._show_keyboard(code.needs_text)  # words needed: letters, not the number pad
        if code.needs_text:
            self.reason_edit.setFocus()

    def show_error(self, text: str) -> None:
        self.message.show_error(text)

    def on_pad_key_pressed(self, key: str) -> None:
        target = self.value_edit if not self.reason_edit.hasFocus() else self.reason_edit
        target.setText(apply_key(target.text(), key))

    def on_keyboard_key_pressed(self, key: str) -> None:
        self.reason_edit.setText(apply_text_key(self.reason_edit.text(), key))

    def on_value_edit_return_pressed(self) -> None:
        given = bool(self.reason_edit.text().strip()) or self.chosen is not None
        if self._codes and not given and self._to_reason_stage():
            return
        missing = bool(self._codes) and self.chosen is None
        if (
            self.reason_edit.isVisible()
            and not self.reason_edit.text().strip()
            and (missing or not self._codes)
        ):
            self.reason_edit.setFocus()
            return
        self.on_ok_button_clicked()

    def on_ok_button_clicked(self) -> None:
        given = bool(self.reason_edit.text().strip()) or self.chosen is not None
        if self._codes and not given and self._to_reason_stage():
            return
        asked = self._needs_reason or bool(self._codes)
        reason = self.reason_edit.text() if asked else ""
        if self._codes:  # reason codes offered (maybe tucked away for the keyboard)
            try:
                reason = reason_text(self.chosen, reason)
            except ReasonCodeError as exc:
                self.show_error(formatting.error_text(exc))
                return
        value = self.value_edit.text() if self.value_edit.isVisible() else ""
        self.accepted.emit(value, reason)
