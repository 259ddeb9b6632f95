"""Exchanges on the returns screen (real SQLite file): pick what comes back, scan the new
items, pay the difference through the normal tender panel or get it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from pos_app.ui.devices.sim_panel import SimulatedDevices
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.devices import WAIT_MS, drawer_opens, open_returns, pay_cash
from tests.helpers.gui import Driver
from tests.helpers.till_db import rows

TENDERS = (
    "SELECT s.kind, t.kind, t.amount_minor FROM sale_tenders t JOIN sales s ON t.sale_id = s.id"
    " WHERE s.id > 1 ORDER BY s.id, t.seq"
)


def start_exchange(d: Driver, receipt_no: str, new_code: str) -> Any:
    page = open_returns(d, receipt_no)
    returns = d.till.returns
    assert returns is not None
    page.quantity_box(1).setValue(1)
    d.press(d.focus(), Qt.Key.Key_F8)
    assert page.new_table.isVisible()
    assert "scan the new items" in page.receipt_edit.placeholderText()
    with d.qtbot.waitSignal(returns.exchange_quoted, timeout=WAIT_MS):
        d.scan(new_code)
    assert d.controller.model.rowCount() == 0  # not in the sale screen's basket
    assert page.new_table.rowCount() == 1
    return page


def test_exchange_with_money_due_is_paid_in_cash_on_the_tender_panel(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d = till
    d.scan_and_wait(COFFEE)
    sale = pay_cash(d, "10")
    d.press(d.focus(), Qt.Key.Key_F12)  # next customer
    page = start_exchange(d, sale.receipt_no, TSHIRT)
    returns = d.till.returns
    assert returns is not None
    assert page.plan_label.text() == "Back €8.99 · New €15.00 · Customer pays €6.01"
    assert page.refund_button.text().startswith("Take payment")

    d.press(d.focus(), Qt.Key.Key_F12)
    w = d.window
    assert w.pages.currentWidget() is w.tender
    d.type(w.tender.cash_edit, "10")
    d.press(w.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(returns.exchange_completed, timeout=WAIT_MS) as done:
        d.press(w.tender.cash_edit, Qt.Key.Key_F12)
    assert w.pages.currentWidget() is page
    exchange = done.args[0]
    assert "customer paid €6.01" in page.message.text()
    text = page.receipt_preview.toPlainText()
    assert "EXCHANGE" in text
    assert "Back: Arabica Coffee Beans 500 g" in text
    assert rows(staffed_db, TENDERS) == [
        ("sale", "exchange", 899),
        ("sale", "cash", 1000),
        ("return", "exchange", -899),
    ]
    assert rows(
        staffed_db, "SELECT sku, quantity_delta_milli, reason FROM stock_movements ORDER BY id"
    ) == [("COF-1", -1000, "sale"), ("TSH-1", -1000, "sale"), ("COF-1", 1000, "return")]
    assert exchange.sale.settlement.change.to_minor() == 400
    # Cash came in: the drawer opens (journaled against the exchange's sale receipt).
    assert [o["reference"] for o in drawer_opens(staffed_db)] == [
        sale.receipt_no,
        exchange.sale.receipt_no,
    ]
    assert len(sims.printer.wait_for_kicks(2)) == 2
    printed = sims.printer.wait_for_receipts(2)[1]
    assert "EXCHANGE" in printed.text
    assert "TOTAL EUR" in printed.text
    assert [b.data for b in printed.barcodes] == [exchange.sale.receipt_no]


def test_exchange_with_money_back_refunds_the_difference(till: Driver, staffed_db: Path) -> None:
    d = till
    d.scan_and_wait(TSHIRT)
    sale = pay_cash(d, "15")
    d.press(d.focus(), Qt.Key.Key_F12)
    page = start_exchange(d, sale.receipt_no, COFFEE)
    returns = d.till.returns
    assert returns is not None
    # In cash the drawer pays whole 5 cents: the quote says what it pays and that it rounds.
    back = "Customer gets €6.00 back (cash €6.00) · Rounding −€0.01"
    assert page.plan_label.text() == f"Back €15.00 · New €8.99 · {back}"
    # A wrong item scanned by mistake is taken off again (F7 in an exchange).
    with d.qtbot.waitSignal(returns.exchange_quoted, timeout=WAIT_MS):
        d.scan(TSHIRT)
    assert page.new_table.rowCount() == 2
    with d.qtbot.waitSignal(returns.exchange_quoted, timeout=WAIT_MS):
        d.press(d.focus(), Qt.Key.Key_F7)
    assert page.new_table.rowCount() == 1
    assert page.plan_label.text().endswith(back)
    with d.qtbot.waitSignal(returns.exchange_completed, timeout=WAIT_MS):
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "€6.00 back to the customer" in page.message.text()
    assert rows(staffed_db, TENDERS) == [
        ("sale", "exchange", 899),
        ("return", "exchange", -899),
        ("return", "cash", -600),
    ]
    assert len(drawer_opens(staffed_db)) == 2  # the refund of the difference is cash


def test_even_exchange_opens_no_drawer(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d = till
    d.scan_and_wait(TSHIRT)
    sale = pay_cash(d, "15")
    d.press(d.focus(), Qt.Key.Key_F12)
    page = start_exchange(d, sale.receipt_no, TSHIRT)
    returns = d.till.returns
    assert returns is not None
    assert page.plan_label.text().endswith("Even exchange: no money changes hands")
    with d.qtbot.waitSignal(returns.exchange_completed, timeout=WAIT_MS):
        d.press(d.focus(), Qt.Key.Key_F12)
    sims.printer.wait_for_receipts(2)
    assert [o["reference"] for o in drawer_opens(staffed_db)] == [sale.receipt_no]


def test_exchange_refunding_cash_over_the_limit_asks_a_manager_first(
    till: Driver, staffed_db: Path
) -> None:
    d = till
    for _ in range(5):
        d.scan_and_wait(TSHIRT)
    sale = pay_cash(d, "75")
    d.press(d.focus(), Qt.Key.Key_F12)
    page = open_returns(d, sale.receipt_no)
    returns = d.till.returns
    assert returns is not None
    page.quantity_box(1).setValue(5)
    d.press(d.focus(), Qt.Key.Key_F8)
    with d.qtbot.waitSignal(returns.exchange_quoted, timeout=WAIT_MS):
        d.scan(COFFEE)  # 75.00 back, 8.99 taken: 66.01 in cash is above the associate's 50
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS) as denied:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "above the associate limit" in denied.args[0]
    assert page.prompt.isVisible()
    d.type(page.prompt.value_edit, "1111")  # the associate's own PIN: refused
    d.type(page.prompt.reason_edit, "mine")
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS):
        d.press(page.prompt.reason_edit, Qt.Key.Key_Return)
    page.prompt.value_edit.clear()
    page.prompt.reason_edit.clear()
    d.type(page.prompt.value_edit, "9999")
    d.type(page.prompt.reason_edit, "size run")
    with d.qtbot.waitSignal(returns.exchange_completed, timeout=WAIT_MS):
        d.press(page.prompt.reason_edit, Qt.Key.Key_Return)
    assert rows(staffed_db, TENDERS) == [
        ("sale", "exchange", 899),
        ("return", "exchange", -899),
        ("return", "cash", -6600),
    ]
