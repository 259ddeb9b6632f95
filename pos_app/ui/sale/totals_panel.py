"""Basket totals: subtotal, discounts, tax summary per rate, and the total, large."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from pos_app.domain.sale.basket import BasketTotals
from pos_app.domain.tax import TaxMode
from pos_app.ui import formatting

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TotalsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        self._grid = QGridLayout()
        self._grid.setVerticalSpacing(2)
        self._rows: list[tuple[QLabel, QLabel]] = []
        layout.addLayout(self._grid)
        self.total_caption = QLabel(self.tr("TOTAL"))
        self.total_caption.setObjectName("totalCaption")
        self.total_value = QLabel("0.00")
        self.total_value.setObjectName("totalValue")
        self.total_value.setAlignment(_RIGHT)
        row = QGridLayout()
        row.addWidget(self.total_caption, 0, 0)
        row.addWidget(self.total_value, 0, 1)
        layout.addLayout(row)
        self.items_label = QLabel()
        self.items_label.setObjectName("itemsCount")
        layout.addWidget(self.items_label)

    def show_totals(self, totals: BasketTotals, item_count: int) -> None:
        rows: list[tuple[str, str]] = [(self.tr("Subtotal"), formatting.money(totals.subtotal))]
        promoted = totals.promotion_total
        other = totals.discount_total - promoted
        if not promoted.is_zero():  # the saving the customer asks about, on its own line
            rows.append((self.tr("Promotions (you save)"), formatting.money(-promoted)))
        if not other.is_zero():
            rows.append((self.tr("Discounts"), formatting.money(-other)))
        included = totals.tax_mode is TaxMode.INCLUSIVE
        for line in totals.tax_lines:
            caption = self.tr("incl. %s") % line.label if included else line.label
            rows.append((caption, formatting.money(line.tax)))
        # Labels are reused, not rebuilt: this runs after every scan.
        while len(self._rows) < len(rows):
            left, right = QLabel(), QLabel()
            left.setProperty("role", "totalsCaption")
            right.setProperty("role", "totalsValue")
            right.setAlignment(_RIGHT)
            self._grid.addWidget(left, len(self._rows), 0)
            self._grid.addWidget(right, len(self._rows), 1)
            self._rows.append((left, right))
        for i, (left, right) in enumerate(self._rows):
            visible = i < len(rows)
            if visible:
                left.setText(rows[i][0])
                right.setText(rows[i][1])
            left.setVisible(visible)
            right.setVisible(visible)
        self.total_value.setText(formatting.money(totals.total, symbol=True))
        self.items_label.setText(self.tr("%n line(s)", "", item_count))
