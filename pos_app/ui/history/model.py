"""This till's past sales as a Qt table model: a page at a time, more pages appended."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from pos_app.services.sale.history import SaleSummary
from pos_app.ui import formatting

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class SalesTableModel(QAbstractTableModel):
    COL_TIME, COL_RECEIPT, COL_KIND, COL_CASHIER, COL_TOTAL = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SaleSummary] = []
        self._headers = [
            self.tr("Date and time"),
            self.tr("Receipt"),
            self.tr("Kind"),
            self.tr("Cashier"),
            self.tr("Total"),
        ]
        self._kinds = {"sale": self.tr("Sale"), "return": self.tr("Return")}

    def reset(self, rows: Sequence[SaleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append(self, rows: Sequence[SaleSummary]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def summary(self, row: int) -> SaleSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section == self.COL_TOTAL else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        sale, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == self.COL_TOTAL else _LEFT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.COL_TIME:
            # The till's local time, as on the receipt.
            return sale.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == self.COL_RECEIPT:
            return sale.receipt_no + (" " + self.tr("(offline)") if sale.offline else "")
        if column == self.COL_KIND:
            return self._kinds.get(sale.kind, sale.kind)
        if column == self.COL_CASHIER:
            return sale.cashier
        return formatting.money(sale.total, symbol=True)
