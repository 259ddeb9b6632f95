"""Deliveries (issue 21) with both real parts: a web order posted to a real hub over HTTP with
fulfilment delivery reaches the store's till through the feed, is picked and shipped; the hub's
hold ends once and its stock moves once, however often the till's events are sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from pos_app.db.models import OutboxEvent
from pos_app.domain.click_collect.orders import CollectionError, OrderState
from pos_app.domain.receipt import render_text
from pos_app.services.click_collect.steps import CollectionsService
from sync.hub import jobs, stock_truth
from sync.hub.models import CustomerNotificationRow, RefundRequestRow
from sync.hub.web_orders import change_status
from sync.protocol import CollectionStatus
from tests.helpers.hub import TILL_STORE, Api, EnrolledTill
from tests.sync.client.test_collections import COFFEE, TSHIRT, create_order, hub_status, step
from tests.sync.hub.test_endless_aisle import sale

ADDRESS = "Ann Lee, 5 Rue des Lilas, 75011 Paris, France"


def _hub_notes(till: EnrolledTill, number: str) -> dict[str, str]:
    with till.hub.hub.db.read() as session:
        rows = session.scalars(
            select(CustomerNotificationRow).where(CustomerNotificationRow.order_number == number)
        ).all()
        return {row.kind: row.body for row in rows}


def _reservations(till: EnrolledTill, number: str) -> dict[str, tuple[int, str]]:
    with till.hub.hub.db.read() as session:
        return stock_truth.reserved_by_order(session, number)


def test_a_delivery_is_picked_and_shipped_and_the_hub_moves_its_stock_once(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    create_order(enrolled_till, "W-3001", fulfilment="delivery", deliver_to=ADDRESS)
    assert _reservations(enrolled_till, "W-3001") == {
        "TSH-1": (2000, "held"),
        "COF-1": (1000, "held"),
    }
    sync.puller.pull_once()
    with enrolled_till.read() as session:
        (new,) = svc.queue(session).in_state(OrderState.NEW)
    assert (new.number, new.delivery, new.deliver_to) == ("W-3001", True, ADDRESS)

    step(enrolled_till, svc.start_picking, "W-3001", staff="bob")
    pick_list = step(enrolled_till, svc.pick_list, "W-3001", staff="bob")
    assert "DELIVER TO:" in render_text(pick_list)
    assert "75011 Paris" in render_text(pick_list)
    with enrolled_till.write.begin() as session:
        for code in (TSHIRT, TSHIRT, COFFEE):
            svc.scan_pick(session, "W-3001", code, staff="bob")
    ready = step(enrolled_till, svc.mark_ready, "W-3001", staff="bob", bags=2)
    assert all("5 Rue des Lilas" in render_text(label) for label in ready.labels)
    # A delivery has no customer at the counter: hand-over is refused before any ID is asked.
    with pytest.raises(CollectionError, match="is a delivery: it is shipped, not collected"):
        step(enrolled_till, svc.hand_over, "W-3001", staff="eve", identity_note="")
    sync.pusher.push_once()
    assert hub_status(enrolled_till, "W-3001") == "ready"
    assert enrolled_till.hub_stock("TSH-1") == -2000  # the picked units left on hand, once
    assert _reservations(enrolled_till, "W-3001") == {
        "TSH-1": (2000, "moved"),
        "COF-1": (1000, "moved"),
    }
    assert "ready_for_pickup" not in _hub_notes(enrolled_till, "W-3001")  # nothing to pick up

    shipped = step(enrolled_till, svc.ship, "W-3001", staff="eve", tracking_ref=" 1Z 999AA1 ")
    assert shipped.summary.state is OrderState.SHIPPED
    assert shipped.tracking_ref == "1Z 999AA1"
    sync.pusher.push_once()
    assert sync.outbox.counts() == (0, 0)
    assert hub_status(enrolled_till, "W-3001") == "shipped"
    body = _hub_notes(enrolled_till, "W-3001")["shipped"]
    assert ADDRESS in body
    assert "1Z 999AA1" in body
    assert enrolled_till.hub_stock("TSH-1") == -2000
    assert enrolled_till.hub_stock("COF-1") == -1000

    # The till lost the hub's answers and sends every event again: nothing changes twice.
    events_before = sorted(enrolled_till.hub_event_ids())
    with enrolled_till.write.begin() as session:
        session.execute(update(OutboxEvent).values(sent_at=None))
    sync.pusher.push_once()
    assert sync.outbox.counts() == (0, 0)
    assert sorted(enrolled_till.hub_event_ids()) == events_before
    assert enrolled_till.hub_stock("TSH-1") == -2000
    assert enrolled_till.hub_stock("COF-1") == -1000
    assert _reservations(enrolled_till, "W-3001") == {
        "TSH-1": (2000, "moved"),
        "COF-1": (1000, "moved"),
    }
    sync.puller.pull_once()
    with enrolled_till.write.begin() as session:
        assert svc.reconcile(session) == []  # the hub agrees
    with enrolled_till.read() as session:
        assert svc.queue(session).in_state(OrderState.SHIPPED)[0].number == "W-3001"


def test_a_delivery_short_a_line_is_shipped_and_refunded_for_it(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    create_order(enrolled_till, "W-3002", fulfilment="delivery", deliver_to=ADDRESS)
    sync.puller.pull_once()
    step(enrolled_till, svc.start_picking, "W-3002", staff="bob")
    with enrolled_till.write.begin() as session:
        for code in (TSHIRT, TSHIRT):
            svc.scan_pick(session, "W-3002", code, staff="bob")
        svc.mark_short(session, "W-3002", 2)  # no coffee on the shelf
    step(enrolled_till, svc.mark_ready, "W-3002", staff="bob")
    step(enrolled_till, svc.ship, "W-3002", staff="bob")  # no tracking reference: fine
    sync.pusher.push_once()
    assert hub_status(enrolled_till, "W-3002") == "shipped"
    with enrolled_till.hub.hub.db.read() as session:
        refund = session.scalars(
            select(RefundRequestRow).where(RefundRequestRow.order_number == "W-3002")
        ).one()
    assert refund.amount_minor == 899
    assert refund.reason == "order shipped without the goods that were short (in store)"


def test_the_hub_refuses_the_wrong_last_step_and_a_pickup_is_never_shipped(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    create_order(enrolled_till, "W-3003", fulfilment="delivery", deliver_to=ADDRESS)
    create_order(enrolled_till, "W-3004")
    hub = enrolled_till.hub.hub
    with hub.change() as (session, pending):
        for number in ("W-3003", "W-3004"):
            for status in (CollectionStatus.PICKING, CollectionStatus.READY):
                change_status(
                    session, pending, store_id=TILL_STORE, number=number, status=status, hub=hub
                )
        wrong = {
            number: change_status(
                session, pending, store_id=TILL_STORE, number=number, status=status, hub=hub
            )
            for number, status in (
                ("W-3003", CollectionStatus.COLLECTED),
                ("W-3004", CollectionStatus.SHIPPED),
            )
        }
    assert wrong == {
        "W-3003": "order W-3003 is a delivery; it cannot become collected",
        "W-3004": "order W-3004 is a pickup; it cannot become shipped",
    }
    sync.puller.pull_once()
    with pytest.raises(CollectionError, match="W-3004 is collected at the store; it is not ship"):
        step(enrolled_till, svc.ship, "W-3004", staff="bob")


def test_the_hubs_expiry_skips_deliveries(enrolled_till: EnrolledTill) -> None:
    hub = enrolled_till.hub.hub
    create_order(enrolled_till, "W-3005", fulfilment="delivery", deliver_to=ADDRESS)
    create_order(enrolled_till, "W-3006")
    later = hub.clock() + timedelta(days=30)
    assert jobs.overdue_orders(hub, later) == ["W-3006"]
    hub_now = hub.clock
    hub.clock = lambda: later
    try:
        assert jobs.expire_overdue(hub) == ["W-3006"]
    finally:
        hub.clock = hub_now
    assert hub_status(enrolled_till, "W-3005") == "new"
    assert _reservations(enrolled_till, "W-3005") == {
        "TSH-1": (2000, "held"),
        "COF-1": (1000, "held"),
    }
    assert hub_status(enrolled_till, "W-3006") == "expired"


def test_an_endless_aisle_delivery_sold_in_a_store_is_shipped_by_the_warehouse_till(
    enrolled_till: EnrolledTill,
) -> None:
    """A till in another store sells the coffee for delivery from the warehouse (this till's
    location): the warehouse's queue gets it as a delivery, and ships it; the selling store's
    stock never moves, the warehouse's once."""
    hub = enrolled_till.hub
    hub.add_store("s-front")
    with hub.hub.db.write() as session:
        stock_truth.set_location(session, TILL_STORE, kind="warehouse", now=hub.hub.clock())
    code = hub.enroll_code("s-front")
    answer = hub.admin.post("/v1/enroll", json={"code": code, "till_name": "front"})
    assert answer.status_code == 200, answer.text
    front = Api(hub.base_url, answer.json()["token"])
    event = sale("A-3100", mode="delivery", delivery_address=ADDRESS)
    payload = event["payload"]
    payload["store_id"] = "s-front"
    payload["aisle_order"]["fulfil_store_id"] = TILL_STORE
    for line in (*payload["lines"], *payload["aisle_order"]["lines"]):
        line["sku"] = "COF-1"
    try:
        pushed = front.post("/v1/events", json={"events": [event]})
    finally:
        front.close()
    assert pushed.json()["results"][0]["status"] == "accepted", pushed.text

    sync, svc = enrolled_till.sync(), CollectionsService()
    sync.puller.pull_once()
    with enrolled_till.read() as session:
        (new,) = svc.queue(session).in_state(OrderState.NEW)
    assert (new.number, new.delivery, new.deliver_to, new.paid) == ("A-3100", True, ADDRESS, True)
    step(enrolled_till, svc.start_picking, "A-3100", staff="wim")
    with enrolled_till.write.begin() as session:
        svc.scan_pick(session, "A-3100", COFFEE, staff="wim")
    step(enrolled_till, svc.mark_ready, "A-3100", staff="wim")
    step(enrolled_till, svc.ship, "A-3100", staff="wim", tracking_ref="JD014600003SE")
    sync.pusher.push_once()
    assert hub_status(enrolled_till, "A-3100") == "shipped"
    assert _reservations(enrolled_till, "A-3100") == {"COF-1": (1000, "moved")}
    assert enrolled_till.hub_stock("COF-1") == -1000  # the warehouse's, once
    with hub.hub.db.read() as session:
        front_stock = stock_truth.available_at(session, "s-front", ["COF-1"])
    assert front_stock == {"COF-1": 0}  # the selling store's shelf never moved
    assert "JD014600003SE" in _hub_notes(enrolled_till, "A-3100")["shipped"]
