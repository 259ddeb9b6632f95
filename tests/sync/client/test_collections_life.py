"""The whole life of a click-and-collect order, till and real hub over HTTP, label on a printer.

A Shopify-style order made at the hub reaches the till through the feed, is picked (a wrong
scan refused, a line short), marked ready (its bag label goes as ESC/POS bytes to the
simulated printer and parses back with the order number as its barcode), found by the pickup
code the customer's QR carries, paid in store and collected; the hub follows every step and
has the sale. And an overdue ready order expired at the till gives its stock back at the hub.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from hardware.escpos_printer import EscposPrinter, NetworkConnection, PrinterConfig
from hardware.sim.printer import SimulatedPrinter
from pos_app.domain.click_collect.orders import CollectionError, OrderState
from pos_app.domain.money import EUR, Money
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.click_collect.steps import CollectionsService, utc_now
from pos_app.services.click_collect.transitions import COLLECTION_EVENT
from pos_app.services.sale.checkout import SALE_EVENT
from pos_app.services.staff.auth import Role, StaffMember
from pos_app.services.store.till_context import load_till_context
from sync.hub import shopify_webhooks
from sync.hub.models import IngestedEvent
from sync.hub.models import Product as HubProduct
from sync.hub.models import WebOrderRow as HubWebOrder
from tests.helpers.hub import TILL_STORE, EnrolledTill, eventually
from tests.helpers.shopify import SECRET, SHOP, send_webhook

COFFEE, MILK, TSHIRT = "4006381333931", "96385074", "0036000291452"  # SMALL_CATALOG barcodes
MAX = StaffMember(staff_id=90, code="M9", name="Max", role=Role.MANAGER)
DEADLINE = 10.0


def shopify_order(order_id: int, name: str, financial_status: str) -> dict[str, Any]:
    """A trimmed Shopify "orders/create" payload for two of the till's SKUs."""
    return {
        "id": order_id,
        "name": name,
        "order_number": order_id,
        "email": "jo@example.com",
        "currency": "EUR",
        "financial_status": financial_status,
        "fulfillment_status": None,
        "customer": {
            "email": "jo@example.com",
            "first_name": "Jo",
            "last_name": "Park",
            "phone": "+33 6 11 22 33 44",
        },
        "line_items": [
            {"sku": "COF-1", "title": "Coffee", "name": "Coffee", "quantity": 2, "price": "8.99"},
            {"sku": "MLK-1", "title": "Milk", "name": "Milk", "quantity": 1, "price": "1.19"},
        ],
        "total_price": "19.17",
        "taxes_included": True,
        "shipping_lines": [{"code": "Pickup", "title": "Pickup in store", "price": "0.00"}],
    }


def post_shopify(till: EnrolledTill, payload: dict[str, Any]) -> dict[str, Any]:
    """The order as a signed Shopify webhook from a shop connected to the till's store."""
    with till.hub.hub.db.write() as session:
        for sku, name in (("COF-1", "Coffee"), ("MLK-1", "Milk")):
            if session.get(HubProduct, sku) is None:
                session.add(HubProduct(sku=sku, name=name, department="Grocery",
                                       tax_class="standard", price_minor=100,
                                       sold_by_weight=False, active=True, barcodes=""))  # fmt: skip
    shopify_webhooks.add_shop(till.hub.hub, shop_domain=SHOP, secret=SECRET, store_id=TILL_STORE)
    answer = send_webhook(till.hub.base_url, "orders/create", payload)
    assert answer.json()["status"] == "applied", answer.text
    with till.hub.hub.db.read() as session:
        row = session.scalars(
            select(HubWebOrder).where(HubWebOrder.number == answer.json()["order_number"])
        ).one()
        return {
            "number": row.number,
            "pickup_code": row.pickup_code,
            "payment_status": row.payment_status,
        }


def hub_status(till: EnrolledTill, number: str) -> str:
    with till.hub.hub.db.read() as session:
        return str(
            session.scalars(select(HubWebOrder.status).where(HubWebOrder.number == number)).one()
        )


def hub_events(till: EnrolledTill, kind: str) -> list[dict[str, Any]]:
    with till.hub.hub.db.read() as session:
        payloads = session.scalars(
            select(IngestedEvent.payload).where(IngestedEvent.kind == kind)
        ).all()
    return [json.loads(p) for p in payloads]


