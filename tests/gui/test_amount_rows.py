"""Amounts in lists are right-aligned (issue 15 defect 5): the delegate on its own, then the
lists the till builds: payments, search results, parked baskets."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListWidget
from pytestqt.qtbot import QtBot

from pos_app.ui.amount_rows import AmountRowDelegate, amount_row, split_rects
from tests.helpers.catalog import MILK, TSHIRT
from tests.helpers.gui import Driver

PADDING = 16  # the style's margin inside a row, and then some


def _amount_ends(view: QAbstractItemView, rects: list[QRect]) -> list[int]:
    """The rightmost ink in each row's rectangle of ``view``'s viewport: where each row's
    amount ends as painted (not where the model says it should)."""
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    ends = []
    for rect in rects:
        inner = rect.adjusted(1, 2, -2, -2)  # not the row's focus frame
        background = QColor(image.pixel(inner.left(), inner.center().y()))
        ends.append(
            max(
                x
                for y in range(inner.top(), inner.bottom())
                for x in range(inner.left(), inner.right() + 1)
                if abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 80
            )
        )
    return ends


def assert_amounts_right_aligned(view: QListWidget) -> None:
    """Every row's amount ends at the same x, by the row's right edge, whatever its width."""
    rects = [view.visualItemRect(view.item(row)) for row in range(view.count())]
    ends = _amount_ends(view, rects)
    assert max(ends) - min(ends) <= 2, f"amounts end at {ends}: not lined up on the right"
    assert min(ends) >= rects[0].right() - PADDING, f"amounts end at {ends}, row {rects[0]}"


def test_the_amount_ends_at_the_right_edge(qapp: QApplication) -> None:
    metrics = QFontMetrics(QApplication.font())
    row = QRect(10, 0, 300, 40)
    text_rect, amount_rect = split_rects(row, metrics, "12,99 €")
    assert amount_rect.right() == row.right()
    assert amount_rect.width() == metrics.horizontalAdvance("12,99 €")
    assert text_rect.left() == row.left()
    assert text_rect.right() < amount_rect.left()


def test_amounts_of_different_widths_line_up_on_the_right(qtbot: QtBot) -> None:
    listing = QListWidget()
    qtbot.addWidget(listing)
    listing.setItemDelegate(AmountRowDelegate(listing))
    listing.addItem(amount_row("Cash", "5.00"))
    listing.addItem(amount_row("Card VISA ****4242", "1,234.50"))
    listing.resize(400, 120)
    listing.show()
    qtbot.waitExposed(listing)
    assert_amounts_right_aligned(listing)
    assert listing.item(0).text() == "Cash\t5.00"  # the whole row stays readable text


def test_the_payments_on_the_tender_panel_line_up_on_the_right(signed_in: Driver) -> None:
    d, w = signed_in, signed_in.window
    d.scan_and_wait(TSHIRT)
    d.press(w.sale.search.edit, Qt.Key.Key_F12)
    for amount in ("5", "100"):  # €5.00 then €100.00: a part payment, then the rest
        d.type(w.tender.cash_edit, amount)
        d.press(w.tender.cash_edit, Qt.Key.Key_Return)
    payments = w.tender.payments
    d.qtbot.waitUntil(lambda: payments.count() == 2)
    assert_amounts_right_aligned(payments)


def test_search_results_line_up_their_prices_on_the_right(signed_in: Driver) -> None:
    d, search = signed_in, signed_in.window.sale.search
    with d.qtbot.waitSignal(d.till.search.results_ready, timeout=3000):
        d.type(search.edit, "co")  # Arabica Coffee €8.99, Cotton T-Shirt €15.00
    d.qtbot.waitUntil(lambda: search.results.isVisible() and search.results.count() >= 2)
    assert_amounts_right_aligned(search.results)


def test_parked_baskets_line_up_their_totals_on_the_right(signed_in: Driver) -> None:
    d, sale = signed_in, signed_in.window.sale
    for code in (MILK, TSHIRT):  # €1.19 and €15.00
        d.scan_and_wait(code)
        with d.qtbot.waitSignal(d.controller.basket_parked):
            d.press(sale.search.edit, Qt.Key.Key_F7)
    d.press(sale.search.edit, Qt.Key.Key_F8)
    d.qtbot.waitUntil(lambda: sale.parked.list.count() == 2)
    assert_amounts_right_aligned(sale.parked.list)
