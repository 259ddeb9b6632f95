"""The returns screen: sell through the till, then take one line back for cash (real SQLite)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from pos_app.domain.returns.rules import Condition
from pos_app.ui.returns.page import CONDITION_COLUMN
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.gui import HUMAN_GAP_MS, Driver
from tests.helpers.till_db import rows


def test_return_one_line_of_a_cash_sale(signed_in: Driver, staffed_db: Path) -> None:
    d, w = signed_in, signed_in.window
    returns = d.till.returns
    assert returns is not None
    d.scan_and_wait(COFFEE)
    d.scan_and_wait(TSHIRT)
    d.press(w.sale.search.edit, Qt.Key.Key_F12)
    d.type(w.tender.cash_edit, "50")
    d.press(w.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=5000) as sold:
        d.press(w.tender.cash_edit, Qt.Key.Key_F12)
    receipt_no = sold.args[0].receipt_no
    d.press(d.focus(), Qt.Key.Key_F12)  # next customer
    assert w.pages.currentWidget() is w.sale

    d.clock.advance(HUMAN_GAP_MS)
    d.qtbot.keyClick(d.focus(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert w.pages.currentWidget() is w.returns
    page = w.returns
    with d.qtbot.waitSignal(returns.error_shown, timeout=5000) as unknown:
        d.scan("till-1-999999")
    assert "No sale with receipt number" in unknown.args[0]
    assert page.message.text() == unknown.args[0]
    with d.qtbot.waitSignal(returns.sale_found, timeout=5000):
        d.scan(receipt_no)
    assert page.table.rowCount() == 2
    assert [page.table.item(r, 2).text() for r in range(2)] == ["1", "1"]
    assert d.controller.model.rowCount() == 0  # the scan did not land in the sale basket

    box = page.quantity_box(1)
    assert box is not None
    box.setValue(1)
    condition = page.combo(1, CONDITION_COLUMN)
    assert condition is not None
    condition.setCurrentIndex(condition.findData(str(Condition.OPENED)))
    with d.qtbot.waitSignal(returns.return_completed, timeout=5000) as done:
        d.press(d.focus(), Qt.Key.Key_F12)
    back = done.args[0]
    assert back.original_receipt_no == receipt_no
    assert f"Refund for receipt {receipt_no}" in page.receipt_preview.toPlainText()
    assert page.receipt_preview.isVisible()

    assert rows(
        staffed_db,
        "SELECT s.receipt_no, s.total_minor, l.sku, l.quantity_milli, l.original_line_no,"
        " l.return_condition, l.disposition FROM sales s JOIN sale_lines l ON l.sale_id = s.id"
        " WHERE s.kind = 'return'",
    ) == [(back.receipt_no, -899, "COF-1", -1000, 1, "opened", "sellable")]
    assert rows(
        staffed_db,
        "SELECT t.kind, t.amount_minor FROM sale_tenders t JOIN sales s ON"
        " t.sale_id = s.id WHERE s.kind = 'return'",
    ) == [("cash", -900)]  # cash rounded to 0.05
    assert rows(
        staffed_db,
        "SELECT m.sku, m.quantity_delta_milli FROM stock_movements m JOIN sales s"
        " ON m.sale_id = s.id WHERE m.reason = 'return'",
    ) == [("COF-1", 1000)]

    d.press(d.focus(), Qt.Key.Key_Escape)  # back to selling
    assert w.pages.currentWidget() is w.sale
