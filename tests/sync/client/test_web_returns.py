"""Web orders returned in store, over a real hub (docs/architecture.md §8): the till's service end
to end.

A real till database returns the order through ``WebReturnsService`` using the hub's numbers
(``HubLookups`` over HTTP); its outbox is then pushed with the till's own token, and the hub's
tables show the refund request, the stock back at the returning store and the review flags.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import OutboxEvent, WebOrderLineRow, WebOrderRow
from pos_app.domain.receipt import render_text
from pos_app.domain.returns.rules import Condition, ReasonCode, ReturnError, ReturnItem
from pos_app.services.returns.in_store import ReturnApprovalRequiredError, ReturnsService
from pos_app.services.returns.reviews import mark_seen, unseen_return_warnings
from pos_app.services.returns.web_orders import WebOrderReturn, WebReturnsService, find_on_hub
from pos_app.services.staff.auth import AuthService, Permission, PinHasher, Role, StaffMember
from pos_app.services.store.till_context import load_till_context
from sync.client.http import HubHttp
from sync.client.lookups import HubLookups
from sync.client.outbox import SqlOutbox
from sync.client.pusher import OutboxPusher
from sync.client.status import StatusTracker
from sync.hub.models import ReturnRefund, ReturnReview, StockLevel

STORE, OTHER = "store-1", "store-2"  # the till fixtures are store-1's till-1
MANAGER = StaffMember(staff_id=902, code="M1", name="Mia", role=Role.MANAGER)
SERVICE = WebReturnsService(ReturnsService())


def web_order(number: str, store: str, paid: str = "paid") -> dict[str, Any]:
    return {
        "number": number,
        "pickup_store_id": store,
        "customer": {"email": "Ann@Example.com", "name": "Ann"},
        "currency": "EUR",
        "payment_status": paid,
        "lines": [
            {"sku": "COF-1", "name": "Coffee", "quantity_milli": 2000, "unit_price_minor": 899},
            {"sku": "TSH-1", "name": "T-shirt", "quantity_milli": 1000, "unit_price_minor": 1500},
        ],
    }


def item(line_no: int, qty: int = 1000) -> ReturnItem:
    return ReturnItem(line_no, qty, ReasonCode.WRONG_SIZE, Condition.UNOPENED)


@pytest.fixture
def hub_till(running_hub: Any) -> tuple[Any, HubLookups]:
    running_hub.add_store(STORE)
    running_hub.add_store(OTHER)
    code = running_hub.admin.post(f"/v1/admin/stores/{STORE}/enroll-codes").json()["code"]
    token = running_hub.client().post("/v1/enroll", json={"code": code}).json()["token"]
    lookups = HubLookups.connect(running_hub.base_url, token)
    yield running_hub.client(token), lookups
    lookups.close()


def push(till: Any, db: sessionmaker[Session]) -> list[tuple[str, tuple[str, ...]]]:
    """The till's real pusher sends its outbox; what it recorded per event comes back."""
    http = HubHttp(till.base_url, till.session.headers["Authorization"].split()[1])
    outbox = SqlOutbox(db, db, lambda: datetime.now(UTC))
    with db() as session:
        before = session.scalar(
            select(func.max(OutboxEvent.id)).where(OutboxEvent.sent_at.is_not(None))
        )
    report = OutboxPusher(http, outbox, StatusTracker(lambda: datetime.now(UTC))).push_once()
    http.close()
    assert report.error is None
    assert report.rejected == 0
    with db() as session:
        rows = session.scalars(
            select(OutboxEvent).where(OutboxEvent.id > (before or 0)).order_by(OutboxEvent.id)
        ).all()
        assert all(r.sent_at is not None for r in rows)
        return [(r.kind, tuple(json.loads(r.hub_warnings or "[]"))) for r in rows]


def look_up(db: sessionmaker[Session], lookups: HubLookups, text: str) -> WebOrderReturn:
    orders = find_on_hub(lookups, text)
    with db() as session:
        return SERVICE.prepare(session, orders[0], text)


