"""Web orders for click-and-collect: ingest from the web store, status from the tills.

An order is created by head office (or the web store's webhook) for a pickup store and goes
into that store's feed. Tills move it through the states of domain/click_collect/states.py with
``collection.status_changed`` events; an impossible move is refused with the reason, which the
till shows (the order was cancelled online, collected at another till …).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.domain.click_collect.states import ALLOWED_MOVES, moves_for
from sync.hub import credentials, sales_rollup, stock_truth
from sync.hub.context import Hub
from sync.hub.db import dialect_insert
from sync.hub.errors import Conflict, Invalid, NotFound
from sync.hub.feed import PendingChanges
from sync.hub.models import Customer, WebOrderRow
from sync.hub.notifications import record_status_effects
from sync.hub.tenancy import get_store
from sync.protocol import (
    CollectionLineIn,
    CollectionStatus,
    CustomerIn,
    FeedKind,
    PaymentStatus,
    WebOrder,
    WebOrderCreated,
    WebOrderIn,
    WebOrderLine,
)

PICKUP_CODE_ATTEMPTS = 5
# Closed without being sold: out of the day's web sales again (sync/hub/sales_rollup.py).
NOT_SOLD = (CollectionStatus.CANCELLED, CollectionStatus.EXPIRED)


def order_out(row: WebOrderRow, customer: Customer) -> WebOrder:
    return WebOrder(
        number=row.number,
        pickup_store_id=row.store_id,
        status=CollectionStatus(row.status),
        payment_status=PaymentStatus(row.payment_status),
        pickup_code=row.pickup_code,
        currency=row.currency,
        total_minor=row.total_minor,
        customer_email=customer.email,
        customer_name=customer.name,
        customer_phone=customer.phone,
        lines=[WebOrderLine(**line) for line in json.loads(row.lines)],
        created_at=row.created_at,
        source=row.source,
        fulfilment="delivery" if row.fulfilment == "delivery" else "pickup",
        deliver_to=row.deliver_to,
        customer_locale=row.customer_locale,
    )


def feed_order(pending: PendingChanges, order: WebOrder) -> None:
    pending.add(
        order.pickup_store_id, FeedKind.WEB_ORDER, order.number, order.model_dump(mode="json")
    )


def upsert_customer(session: Session, spec: CustomerIn, hub: Hub) -> Customer:
    """Customers are keyed by lower-cased email; a newer order updates name and phone."""
    values: dict[str, object] = {
        "email": spec.email.lower(),
        "name": spec.name,
        "phone": spec.phone,
        "created_at": hub.clock(),
    }
    stmt = dialect_insert(session, Customer).values(values)
    updates = {"name": stmt.excluded.name} if spec.name else {}
    if spec.phone:
        updates["phone"] = stmt.excluded.phone
    if not updates:  # DO UPDATE needs something to set; a no-op keeps RETURNING working
        updates = {"email": stmt.excluded.email}
    customer_id = session.execute(
        stmt.on_conflict_do_update(index_elements=["email"], set_=updates).returning(Customer.id)
    ).scalar_one()
    customer = session.get(Customer, customer_id, populate_existing=True)
    assert customer is not None
    return customer


def _existing_by_external_id(session: Session, external_id: str) -> WebOrder | None:
    found = session.execute(
        select(WebOrderRow, Customer)
        .join(Customer, Customer.id == WebOrderRow.customer_id)
        .where(WebOrderRow.external_id == external_id)
    ).first()
    return order_out(found[0], found[1]) if found else None


def _free_pickup_code(session: Session) -> str:
    for _ in range(PICKUP_CODE_ATTEMPTS):
        code = credentials.random_code(credentials.PICKUP_CODE_LENGTH)
        taken = session.execute(
            select(WebOrderRow.id).where(WebOrderRow.pickup_code == code)
        ).first()
        if taken is None:
            return code
    raise Conflict("could not find a free pickup code; try again")


def create_web_order(hub: Hub, spec: WebOrderIn, *, source: str = "api") -> WebOrderCreated:
    with hub.change() as (session, pending):
        return insert_web_order(session, pending, hub, spec, source=source)


def insert_web_order(
    session: Session, pending: PendingChanges, hub: Hub, spec: WebOrderIn, *, source: str
) -> WebOrderCreated:
    """Create the order in the caller's transaction (a webhook records its delivery in it)."""
    now = hub.clock()
    if spec.external_id is not None:
        existing = _existing_by_external_id(session, spec.external_id)
        if existing is not None:  # a webhook delivered twice is one order
            return WebOrderCreated(created=False, order=existing)
    store = get_store(session, spec.pickup_store_id)
    if spec.currency != store.currency:
        # A till takes payment and refunds in its store's currency only (issue 22 point 6).
        raise Invalid.problem(
            "web_order.wrong_currency",
            store=store.store_id, currency=store.currency, number=spec.number, other=spec.currency,
        )  # fmt: skip
    taken = session.execute(select(WebOrderRow.id).where(WebOrderRow.number == spec.number)).first()
    if taken is not None:
        raise Conflict(f"web order {spec.number!r} already exists")
    if spec.pickup_code is not None:
        clash = session.execute(
            select(WebOrderRow.id).where(WebOrderRow.pickup_code == spec.pickup_code)
        ).first()
        if clash is not None:
            raise Conflict("that pickup code is already used by another order")
    customer = upsert_customer(session, spec.customer, hub)
    lines = [line.model_dump() for line in spec.lines]
    row = WebOrderRow(
        number=spec.number,
        external_id=spec.external_id,
        store_id=spec.pickup_store_id,
        customer_id=customer.id,
        status=str(CollectionStatus.NEW),
        payment_status=str(spec.payment_status),
        pickup_code=spec.pickup_code or _free_pickup_code(session),
        currency=spec.currency,
        total_minor=sum(line.unit_price_minor * line.quantity_milli // 1000 for line in spec.lines),
        lines=json.dumps(lines, separators=(",", ":")),
        source=source,
        created_at=now,
        updated_at=now,
        fulfilment=spec.fulfilment,
        deliver_to=spec.deliver_to,
        customer_locale=spec.customer_locale,
    )
    session.add(row)
    session.flush()
    stock_truth.reserve_order(
        session,
        order_number=row.number,
        store_id=row.store_id,
        lines=[(line.sku, line.quantity_milli) for line in spec.lines],
        now=now,
    )
    sales_rollup.record_web_order(session, row, 1)  # the day's web sales, in this transaction
    order = order_out(row, customer)
    feed_order(pending, order)
    return WebOrderCreated(created=True, order=order)


def change_status(
    session: Session,
    pending: PendingChanges,
    *,
    store_id: str,
    number: str,
    status: CollectionStatus,
    hub: Hub,
    lines: list[CollectionLineIn] | None = None,
    source_event_id: str | None = None,
    tracking_ref: str | None = None,
) -> str | None:
    """Apply one till's status change; returns why it is impossible, or None when applied.

    The customer's e-mail and any refund request are queued in this same transaction
    (``notifications.record_status_effects``); ``lines`` say what was handed over."""
    found = session.execute(
        select(WebOrderRow, Customer)
        .join(Customer, Customer.id == WebOrderRow.customer_id)
        .where(WebOrderRow.number == number, WebOrderRow.store_id == store_id)
        .with_for_update(of=WebOrderRow)
    ).first()
    if found is None:  # another store's order is "not found" too: nothing leaks
        return f"no web order {number!r} for this store"
    row, customer = found
    current = CollectionStatus(row.status)
    if status not in ALLOWED_MOVES[current]:
        return f"order {number} is {current.value}; it cannot become {status.value}"
    if status not in moves_for(current, row.fulfilment):  # shipped pickup, handed-over delivery
        return f"order {number} is a {row.fulfilment}; it cannot become {status.value}"
    row.status = str(status)
    row.updated_at = hub.clock()
    session.flush()
    stock_truth.settle_order(session, order_number=number, status=status, now=row.updated_at)
    if status in NOT_SOLD and current not in NOT_SOLD:
        sales_rollup.record_web_order(session, row, -1)  # no longer a sale of its day
    record_status_effects(
        session,
        order=row,
        customer=customer,
        status=status,
        lines=lines,
        source_event_id=source_event_id,
        now=row.updated_at,
        pickup_link_template=hub.pickup_link_template,
        tracking_ref=tracking_ref,
    )
    feed_order(pending, order_out(row, customer))
    return None


def close_web_order(hub: Hub, number: str, status: CollectionStatus) -> WebOrder:
    """Head office or the web store cancels (or expires) an order; its store's tills hear it
    through the feed. Goods a till held in a bag are given back by that till (a
    ``stock.adjusted`` event), not here: only the till knows what it picked."""
    with hub.change() as (session, pending):
        return close_in(session, pending, hub, number, status)


def close_in(
    session: Session, pending: PendingChanges, hub: Hub, number: str, status: CollectionStatus
) -> WebOrder:
    """``close_web_order`` in the caller's transaction."""
    if status not in (CollectionStatus.CANCELLED, CollectionStatus.EXPIRED):
        raise Conflict("only cancelled or expired can be set from head office")
    store_id = session.execute(
        select(WebOrderRow.store_id).where(WebOrderRow.number == number)
    ).scalar_one_or_none()
    if store_id is None:
        raise NotFound(f"no web order {number!r}")
    current = session.execute(
        select(WebOrderRow.status).where(WebOrderRow.number == number)
    ).scalar_one()
    if current == CollectionStatus.PARTIALLY_COLLECTED:
        # Only the store knows what the customer took away, so only it can close the rest.
        raise Conflict(f"order {number} is partly collected: the store closes the rest")
    reason = change_status(
        session, pending, store_id=store_id, number=number, status=status, hub=hub
    )
    if reason is not None:
        raise Conflict(reason)
    row, customer = session.execute(
        select(WebOrderRow, Customer)
        .join(Customer, Customer.id == WebOrderRow.customer_id)
        .where(WebOrderRow.number == number)
    ).one()
    return order_out(row, customer)
