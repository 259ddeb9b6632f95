"""Choose a parked basket to resume."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from pos_app.services.sale.parking import ParkedSummary
from pos_app.ui import formatting
from pos_app.ui.amount_rows import AmountRowDelegate, amount_row
from pos_app.ui.widgets import TOUCH_MIN, action_button


class ParkedPanel(QFrame):
    resume_requested = Signal(int)
    cancelled = Signal()

    def __init__(self, parent: QFrame | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parkedPanel")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Parked baskets"))
        title.setObjectName("promptTitle")
        self.list = QListWidget()
        self.list.setObjectName("parkedList")
        self.list.setItemDelegate(AmountRowDelegate(self.list))
        self.empty = QLabel(self.tr("No basket is parked."))
        buttons = QHBoxLayout()
        self.cancel_button = action_button(self.tr("Cancel"), "Esc")
        self.resume_button = action_button(self.tr("Resume"), "", "primary")
        self.cancel_button.clicked.connect(self.cancelled)
        self.resume_button.clicked.connect(self.on_resume_button_clicked)
        self.list.itemActivated.connect(lambda _item: self.on_resume_button_clicked())
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.resume_button)
        for widget in (title, self.list, self.empty):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def show_parked(self, parked: list[ParkedSummary]) -> None:
        self.list.clear()
        for summary in parked:
            when = formatting.time(summary.created_at)
            label = f" · {summary.label}" if summary.label else ""
            text = self.tr("%1  %2 · %3 lines%4")
            text = (
                text.replace("%1", when)
                .replace("%2", summary.cashier)
                .replace("%3", str(summary.line_count))
                .replace("%4", label)
            )
            # The total at the row's right edge, under the other baskets' (issue 15).
            total = formatting.money(summary.total, symbol=True)
            item = QListWidgetItem(amount_row(text, total))
            item.setData(Qt.ItemDataRole.UserRole, summary.parked_id)
            item.setSizeHint(QSize(0, TOUCH_MIN + 8))
            self.list.addItem(item)
        if parked:
            self.list.setCurrentRow(len(parked) - 1)
        self.list.setVisible(bool(parked))
        self.empty.setVisible(not parked)
        self.resume_button.setEnabled(bool(parked))
        self.list.setMinimumHeight(TOUCH_MIN * 2)
        self.list.setFocus()

    def on_resume_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.resume_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
