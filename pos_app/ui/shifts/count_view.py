"""A touch-friendly cash count: one row per note and coin, − / + buttons and a typed count.

Used to count the opening float and to count the drawer at a blind close. It shows the
cashier's own total (what they counted), never what the till expects.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_app.domain.money import Currency, Money
from pos_app.domain.shifts.denominations import MAX_PIECES, denominations_for
from pos_app.ui import formatting
from pos_app.ui.widgets import TOUCH_MIN, action_button


class CountView(QWidget):
    total_changed = Signal(int)  # minor units

    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.values = denominations_for(currency.code)
        self.edits: dict[int, QLineEdit] = {}
        self.subtotals: dict[int, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        columns = QHBoxLayout()
        half = (len(self.values) + 1) // 2
        for part in (self.values[:half], self.values[half:]):
            grid = QGridLayout()
            grid.setHorizontalSpacing(6)
            grid.setVerticalSpacing(4)
            for row, value in enumerate(part):
                self._add_row(grid, row, value)
            grid.setRowStretch(len(part), 1)
            columns.addLayout(grid, 1)
        layout.addLayout(columns, 1)
        self.total_label = QLabel()
        self.total_label.setObjectName("countTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.total_label)
        self._update()

    def _add_row(self, grid: QGridLayout, row: int, value: int) -> None:
        label = QLabel(formatting.money(Money.from_minor(value, self.currency)))
        label.setMinimumWidth(60)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        minus, plus = action_button("−"), action_button("+")
        for button in (minus, plus):
            button.setProperty("compact", True)  # theme.qss: narrow padding, still 48 px wide
            button.setFixedWidth(TOUCH_MIN + 8)
        edit = QLineEdit("0")
        edit.setValidator(QIntValidator(0, MAX_PIECES, edit))
        edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        edit.setFixedWidth(64)
        edit.setMinimumHeight(TOUCH_MIN)
        edit.setAccessibleName(self.tr("count of %1").replace("%1", label.text()))
        subtotal = QLabel()
        subtotal.setMinimumWidth(84)
        subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        minus.clicked.connect(lambda: self.step(value, -1))
        plus.clicked.connect(lambda: self.step(value, 1))
        edit.textChanged.connect(self._update)
        for col, widget in enumerate((label, minus, edit, plus, subtotal)):
            grid.addWidget(widget, row, col)
        self.edits[value], self.subtotals[value] = edit, subtotal

    def focus_first(self) -> None:
        """Keyboard counting: the largest denomination's field takes the keys, its text selected
        so typing replaces the 0."""
        first = self.edits[max(self.edits)]
        first.setFocus()
        first.selectAll()

    def step(self, value: int, by: int) -> None:
        edit = self.edits[value]
        edit.setText(str(min(MAX_PIECES, max(0, self.count_of(value) + by))))

    def set_count(self, value: int, pieces: int) -> None:
        self.edits[value].setText(str(pieces))

    def count_of(self, value: int) -> int:
        text = self.edits[value].text()
        return int(text) if text.isdigit() else 0

    def pieces(self) -> dict[int, int]:
        return {v: self.count_of(v) for v in self.values if self.count_of(v)}

    def total_minor(self) -> int:
        return sum(v * c for v, c in self.pieces().items())

    def reset(self) -> None:
        for edit in self.edits.values():
            edit.setText("0")

    def _update(self) -> None:
        for value, label in self.subtotals.items():
            amount = Money.from_minor(value * self.count_of(value), self.currency)
            label.setText(formatting.money(amount))
        total = self.total_minor()
        counted = formatting.money(Money.from_minor(total, self.currency), symbol=True)
        self.total_label.setText(self.tr("Counted: %1").replace("%1", counted))
        self.total_changed.emit(total)
