"""Customer notifications and refund requests, queued by the hub as tills move web orders
(SQLite and PostgreSQL, over real HTTP), and the sender's claim/mark API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from pos_app.cli import main
from sync.hub import notifications
from sync.hub.models import CustomerNotificationRow, RefundRequestRow
from sync.hub.settings import HubSettings
from tests.helpers.hub_calls import send
from tests.helpers.web_orders import COFFEE_MINOR, STORE, T_SHIRT_MINOR, event, web_order

PICKUP_PAGE = "https://shop.example/pickup?code={code}"


@pytest.fixture
def hub_settings(hub_db_url: str) -> HubSettings:
    """The running hub links the web store's pickup page in its e-mails."""
    return HubSettings(
        db_url=hub_db_url, feed_recheck_seconds=30.0, pool_size=5, pickup_link_template=PICKUP_PAGE
    )


@pytest.fixture
def store_till(running_hub: Any) -> Any:
    running_hub.add_store(STORE)
    running_hub.add_store("s2")
    till, _ = running_hub.enroll(STORE)
    return till


def test_ready_sent_twice_queues_one_notification_with_the_pickup_code(
    running_hub: Any, store_till: Any
) -> None:
    created = web_order(running_hub, "W-500")
    ready = event("W-500", "ready")
    assert send(store_till, event("W-500", "picking"), ready) == ["accepted", "accepted"]
    assert send(store_till, ready) == ["duplicate"]  # the same event delivered again
    assert send(store_till, event("W-500", "ready")) == ["rejected"]  # a second "ready"
    answer = running_hub.admin.get("/v1/admin/notifications", params={"store": STORE})
    assert answer.status_code == 200, answer.text
    (note,) = answer.json()
    assert (note["order_number"], note["kind"], note["status"]) == (
        "W-500",
        "ready_for_pickup",
        "queued",
    )
    assert note["recipient_email"] == "ann@example.com"
    assert note["subject"] == f"Your order W-500 is ready for pickup at Store {STORE}"
    assert f"Your pickup code: {created['pickup_code']}" in note["body"]
    link = PICKUP_PAGE.replace("{code}", created["pickup_code"])
    assert f"Your pickup page and QR code: {link}" in note["body"]  # the till scans this link
    assert note["pickup_code"] == created["pickup_code"]
    assert (note["attempts"], note["sent_at"], note["last_error"]) == (0, None, None)
    other = running_hub.admin.get("/v1/admin/notifications", params={"store": "s2"})
    assert other.json() == []
    assert running_hub.admin.get("/v1/admin/refund-requests").json() == []


def test_paid_order_cancelled_at_the_till_requests_one_refund_for_what_was_not_taken(
    running_hub: Any, store_till: Any
) -> None:
    web_order(running_hub, "W-501")
    send(store_till, event("W-501", "picking"), event("W-501", "ready"))
    assert send(store_till, event("W-501", "partially_collected", (1000, 0))) == ["accepted"]
    cancel = event("W-501", "cancelled", (1000, 0))
    assert send(store_till, cancel) == ["accepted"]
    assert send(store_till, cancel) == ["duplicate"]
    answer = running_hub.admin.get("/v1/admin/refund-requests", params={"store": STORE})
    assert answer.status_code == 200, answer.text
    (refund,) = answer.json()
    assert refund["amount_minor"] == T_SHIRT_MINOR + COFFEE_MINOR  # one T-shirt was taken away
    assert (refund["currency"], refund["status"]) == ("EUR", "requested")
    assert refund["source_event_id"] == cancel["event_id"]
    assert refund["reason"] == "order cancelled (in store)"
    notes = running_hub.admin.get("/v1/admin/notifications").json()
    assert sorted(n["kind"] for n in notes) == ["cancelled", "ready_for_pickup"]
    cancelled = next(n for n in notes if n["kind"] == "cancelled")
    assert "We refund €23.99 to your original payment method." in cancelled["body"]


def test_mails_to_customers_are_in_the_store_language(running_hub: Any, store_till: Any) -> None:
    running_hub.add_store(STORE, locale="fr_FR")  # head office sets the Paris store's locale
    web_order(running_hub, "W-503")
    send(store_till, event("W-503", "picking"), event("W-503", "ready"))
    send(store_till, event("W-503", "cancelled"))
    notes = running_hub.admin.get("/v1/admin/notifications").json()
    ready = next(n for n in notes if n["kind"] == "ready_for_pickup")
    cancelled = next(n for n in notes if n["kind"] == "cancelled")
    assert ready["subject"] == f"Votre commande W-503 est prête à retirer à Store {STORE}"
    assert ready["body"].startswith("Bonjour ")
    assert "Votre code de retrait : " in ready["body"]
    assert cancelled["subject"] == f"Votre commande W-503 à Store {STORE} a été annulée"
    refund = "Nous remboursons 38,99\u00a0€ sur votre moyen de paiement d'origine."
    assert refund in cancelled["body"]


def test_paid_order_collected_with_a_short_line_requests_a_refund_for_it(
    running_hub: Any, store_till: Any
) -> None:
    for number in ("W-520", "W-521"):
        web_order(running_hub, number)
        send(store_till, event(number, "picking"), event(number, "ready"))
    short = event("W-520", "collected", (2000, 0))  # the coffee was short at picking
    assert send(store_till, short, event("W-521", "collected", (2000, 1000))) == ["accepted"] * 2
    answer = running_hub.admin.get("/v1/admin/refund-requests", params={"store": STORE})
    (refund,) = answer.json()  # W-521 was handed over whole: nothing to refund
    assert (refund["order_number"], refund["amount_minor"]) == ("W-520", COFFEE_MINOR)
    assert refund["reason"] == "order collected without the goods that were short (in store)"
    assert refund["source_event_id"] == short["event_id"]
    kinds = sorted(n["kind"] for n in running_hub.admin.get("/v1/admin/notifications").json())
    assert kinds == ["ready_for_pickup", "ready_for_pickup"]  # no e-mail for a collection


