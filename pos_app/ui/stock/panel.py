"""The stock panel of the sale screen (inline, in the right column): a SKU's on hand and
available-to-sell in this store, every other store and the warehouse. Layout only; the stock
controller drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.stock.elsewhere import StockView
from pos_app.ui import formatting
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, action_button

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class StockPanel(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stockPanel")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("Stock"))
        self.title.setObjectName("promptTitle")
        self.title.setWordWrap(True)
        self.message = InlineMessage()
        # Three columns: the panel is narrow (≤ 480 px); where a location is (its region,
        # "warehouse") goes on the second line of its name.
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("stockTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Location"), self.tr("On hand"), self.tr("Available")]
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_MIN + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.close_button = action_button(self.tr("Close"), "Esc")
        self.close_button.clicked.connect(self.closed)
        root.addWidget(self.title)
        root.addWidget(self.message)
        root.addWidget(self.table, 1)
        root.addWidget(self.close_button)
        escape = QShortcut(QKeySequence("Esc"), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.closed)

    def show_checking(self, sku: str, name: str) -> None:
        self.title.setText(self.tr("Stock of %1 (%2)").replace("%1", name).replace("%2", sku))
        self.table.setRowCount(0)
        self.message.show_info(self.tr("Asking the hub…"), timeout_ms=0)

    def show_view(self, view: StockView) -> None:
        self.title.setText(
            self.tr("Stock of %1 (%2)").replace("%1", view.name).replace("%2", view.sku)
        )
        self.table.setRowCount(len(view.rows))
        for i, row in enumerate(view.rows):
            name = self.tr("%1 (this store)").replace("%1", row.name) if row.here else row.name
            cells = [
                QTableWidgetItem(f"{name}\n{row.where}" if row.where else name),
                QTableWidgetItem(formatting.quantity(row.on_hand, False)),
                QTableWidgetItem(formatting.quantity(row.available, False)),
            ]
            for column, cell in enumerate(cells):
                if column >= 1:
                    cell.setTextAlignment(RIGHT)
                self.table.setItem(i, column, cell)
        if view.note and not view.online:
            self.message.show_error(view.note)
        elif view.note:
            self.message.show_info(view.note, timeout_ms=0)
        else:
            self.message.clear_message()
