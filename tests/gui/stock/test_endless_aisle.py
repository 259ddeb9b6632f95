"""Endless aisle (issue 21), driven like an associate: the coffee is not on this shelf, so
from its basket line the Stock panel orders it for pickup at store-2; the customer pays at
this till as usual; the till's own sync takes the sale to the real hub, which makes it a paid
order in store-2's click-and-collect queue, reserves store-2's stock, queues the customer's
confirmation e-mail, and moves none of this store's stock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from sync.hub import stock_truth
from sync.hub.models import AisleOrderRow, CustomerNotificationRow, WebOrderRow
from tests.helpers.catalog import COFFEE
from tests.helpers.gui import HUMAN_GAP_MS
from tests.helpers.hub import TILL_STORE, Api
from tests.helpers.stock import SKU, stock_till


def test_an_item_not_on_the_shelf_is_sold_for_pickup_at_another_store(
    make_till: Any, staffed_db: Path, enrolled_till: Any
) -> None:
    hub_under_test = enrolled_till.hub
    d, stock = stock_till(make_till, staffed_db, enrolled_till)
    panel = stock.panel
    d.scan_and_wait(COFFEE)
    with d.qtbot.waitSignal(stock.view_shown, timeout=8000):
        d.clock.advance(HUMAN_GAP_MS)
        d.qtbot.keyClick(d.focus(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    # Nothing chosen, or this store chosen: refused inline, nothing ordered.
    panel.pickup_button.click()
    assert "Choose another store" in panel.message.text()
    panel.table.selectRow(1)  # store-2
    panel.email_edit.setText("not an email")
    panel.pickup_button.click()
    assert "is not an email address" in panel.message.text()
    assert d.controller.aisle_order is None

    panel.email_edit.setText("Ann@Example.com")
    panel.name_edit.setText("Ann Lee")
    with d.qtbot.waitSignal(stock.aisle_ordered, timeout=2000):
        panel.pickup_button.click()
    assert "ordered for pickup at Store store-2" in d.window.sale.message.text()
    assert d.window.sale.side.currentWidget() is d.window.sale.action_pad

    d.press(d.window.sale.search.edit, Qt.Key.Key_F12)
    d.type(d.window.tender.cash_edit, "10")
    d.press(d.window.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=8000) as sold:
        d.press(d.window.tender.cash_edit, Qt.Key.Key_F12)
    number = f"A-{sold.args[0].receipt_no}"
    assert d.controller.aisle_order is None  # the next sale orders nothing
    # The customer leaves without the coffee: the receipt says where it comes from.
    assert sold.args[0].receipt.footer[:2] == (
        f"Order {number}: pickup at Store store-2",
        "  Arabica Coffee Beans 500 g",
    )

    hub = hub_under_test.hub

    def order_at_hub() -> bool:
        with hub.db.read() as session:
            return session.get(AisleOrderRow, number) is not None

    d.qtbot.waitUntil(order_at_hub, timeout=15000)
    with hub.db.read() as session:
        row = session.scalars(select(WebOrderRow).where(WebOrderRow.number == number)).one()
        held = stock_truth.reserved_by_order(session, number)
        mail = session.scalars(
            select(CustomerNotificationRow).where(CustomerNotificationRow.order_number == number)
        ).one()
        ats = stock_truth.available_at(session, "store-2", [SKU])
    assert (row.store_id, row.status, row.payment_status, row.source) == (
        "store-2",
        "new",
        "paid",
        "till",
    )
    assert row.total_minor == 899
    assert held == {SKU: (1000, "held")}
    assert ats == {SKU: 3000}  # 5 on hand - W-9 - this order
    assert (mail.kind, mail.recipient_email) == ("order_confirmed", "ann@example.com")
    assert "pickup at Store store-2" in mail.body
    assert enrolled_till.hub_stock(SKU) == 2000  # nothing left this store's shelf

    # store-2's tills see it in their click-and-collect queue (their feed).
    code = hub_under_test.enroll_code("store-2")
    other = Api(hub_under_test.base_url, None).post(
        "/v1/enroll", json={"code": code, "till_name": "store-2 till"}
    )
    assert other.status_code == 200, other.text
    store_2 = Api(hub_under_test.base_url, other.json()["token"])
    changes = store_2.get("/v1/feed").json()["changes"]
    queued = [c["data"] for c in changes if c["kind"] == "web_order" and c["key"] == number]
    assert queued
    assert queued[-1]["status"] == "new"
    assert TILL_STORE not in {c["data"].get("pickup_store_id") for c in changes}


def test_offline_the_order_waits_with_the_sale_and_the_hub_checks_stock_later(
    make_till: Any, staffed_db: Path, enrolled_till: Any
) -> None:
    from tests.helpers.till_db import rows

    hub_under_test = enrolled_till.hub
    d, stock = stock_till(make_till, staffed_db, enrolled_till)
    panel = stock.panel
    d.scan_and_wait(COFFEE)
    with d.qtbot.waitSignal(stock.view_shown, timeout=8000):
        stock.on_stock_button_clicked()
    hub_under_test.stop()  # the hub goes away before the order is placed
    with d.qtbot.waitSignal(stock.view_shown, timeout=15000) as shown:
        stock.on_stock_button_clicked()
    assert not shown.args[0].online
    panel.table.selectRow(2)  # the warehouse, for delivery
    panel.email_edit.setText("ann@example.com")
    panel.delivery_button.click()
    assert "delivery address" in panel.message.text()  # refused: nothing ordered
    assert d.controller.aisle_order is None
    panel.address_edit.setText("1 High Street, Town AB1 2CD")
    with d.qtbot.waitSignal(stock.aisle_ordered, timeout=2000):
        panel.delivery_button.click()
    assert "checked when the till is back online" in d.window.sale.message.text()

    d.press(d.window.sale.search.edit, Qt.Key.Key_F12)
    d.type(d.window.tender.cash_edit, "10")
    d.press(d.window.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=8000) as sold:
        d.press(d.window.tender.cash_edit, Qt.Key.Key_F12)
    number = f"A-{sold.args[0].receipt_no}"
    [(payload,)] = rows(
        staffed_db, "SELECT payload FROM outbox_events WHERE kind = 'sale.completed'"
    )
    assert '"checked_online":false' in payload
    assert rows(staffed_db, "SELECT COUNT(*) FROM stock_movements WHERE reason = 'sale'") == [(0,)]

    hub_under_test.start()  # back online: the till's sync delivers it, the hub makes the order
    hub = hub_under_test.hub

    def order_at_hub() -> bool:
        with hub.db.read() as session:
            return session.get(AisleOrderRow, number) is not None

    d.qtbot.waitUntil(order_at_hub, timeout=30000)
    with hub.db.read() as session:
        made = session.get(AisleOrderRow, number)
        assert made is not None
        assert (made.mode, made.delivery_address) == ("delivery", "1 High Street, Town AB1 2CD")
        assert stock_truth.reserved_by_order(session, number) == {SKU: (1000, "held")}
        store = session.scalars(select(WebOrderRow.store_id).where(WebOrderRow.number == number))
        assert list(store) == ["wh"]


def test_removing_the_ordered_line_drops_the_order(
    make_till: Any, staffed_db: Path, enrolled_till: Any
) -> None:
    d, stock = stock_till(make_till, staffed_db, enrolled_till)
    d.scan_and_wait(COFFEE)
    with d.qtbot.waitSignal(stock.view_shown, timeout=8000):
        stock.on_stock_button_clicked()
    stock.panel.table.selectRow(1)
    stock.panel.email_edit.setText("ann@example.com")
    with d.qtbot.waitSignal(stock.aisle_ordered, timeout=2000):
        stock.panel.pickup_button.click()
    assert d.controller.aisle_order is not None
    d.press(d.window.sale.search.edit, Qt.Key.Key_F10)  # remove the line
    d.qtbot.waitUntil(lambda: d.controller.model.rowCount() == 0, timeout=5000)
    assert d.controller.aisle_order is None  # a later sale orders nothing elsewhere
