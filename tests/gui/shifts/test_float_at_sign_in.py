"""Selling needs an open shift (a store setting): a cashier who signs in without one is taken to
count the float at once, instead of ringing a basket that payment would refuse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.shifts.service import ShiftRules, save_rules


def _shift_required(seeded: sessionmaker[Session], required: bool) -> None:
    with seeded.begin() as session:
        save_rules(session, ShiftRules(shift_required=required))


def test_a_cashier_without_a_shift_counts_the_float_after_sign_in(
    make_till: Any, staffed_db: Path, seeded: sessionmaker[Session]
) -> None:
    _shift_required(seeded, True)
    d = make_till(staffed_db)
    w, shifts = d.window, d.till.shifts
    page = shifts.page
    d.sign_in("1111")
    d.qtbot.waitUntil(lambda: w.current_page is page, timeout=5000)
    assert page.panels.currentWidget() is page.count_panel
    assert "count your float" in page.message.text()

    page.count.step(2000, 2)  # 40.00 in the drawer
    with d.qtbot.waitSignal(shifts.report_ready, timeout=5000):
        d.qtbot.mouseClick(page.count_confirm, Qt.MouseButton.LeftButton)
    assert shifts.current is not None
    assert shifts.current.float_minor == 4000
    d.press(page.report, Qt.Key.Key_Escape)
    d.qtbot.waitUntil(lambda: w.current_page is w.sale, timeout=5000)
    d.scan_and_wait("0036000291452")
    d.pay_cash("20")  # the sale goes through: the shift is open


def test_no_float_asked_when_the_store_does_not_need_a_shift(
    make_till: Any, staffed_db: Path, seeded: sessionmaker[Session]
) -> None:
    _shift_required(seeded, False)
    d = make_till(staffed_db)
    asked: list[bool] = []
    d.till.shifts.lane.run(lambda s: True, asked.append, lambda e: None)  # a lane marker
    d.sign_in("1111")
    # The ask runs on the same lane after the marker: once the lane has answered it the page
    # would have changed already.
    d.qtbot.waitUntil(lambda: asked == [True], timeout=5000)
    d.till.shifts.lane.run(lambda s: True, asked.append, lambda e: None)
    d.qtbot.waitUntil(lambda: asked == [True, True], timeout=5000)
    assert d.window.current_page is d.window.sale
