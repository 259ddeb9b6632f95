"""Amounts in lists are right-aligned (issue 15 defect 5): payments, search results."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from pos_app.ui.amount_rows import AmountRowDelegate, amount_row, split_rects


def test_the_amount_ends_at_the_right_edge(qapp: QApplication) -> None:
    metrics = QFontMetrics(QApplication.font())
    row = QRect(10, 0, 300, 40)
    text_rect, amount_rect = split_rects(row, metrics, "12,99 €")
    assert amount_rect.right() == row.right()
    assert amount_rect.width() == metrics.horizontalAdvance("12,99 €")
    assert text_rect.left() == row.left()
    assert text_rect.right() < amount_rect.left()


def _ink_columns(image: QImage, y: int) -> list[int]:
    background = QColor(image.pixel(2, y))
    return [
        x
        for x in range(image.width())
        if abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 80
    ]


def test_amounts_of_different_widths_line_up_on_the_right(qtbot: QtBot) -> None:
    listing = QListWidget()
    qtbot.addWidget(listing)
    listing.setItemDelegate(AmountRowDelegate(listing))
    listing.addItem(amount_row("Cash", "5.00"))
    listing.addItem(amount_row("Card VISA ****4242", "1,234.50"))
    listing.resize(400, 120)
    listing.show()
    qtbot.waitExposed(listing)
    image = listing.viewport().grab().toImage()
    rights = []
    for row in range(2):
        rect = listing.visualItemRect(listing.item(row))
        # the rightmost ink of each row's middle band
        ink = [
            max(cols)
            for y in range(rect.top() + 2, rect.bottom() - 2)
            if (cols := _ink_columns(image, y))
        ]
        rights.append(max(ink))
    assert abs(rights[0] - rights[1]) <= 2  # both amounts end at the same x
    assert rights[0] > listing.viewport().width() * 0.8  # at the right, not after the label
    assert listing.item(0).text() == "Cash\t5.00"  # the whole row stays readable text
