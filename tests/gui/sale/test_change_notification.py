"""What an operation changed reaches the screens that subscribed (services.changes), through the
real sale controller, the real DB lane and a real SQLite till."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from pos_app.services.changes import OpChanges
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.gui import Driver
from tests.helpers.till_db import rows

Heard = list[tuple[OpChanges, object | None]]


def listen(d: Driver) -> Heard:
    heard: Heard = []
    d.till.changes.subscribe(lambda changes, origin: heard.append((changes, origin)))
    return heard


def test_a_completed_sale_says_what_it_changed_once_committed(
    signed_in: Driver, staffed_db: Path
) -> None:
    d = signed_in
    heard = listen(d)
    d.scan_and_wait(COFFEE)
    assert heard == []  # the sale screen shows its own basket edits; nothing committed yet
    d.pay_cash("10")

    [(changes, origin)] = heard
    assert origin is d.controller
    assert (changes.basket, changes.outbox, changes.drawer_open) == (True, True, None)
    sale = changes.sale
    assert sale is not None
    # Published after the commit: the sale and the event the sync client is told to send.
    assert rows(staffed_db, "SELECT uuid, receipt_no FROM sales") == [
        (sale.sale_uuid, sale.receipt_no)
    ]
    assert rows(staffed_db, "SELECT event_id FROM outbox_events") == [(sale.outbox_event_id,)]


def test_a_return_on_another_screen_reaches_the_sale_screens_subscribers(
    signed_in: Driver, staffed_db: Path
) -> None:
    d, w = signed_in, signed_in.window
    d.scan_and_wait(COFFEE)
    d.scan_and_wait(TSHIRT)
    d.pay_cash("50")
    returns = d.till.returns
    assert returns is not None
    receipt_no = rows(staffed_db, "SELECT receipt_no FROM sales")[0][0]
    heard = listen(d)
    d.press(d.focus(), Qt.Key.Key_F12)  # next customer
    w.sale.returns_button.click()
    with d.qtbot.waitSignal(returns.sale_found, timeout=5000):
        d.scan(str(receipt_no))
    box = w.returns.quantity_box(1)
    assert box is not None
    box.setValue(1)
    with d.qtbot.waitSignal(returns.return_completed, timeout=5000) as done:
        d.press(d.focus(), Qt.Key.Key_F12)

    [(changes, origin)] = heard
    assert origin is returns
    assert changes == OpChanges(outbox=True)  # no drawer at this till, no sale rung up
    back = done.args[0]
    assert rows(staffed_db, "SELECT receipt_no FROM sales WHERE kind = 'return'") == [
        (back.receipt_no,)
    ]