def step(till: EnrolledTill, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with till.write.begin() as session:
        return fn(session, *args, context=load_till_context(session), **kwargs)


def arrives(till: EnrolledTill, sync: Any, svc: CollectionsService, number: str) -> None:
    """Pull the feed until the order shows as new at the till (with a deadline)."""

    def seen() -> bool:
        sync.puller.pull_once()
        with till.read() as session:
            return number in [o.number for o in svc.queue(session).in_state(OrderState.NEW)]

    eventually(seen, DEADLINE, f"order {number} at the till")


def pushed(till: EnrolledTill, sync: Any, number: str, status: str) -> None:
    def hub_has() -> bool:
        sync.pusher.push_once()
        return hub_status(till, number) == status

    eventually(hub_has, DEADLINE, f"the hub to see {number} {status}")


def line_no(svc: CollectionsService, till: EnrolledTill, number: str, sku: str) -> int:
    with till.read() as session:
        return next(ln.line_no for ln in svc.detail(session, number).lines if ln.sku == sku)


@pytest.fixture
def label_printer() -> Iterator[tuple[SimulatedPrinter, EscposPrinter]]:
    with SimulatedPrinter() as sim:
        config = PrinterConfig(connection=NetworkConnection("127.0.0.1", sim.port), timeout_s=2.0)
        yield sim, EscposPrinter(config)


def test_shopify_order_lives_from_hub_to_collected_and_paid_in_store(
    enrolled_till: EnrolledTill, label_printer: tuple[SimulatedPrinter, EscposPrinter]
) -> None:
    sim, printer = label_printer
    sync = enrolled_till.sync()
    svc = CollectionsService()
    created = post_shopify(enrolled_till, shopify_order(5001, "#5001", "pending"))
    number = created["number"]
    assert number == "SHOP-5001"
    assert created["payment_status"] == "pay_in_store"

    arrives(enrolled_till, sync, svc, number)
    coffee = line_no(svc, enrolled_till, number, "COF-1")

    step(enrolled_till, svc.start_picking, number, staff="bob")
    pushed(enrolled_till, sync, number, "picking")
    with enrolled_till.write.begin() as session:
        with pytest.raises(CollectionError, match="Wrong item"):
            svc.scan_pick(session, number, TSHIRT, staff="bob")
        svc.scan_pick(session, number, COFFEE, staff="bob")
        svc.scan_pick(session, number, MILK, staff="bob")
        with pytest.raises(CollectionError, match="Too many"):
            svc.scan_pick(session, number, MILK, staff="bob")
        svc.mark_short(session, number, coffee)  # the second bag of coffee is not on the shelf

    ready = step(enrolled_till, svc.mark_ready, number, staff="bob", bags=1)
    assert ready.detail.summary.state is OrderState.READY
    for label in ready.labels:
        printer.print_receipt(label)
    [printed] = sim.wait_for_receipts(1)
    assert [b.data for b in printed.barcodes] == [number]
    assert "Jo Park" in printed.text
    assert "BAG 1 OF 1" in printed.text
    assert printed.cut
    pushed(enrolled_till, sync, number, "ready")
    [at_ready] = [
        e
        for e in hub_events(enrolled_till, COLLECTION_EVENT)
        if e["order_number"] == number and e["status"] == "ready"
    ]
    lines = {ln["sku"]: (ln["picked_milli"], ln["short_milli"]) for ln in at_ready["lines"]}
    assert lines == {"COF-1": (1000, 1000), "MLK-1": (1000, 0)}  # the hub has the short line

    with enrolled_till.read() as session:
        found = svc.find(session, f"https://shop.example/pickup?code={created['pickup_code']}")
    assert [o.number for o in found] == [number]

    with enrolled_till.write.begin() as session:
        context = load_till_context(session)
        due = svc.amount_due(session, number, context=context)
        assert due == Money.of(
            "10.18", EUR
        )  # 8.99 + 1.19: one coffee (the other was short) and the milk
        with pytest.raises(CollectionError, match="take payment first"):
            svc.hand_over(session, number, staff="eve", context=context, identity_note="QR")
    with enrolled_till.write.begin() as session:
        context = load_till_context(session)
        handed = svc.hand_over(
            session,
            number,
            staff="eve",
            context=context,
            identity_note="QR code",
            tenders=[Tender(TenderKind.CASH, due)],
        )
    assert handed.detail.summary.state is OrderState.COLLECTED
    assert handed.sale is not None
    sale_uuid = str(handed.sale.sale_uuid)

    pushed(enrolled_till, sync, number, "collected")
    eventually(
        lambda: any(
            str(e.get("sale_uuid")) == sale_uuid for e in hub_events(enrolled_till, SALE_EVENT)
        ),
        DEADLINE,
        "the hub to have the pay-in-store sale",
    )
    sync.puller.pull_once()
    with enrolled_till.write.begin() as session:
        assert svc.reconcile(session) == []  # the hub agrees with the till


def test_expiring_an_overdue_ready_order_gives_the_stock_back_at_the_hub(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    svc = CollectionsService()
    number = post_shopify(enrolled_till, shopify_order(5002, "#5002", "paid"))["number"]
    arrives(enrolled_till, sync, svc, number)

    step(enrolled_till, svc.start_picking, number, staff="bob")
    with enrolled_till.write.begin() as session:
        for code in (COFFEE, COFFEE, MILK):
            svc.scan_pick(session, number, code, staff="bob")
    step(enrolled_till, svc.mark_ready, number, staff="bob")
    pushed(enrolled_till, sync, number, "ready")
    held = {sku: enrolled_till.hub_stock(sku) for sku in ("COF-1", "MLK-1")}
    assert held == {"COF-1": -2000, "MLK-1": -1000}  # in the bag, off the shelf

    later = CollectionsService(clock=lambda: utc_now() + timedelta(days=8))
    with enrolled_till.read() as session:
        assert [o.number for o in later.queue(session).orders if o.overdue] == [number]
    assert step(enrolled_till, later.expire_overdue, actor=MAX) == [number]

    pushed(enrolled_till, sync, number, "expired")
    after = {sku: enrolled_till.hub_stock(sku) for sku in ("COF-1", "MLK-1")}
    assert after == {"COF-1": 0, "MLK-1": 0}
    assert after["COF-1"] - held["COF-1"] == 2000  # type: ignore[operator]
    assert after["MLK-1"] - held["MLK-1"] == 1000  # type: ignore[operator]
