"""The basket in progress survives the window closing (issue 15 defect 4), and a basket that
was sold or parked never comes back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.helpers.gui import Driver

COFFEE, MILK, TSHIRT = "4006381333931", "96385074", "0036000291452"


def lines(d: Driver) -> list[tuple[str, str]]:
    return [(d.cell(row, 1), d.cell(row, 2)) for row in range(d.controller.model.rowCount())]


def reopen(make_till: Any, db: Path, first: Driver) -> Driver:
    """Close the till as the window's close button does, then start it again on the same file."""
    first.qtbot.waitUntil(lambda: first.till.lane.pending == 0, timeout=5000)
    first.till.close()
    again: Driver = make_till(db)
    again.sign_in("1111")
    again.qtbot.waitUntil(lambda: again.till.lane.pending == 0, timeout=5000)  # the look-up
    return again


def test_the_basket_being_rung_is_back_after_the_window_closed(
    make_till: Any, staffed_db: Path
) -> None:
    d: Driver = make_till(staffed_db)
    d.sign_in("1111")
    for code in (COFFEE, MILK, COFFEE):
        d.scan_and_wait(code)
    rung = lines(d)
    assert len(rung) >= 2
    again = reopen(make_till, staffed_db, d)
    again.qtbot.waitUntil(lambda: lines(again) == rung, timeout=5000)
    assert "basket in progress is back" in again.window.sale.message.text()
    # It is the basket now being rung: paying for it ends it for good.
    again.scan_and_wait(TSHIRT)
    w = again.window
    again.press(w.sale.search.edit, Qt.Key.Key_F12)
    again.type(w.tender.cash_edit, "100")
    again.press(w.tender.cash_edit, Qt.Key.Key_Return)
    with again.qtbot.waitSignal(again.controller.sale_completed, timeout=5000):
        again.press(w.tender.cash_edit, Qt.Key.Key_F12)
    third = reopen(make_till, staffed_db, again)
    assert lines(third) == []


def test_a_parked_or_voided_basket_is_not_restored(make_till: Any, staffed_db: Path) -> None:
    d: Driver = make_till(staffed_db)
    d.sign_in("1111")
    d.scan_and_wait(COFFEE)
    with d.qtbot.waitSignal(d.controller.basket_parked, timeout=5000):
        d.press(d.window.sale.search.edit, Qt.Key.Key_F7)
    again = reopen(make_till, staffed_db, d)
    assert lines(again) == []
    assert "basket in progress" not in again.window.sale.message.text()
