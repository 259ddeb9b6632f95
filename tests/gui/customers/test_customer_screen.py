"""The customer panel on the sale screen, driven like a cashier: a scanned loyalty card finds
the customer (from this till's recent customers when there is no hub) instead of a product,
attaching prices the customer-only promotion in, the sale records the customer, and the
receipt can be emailed (a bad address is refused inline, nothing queued)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.customers.directory import CustomerCache, CustomerRef
from pos_app.ui.customers.controller import OFFLINE_NOTE
from tests.helpers.catalog import COFFEE
from tests.helpers.promotions import MEMBERS, add_promo
from tests.helpers.till_db import rows

ANN = CustomerRef(
    email="ann@example.com",
    name="Ann Lee",
    phone="+44 20 7946 0000",
    hub_ref="0f8e2c4a-6b1d-4c3e-9a7f-5d2b8e1c0a93",
    loyalty_card="LOY00012345",
)


def remember(seeded: sessionmaker[Session], *customers: CustomerRef) -> None:
    with seeded.begin() as session:
        CustomerCache().remember(session, list(customers), datetime.now(UTC))


def test_loyalty_card_scan_attaches_the_customer_and_the_member_price(
    make_till, staffed_db: Path, seeded: sessionmaker[Session]
) -> None:
    add_promo(seeded, "MEMBERS10", MEMBERS)
    remember(seeded, ANN)
    d = make_till(staffed_db)  # no hub: look-ups come from this till's recent customers
    d.sign_in("1111")
    w, customers = d.window, d.till.customers
    assert customers is not None
    panel = customers.panel
    d.scan_and_wait(COFFEE)
    assert w.sale.totals.total_value.text() == "€8.99"  # no customer: no member price

    d.scan("LOY00012345")  # a loyalty card, not a product
    d.qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=5000)
    assert w.sale.side.currentWidget() is panel
    assert d.till.controller.model.rowCount() == 1
    assert OFFLINE_NOTE in panel.message.text()
    assert "Ann Lee" in panel.details.text()
    with d.qtbot.waitSignal(customers.customer_attached, timeout=2000):
        panel.attach_button.click()
    d.priced()
    assert w.sale.side.currentWidget() is w.sale.action_pad
    assert w.sale.totals.total_value.text() == "€8.09"  # 10 % member discount on coffee
    assert customers.button.text().startswith("Ann Lee")

    d.press(w.sale.search.edit, Qt.Key.Key_F12)
    d.type(w.tender.cash_edit, "10")
    d.press(w.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=5000):
        d.press(w.tender.cash_edit, Qt.Key.Key_F12)
    assert rows(staffed_db, "SELECT total_minor, customer_ref, customer_email FROM sales") == [
        (809, ANN.hub_ref, "ann@example.com")
    ]
    assert d.controller.customer is None  # the next sale starts without a customer

    bar = customers.email_bar
    assert bar.address_edit.text() == "ann@example.com"
    # A standalone till has no hub to send it: it says so and queues nothing.
    bar.address_edit.setText("ann.lee@example.com")
    bar.send_button.click()
    assert "not connected to a hub" in bar.message.text()
    assert rows(staffed_db, "SELECT kind FROM outbox_events ORDER BY id") == [("sale.completed",)]


def test_detach_and_garbage_input_change_nothing(
    make_till, staffed_db: Path, seeded: sessionmaker[Session]
) -> None:
    add_promo(seeded, "MEMBERS10", MEMBERS)
    remember(seeded, ANN)
    d = make_till(staffed_db)
    d.sign_in("1111")
    customers = d.till.customers
    assert customers is not None
    panel = customers.panel
    d.scan_and_wait(COFFEE)
    customers.button.click()
    d.type(panel.query_edit, "not a customer")
    d.press(panel.query_edit, Qt.Key.Key_Return)
    assert "is not an email" in panel.message.text()
    assert panel.results.count() == 0
    panel.query_edit.clear()
    d.type(panel.query_edit, "+44 20 7946 0000")
    d.press(panel.query_edit, Qt.Key.Key_Return)
    d.qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=5000)
    with d.qtbot.waitSignal(customers.customer_attached, timeout=2000):
        panel.attach_button.click()
    d.priced()
    assert d.window.sale.totals.total_value.text() == "€8.09"
    customers.button.click()
    with d.qtbot.waitSignal(customers.customer_detached, timeout=2000):
        panel.detach_button.click()
    d.priced()
    assert d.window.sale.totals.total_value.text() == "€8.99"
    assert d.controller.customer is None
    # Parking the basket leaves the customer with it: the next basket starts without them.
    with d.qtbot.waitSignal(customers.customer_attached, timeout=2000):
        customers.button.click()
        panel.attach_button.click()
    with d.qtbot.waitSignal(d.controller.basket_parked, timeout=5000):
        d.window.sale.park_button.click()
    assert d.controller.customer is None
    assert customers.button.text().startswith("Customer")
