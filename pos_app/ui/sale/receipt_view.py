"""The receipt of the sale just completed, as the document will print, with the change."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from pos_app.domain.receipt import ReceiptDocument, render_text
from pos_app.ui import formatting
from pos_app.ui.widgets import action_button


class ReceiptView(QWidget):
    new_sale_requested = Signal()
    reprint_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptView")
        root = QHBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setObjectName("receiptText")
        self.text.setReadOnly(True)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(12)
        self.text.setFont(font)
        self.text.setMinimumWidth(420)
        root.addWidget(self.text, 1)

        # The right-hand column; other screens' parts go in it too (the customer's email bar).
        self.side = side = QVBoxLayout()
        self.done_label = QLabel()
        self.done_label.setObjectName("saleDone")
        self.done_label.setWordWrap(True)
        self.change_caption = QLabel(self.tr("CHANGE"))
        self.change_caption.setObjectName("leftCaption")
        self.change_value = QLabel()
        self.change_value.setObjectName("changeValue")
        self.change_value.setProperty("state", "change")
        self.print_note = QLabel()
        self.print_note.setObjectName("printNote")
        self.print_note.setWordWrap(True)
        self.next_hint = QLabel(self.tr("Scan the next customer's first item, or press F12."))
        self.next_hint.setWordWrap(True)
        self.reprint_button = action_button(self.tr("Reprint last receipt"), "Ctrl+P")
        self.reprint_button.clicked.connect(self.reprint_requested)
        self.new_sale_button = action_button(self.tr("Next customer"), "F12", "pay")
        self.new_sale_button.clicked.connect(self.new_sale_requested)
        for widget in (self.done_label, self.change_caption, self.change_value, self.print_note):
            side.addWidget(widget)
        side.addWidget(self.next_hint)
        side.addStretch(1)
        side.addWidget(self.reprint_button)
        side.addWidget(self.new_sale_button)
        self.set_print_note("none")
        root.addLayout(side, 1)

    def set_print_note(self, state: str, detail: str = "") -> None:
        """none (no printer), printing, printed, waiting (with why), reprinting."""
        texts = {
            "none": self.tr("No printer is set up: the receipt is kept in the journal."),
            "printing": self.tr("Printing the receipt…"),
            "printed": self.tr("Receipt printed."),
            "waiting": self.tr(
                "Not printed yet (%1): it waits and prints when the printer is back."
            ).replace("%1", detail),
            "reprinting": self.tr("Printing a copy…"),
        }
        self.print_note.setText(texts.get(state, state))
        self.print_note.setProperty("state", state)
        self.print_note.style().unpolish(self.print_note)
        self.print_note.style().polish(self.print_note)
        self.reprint_button.setEnabled(state != "none")

    def show_receipt(self, receipt: ReceiptDocument) -> None:
        self.text.setPlainText(render_text(receipt, 42))
        self.done_label.setText(self.tr("Sale %s completed.") % receipt.receipt_no)
        self.change_value.setText(formatting.money(receipt.change, symbol=True))
