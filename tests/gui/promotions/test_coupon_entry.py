"""The coupon entry on the sale screen: typed or scanned codes reprice the basket; garbage and
used codes are refused inline with the basket unchanged (standalone till: the offline rule)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.helpers.catalog import COFFEE
from tests.helpers.gui import Driver, store_promotion
from tests.helpers.till_db import rows

FLYER = {
    "kind": "amount",
    "value": "2.00",
    "sku": "COF-1",
    "coupon": "FLYER-7",
    "coupon_single_use": True,
}


def with_promotion(db: Path) -> None:
    store_promotion(db, "C1", "Flyer: 2.00 off coffee", FLYER)


def enter_coupon(d: Driver, text: str) -> None:
    sale = d.window.sale
    sale.coupon_button.click()
    assert sale.side.currentWidget() is sale.prompt
    d.type(sale.prompt.value_edit, text)
    d.press(sale.prompt.value_edit, Qt.Key.Key_Return)


def test_coupon_reprices_once_and_garbage_or_reuse_changes_nothing(
    make_till: Any, staffed_db: Path
) -> None:
    with_promotion(staffed_db)
    d = make_till(staffed_db)
    d.sign_in()
    sale = d.window.sale
    coupons = d.till.promotions.coupons
    d.scan_and_wait(COFFEE)
    assert d.cell(0, 5) == "8.99"

    with d.qtbot.waitSignal(coupons.coupon_refused, timeout=2000):
        enter_coupon(d, "no way!")
    assert "not a coupon code" in sale.prompt.message.text()
    assert d.cell(0, 5) == "8.99"  # the basket is unchanged

    d.press(sale.prompt.value_edit, Qt.Key.Key_Escape)
    with d.qtbot.waitSignal(coupons.coupon_accepted, timeout=5000):
        enter_coupon(d, "flyer-7")
    d.priced()
    assert sale.side.currentWidget() is sale.action_pad
    assert d.cell(0, 5) == "6.99"  # repriced: 2.00 off
    assert "checked later" in sale.message.text()  # the offline rule, told to the cashier
    d.pay_cash("10")
    assert "Flyer: 2.00 off coffee" in d.window.receipt.text.toPlainText()
    assert rows(staffed_db, "SELECT code, checked FROM coupon_uses") == [("FLYER-7", "later")]

    # The next customer brings the same flyer: scanned, it is no product but a used coupon.
    d.scan_and_wait(COFFEE)
    with d.qtbot.waitSignal(coupons.coupon_refused, timeout=5000):
        d.scan("FLYER-7")
    assert "already used at this till" in sale.message.text()
    assert d.cell(0, 5) == "8.99"
    assert d.controller.register is not None
    assert d.controller.register.coupons == frozenset()
