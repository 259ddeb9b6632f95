"""The shift screen: actions on the left, the count / cash movement / report on the right.

Widgets only; ui.shifts.controller drives it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Currency
from pos_app.ui.prompt_panel import PromptPanel
from pos_app.ui.shifts.count_view import CountView
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, action_button


class ShiftsPage(QWidget):
    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        outer.addWidget(self.title)
        self.message = InlineMessage()
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        outer.addWidget(self.message)

        actions = QGridLayout()
        actions.setSpacing(8)
        self.open_button = action_button(self.tr("Open shift"), "F2")
        self.x_button = action_button(self.tr("X report"), "F3")
        self.paid_in_button = action_button(self.tr("Paid in"), "F4")
        self.paid_out_button = action_button(self.tr("Paid out"), "F5")
        self.safe_drop_button = action_button(self.tr("Safe drop"), "F6")
        self.no_sale_button = action_button(self.tr("No sale"), "F7")
        self.close_button = action_button(self.tr("Close shift (blind)"), "F8", role="danger")
        self.reprint_button = action_button(self.tr("Reprint last Z"), "F9")
        self.back_button = action_button(self.tr("Back"), "Esc")
        order = (
            self.open_button, self.x_button, self.paid_in_button, self.paid_out_button,
            self.safe_drop_button, self.no_sale_button, self.close_button, self.reprint_button,
            self.back_button,
        )  # fmt: skip
        for i, button in enumerate(order):
            actions.addWidget(button, i, 0)
        actions.setRowStretch(len(order), 1)
        left = QWidget()
        left.setLayout(actions)
        left.setFixedWidth(220)
        body.addWidget(left)

        self.panels = QStackedWidget()
        body.addWidget(self.panels, 1)

        # Count: the float at open, the drawer at a blind close.
        self.count_panel = QWidget()
        count_layout = QVBoxLayout(self.count_panel)
        self.count_heading = QLabel()
        self.count_heading.setWordWrap(True)
        count_layout.addWidget(self.count_heading)
        self.count = CountView(currency)
        count_layout.addWidget(self.count, 1)
        card_row = QHBoxLayout()  # beside the count's own total, to keep the rows full height
        self.card_label = QLabel(self.tr("Card terminal batch total (optional)"))
        self.card_total = QLineEdit()
        self.card_total.setMinimumHeight(TOUCH_MIN)
        self.card_total.setPlaceholderText("0.00")
        card_row.addWidget(self.card_label)
        card_row.addWidget(self.card_total)
        count_layout.addLayout(card_row)
        self.count_confirm = action_button(self.tr("Confirm count"), "F12", role="pay")
        count_layout.addWidget(self.count_confirm)
        self.panels.addWidget(self.count_panel)

        # Paid in / paid out / safe drop / no sale: the amount on the number pad, then the
        # chain's reason codes of that kind as buttons with optional words (the sale screen's
        # own prompt, ui/prompt_panel.py).
        self.movement_prompt = PromptPanel()
        self.panels.addWidget(self.movement_prompt)

        # A manager approves an over/short beyond the store's threshold.
        self.approval_panel = QWidget()
        approval = QFormLayout(self.approval_panel)
        self.approval_heading = QLabel()
        self.approval_heading.setWordWrap(True)
        approval.addRow(self.approval_heading)
        self.manager_pin = QLineEdit()
        self.manager_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.manager_pin.setMinimumHeight(TOUCH_MIN)
        self.approval_reason = QLineEdit()
        self.approval_reason.setMinimumHeight(TOUCH_MIN)
        self.approval_reason.setMaxLength(200)
        approval.addRow(self.tr("Manager PIN"), self.manager_pin)
        approval.addRow(self.tr("Reason"), self.approval_reason)
        self.approval_confirm = action_button(self.tr("Approve and close"), "F12", role="pay")
        approval.addRow(self.approval_confirm)
        self.panels.addWidget(self.approval_panel)

        # X or Z report as printed.
        self.report_panel = QWidget()
        report = QVBoxLayout(self.report_panel)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.report.setFont(font)
        report.addWidget(self.report, 1)
        row = QHBoxLayout()
        self.print_button = action_button(self.tr("Print"))
        self.export_button = action_button(self.tr("Export CSV + PDF"))
        row.addWidget(self.print_button)
        row.addWidget(self.export_button)
        report.addLayout(row)
        self.panels.addWidget(self.report_panel)
