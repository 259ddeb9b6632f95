"""A standalone till (no hub) does not offer what needs a hub (issue 15 defect 8): no
Click & collect button or F1, no e-mail receipt bar. An enrolled till offers both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.helpers.catalog import COFFEE
from tests.helpers.gui import Driver


def test_standalone_till_offers_neither_click_and_collect_nor_email(
    make_till: Any, staffed_db: Path
) -> None:
    d: Driver = make_till(staffed_db, web_features=None)  # the default: no hub, none offered
    d.sign_in("1111")
    w = d.window
    assert w.sale.isVisible()
    assert not w.sale.collections_button.isVisible()
    d.press(w.sale.search.edit, Qt.Key.Key_F1)  # its key goes with it
    assert w.current_page is w.sale
    assert not w.collections.isVisible()
    d.scan_and_wait(COFFEE)
    d.pay_cash("10")
    assert w.receipt.isVisible()
    customers = d.till.customers
    assert customers is not None
    assert not customers.email_bar.isVisible()
    assert not customers.email_bar.send_button.isVisible()


def test_enrolled_till_offers_both(make_till: Any, staffed_db: Path) -> None:
    d: Driver = make_till(staffed_db, web_features=True)
    d.sign_in("1111")
    w = d.window
    assert w.sale.collections_button.isVisible()
    d.scan_and_wait(COFFEE)
    d.pay_cash("10")
    customers = d.till.customers
    assert customers is not None
    assert customers.email_bar.isVisible()
