"""List rows that end in an amount: the text on the left, the amount right-aligned.

A payment list or search results is a plain QListWidget whose item text is
``"label<TAB>amount"`` (``amount_row``); ``AmountRowDelegate`` paints the part after the last
tab against the right edge so amounts line up under one another, as in every table (issue 15:
amounts right-aligned in every list). The item text stays whole, for accessibility and tests.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

SEPARATOR = "\t"
_GAP = 16  # pixels between the text and its amount


def amount_row(text: str, amount: str) -> str:
    return f"{text}{SEPARATOR}{amount}"


def split_rects(rect: QRect, metrics: QFontMetrics, amount: str) -> tuple[QRect, QRect]:
    """The text's and the amount's rectangles in a row: the amount ends at the right edge."""
    width = metrics.horizontalAdvance(amount)
    amount_rect = QRect(rect.right() - width + 1, rect.top(), width, rect.height())
    text_rect = QRect(rect.left(), rect.top(), max(0, rect.width() - width - _GAP), rect.height())
    return text_rect, amount_rect


class AmountRowDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        label, separator, amount = text.rpartition(SEPARATOR)
        if not separator:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background, focus and selection only
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        metrics = QFontMetrics(opt.font)
        text_rect, amount_rect = split_rects(area, metrics, amount)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        vcenter = Qt.AlignmentFlag.AlignVCenter
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | vcenter), elided)
        painter.drawText(amount_rect, int(Qt.AlignmentFlag.AlignRight | vcenter), amount)
        painter.restore()
