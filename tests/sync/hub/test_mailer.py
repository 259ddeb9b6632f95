"""Receipt emails end to end through a REAL local SMTP server (aiosmtpd): a till sale's email
request is pushed, the hub's background sender delivers it; SMTP down keeps it queued with the
error and retries; a refused recipient is marked failed; no SMTP configured says so."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.receipt import render_text
from pos_app.services.customers import directory as till_customers
from pos_app.services.customers.directory import CustomerRef
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale.checkout import CompletedSale
from sync.hub.mailer import NOT_CONFIGURED, SmtpMailer
from sync.hub.settings import SmtpSettings
from tests.helpers.hub import HubUnderTest, eventually
from tests.helpers.hub_calls import send
from tests.helpers.mail import Inbox, start_smtp
from tests.helpers.promotions import NOW, sell_to
from tests.helpers.till_db import outbox
from tests.helpers.web_orders import event, web_order

STORE = "store-1"
WEB_STORE = "s1"  # the store of tests.sync.hub.test_web_orders.order()


@pytest.fixture
def mail_hub(mailing_hub: HubUnderTest) -> HubUnderTest:
    mailing_hub.add_store(STORE)
    return mailing_hub


def request_email(seeded: sessionmaker[Session], to: str) -> CompletedSale:
    """A real sale with a customer attached, then its receipt emailed: two outbox events."""
    done = sell_to(seeded, CustomerRef(email=to, name="Ann"), PromotionService())
    message = till_customers.receipt_email(
        sale_uuid=done.sale_uuid, receipt_no=done.receipt_no, store_name="Test Store", to=to,
        receipt_text=render_text(done.receipt, 42),
    )  # fmt: skip
    with seeded.begin() as session:
        till_customers.queue_receipt_email(session, message, store_id=STORE, now=NOW)
    return done


def push_outbox(hub: HubUnderTest, seeded: sessionmaker[Session]) -> Any:
    till, _ = hub.enroll(STORE)
    answer = till.post("/v1/events", json={"events": outbox(seeded)})
    assert answer.status_code == 200, answer.text
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}
    return till


def statuses(till: Any, sale_uuid: str) -> list[dict[str, Any]]:
    answer = till.get(f"/v1/lookup/receipt-emails/{sale_uuid}")
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def test_a_receipt_email_reaches_the_smtp_server(
    mail_hub: HubUnderTest, seeded: sessionmaker[Session], inbox: Inbox, smtp_port: int
) -> None:
    controller = start_smtp(inbox, smtp_port)
    try:
        done = request_email(seeded, "ann@example.com")
        till = push_outbox(mail_hub, seeded)
        eventually(lambda: bool(inbox.received()), 10.0, "the email at the SMTP server")
    finally:
        controller.stop()
    [(recipients, message)] = inbox.received()
    assert recipients == ["ann@example.com"]
    assert message["To"] == "ann@example.com"
    assert message["From"] == "till@shop.example"
    assert done.receipt_no in message["Subject"]
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Arabica Coffee Beans" in body  # the receipt's line
    total_line = next(line for line in body.splitlines() if line.startswith("TOTAL"))
    assert total_line.endswith("8.99")  # and its total
    assert done.receipt_no in body
    eventually(lambda: statuses(till, done.sale_uuid)[0]["status"] == "sent", 5.0, "status sent")


def test_smtp_down_keeps_it_queued_with_the_error_and_retries(
    mail_hub: HubUnderTest, seeded: sessionmaker[Session], inbox: Inbox, smtp_port: int
) -> None:
    done = request_email(seeded, "ann@example.com")
    till = push_outbox(mail_hub, seeded)

    def retried() -> bool:
        [status] = statuses(till, done.sale_uuid)
        return status["status"] == "queued" and status["attempts"] >= 2

    eventually(retried, 10.0, "two failed attempts while the SMTP server is down")
    [status] = statuses(till, done.sale_uuid)
    assert "unreachable" in status["last_error"]
    controller = start_smtp(inbox, smtp_port)  # the server comes back
    try:
        eventually(lambda: bool(inbox.received()), 10.0, "the email after the outage")
    finally:
        controller.stop()
    eventually(lambda: statuses(till, done.sale_uuid)[0]["status"] == "sent", 5.0, "sent")
    assert len(inbox.received()) == 1


def test_a_refused_recipient_is_failed_with_the_servers_reason(
    mail_hub: HubUnderTest, seeded: sessionmaker[Session], inbox: Inbox, smtp_port: int
) -> None:
    controller = start_smtp(inbox, smtp_port)
    try:
        done = request_email(seeded, "ann@refused.example")
        till = push_outbox(mail_hub, seeded)
        eventually(lambda: statuses(till, done.sale_uuid)[0]["status"] == "failed", 10.0, "failed")
    finally:
        controller.stop()
    [status] = statuses(till, done.sale_uuid)
    assert "550" in status["last_error"]
    assert status["attempts"] == 1  # permanent: not retried
    assert inbox.received() == []


def test_without_smtp_the_hub_keeps_it_queued_and_says_why(
    running_hub: HubUnderTest, seeded: sessionmaker[Session]
) -> None:
    running_hub.add_store(STORE)
    done = request_email(seeded, "ann@example.com")
    till = push_outbox(running_hub, seeded)
    eventually(
        lambda: statuses(till, done.sale_uuid)[0]["last_error"] == NOT_CONFIGURED,
        10.0,
        "the not-configured status",
    )
    assert statuses(till, done.sale_uuid)[0]["status"] == "queued"


def test_the_send_function_is_generic(inbox: Inbox, smtp_port: int) -> None:
    """What customer notifications ("your order is ready") reuse: send(to, subject, body)."""
    controller = start_smtp(inbox, smtp_port)
    try:
        SmtpMailer(SmtpSettings(host="127.0.0.1", port=smtp_port)).send(
            "bo@example.com", "Your order W-1 is ready", "Collect it at the desk. Ünïcode ok."
        )
    finally:
        controller.stop()
    [(recipients, message)] = inbox.received()
    assert recipients == ["bo@example.com"]
    assert "Ünïcode" in message.get_payload(decode=True).decode("utf-8")


def test_order_ready_notification_is_mailed_to_the_customer(
    mail_hub: HubUnderTest, inbox: Inbox, smtp_port: int
) -> None:
    """The same sender works through the click-and-collect notifications (sync.hub.notifications):
    SMTP down first (the notification stays queued, its attempt recorded), then delivered."""
    mail_hub.add_store(WEB_STORE)
    created = web_order(mail_hub, "W-900")
    till, _ = mail_hub.enroll(WEB_STORE)
    assert send(till, event("W-900", "picking"), event("W-900", "ready")) == ["accepted"] * 2

    def notes() -> list[dict[str, Any]]:
        answer = mail_hub.admin.get("/v1/admin/notifications", params={"store": WEB_STORE})
        assert answer.status_code == 200, answer.text
        return list(answer.json())

    eventually(lambda: notes()[0]["last_error"] is not None, 10.0, "a failed first attempt")
    assert notes()[0]["status"] == "queued"
    assert inbox.received() == []
    controller = start_smtp(inbox, smtp_port)
    try:
        eventually(lambda: bool(inbox.received()), 10.0, "the notification at the SMTP server")
    finally:
        controller.stop()
    (recipients, message), *more = inbox.received()
    assert more == []
    assert recipients == ["ann@example.com"]
    assert message["Subject"] == f"Your order W-900 is ready for pickup at Store {WEB_STORE}"
    body = message.get_payload(decode=True).decode()
    assert f"Your pickup code: {created['pickup_code']}" in body
    eventually(lambda: notes()[0]["status"] == "sent", 10.0, "the notification marked sent")
