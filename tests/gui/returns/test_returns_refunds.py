"""Refund methods on the returns screen, through the real printer simulator (no mocks: the
card terminal is the associate typing what it printed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from hardware.sim.printer import SimReceipt
from pos_app.ui.devices.sim_panel import SimulatedDevices
from tests.helpers.catalog import COFFEE, MILK, TSHIRT
from tests.helpers.devices import WAIT_MS, drawer_opens, open_returns, pay_cash
from tests.helpers.gui import Driver
from tests.helpers.till_db import rows, set_store_profile


def pay_card(d: Driver, amount: str) -> Any:
    t = d.window.tender
    d.press(d.window.sale.search.edit, Qt.Key.Key_F12)
    d.type(t.card_amount, amount)
    d.type(t.card_approval, "A1B2C3")
    d.type(t.card_last4, "4242")
    d.press(t.card_last4, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=WAIT_MS) as sold:
        t.complete_button.click()
    d.press(d.focus(), Qt.Key.Key_F12)  # next customer
    return sold.args[0]


def printed(sims: SimulatedDevices, count: int) -> SimReceipt:
    return sims.printer.wait_for_receipts(count)[count - 1]


def test_card_sale_is_refunded_to_the_card_with_the_reference_and_no_drawer(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d = till
    d.scan_and_wait(MILK)
    sale = pay_card(d, "1.19")
    page = open_returns(d, sale.receipt_no)
    returns = d.till.returns
    assert returns is not None
    box = page.quantity_box(1)
    box.setValue(1)
    assert page.plan_label.text() == "Refund €1.19: Card €1.19"
    assert page.card_box.isVisibleTo(page)
    assert page.refund_button.text().startswith("Refund to card")

    # Without the terminal's reference nothing is refunded.
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS) as refused:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "last 4 digits" in refused.args[0]
    # A full card number typed by mistake is refused too, and never stored.
    d.type(page.card_approval, "4111111111111111")
    d.type(page.card_last4, "1111")
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS) as pan:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "full card number" in pan.args[0]
    page.card_approval.clear()
    page.card_last4.clear()

    d.type(page.card_approval, "R77")
    d.type(page.card_last4, "4242")
    with d.qtbot.waitSignal(returns.return_completed, timeout=WAIT_MS) as done:
        d.press(d.focus(), Qt.Key.Key_F12)
    back = done.args[0]
    assert "€1.19 to the card" in page.message.text()
    assert rows(
        staffed_db,
        "SELECT t.kind, t.amount_minor, t.approval_code, t.card_last4 FROM sale_tenders t"
        " JOIN sales s ON t.sale_id = s.id WHERE s.kind = 'return'",
    ) == [("card", -119, "R77", "4242")]
    receipt = printed(sims, 2)
    assert "Refund card VISA ****4242 (auth R77)" in receipt.text
    assert [b.data for b in receipt.barcodes] == [back.receipt_no]
    assert drawer_opens(staffed_db) == []
    assert sims.printer.drawer_kicks == []
    assert "4111111111111111" not in str(rows(staffed_db, "SELECT payload FROM outbox_events"))


def test_store_credit_instead_shows_and_prints_the_code(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d = till
    d.scan_and_wait(COFFEE)
    sale = pay_cash(d, "20")
    d.press(d.focus(), Qt.Key.Key_F12)  # next customer
    sims.printer.wait_for_kicks(1)  # the sale's own drawer open
    page = open_returns(d, sale.receipt_no)
    returns = d.till.returns
    assert returns is not None
    page.quantity_box(1).setValue(1)
    # In cash the drawer pays whole 5 cents (the store's rounding); store credit is exact.
    assert page.plan_label.text() == "Refund €9.00: Cash €9.00 · Rounding +€0.01"
    with d.qtbot.waitSignal(returns.return_completed, timeout=WAIT_MS) as done:
        d.press(d.focus(), Qt.Key.Key_F9)
    code = done.args[0].store_credit_code
    assert code
    assert code.startswith("SC")
    assert len(code) == 12
    assert code in page.message.text()
    assert f"Store credit code: {code}" in page.receipt_preview.toPlainText()
    receipt = printed(sims, 2)
    assert f"Store credit code: {code}" in receipt.text
    assert [b.data for b in receipt.barcodes] == [done.args[0].receipt_no, code]
    [payload] = rows(
        staffed_db, "SELECT payload FROM outbox_events WHERE kind = 'return.completed'"
    )
    assert json.loads(str(payload[0]))["tenders"] == [
        {
            "kind": "store_credit",
            "amount_minor": -899,
            "account": code,
            "approval_code": None,
            "card_last4": None,
            "card_scheme": None,
        }
    ]
    assert len(sims.printer.drawer_kicks) == 1  # only the sale's: no cash went out


def test_cash_over_the_associate_limit_needs_another_person_as_manager(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d = till
    for _ in range(4):
        d.scan_and_wait(TSHIRT)
    sale = pay_cash(d, "60")
    d.press(d.focus(), Qt.Key.Key_F12)
    page = open_returns(d, sale.receipt_no)
    returns = d.till.returns
    assert returns is not None
    page.quantity_box(1).setValue(4)
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS) as denied:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "above the associate limit" in denied.args[0]
    assert page.prompt.isVisible()
    # Ann (the associate ringing it) cannot approve her own refund.
    d.type(page.prompt.value_edit, "1111")
    d.type(page.prompt.reason_edit, "mine")
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS):
        d.press(page.prompt.reason_edit, Qt.Key.Key_Return)
    assert rows(staffed_db, "SELECT count(*) FROM sales WHERE kind = 'return'") == [(0,)]
    page.prompt.value_edit.clear()
    page.prompt.reason_edit.clear()
    d.type(page.prompt.value_edit, "9999")
    d.type(page.prompt.reason_edit, "customer moving away")
    with d.qtbot.waitSignal(returns.return_completed, timeout=WAIT_MS):
        d.press(page.prompt.reason_edit, Qt.Key.Key_Return)
    assert rows(
        staffed_db,
        "SELECT t.kind, t.amount_minor FROM sale_tenders t JOIN sales s ON t.sale_id = s.id"
        " WHERE s.kind = 'return'",
    ) == [("cash", -6000)]
    assert len(sims.printer.wait_for_kicks(2)) == 2  # the sale's and the refund's


@pytest.mark.parametrize(
    ("step", "refund", "rounding"),
    [("0.05", "€9.00", "Rounding +€0.01"), ("0", "€8.99", None)],
    ids=["cash-rounded", "not-rounded"],
)
def test_the_refund_shown_is_the_refund_paid_and_recorded(
    make_till: Any, staffed_db: Path, step: str, refund: str, rounding: str | None
) -> None:
    """Issue 15 defect 5: a preview of "Refund €8.99" became "Refunded €9.00" (the drawer pays
    whole 5 cents). What the preview says is what the result says and what is recorded, and
    the rounding is said before the associate presses Refund."""
    set_store_profile(staffed_db, cash_rounding_step=step)
    d: Driver = make_till(staffed_db)
    d.sign_in("1111")
    d.scan_and_wait(COFFEE)  # €8.99
    sale = pay_cash(d, "20")
    d.press(d.focus(), Qt.Key.Key_F12)  # next customer
    page = open_returns(d, sale.receipt_no)
    returns = d.till.returns
    assert returns is not None
    page.quantity_box(1).setValue(1)
    shown = f"Refund {refund}: Cash {refund}"
    assert page.plan_label.text() == (shown if rounding is None else f"{shown} · {rounding}")
    with d.qtbot.waitSignal(returns.return_completed, timeout=WAIT_MS):
        d.press(d.focus(), Qt.Key.Key_F12)
    assert page.message.text().startswith(f"Refunded {refund} in cash")
    recorded = rows(
        staffed_db,
        "SELECT t.kind, t.amount_minor FROM sale_tenders t JOIN sales s ON t.sale_id = s.id"
        " WHERE s.kind = 'return'",
    )
    assert recorded == [("cash", -int(refund.strip("€").replace(".", "")))]
