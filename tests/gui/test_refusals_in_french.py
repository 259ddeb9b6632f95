"""A French till refuses in French (issue 22 point 4): the core's refusals are message ids,
shown inline in the store's language with French amounts ("8,99 €"), never the English text.

Each refusal is one a cashier meets: a weighed GS1 label on an item sold per unit, an unknown
coupon, a sale paid while no shift is open, a card payment over the total.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.shifts.service import ShiftRules, save_rules
from tests.gui.promotions.test_coupon_entry import enter_coupon
from tests.helpers.catalog import COFFEE
from tests.helpers.gui import Driver
from tests.helpers.till_db import set_store_locale

COFFEE_GTIN14 = "04006381333931"  # the seeded coffee (COF-1, 8.99, sold per unit)
WEIGHED_COFFEE = f"]d201{COFFEE_GTIN14}3103000750"  # AI 3103: 0.750 kg


def _plain(text: str) -> str:
    # Babel separates "8,99" and "€" with a no-break space.
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def french(till_language: str, make_till: Any, staffed_db: Path) -> Driver:
    set_store_locale(staffed_db, till_language)
    d: Driver = make_till(staffed_db)
    d.sign_in("1111")
    return d


@pytest.mark.parametrize("till_language", ["fr_FR"], indirect=True)
def test_refusals_at_a_french_till_are_french_with_french_money(
    french: Driver, seeded: sessionmaker[Session]
) -> None:
    d, w = french, french.window
    sale = w.sale
    d.scan_and_wait(COFFEE)

    # A weighed GS1 label on an item sold per unit.
    with d.qtbot.waitSignal(d.controller.error_shown, timeout=5000) as shown:
        d.controller.on_scanner_barcode_scanned(WEIGHED_COFFEE)
    assert "mais Arabica Coffee Beans 500 g se vend à l'unité" in shown.args[0], shown.args[0]
    assert "sold per unit" not in sale.message.text()

    # An unknown coupon.
    coupons = d.till.promotions.coupons
    with d.qtbot.waitSignal(coupons.coupon_refused, timeout=5000):
        enter_coupon(d, "NOPE-42")
    assert "Bon NOPE-42 inconnu" in sale.prompt.message.text(), sale.prompt.message.text()
    d.press(sale.prompt.value_edit, Qt.Key.Key_Escape)

    # A card payment over the total: both amounts in French.
    d.press(sale.search.edit, Qt.Key.Key_F12)
    t = w.tender
    d.type(t.card_amount, "20")
    d.type(t.card_approval, "A1B2C3")
    d.type(t.card_last4, "4242")
    d.press(t.card_last4, Qt.Key.Key_Return)
    d.qtbot.waitUntil(lambda: t.message.text() != "", timeout=5000)
    shown_text = _plain(t.message.text())
    assert "20,00 €" in shown_text, shown_text
    assert "8,99 €" in shown_text, shown_text
    assert "restant dus" in shown_text, shown_text

    # The store starts needing an open shift: paying is refused, in French.
    with seeded.begin() as session:
        save_rules(session, ShiftRules(shift_required=True))
    d.type(t.cash_edit, "10")
    d.press(t.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.error_shown, timeout=5000) as refused:
        d.press(t.cash_edit, Qt.Key.Key_F12)
    assert "Ouvrez une session (comptez le fond de caisse) avant de vendre." in refused.args[0]
    assert "Open a shift" not in t.message.text()
