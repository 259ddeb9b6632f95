"""The basket as a Qt table model: a read-only view of the Register's basket.

The model holds a snapshot (lines + their totals) and is refreshed after every change: one
appended line is an insert, a changed line a dataChanged, a removal a remove, anything else a
reset, so views keep their selection and scroll position during a sale.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import Money, sum_money
from pos_app.domain.pricing import line_discount_amounts, line_gross
from pos_app.domain.sale.basket import Basket, BasketLine, BasketTotals, LineTotals
from pos_app.ui import formatting

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def provisional_totals(line: BasketLine) -> LineTotals:
    """A line's figures before the basket is priced: its gross less its own discounts."""
    gross = line_gross(line)
    off = sum_money(line_discount_amounts(gross, line.discounts), gross.currency)
    return LineTotals(line.line_no, gross, off, Money.zero(gross.currency), gross - off)


@dataclass(frozen=True)
class _Row:
    line: BasketLine
    totals: LineTotals


class BasketTableModel(QAbstractTableModel):
    COL_NO, COL_ITEM, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_AMOUNT = range(6)
    LineNoRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._headers = [
            self.tr("#"),
            self.tr("Item"),
            self.tr("Qty"),
            self.tr("Price"),
            self.tr("Discount"),
            self.tr("Amount"),
        ]

    # -- updates -----------------------------------------------------------------------------

    def refresh(self, basket: Basket, totals: BasketTotals | None = None) -> None:
        totals = totals if totals is not None else basket.totals()
        self._show([_Row(line, lt) for line, lt in zip(basket.lines, totals.lines, strict=True)])

    def show_lines(self, basket: Basket) -> None:
        """Show ``basket`` now, before it is priced: a line the model already shows unchanged
        keeps its priced figures, a new or changed one shows its own price and discounts
        (``provisional_totals``) until the pricing lane's ``refresh`` brings promotions and the
        basket discount. Costs only the changed lines, so a scan never waits for pricing."""
        shown = {row.line.line_no: row for row in self._rows}
        new = []
        for line in basket.lines:
            row = shown.get(line.line_no)
            new.append(
                row
                if row is not None and row.line == line
                else _Row(line, provisional_totals(line))
            )
        self._show(new)

    def _show(self, new: list[_Row]) -> None:
        old = self._rows
        old_nos = [r.line.line_no for r in old]
        new_nos = [r.line.line_no for r in new]
        if new_nos[: len(old_nos)] == old_nos and len(new) > len(old):
            self._rows = new[: len(old)]
            self._emit_changed(old)
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._rows = new
            self.endInsertRows()
        elif new_nos == old_nos:
            self._rows = new
            self._emit_changed(old)
        elif len(new) == len(old) - 1 and all(n in old_nos for n in new_nos):
            gone = next(i for i, n in enumerate(old_nos) if n not in new_nos)
            self.beginRemoveRows(QModelIndex(), gone, gone)
            self._rows = [r for i, r in enumerate(old) if i != gone]
            self.endRemoveRows()
            self._rows = new
            self._emit_changed([r for i, r in enumerate(old) if i != gone])
        else:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()

    def _emit_changed(self, before: list[_Row]) -> None:
        changed = [
            i for i, row in enumerate(before) if i < len(self._rows) and row != self._rows[i]
        ]
        if changed:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))

    def line_no_at(self, row: int) -> int | None:
        return self._rows[row].line.line_no if 0 <= row < len(self._rows) else None

    def item_at(self, row: int) -> CatalogItem | None:
        """The catalog item of a row (the stock panel asks where else it is in stock)."""
        return self._rows[row].line.item if 0 <= row < len(self._rows) else None

    def row_of(self, line_no: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.line.line_no == line_no:
                return i
        return None

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if section >= self.COL_QTY else _LEFT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if col >= self.COL_QTY or col == self.COL_NO else _LEFT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.FontRole and col == self.COL_AMOUNT:
            font = QFont()
            font.setBold(True)
            return font
        if role == self.LineNoRole:
            return row.line.line_no
        return None

    def _display(self, row: _Row, col: int) -> str:
        line, totals = row.line, row.totals
        if col == self.COL_NO:
            return str(line.line_no)
        if col == self.COL_ITEM:
            name = line.item.name
            if line.price_override_reason:
                name += "  " + self.tr("(price changed)")
            if totals.promotions:  # which promotion took the Discount column's amount
                name += "\n» " + " + ".join(p.name for p in totals.promotions)
            return name
        if col == self.COL_QTY:
            return formatting.quantity(line.quantity, line.item.sold_by_weight)
        if col == self.COL_PRICE:
            return formatting.money(line.unit_price)
        if col == self.COL_DISCOUNT:
            off = totals.promotion_discount + totals.line_discount + totals.basket_discount_share
            return "" if off.is_zero() else formatting.money(-off)
        if col == self.COL_AMOUNT:
            return formatting.money(totals.amount)
        return ""

    def _tooltip(self, row: _Row) -> str:
        parts = [row.line.item.sku]
        if row.line.price_override_reason:
            parts.append(self.tr("Price changed: %s") % row.line.price_override_reason)
        # Which promotion took what off this line: the associate can tell the customer.
        parts += [f"{p.name}: -{formatting.money(p.amount)}" for p in row.totals.promotions]
        parts += [d.describe() for d in row.line.discounts]
        return "\n".join(parts)
