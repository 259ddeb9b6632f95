"""The sale screen: search, basket, totals, actions. Layout only; the controller drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.page_stack import PageStack
from pos_app.ui.prompt_panel import PromptPanel
from pos_app.ui.sale.basket_model import BasketTableModel
from pos_app.ui.sale.parked_panel import ParkedPanel
from pos_app.ui.sale.search_panel import SearchPanel
from pos_app.ui.sale.totals_panel import TotalsPanel
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, action_button


class SaleView(QWidget):
    def __init__(self, model: BasketTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saleView")
        root = QHBoxLayout(self)
        root.setSpacing(12)

        left = QVBoxLayout()
        self.search = SearchPanel()
        self.message = InlineMessage()
        self.table = QTableView()
        self.table.setObjectName("basketTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_MIN)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # two lines of a long name fit a 48 px row
        # Fixed column widths: ResizeToContents re-measures every row on every scan.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(BasketTableModel.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.ensurePolished()  # the theme's font, not the default one
        metrics = QFontMetrics(self.table.font())
        samples = {
            BasketTableModel.COL_NO: "99",
            BasketTableModel.COL_QTY: "0.000 kg",
            BasketTableModel.COL_PRICE: "999.99",
            BasketTableModel.COL_DISCOUNT: "−99.99",
            BasketTableModel.COL_AMOUNT: "9999.99",
        }
        header.ensurePolished()
        header_metrics = QFontMetrics(header.font())
        for column, sample in samples.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            width = max(
                metrics.horizontalAdvance(sample), header_metrics.horizontalAdvance(title) + 4
            )
            header.resizeSection(column, width + 16)
        left.addWidget(self.search)
        left.addWidget(self.message)
        left.addWidget(self.table, 1)
        # Promotion hints and the deals panel (deals_panel.py) go under the basket.
        self.below_basket = QVBoxLayout()
        left.addLayout(self.below_basket)
        root.addLayout(left, 5)

        right_frame = QFrame()
        right_frame.setObjectName("rightColumn")
        # Two columns of action buttons whose longest label ("No sale (drawer)") fits at 1024 px
        # wide (issue 15: "emove lin", "Void baske" when the column was 330 px).
        right_frame.setMinimumWidth(400)
        right_frame.setMaximumWidth(480)
        right = QVBoxLayout(right_frame)
        right.setContentsMargins(0, 0, 0, 0)
        self.totals = TotalsPanel()
        right.addWidget(self.totals)
        self.side = PageStack()
        # Not ``actions``: that would hide QWidget.actions(), the widget's QActions.
        self.action_pad = QWidget()
        # theme.qss: ten actions and PAY must fit under the totals on a 1024x768 screen.
        self.action_pad.setObjectName("saleActions")
        grid = QGridLayout(self.action_pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.qty_button = action_button(self.tr("Quantity"), "F3")
        self.remove_button = action_button(self.tr("Remove line"), "F10", "danger")
        self.discount_button = action_button(self.tr("Line discount"), "F4")
        self.price_button = action_button(self.tr("Price"), "F5")
        self.basket_discount_button = action_button(self.tr("Basket discount"), "F6")
        self.park_button = action_button(self.tr("Park"), "F7")
        self.resume_button = action_button(self.tr("Resume"), "F8")
        self.void_button = action_button(self.tr("Void basket"), "F9", "danger")
        self.sign_out_button = action_button(self.tr("Sign out"), "F11")
        self.no_sale_button = action_button(self.tr("No sale (drawer)"), "Ctrl+D")
        # "&&": a lone "&" marks a mnemonic in a button label and would not be shown.
        self.collections_button = action_button(self.tr("Click && collect"), "F1")
        self.returns_button = action_button(self.tr("Returns"), "Ctrl+R")  # F1-F12 are taken
        # Driven by coupon_entry.py and deals_panel.py (F1-F12 are taken).
        self.coupon_button = action_button(self.tr("Coupon"), "Ctrl+K")
        self.deals_button = action_button(self.tr("Deals"), "Ctrl+O")
        # Driven by customer_controller.py; shows the attached customer's name.
        self.customer_button = action_button(self.tr("Customer"), "Ctrl+U")
        # Driven by ui/stock/controller.py: the selected line's or search result's stock in
        # every store and the warehouse.
        self.stock_button = action_button(self.tr("Stock"), "Ctrl+I")
        # Driven by ui/history (past sales, their receipts, reprints).
        self.history_button = action_button(self.tr("History"), "Ctrl+H")
        self.pay_button = action_button(self.tr("PAY"), "F12", "pay")
        self.pay_button.setMinimumHeight(TOUCH_MIN * 2)
        buttons = [
            self.qty_button,
            self.remove_button,
            self.discount_button,
            self.price_button,
            self.basket_discount_button,
            self.park_button,
            self.resume_button,
            self.void_button,
        ]
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // 2, i % 2)
        grid.addWidget(self.no_sale_button, 4, 0)
        grid.addWidget(self.sign_out_button, 4, 1)
        grid.addWidget(self.collections_button, 5, 0)
        grid.addWidget(self.returns_button, 5, 1)
        # Compact rows (narrower padding, smaller text): as full rows PAY would no longer fit
        # a 1024x768 screen, and five in one row cut "Customer".
        compact_rows = (
            (self.coupon_button, self.deals_button, self.customer_button),
            (self.stock_button, self.history_button),
        )
        for row, compact in enumerate(compact_rows, start=6):
            extras = QHBoxLayout()
            extras.setSpacing(8)
            for button in compact:
                button.setProperty("compact", True)  # theme.qss
                extras.addWidget(button, 1)
            grid.addLayout(extras, row, 0, 1, 2)
        grid.setRowStretch(8, 1)
        for column in (0, 1):  # equal halves: a long label must not squeeze the other column
            grid.setColumnStretch(column, 1)
            grid.setColumnMinimumWidth(column, 170)
        more = (self.no_sale_button, self.sign_out_button, self.collections_button,
                self.returns_button)  # fmt: skip
        for button in (*buttons, *more):
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        grid.addWidget(self.pay_button, 9, 0, 1, 2)
        self.prompt = PromptPanel()
        self.parked = ParkedPanel()
        for page in (self.action_pad, self.prompt, self.parked):
            self.side.addWidget(page)
        right.addWidget(self.side, 1)
        root.addWidget(right_frame, 2)

        self.search_shortcut = QShortcut(QKeySequence("F2"), self)
        self.search_shortcut.activated.connect(self.focus_search)

    def focus_search(self) -> None:
        self.search.edit.setFocus()
        self.search.edit.selectAll()

    def show_actions(self) -> None:
        self.side.setCurrentWidget(self.action_pad)
        self.focus_search()

    def show_prompt(self) -> None:
        self.side.setCurrentWidget(self.prompt)

    def show_parked(self) -> None:
        self.side.setCurrentWidget(self.parked)

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        count = self.table.model().rowCount()
        return count - 1  # no selection: the last line rung, as on most tills

    def select_row(self, row: int) -> None:
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.table.model().index(row, 0))
