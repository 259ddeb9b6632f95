"""Click-and-collect at the till points to the next step and keeps what the associate sees
(issue 15 defect 6): the bag label lists items without prices, a pay-in-store hand-over shows
the change, a new web order keeps the list's filter, the order being picked stays on top and
in view, and the next step is the highlighted default once picking is complete."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from pos_app.ui.devices.sim_panel import SimulatedDevices
from sync.protocol import FeedKind
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.collections_gui import add_order, open_order, ready_order
from tests.helpers.gui import Driver

WAIT_MS = 5000


def listed(d: Driver) -> list[str]:
    queue = d.window.collections.queue_list
    return [str(queue.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(queue.count())]


def test_bag_label_lists_items_and_quantities_and_ready_is_the_next_step(
    till: Driver,  # on the simulated devices (tests/helpers/devices.py)
    sims: SimulatedDevices,
    seeded: sessionmaker[Session],
) -> None:
    d = till
    add_order(seeded, "W-0001")
    open_order(d, "W-0001")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    assert page.next_button is page.start_button  # a new order: start picking
    assert page.start_button.property("next") is True
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        d.press(page.search, Qt.Key.Key_Return)  # Enter in the empty box: the default
    assert page.title.text() == "W-0001 — Picking"
    assert page.next_button is None  # items to scan: nothing to press yet
    for code in (TSHIRT, TSHIRT):
        with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
            d.scan(code)
    assert page.next_button is None
    assert "Ready + label" not in page.message.text()
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        d.scan(COFFEE)
    assert page.next_button is page.ready_button  # picking complete: Ready is next
    assert page.ready_button.property("next") is True
    assert page.start_button.property("next") is False
    assert page.message.text() == "All items picked. Next: Ready + label (F5) or Enter."
    assert page.message.isVisible()
    with d.qtbot.waitSignal(ctl.order_marked_ready, timeout=WAIT_MS):
        d.press(page.search, Qt.Key.Key_Return)
    assert page.next_button is page.handover_button
    (label,) = sims.printer.wait_for_receipts(1)
    assert [b.data for b in label.barcodes] == ["W-0001"]
    assert "2  Cotton T-Shirt M" in label.text
    assert "1  Arabica Coffee Beans 500 g" in label.text
    assert "0.00" not in label.text  # items and quantities, no prices
    assert "TOTAL" not in label.text
    assert "BAG 1 OF 1" in label.text


def test_pay_in_store_hand_over_shows_the_change_big(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    ready_order(seeded, "W-0002", payment_status="pay_in_store")
    open_order(d, "W-0002")
    ctl, page, tender = d.till.collections, d.window.collections, d.window.tender
    assert ctl is not None
    assert not page.change_value.isVisible()
    page.note.setText("ID checked")
    page.handover_button.click()
    d.qtbot.waitUntil(lambda: d.window.current_page is tender, timeout=WAIT_MS)
    with d.qtbot.waitSignal(ctl.handed_over, timeout=WAIT_MS):
        tender.cash_edit.setText("40")
        d.press(tender.cash_edit, Qt.Key.Key_Return)
        d.press(tender.cash_edit, Qt.Key.Key_Return)
    assert d.window.current_page is page
    assert page.change_value.isVisible()
    assert page.change_value.text().endswith("7.00")  # 40.00 - 32.99 rounded to 33.00 in cash
    assert page.change_value.font().pointSizeF() > page.info.font().pointSizeF() or (
        page.change_value.fontInfo().pixelSize() > 2 * page.info.fontInfo().pixelSize()
    )
    # The next order chosen: its own screen, no change left over from the last customer.
    ready_order(seeded, "W-0003")
    page.order_chosen.emit("W-0003")
    d.qtbot.waitUntil(lambda: page.title.text() == "W-0003 — Ready", timeout=WAIT_MS)
    assert not page.change_value.isVisible()


def test_a_new_web_order_keeps_the_filter_the_search_box_shows(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    add_order(seeded, "W-0001")
    add_order(seeded, "W-0002", customer_name="Bob Stone")
    add_order(seeded, "W-0003", customer_name="Eve Stone")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        d.press(d.focus(), Qt.Key.Key_F1)
    assert sorted(listed(d)) == ["W-0001", "W-0002", "W-0003"]
    page.search.setText("stone")
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        page.search.returnPressed.emit()
        d.qtbot.waitUntil(lambda: sorted(listed(d)) == ["W-0002", "W-0003"], timeout=WAIT_MS)
        ctl.refresh()
    add_order(seeded, "W-0004")  # a web order arrives through the feed (the sync thread)
    with d.qtbot.waitSignal(ctl.new_orders_arrived, timeout=WAIT_MS):
        worker = threading.Thread(target=ctl.feed_listener, args=({FeedKind.WEB_ORDER}, 1))
        worker.start()
        worker.join()
    d.qtbot.waitUntil(lambda: "4 new" in d.window.sale.collections_button.text())
    assert page.search.text() == "stone"
    assert sorted(listed(d)) == ["W-0002", "W-0003"]  # the filter the box shows
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        page.search.clear()  # an empty box: the whole queue again
    assert sorted(listed(d)) == ["W-0001", "W-0002", "W-0003", "W-0004"]


def test_the_order_being_picked_stays_on_top_and_in_view(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    now = datetime.now(UTC)
    for n in range(1, 16):  # a morning's orders; the last one is picked first
        created = (now - timedelta(minutes=60 - n)).isoformat()
        add_order(seeded, f"W-{n:04d}", created_at=created)
    open_order(d, "W-0015")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        page.start_button.click()
    assert page.title.text() == "W-0015 — Picking"
    assert listed(d)[0] == "W-0015"
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        d.scan(TSHIRT)  # each scan refreshes the list: the order stays where it is
    queue = page.queue_list
    (item,) = queue.selectedItems()
    assert item.data(Qt.ItemDataRole.UserRole) == "W-0015"
    assert queue.viewport().rect().intersects(queue.visualItemRect(item))


def test_a_new_web_order_flashes_the_button_until_the_queue_is_opened(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    ctl = d.till.collections
    assert ctl is not None
    button = d.window.sale.collections_button
    assert not button.property("attention")
    add_order(seeded, "W-0009")
    with d.qtbot.waitSignal(ctl.new_orders_arrived, timeout=WAIT_MS):
        worker = threading.Thread(target=ctl.feed_listener, args=({FeedKind.WEB_ORDER}, 1))
        worker.start()
        worker.join()
    # Seen, not only heard (the X bell is silent on most tills): the button flashes on and
    # off, then stays marked.
    assert button.property("attention") is True
    seen: set[bool] = set()
    d.qtbot.waitUntil(lambda: seen.add(bool(button.property("flash"))) or len(seen) == 2)
    d.qtbot.waitUntil(lambda: button.property("flash") is False and not ctl.cue._timer.isActive())
    assert button.property("attention") is True
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=WAIT_MS):
        d.press(d.focus(), Qt.Key.Key_F1)
    assert not button.property("attention")


def test_hand_over_without_the_id_note_puts_the_cursor_in_it(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    """F6 with no ID note: the note box gets the cursor (the scanner or keyboard types there
    next) and one short sentence says what to note; nothing is handed over."""
    d = signed_in
    ready_order(seeded, "W-0003")
    open_order(d, "W-0003")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    assert page.next_button is page.handover_button
    with d.qtbot.waitSignal(ctl.error_shown, timeout=WAIT_MS) as said:
        d.press(page.search, Qt.Key.Key_F6)
    assert said.args == ["Check the customer's ID or pickup code, then note it here."]
    assert page.message.text() == said.args[0]
    d.qtbot.waitUntil(lambda: d.focus() is page.note, timeout=WAIT_MS)
    assert page.title.text() == "W-0003 — Ready"
    d.type(page.note, "ID checked")
    with d.qtbot.waitSignal(ctl.handed_over, timeout=WAIT_MS):
        d.press(page.note, Qt.Key.Key_F6)