def test_expired_paid_order_refunds_everything_and_online_cancel_too(
    running_hub: Any, store_till: Any
) -> None:
    web_order(running_hub, "W-502")
    send(store_till, event("W-502", "expired"))
    web_order(running_hub, "W-503")
    assert running_hub.admin.post("/v1/web-orders/W-503/cancel").status_code == 200
    refunds = {
        r["order_number"]: r for r in running_hub.admin.get("/v1/admin/refund-requests").json()
    }
    assert refunds["W-502"]["amount_minor"] == 2 * T_SHIRT_MINOR + COFFEE_MINOR
    assert refunds["W-503"]["reason"] == "order cancelled (online)"
    assert refunds["W-503"]["source_event_id"] is None


def test_pay_in_store_order_cancelled_requests_no_refund(
    running_hub: Any, store_till: Any, hub: Any
) -> None:
    web_order(running_hub, "W-504", payment_status="pay_in_store")
    send(store_till, event("W-504", "picking"), event("W-504", "ready"))
    assert send(store_till, event("W-504", "cancelled")) == ["accepted"]
    assert running_hub.admin.get("/v1/admin/refund-requests").json() == []
    with hub.db.read() as session:
        assert session.scalar(select(func.count()).select_from(RefundRequestRow)) == 0
        kinds = session.scalars(select(CustomerNotificationRow.kind)).all()
    assert sorted(kinds) == ["cancelled", "ready_for_pickup"]


def test_bad_filters_are_clear_422s_and_need_the_admin_token(
    running_hub: Any, store_till: Any
) -> None:
    admin = running_hub.admin
    bad_status = admin.get("/v1/admin/notifications", params={"status": "lost"})
    assert bad_status.status_code == 422
    (problem,) = bad_status.json()["detail"]
    assert problem["loc"] == ["query", "status"]
    assert "'queued'" in problem["msg"]
    unknown = admin.get("/v1/admin/refund-requests", params={"store": "nowhere"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"] == "store: no store 'nowhere'"
    for params in ({"store": "bad store"}, {"limit": "0"}, {"limit": "many"}):
        assert admin.get("/v1/admin/notifications", params=params).status_code == 422
    assert store_till.get("/v1/admin/notifications").status_code in (401, 403)
    assert running_hub.client().get("/v1/admin/refund-requests").status_code == 401


def test_a_sender_claims_marks_sent_and_retries_failures(
    running_hub: Any, store_till: Any, hub: Any
) -> None:
    for number in ("W-510", "W-511"):
        web_order(running_hub, number)
        send(store_till, event(number, "picking"), event(number, "ready"))
    now = hub.clock()
    with hub.db.write() as session:
        first = notifications.claim_queued_notifications(session, 1, now=now)
    assert [n.order_number for n in first] == ["W-510"]
    with hub.db.write() as session:
        second = notifications.claim_queued_notifications(session, 10, now=now)
        assert notifications.claim_queued_notifications(session, 10, now=now) == []
    assert [n.order_number for n in second] == ["W-511"]  # a claimed one is not handed out
    with hub.db.write() as session:
        notifications.mark_sent(session, first[0].id, now=now)
        notifications.mark_failed(session, second[0].id, "550 mailbox unavailable", now=now)
    sent = running_hub.admin.get("/v1/admin/notifications", params={"status": "sent"}).json()
    assert [(n["order_number"], n["attempts"]) for n in sent] == [("W-510", 1)]
    queued = running_hub.admin.get("/v1/admin/notifications", params={"status": "queued"})
    (retry,) = queued.json()
    assert (retry["order_number"], retry["last_error"]) == ("W-511", "550 mailbox unavailable")
    for _ in range(notifications.MAX_ATTEMPTS - 1):
        with hub.db.write() as session:
            (again,) = notifications.claim_queued_notifications(session, 10, now=now)
            notifications.mark_failed(session, again.id, "still down", now=now)
    failed = running_hub.admin.get("/v1/admin/notifications", params={"status": "failed"})
    assert [n["attempts"] for n in failed.json()] == [notifications.MAX_ATTEMPTS]
    # A claim whose sender died is handed out again after CLAIM_TIMEOUT.
    web_order(running_hub, "W-512")
    send(store_till, event("W-512", "expired"))
    with hub.db.write() as session:
        (lost,) = notifications.claim_queued_notifications(session, 10, now=now)
    later = now + notifications.CLAIM_TIMEOUT + timedelta(seconds=1)
    with hub.db.write() as session:
        (reclaimed,) = notifications.claim_queued_notifications(session, 10, now=later)
    assert (reclaimed.id, reclaimed.attempts) == (lost.id, 2)


def test_cli_lists_notifications_and_refunds(
    capsys: pytest.CaptureFixture[str], running_hub: Any, store_till: Any, hub_db_url: str
) -> None:
    web_order(running_hub, "W-520")
    send(store_till, event("W-520", "picking"), event("W-520", "ready"))
    send(store_till, event("W-520", "cancelled"))
    assert main(["hub", "notifications", "--db", hub_db_url, "--status", "queued"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[4] for line in out] == ["cancelled", "ready_for_pickup"]
    assert main(["hub", "refunds", "--db", hub_db_url, "--store", STORE]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "W-520" in line
    assert "38.99 EUR" in line
    assert main(["hub", "refunds", "--db", hub_db_url, "--store", "nowhere"]) == 1
    assert capsys.readouterr().err.strip() == "omnitill hub: --store: no store 'nowhere'"
