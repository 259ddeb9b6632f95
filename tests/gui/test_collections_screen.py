"""The click-and-collect screen, driven like an associate (pytest-qt, real SQLite)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.feed_apply import apply_changes
from sync.protocol import FeedChange, FeedKind
from tests.gui.conftest import Driver
from tests.unit.services.test_collections import COFFEE, MILK, TSHIRT, web_order

_positions = iter(range(1, 1_000_000))


def add_order(seeded: sessionmaker[Session], number: str) -> None:
    change = FeedChange(
        position=next(_positions), kind=FeedKind.WEB_ORDER, key=number, data=web_order(number)
    )
    with seeded.begin() as session:
        apply_changes(session, [change])


def open_order(d: Driver, number: str) -> None:
    ctl = d.till.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        d.press(d.focus(), Qt.Key.Key_F1)
    assert d.window.current_page is d.window.collections
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        ctl.page.order_chosen.emit(number)


def test_scan_to_pick_through_the_scan_filter_with_inline_errors(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    add_order(seeded, "W-0001")
    open_order(d, "W-0001")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        page.start_button.click()
    assert page.title.text() == "W-0001 — Picking"
    assert page.table.item(0, 0).text() == "clothing"  # the walk: clothing, then grocery
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        d.scan(TSHIRT)
    assert page.table.item(0, 3).text() == "1"
    assert "picked 1, 1 to go" in page.message.text()
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000) as wrong:
        d.scan(MILK)
    assert wrong.args == ["Wrong item: Whole Milk 1 L is not in order W-0001."]
    assert page.message.text() == wrong.args[0]
    assert d.controller.model.rowCount() == 0  # nothing landed in the sale basket
    for code in (TSHIRT, COFFEE):
        with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
            d.scan(code)
    with d.qtbot.waitSignal(ctl.order_marked_ready, timeout=5000) as ready:
        d.press(d.focus(), Qt.Key.Key_F5)
    assert ready.args[0].labels[0].barcode == "W-0001"


def test_badge_counts_new_orders_when_the_feed_brings_one(
    signed_in: Driver, seeded: sessionmaker[Session], db_path: Path
) -> None:
    d = signed_in
    ctl = d.till.collections
    assert ctl is not None
    button = d.window.sale.collections_button
    assert "new" not in button.text()
    add_order(seeded, "W-0009")
    # The sync thread's feed listener fires off the GUI thread.
    with d.qtbot.waitSignal(ctl.new_orders_arrived, timeout=5000) as arrived:
        worker = threading.Thread(target=ctl.feed_listener, args=({FeedKind.WEB_ORDER}, 1))
        worker.start()
        worker.join()
    assert arrived.args == [1]
    assert "(1 new)" in button.text()
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        ctl.feed_listener({FeedKind.STOCK}, 1)
        ctl.refresh()
    assert "(1 new)" in button.text()
