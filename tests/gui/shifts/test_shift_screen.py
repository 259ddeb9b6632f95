"""The store day on the real till window (offscreen): open with a counted float → sell →
pay out cash → X → blind close → Z → a new shift, driven by key presses and clicks."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import CashMovementRow, JournalEntry
from pos_app.services.sync.feed_apply import apply_changes
from sync.protocol import FeedChange, FeedKind
from tests.helpers.gui import Driver

TSHIRT, COFFEE = "0036000291452", "4006381333931"  # 15.00, 8.99


def click(d: Driver, button: QPushButton) -> None:
    d.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_open_sell_cash_out_x_blind_close_z_and_a_new_shift(
    signed_in: Driver, staffed_db: Path
) -> None:
    d, w = signed_in, signed_in.window
    shifts = d.till.shifts
    page = shifts.page
    with d.qtbot.waitSignal(shifts.shift_changed, timeout=5000) as state:
        d.qtbot.keyClick(w.sale.search.edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert state.args == [None]
    assert w.current_page is page
    assert page.open_button.isEnabled()
    assert not page.close_button.isEnabled()

    click(d, page.open_button)  # the float: two 20s and a 10 on the count screen
    for value, times in ((2000, 2), (1000, 1)):
        for _ in range(times):
            page.count.step(value, 1)  # what the row's + button does
    assert page.count.total_label.text() == "Counted: €50.00"
    with d.qtbot.waitSignal(shifts.report_ready, timeout=5000) as x_after_open:
        click(d, page.count_confirm)
    assert "Opening float" in x_after_open.args[0]
    assert page.title.text().startswith("Till till-1: shift 1")

    d.press(page.report, Qt.Key.Key_Escape)
    d.qtbot.waitUntil(lambda: w.current_page is w.sale)
    d.scan_and_wait(COFFEE)
    d.press(w.sale.search.edit, Qt.Key.Key_F10)  # the coffee comes off again: a line void
    d.qtbot.waitUntil(lambda: d.till.controller.model.rowCount() == 0)
    d.scan_and_wait(TSHIRT)
    d.press(w.sale.search.edit, Qt.Key.Key_F12)
    d.type(w.tender.cash_edit, "20")
    d.press(w.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=5000):
        d.press(w.tender.cash_edit, Qt.Key.Key_F12)
    d.qtbot.waitUntil(lambda: w.current_page in (w.sale, w.receipt))
    d.qtbot.keyClick(w.current_page, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.waitUntil(lambda: w.current_page is page)

    prompt = page.movement_prompt
    click(d, page.paid_out_button)  # the amount on the pad, Enter, then a reason code
    d.qtbot.waitUntil(lambda: page.panels.currentWidget() is prompt)
    d.type(prompt.value_edit, "3.00")
    assert prompt.title.text() == "Paid out"
    d.press(prompt.value_edit, Qt.Key.Key_Return)
    # The reasons' step names the amount typed on the step before (issue 15).
    assert prompt.title.text() == "Paid out €3.00 — choose a reason"
    supplies = prompt.preset_button("SUPPLIES")
    assert supplies is not None
    assert supplies.isVisible()
    click(d, supplies)
    d.type(prompt.reason_edit, "milk")
    with d.qtbot.waitSignal(shifts.report_ready, timeout=5000) as x_after_paid_out:
        click(d, prompt.ok_button)
    assert "Paid out (1)" in x_after_paid_out.args[0]
    assert "  Store supplies (1)" in x_after_paid_out.args[0]

    with d.qtbot.waitSignal(shifts.report_ready, timeout=5000) as x:
        click(d, page.x_button)
    x_text = x.args[0]
    assert "X REPORT" in x_text
    assert "(no reset)" in x_text
    cash_line = next(line for line in x_text.splitlines() if line.startswith("Cash "))
    assert cash_line.endswith("62.00")  # 50.00 float + 15.00 sale − 3.00 paid out

    click(d, page.close_button)  # blind: nothing on the count panel says what is expected
    shown = " ".join(label.text() for label in page.count_panel.findChildren(QLabel))
    assert "62.00" not in shown
    page.count.set_count(2000, 3)  # 60.00 counted: 2.00 short, within the 5.00 threshold
    with d.qtbot.waitSignal(shifts.z_closed, timeout=5000) as closed:
        click(d, page.count_confirm)
    z_text = page.report.toPlainText()
    assert closed.args[0].header.z_no == 1
    assert "Z REPORT #1" in z_text
    assert "*** COPY ***" not in z_text
    assert "  over/short" in z_text
    assert any(line.endswith("-2.00") for line in z_text.splitlines())
    voids = next(line for line in z_text.splitlines() if line.startswith("Voids / line voids"))
    assert voids.endswith("0 / 1")
    assert page.open_button.isEnabled()

    click(d, page.open_button)  # the next shift starts from its own float
    page.count.set_count(1000, 1)
    with d.qtbot.waitSignal(shifts.shift_changed, timeout=5000):
        click(d, page.count_confirm)
    d.qtbot.waitUntil(lambda: page.title.text().startswith("Till till-1: shift 2"))

    engine = create_engine(f"sqlite:///{staffed_db}")
    try:
        with engine.connect() as conn:
            kinds = [r[0] for r in conn.execute(text("SELECT kind FROM journal_entries"))]
    finally:
        engine.dispose()
    assert kinds.count("shift_open") == 2
    assert kinds.count("z_report") == 1
    assert kinds.count("cash_movement") == 1


def test_a_paid_out_takes_a_reason_code_head_office_set_through_the_prompt(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    """Brief i19 point 1: the Shift screen offers the hub's codes of the kind (not a fixed
    list), "Other"-style codes need words on the on-screen keyboard, and the journal keeps
    code, label and note."""
    d = signed_in
    shifts, page = d.till.shifts, d.till.shifts.page
    prompt = page.movement_prompt
    codes = [
        {"code": "WINDOW", "kind": "paid_out", "label": "Window cleaner"},
        {"code": "ODD", "kind": "paid_out", "label": "Something else", "needs_text": True},
    ]
    with seeded.begin() as session:  # what the sync client writes when the feed brings a set
        apply_changes(
            session,
            [FeedChange(position=1, kind=FeedKind.REASON_CODE, key="reason_codes",
                        data={"codes": codes})],
        )  # fmt: skip
    with d.qtbot.waitSignal(shifts.shift_changed, timeout=5000):
        shifts.show()
    shifts.start_count("open")
    page.count.set_count(1000, 2)  # 20.00 float
    with d.qtbot.waitSignal(shifts.report_ready, timeout=5000):
        click(d, page.count_confirm)

    click(d, page.paid_out_button)
    d.qtbot.waitUntil(lambda: page.panels.currentWidget() is prompt)
    d.type(prompt.value_edit, "7.50")
    d.press(prompt.value_edit, Qt.Key.Key_Return)
    assert prompt.preset_button("SUPPLIES") is None  # the default the hub's set replaced
    odd = prompt.preset_button("ODD")
    assert odd is not None
    click(d, odd)
    assert prompt.keyboard.isVisible()  # words are required: letters, not the number pad
    click(d, prompt.ok_button)
    assert "say what the reason is" in prompt.message.text()
    click(d, prompt.cancel_button)

    click(d, page.paid_out_button)
    d.qtbot.waitUntil(lambda: page.panels.currentWidget() is prompt and prompt.isVisible())
    d.type(prompt.value_edit, "7.50")
    d.press(prompt.value_edit, Qt.Key.Key_Return)
    window = prompt.preset_button("WINDOW")
    assert window is not None
    click(d, window)
    d.type(prompt.reason_edit, "front")
    with d.qtbot.waitSignal(shifts.report_ready, timeout=5000) as x:
        click(d, prompt.ok_button)
    assert "  Window cleaner (1)" in x.args[0]

    with seeded() as session:
        entry = session.scalars(
            select(JournalEntry).where(JournalEntry.kind == "cash_movement")
        ).one()
        body = json.loads(entry.payload)["body"]
        row = session.scalars(select(CashMovementRow)).one()
    assert (body["kind"], body["amount_minor"], body["reason"], body["reason_label"]) == (
        "paid_out",
        750,
        "WINDOW",
        "Window cleaner",
    )
    assert (body["note"], body["cashier"]) == ("front", "Ann")
    assert (row.reason, row.amount_minor, row.journal_seq) == ("WINDOW", -750, entry.seq)
