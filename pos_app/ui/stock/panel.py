"""The stock panel of the sale screen (inline, in the right column): a SKU's on hand and
available-to-sell in this store, every other store and the warehouse. Layout only; the stock
controller drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.l10n.messages import Message
from pos_app.services.stock.elsewhere import StockView
from pos_app.ui import formatting
from pos_app.ui.widgets import RIGHT, TOUCH_MIN, InlineMessage, action_button, touch_edit


class StockPanel(QFrame):
    closed = Signal()
    order_requested = Signal(str)  # "pickup" | "delivery": endless aisle from the chosen row

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
        # A row is chosen (touch) to order from it: endless aisle.
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Endless aisle: sell the line here, fulfilled by the chosen store or the warehouse.
        self.email_edit = touch_edit(self.tr("Customer e-mail"), "aisleEmail")
        self.name_edit = touch_edit(self.tr("Customer name"), "aisleName")
        self.address_edit = touch_edit(self.tr("Delivery address (delivery only)"), "aisleAddress")
        self.pickup_button = action_button(self.tr("Order: pickup there"))
        self.delivery_button = action_button(self.tr("Order: deliver"))
        self.pickup_button.clicked.connect(lambda: self.order_requested.emit("pickup"))
        self.delivery_button.clicked.connect(lambda: self.order_requested.emit("delivery"))
        self.close_button = action_button(self.tr("Close"), "Esc")
        self.close_button.clicked.connect(self.closed)
        root.addWidget(self.title)
        root.addWidget(self.message)
        root.addWidget(self.table, 1)
        who = QHBoxLayout()  # side by side: the table keeps its rows on a 1024x768 screen
        who.addWidget(self.email_edit, 3)
        who.addWidget(self.name_edit, 2)
        root.addLayout(who)
        root.addWidget(self.address_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pickup_button)
        buttons.addWidget(self.delivery_button)
        root.addLayout(buttons)
        root.addWidget(self.close_button)
        escape = QShortcut(QKeySequence("Esc"), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.closed)

    def chosen_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

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
                QTableWidgetItem(f"{name}\n{_text(row.where)}" if row.where else name),
                QTableWidgetItem(formatting.quantity(row.on_hand, False)),
                QTableWidgetItem(formatting.quantity(row.available, False)),
            ]
            for column, cell in enumerate(cells):
                if column >= 1:
                    cell.setTextAlignment(RIGHT)
                self.table.setItem(i, column, cell)
        if view.note is not None and not view.online:
            self.message.show_error(formatting.message_text(view.note))
        elif view.note is not None:
            self.message.show_info(formatting.message_text(view.note), timeout_ms=0)
        else:
            self.message.clear_message()


def _text(where: Message | str) -> str:
    """A location's region as head office wrote it, or a message ("North, warehouse")."""
    return formatting.text_of(where)
