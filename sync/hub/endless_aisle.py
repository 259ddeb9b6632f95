"""Endless aisle at the hub (docs/architecture.md, "One stock truth"): a sale a till made for
goods another store or the warehouse hands over or ships.

The till sells and is paid in one transaction; its ``sale.completed`` event carries the
``aisle_order`` (its lines moved no stock at the selling store). When the hub applies that
event, in the same transaction, the order becomes a paid web order at the fulfilling location:
it reserves stock there (``stock_truth``), appears in that store's click-and-collect queue
through its feed (a warehouse's list is its own queue), can be returned in any store like
any web order, and the customer's confirmation e-mail is queued. The event id is idempotent
and the order's ``external_id`` is ``aisle:<sale uuid>``, so a repeat makes nothing twice.

Sold offline, the stock check happens here, when the event arrives: a shortfall never refuses
the order (the customer has paid) but is answered as a warning the till shows, for the
fulfilling store or head office to resolve.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from sync.hub import stock_truth
from sync.hub.context import Hub
from sync.hub.feed import PendingChanges
from sync.hub.models import AisleOrderRow, CustomerNotificationRow, Store
from sync.hub.notifications import format_minor
from sync.hub.web_orders import insert_web_order
from sync.protocol import (
    NotificationKind,
    NotificationStatus,
    PaymentStatus,
    SalePayload,
    WebOrderIn,
)


def record_aisle_order(
    session: Session, pending: PendingChanges, hub: Hub, sale: SalePayload
) -> list[str]:
    """Create the sale's aisle order (once); the warnings for the till."""
    aisle = sale.aisle_order
    if aisle is None:
        return []
    fulfil = session.get(Store, aisle.fulfil_store_id)
    if fulfil is None:
        return [
            f"aisle order {aisle.number}: no store {aisle.fulfil_store_id!r} to fulfil it; "
            "head office must arrange it"
        ]
    if aisle.mode == "delivery" and not (aisle.delivery_address or "").strip():
        return [f"aisle order {aisle.number}: no delivery address; head office must ask"]
    spec = WebOrderIn.model_validate(
        {
            "number": aisle.number,
            "pickup_store_id": aisle.fulfil_store_id,
            "customer": {
                "email": aisle.customer_email,
                "name": aisle.customer_name,
                "phone": aisle.customer_phone,
            },
            "currency": sale.currency,
            "payment_status": PaymentStatus.PAID,
            "lines": [
                {
                    "sku": line.sku,
                    "name": line.name,
                    "quantity_milli": line.quantity_milli,
                    "unit_price_minor": line.unit_price_minor,
                }
                for line in aisle.lines
            ],
            "external_id": f"aisle:{sale.sale_uuid}",
            "fulfilment": aisle.mode,
            "deliver_to": aisle.delivery_address if aisle.mode == "delivery" else None,
        }
    )
    created = insert_web_order(session, pending, hub, spec, source="till")
    if not created.created:
        return []
    now = hub.clock()
    session.add(
        AisleOrderRow(
            order_number=aisle.number,
            sale_uuid=str(sale.sale_uuid),
            sold_at_store_id=sale.store_id,
            till_id=sale.till_id,
            mode=aisle.mode,
            delivery_address=aisle.delivery_address,
            created_at=now,
        )
    )
    order = created.order
    how = (
        f"for pickup at {fulfil.name} (pickup code {order.pickup_code})"
        if aisle.mode == "pickup"
        else f"for delivery to {aisle.delivery_address}, sent from {fulfil.name}"
    )
    lines = [
        f"Hello {aisle.customer_name or aisle.customer_email},",
        "",
        f"Thank you for your order {order.number}, paid in store "
        f"({format_minor(order.total_minor, order.currency)}), {how}.",
        *(f"  {line.quantity_milli / 1000:g} x {line.name or line.sku}" for line in aisle.lines),
        "We will tell you when it is ready." if aisle.mode == "pickup" else "",
        "",
        fulfil.name,
    ]
    session.add(
        CustomerNotificationRow(
            order_number=order.number,
            store_id=aisle.fulfil_store_id,
            kind=str(NotificationKind.ORDER_CONFIRMED),
            recipient_email=aisle.customer_email.lower(),
            subject=f"Your order {order.number} is confirmed"[:200],
            body="\n".join(lines),
            pickup_code=order.pickup_code if aisle.mode == "pickup" else None,
            status=str(NotificationStatus.QUEUED),
            created_at=now,
            attempts=0,
        )
    )
    session.flush()
    skus = sorted({line.sku for line in aisle.lines})
    short = {
        sku: level
        for sku, level in stock_truth.available_at(session, aisle.fulfil_store_id, skus).items()
        if level < 0
    }
    return [
        f"aisle order {order.number}: {fulfil.name} is short of {sku} by {-level / 1000:g} "
        "(the order stands; the store or head office resolves it)"
        for sku, level in sorted(short.items())
    ]
