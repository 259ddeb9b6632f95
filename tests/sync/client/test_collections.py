"""Click-and-collect against a real hub over HTTP: the hub decides, the till follows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from pos_app.domain.click_collect.orders import OrderState
from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.store.stock_view import StockAtTill, stock_of
from pos_app.services.store.till_context import load_till_context
from sync.hub.models import IngestedEvent
from sync.hub.models import WebOrderRow as HubWebOrder
from sync.hub.web_orders import change_status
from sync.protocol import CollectionStatus
from tests.helpers.hub import TILL_STORE, EnrolledTill
from tests.helpers.web_orders import order

COFFEE, TSHIRT = "4006381333931", "0036000291452"


def create_order(till: EnrolledTill, number: str, **changes: Any) -> dict[str, Any]:
    lines = [
        {"sku": "TSH-1", "name": "T-Shirt", "quantity_milli": 2000, "unit_price_minor": 1500},
        {"sku": "COF-1", "name": "Coffee", "quantity_milli": 1000, "unit_price_minor": 899},
    ]
    customer = {"email": "ann@example.com", "name": "Ann Lee"}
    body = order(number, pickup_store_id=TILL_STORE, customer=customer, lines=lines)
    body.update(changes)
    answer = till.hub.admin.post("/v1/web-orders", json=body)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()["order"]
    return created


def hub_status(till: EnrolledTill, number: str) -> str:
    with till.hub.hub.db.read() as session:
        return str(
            session.scalars(select(HubWebOrder.status).where(HubWebOrder.number == number)).one()
        )


def step(till: EnrolledTill, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with till.write.begin() as session:
        return fn(session, *args, context=load_till_context(session), **kwargs)


def test_order_from_hub_is_picked_ready_and_handed_over(enrolled_till: EnrolledTill) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    created = create_order(enrolled_till, "W-2001")
    sync.puller.pull_once()
    with enrolled_till.read() as session:
        assert svc.queue(session).in_state(OrderState.NEW)[0].number == "W-2001"

    step(enrolled_till, svc.start_picking, "W-2001", staff="bob")
    sync.pusher.push_once()
    assert hub_status(enrolled_till, "W-2001") == "picking"
    with enrolled_till.write.begin() as session:
        for code in (TSHIRT, TSHIRT, COFFEE):
            svc.scan_pick(session, "W-2001", code, staff="bob")
    step(enrolled_till, svc.mark_ready, "W-2001", staff="bob")
    sync.pusher.push_once()
    assert hub_status(enrolled_till, "W-2001") == "ready"
    assert enrolled_till.hub_stock("TSH-1") == -2000  # held in the bag, off the shelf

    with enrolled_till.read() as session:
        found = svc.find(session, created["pickup_code"])
    assert [o.number for o in found] == ["W-2001"]
    step(enrolled_till, svc.hand_over, "W-2001", staff="eve", identity_note="QR code")
    sync.pusher.push_once()
    assert hub_status(enrolled_till, "W-2001") == "collected"
    sync.puller.pull_once()
    with enrolled_till.write.begin() as session:
        assert svc.reconcile(session) == []  # the hub agrees: nothing to flag


def test_cancel_online_while_picking_is_detected_and_said_plainly(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    create_order(enrolled_till, "W-2002")
    sync.puller.pull_once()
    step(enrolled_till, svc.start_picking, "W-2002", staff="bob")
    sync.pusher.push_once()
    hub = enrolled_till.hub.hub
    with hub.change() as (session, pending):  # head office cancels it on the web
        reason = change_status(
            session,
            pending,
            store_id=TILL_STORE,
            number="W-2002",
            status=CollectionStatus.CANCELLED,
            hub=hub,
        )
    assert reason is None
    with enrolled_till.write.begin() as session:
        svc.scan_pick(session, "W-2002", TSHIRT, staff="bob")  # the associate carries on
    sync.puller.pull_once()
    with enrolled_till.write.begin() as session:
        assert svc.reconcile(session) == ["W-2002"]
    with enrolled_till.read() as session:
        flagged = svc.review_list(session)
    assert [o.number for o in flagged] == ["W-2002"]
    assert "was cancelled online while it was being picked here" in str(flagged[0].review_reason)


def test_a_move_the_hub_refuses_is_flagged_with_its_reason(enrolled_till: EnrolledTill) -> None:
    """Two tills claim the same order while one is offline: the hub takes the first claim."""
    sync = enrolled_till.sync()
    svc = CollectionsService()
    create_order(enrolled_till, "W-2003")
    sync.puller.pull_once()
    hub = enrolled_till.hub.hub
    with hub.change() as (session, pending):  # the other till's claim reaches the hub first
        assert (
            change_status(
                session,
                pending,
                store_id=TILL_STORE,
                number="W-2003",
                status=CollectionStatus.PICKING,
                hub=hub,
            )
            is None
        )
    step(enrolled_till, svc.start_picking, "W-2003", staff="bob")  # we have not seen it yet
    sync.pusher.push_once()
    assert sync.outbox.counts() == (0, 1)
    with enrolled_till.write.begin() as session:
        assert svc.reconcile(session) == ["W-2003"]
    with enrolled_till.read() as session:
        (flagged,) = svc.review_list(session)
    reason = str(flagged.review_reason)
    assert reason.startswith("Another till is already picking order W-2003.")
    assert "cannot become picking" in reason


def test_ready_order_cancelled_at_the_hub_puts_its_stock_back_once(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    create_order(enrolled_till, "W-2004")
    sync.puller.pull_once()
    step(enrolled_till, svc.start_picking, "W-2004", staff="bob")
    with enrolled_till.write.begin() as session:
        for code in (TSHIRT, TSHIRT, COFFEE):
            svc.scan_pick(session, "W-2004", code, staff="bob")
    step(enrolled_till, svc.mark_ready, "W-2004", staff="bob")
    sync.pusher.push_once()
    assert enrolled_till.hub_stock("TSH-1") == -2000  # in the bag

    answer = enrolled_till.hub.admin.post("/v1/web-orders/W-2004/cancel")  # cancelled online
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "cancelled"
    again = enrolled_till.hub.admin.post("/v1/web-orders/W-2004/cancel")
    assert again.status_code == 409
    assert "cannot become cancelled" in again.json()["detail"]
    assert enrolled_till.hub.admin.post("/v1/web-orders/W-404/cancel").status_code == 404
    sync.puller.pull_once()  # the feed brings the cancellation
    with enrolled_till.write.begin() as session:
        assert svc.reconcile(session) == ["W-2004"]
    with enrolled_till.write.begin() as session:
        assert svc.reconcile(session) == []  # runs on every refresh: no second return
    with enrolled_till.read() as session:
        assert stock_of(session, "TSH-1").quantity_milli == 0  # sellable again at once
        (flagged,) = svc.review_list(session)
    assert "back on the shelf: 2 x T-Shirt, 1 x Coffee" in str(flagged.review_reason)

    sync.pusher.push_once()
    sync.pusher.push_once()
    assert sync.outbox.counts() == (0, 0)
    assert enrolled_till.hub_stock("TSH-1") == 0
    assert enrolled_till.hub_stock("COF-1") == 0
    with enrolled_till.hub.hub.db.read() as session:
        kinds = session.scalars(
            select(IngestedEvent.kind).where(IngestedEvent.kind == "stock.adjusted")
        ).all()
    assert kinds == ["stock.adjusted"]
    sync.puller.pull_once()
    with enrolled_till.read() as session:
        assert stock_of(session, "TSH-1") == StockAtTill("TSH-1", 0, 0)


def test_paid_order_cancelled_at_the_till_after_a_part_hand_over_refunds_the_rest(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    create_order(enrolled_till, "W-2005")
    sync.puller.pull_once()
    step(enrolled_till, svc.start_picking, "W-2005", staff="bob")
    with enrolled_till.write.begin() as session:
        for code in (TSHIRT, TSHIRT, COFFEE):
            svc.scan_pick(session, "W-2005", code, staff="bob")
    step(enrolled_till, svc.mark_ready, "W-2005", staff="bob")
    step(enrolled_till, svc.hand_over, "W-2005", staff="eve", identity_note="ID checked",
         quantities={1: 1000})  # fmt: skip
    step(enrolled_till, svc.cancel, "W-2005", reason="customer changed their mind", staff="eve")
    sync.pusher.push_once()
    assert sync.outbox.counts() == (0, 0)
    assert hub_status(enrolled_till, "W-2005") == "cancelled"
    admin = enrolled_till.hub.admin
    (refund,) = admin.get("/v1/admin/refund-requests").json()
    assert (refund["order_number"], refund["amount_minor"]) == ("W-2005", 1500 + 899)
    kinds = sorted(n["kind"] for n in admin.get("/v1/admin/notifications").json())
    assert kinds == ["cancelled", "ready_for_pickup"]