def give_back(db: sessionmaker[Session], order: WebOrderReturn, items: list[ReturnItem], **kw: Any):
    with db.begin() as session:
        return SERVICE.complete(
            session, order, items, cashier=kw.pop("cashier", MANAGER),
            context=load_till_context(session), **kw,
        )  # fmt: skip


def hub_level(hub: Any, store: str, sku: str) -> int | None:
    with hub.db.read() as session:
        return session.scalar(
            select(StockLevel.quantity_milli).where(
                StockLevel.store_id == store, StockLevel.sku == sku
            )
        )


def test_another_stores_web_order_returned_here_refunds_online_and_restocks_here(
    running_hub: Any, hub_till: tuple[Any, HubLookups], seeded: sessionmaker[Session]
) -> None:
    till, lookups = hub_till
    assert running_hub.admin.post("/v1/web-orders", json=web_order("W-1", OTHER)).status_code == 201
    by_email = find_on_hub(lookups, " ann@example.com ")
    assert [o.ref for o in by_email] == ["W-1"]
    order = look_up(seeded, lookups, "W-1")
    assert (order.pickup_store_id, order.paid_online) == (OTHER, True)
    assert [ln.returnable_milli for ln in order.sale.lines] == [2000, 1000]

    done = give_back(seeded, order, [item(1)])
    assert done.cash_out.is_zero()  # nothing leaves the drawer
    assert [(p.method, p.amount.to_minor()) for p in done.assessment.refund] == [
        ("web_refund", 899)
    ]
    assert done.receipt.footer[:2] == (
        "Return of web order W-1",
        "Refund of 8.99 EUR to the card used online, within 5 days",
    )
    assert "Refund to the card used online" in render_text(done.receipt, 42)  # the tender

    assert push(till, seeded) == [("return.completed", ())]
    with running_hub.hub.db.read() as session:
        refund = session.scalars(select(ReturnRefund)).one()
        assert (refund.order_number, refund.store_id, refund.amount_minor, refund.status) == (
            "W-1",
            STORE,
            899,
            "requested",
        )
    assert hub_level(running_hub.hub, STORE, "COF-1") == 1000  # back at THIS store
    assert hub_level(running_hub.hub, OTHER, "COF-1") is None
    after = lookups.returnable(order_number="W-1")
    assert [(ln.returned_milli, ln.returnable_milli) for ln in after.lines] == [
        (1000, 1000),
        (0, 1000),
    ]


def test_nothing_left_at_the_hub_or_unsent_here_is_refused_at_the_till(
    running_hub: Any, hub_till: tuple[Any, HubLookups], seeded: sessionmaker[Session]
) -> None:
    till, lookups = hub_till
    running_hub.admin.post("/v1/web-orders", json=web_order("W-2", STORE))
    give_back(seeded, look_up(seeded, lookups, "W-2"), [item(1, 2000)])
    push(till, seeded)
    order = look_up(seeded, lookups, "W-2")
    assert [ln.returnable_milli for ln in order.sale.lines] == [0, 1000]
    with pytest.raises(ReturnError, match=r"only 0 of 2 can still be returned"):
        give_back(seeded, order, [item(1)])

    # Returned here but not sent yet: the hub still says 1, this till knows it is 0.
    give_back(seeded, order, [item(2)])
    again = look_up(seeded, lookups, "W-2")
    assert lookups.returnable(order_number="W-2").lines[1].returnable_milli == 1000
    assert [ln.returnable_milli for ln in again.sale.lines] == [0, 0]
    assert again.fully_returned
    with pytest.raises(ReturnError, match=r"only 0 of 1 can still be returned"):
        give_back(seeded, again, [item(2)])


