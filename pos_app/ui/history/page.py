"""The sale-history screen: search and the list on the left, the receipt on the right.

Widgets only; ui.history.controller drives it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.history.model import SalesTableModel
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, action_button

RECEIPT_COLUMNS = 42  # the receipt's width on screen (ui.history.controller renders at it)


class HistoryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        outer = QVBoxLayout(self)
        self.title = QLabel(self.tr("Sale history"))
        self.title.setObjectName("pageTitle")
        outer.addWidget(self.title)

        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("historySearch")
        self.search.setMinimumHeight(TOUCH_MIN)
        self.search.setMaxLength(64)
        self.search.setPlaceholderText(
            self.tr("Receipt number, date (2026-03-02) or amount (12.50); Enter searches")
        )
        self.search_button = action_button(self.tr("Search"))  # Enter in the field too
        self.search_button.setMaximumWidth(160)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)
        outer.addLayout(search_row)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        left = QVBoxLayout()
        self.model = SalesTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_MIN)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SalesTableModel.COL_RECEIPT, QHeaderView.ResizeMode.Stretch)
        left.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setObjectName("historyStatus")
        left.addWidget(self.status)
        body.addLayout(left, 1)

        right = QVBoxLayout()
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("historyReceipt")
        self.detail.setReadOnly(True)
        self.detail.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.detail.setFont(font)
        # The whole 42-column receipt, never wrapped: it reads as the paper does.
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.detail.ensurePolished()  # the theme's font size, not the one set above
        columns = self.detail.fontMetrics().horizontalAdvance("M" * RECEIPT_COLUMNS)
        self.detail.setMinimumWidth(columns + 40)  # frame, margins and the scroll bar
        right.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        self.reprint_button = action_button(self.tr("Reprint (copy)"), "F9")
        self.more_button = action_button(self.tr("Older sales"), "F8")
        self.back_button = action_button(self.tr("Back"), "Esc")
        for button in (self.reprint_button, self.more_button, self.back_button):
            buttons.addWidget(button)
        right.addLayout(buttons)
        body.addLayout(right, 0)

        self.message = InlineMessage()
        outer.addWidget(self.message)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a 1024-wide till the receipt beside the list leaves no room for the cashier's
        # name (it is on the receipt anyway); wider screens show it in the list too.
        self.table.setColumnHidden(SalesTableModel.COL_CASHIER, event.size().width() < 1400)
