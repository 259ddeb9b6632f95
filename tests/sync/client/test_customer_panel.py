"""The customer panel against a real hub over HTTP: a customer's history across channels and
store credit, creating one online (a known email offers the existing customer), and offline
(queued, attached at once, created at the hub when it is back)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_app.db.models import OutboxEvent
from sync.client.lookups import HubLookups
from sync.hub.mailer import NOT_CONFIGURED
from sync.hub.models import Customer as HubCustomer
from sync.protocol import ReceiptEmailStatus
from tests.helpers.gui import Driver
from tests.helpers.hub import TILL_STORE, EnrolledTill, eventually

FAST_SYNC = {"feed_wait": 0.5, "backoff_base": 0.02, "backoff_cap": 0.2}


def hub_emails(till: EnrolledTill) -> list[str]:
    with till.hub.hub.db.read() as session:
        return sorted(session.scalars(select(HubCustomer.email)))


def open_till(make_till, staffed_db: Path, enrolled_till: EnrolledTill) -> Driver:
    d: Driver = make_till(staffed_db, hub=enrolled_till.config, sync_options=FAST_SYNC)
    d.sign_in("1111")
    return d


def test_history_and_store_credit_from_the_hub(
    make_till,
    staffed_db: Path,
    enrolled_till: EnrolledTill,
) -> None:
    admin = enrolled_till.hub.admin
    order = {
        "number": "W-501", "pickup_store_id": TILL_STORE, "currency": "EUR",
        "customer": {"email": "ann@example.com", "name": "Ann Lee"}, "payment_status": "paid",
        "lines": [{"sku": "A", "name": "Apple", "quantity_milli": 2000, "unit_price_minor": 150}],
    }  # fmt: skip
    assert admin.post("/v1/web-orders", json=order).status_code == 201
    credit = {"code": "SC-ANN-9", "kind": "store_credit", "currency": "EUR",
              "balance_minor": 1250, "customer_email": "ann@example.com"}  # fmt: skip
    assert admin.put("/v1/admin/stored-value", json=credit).status_code == 200
    d = open_till(make_till, staffed_db, enrolled_till)
    customers = d.till.customers
    assert customers is not None
    panel = customers.panel
    customers.button.click()
    panel.query_edit.setText("ann@example.com")
    d.press(panel.query_edit, Qt.Key.Key_Return)
    d.qtbot.waitUntil(lambda: panel.history.rowCount() == 1, timeout=10_000)
    assert panel.history.item(0, 1).text().startswith("Web W-501")
    assert panel.history.item(0, 2).text() == "€3.00"
    assert panel.credit_value.text() == "€12.50"
    assert "Offline" not in panel.message.text()


def test_create_online_known_email_then_offline(
    make_till,
    staffed_db: Path,
    enrolled_till: EnrolledTill,
) -> None:
    d = open_till(make_till, staffed_db, enrolled_till)
    customers = d.till.customers
    assert customers is not None
    panel = customers.panel
    customers.button.click()
    panel.new_button.click()
    panel.name_edit.setText("Bo Chen")
    panel.email_edit.setText("bo@example.com")
    d.scan("LOY00098765", target=panel.phone_edit)  # a new card, scanned while creating
    assert panel.card_edit.text() == "LOY00098765"
    with d.qtbot.waitSignal(customers.customer_attached, timeout=10_000):
        panel.create_button.click()
    assert d.controller.customer is not None
    assert d.controller.customer.hub_ref is not None  # created at the hub at once
    assert d.controller.customer.loyalty_card == "LOY00098765"
    assert hub_emails(enrolled_till) == ["bo@example.com"]
    # Next visit: scanning the card on the sale screen finds Bo at the hub.
    customers.detach()
    customers.close()
    d.scan("LOY00098765")
    d.qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=10_000)
    assert panel.selected() is not None
    assert panel.selected().email == "bo@example.com"
    assert d.controller.model.rowCount() == 0  # not taken for a product
    with d.qtbot.waitSignal(customers.customer_attached, timeout=2000):
        panel.attach_button.click()

    customers.button.click()
    panel.new_button.click()
    panel.name_edit.setText("Bo C.")
    panel.email_edit.setText("BO@example.com")
    panel.create_button.click()
    d.qtbot.waitUntil(lambda: "press Attach" in panel.message.text(), timeout=10_000)
    assert "already exists" in panel.message.text()
    assert panel.pages.currentWidget() is panel.find_page
    assert panel.selected() == d.controller.customer  # the existing one, offered
    assert hub_emails(enrolled_till) == ["bo@example.com"]

    enrolled_till.hub.stop()
    panel.new_button.click()
    panel.name_edit.setText("Cy Diaz")
    panel.email_edit.setText("cy@example.com")
    with d.qtbot.waitSignal(customers.customer_attached, timeout=15_000):
        panel.create_button.click()
    assert d.controller.customer is not None
    assert d.controller.customer.pending
    assert "Offline" in d.window.sale.message.text()
    with enrolled_till.read() as session:
        kinds = list(session.scalars(select(OutboxEvent.kind)))
    assert kinds == ["customer.created"]
    enrolled_till.hub.start()
    eventually(lambda: "cy@example.com" in hub_emails(enrolled_till), 20.0, "Cy at the hub")
    assert hub_emails(enrolled_till) == ["bo@example.com", "cy@example.com"]


def test_email_receipt_after_a_sale_is_queued_for_the_hub(
    make_till, staffed_db: Path, enrolled_till: EnrolledTill
) -> None:
    d = open_till(make_till, staffed_db, enrolled_till)
    customers = d.till.customers
    assert customers is not None
    w = d.window
    d.scan_and_wait("4006381333931")
    d.press(w.sale.search.edit, Qt.Key.Key_F12)
    d.type(w.tender.cash_edit, "10")
    d.press(w.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=5000) as done:
        d.press(w.tender.cash_edit, Qt.Key.Key_F12)
    bar = customers.email_bar
    assert bar.address_edit.text() == ""  # no customer attached: the cashier types it
    bar.address_edit.setText("ann@example")
    bar.send_button.click()
    assert "not an email address" in bar.message.text()
    bar.address_edit.setText("ann.lee@example.com")
    with d.qtbot.waitSignal(customers.receipt_email_queued, timeout=5000):
        bar.send_button.click()
    with enrolled_till.read() as session:
        [event] = session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "receipt.email_requested")
        ).all()
    body = json.loads(event.payload)
    assert body["to"] == "ann.lee@example.com"
    assert body["sale_uuid"] == done.args[0].sale_uuid
    assert "Arabica Coffee Beans" in body["body"]
    assert "TOTAL" in body["body"]
    # The hub got it (pushed at once) and, with no SMTP server configured, says so.
    sale_uuid = done.args[0].sale_uuid
    eventually(
        lambda: (
            [e.last_error for e in lookups_statuses(enrolled_till, sale_uuid)] == [NOT_CONFIGURED]
        ),
        15.0,
        "the request at the hub, kept queued",
    )
    assert lookups_statuses(enrolled_till, sale_uuid)[0].status == "queued"


def lookups_statuses(till: EnrolledTill, sale_uuid: str) -> list[ReceiptEmailStatus]:
    lookups = HubLookups.connect(till.config.hub_url, till.config.token)
    try:
        return list(lookups.receipt_emails(sale_uuid))
    finally:
        lookups.close()