def test_an_over_return_the_hub_flags_is_shown_to_the_manager(
    running_hub: Any, hub_till: tuple[Any, HubLookups], seeded: sessionmaker[Session]
) -> None:
    till, lookups = hub_till
    running_hub.admin.post("/v1/web-orders", json=web_order("W-3", STORE))
    order = look_up(seeded, lookups, "W-3")
    give_back(seeded, order, [item(2)])
    # Another till returned the same T-shirt meanwhile (its event reached the hub first).
    other_code = running_hub.admin.post(f"/v1/admin/stores/{STORE}/enroll-codes").json()["code"]
    other = running_hub.client(
        running_hub.client().post("/v1/enroll", json={"code": other_code}).json()["token"]
    )
    with seeded() as session:
        mine = json.loads(session.scalars(select(OutboxEvent.payload)).one())
    theirs = dict(mine, sale_uuid="0" * 8 + mine["sale_uuid"][8:], receipt_no="till-2-000001")
    theirs["stock_movements"] = []
    event = {"event_id": "1" * 8 + "-0000-4000-8000-000000000000", "kind": "return.completed"}
    assert other.post("/v1/events", json={"events": [dict(event, payload=theirs)]}).ok

    ((_, warnings),) = push(till, seeded)
    assert list(warnings) == [
        "Return till-1-000001: line 2 (T-shirt) was returned twice (bought 1, returned 2 in all)"
        " — head office will review"
    ]
    with seeded.begin() as session:
        shown = unseen_return_warnings(session)
        assert tuple(w.text for w in shown) == warnings
        assert mark_seen(session, [w.outbox_id for w in shown], datetime.now(UTC)) == 1
    with seeded() as session:
        assert unseen_return_warnings(session) == []


def test_offline_web_return_needs_a_manager_override_and_is_flagged_at_the_hub(
    running_hub: Any, hub_till: tuple[Any, HubLookups], seeded: sessionmaker[Session]
) -> None:
    till, _lookups = hub_till
    running_hub.admin.post("/v1/web-orders", json=web_order("W-4", STORE))
    with seeded.begin() as session:  # the order as this store's feed copy has it
        session.add(
            WebOrderRow(
                number="W-4", status="collected", payment_status="paid", pickup_code="ABC123",
                currency="EUR", total_minor=3298, customer_email="ann@example.com",
                customer_name="Ann", created_at=datetime.now(UTC), source="api", feed_position=1,
                lines=[
                    WebOrderLineRow(line_no=1, sku="COF-1", name="Coffee", quantity_milli=2000,
                                    unit_price_minor=899),
                    WebOrderLineRow(line_no=2, sku="TSH-1", name="T-shirt", quantity_milli=1000,
                                    unit_price_minor=1500),
                ],
            )
        )  # fmt: skip
    with seeded() as session:
        with pytest.raises(ReturnError, match="no copy of that order"):
            SERVICE.prepare_offline(session, "W-404")
        (order,) = SERVICE.prepare_offline(session, "ann@example.com")
    assert not order.checked_online
    cashier_auth = AuthService(till_id="till-1", hasher=PinHasher(time_cost=1, memory_kib=64))
    with seeded.begin() as session:
        cashier = cashier_auth.enroll(
            session, code="C1", name="Cat", role=Role.ASSOCIATE, pin="1111"
        )
        cashier_auth.enroll(session, code="M2", name="Max", role=Role.MANAGER, pin="9999")
    with pytest.raises(ReturnApprovalRequiredError, match="hub cannot be reached"):
        give_back(seeded, order, [item(1)], cashier=cashier)
    with seeded.begin() as session:
        approval = cashier_auth.approve(
            session, pin="9999", permission=Permission.RETURN_OVERRIDE, requested_by=cashier,
            what="offline web-order return of W-4", reason="customer shows the order email",
        ).approval  # fmt: skip
    done = give_back(seeded, order, [item(1)], cashier=cashier, approval=approval)
    assert "Checked offline: head office will review" in done.receipt.footer

    assert push(till, seeded) == [("return.completed", ())]
    with running_hub.hub.db.read() as session:
        reasons = list(session.scalars(select(ReturnReview.reason)))
    # The approval is journaled but takes no receipt number: the return is receipt 1.
    assert done.receipt_no == "till-1-000001"
    assert reasons == [
        "web-order return till-1-000001 made offline with a manager override"
        " (customer presented 'ann@example.com')"
    ]
