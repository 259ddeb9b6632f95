"""Shopify webhooks as Shopify sends them (docs/architecture.md §6, "Web store").

Authentication is the shop's own: ``X-Shopify-Hmac-Sha256`` is the base64 HMAC-SHA256 of the
raw request body under the shop's webhook secret (``omnitill hub add-shop``), compared in
constant time; ``X-Shopify-Shop-Domain`` says which shop (and so which secret). No admin token:
Shopify cannot send one. Every ``X-Shopify-Webhook-Id`` is recorded once, in the transaction
that applies it, so a repeated delivery (Shopify retries, or sends twice at once) answers 200
without applying anything again.

Topics: ``orders/create`` and ``orders/updated`` (a local pickup becomes a web order of the
pickup store, an order to be shipped one of the chain's warehouse, holding its stock there,
§7b; an update cancels, marks paid, or flags an edit), ``orders/cancelled`` (the order
is cancelled at the store; a paid one gets its refund request for exactly what was paid) and
``refunds/create`` (what Shopify paid back is recorded exactly). What the hub will not take as
sent is kept, with the reason, for head office (``omnitill hub shopify-flags``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub import web_orders
from sync.hub.context import Hub
from sync.hub.db import dialect_insert
from sync.hub.errors import Conflict, Invalid, NotFound, Unauthorized, describe
from sync.hub.feed import PendingChanges
from sync.hub.models import (
    Customer,
    Product,
    ShopifyDelivery,
    ShopifyFlag,
    ShopifyRefund,
    ShopifyShop,
    StockLocation,
    Store,
    WebOrderRow,
)
from sync.hub.shopify import (
    PICKUP_ATTRIBUTE,
    MoneySet,
    NeedsReview,
    ShopifyOrder,
    is_pickup,
    map_shopify_order,
    minor,
)
from sync.protocol import CollectionStatus, PaymentStatus, WebOrderIn

TOPICS = ("orders/create", "orders/updated", "orders/cancelled", "refunds/create")
SHOP_DOMAIN = r"^[a-z0-9][a-z0-9.-]{0,253}$"
MAX_HEADER = 200
MAX_OUTCOME = 500
CLOSED = {
    str(CollectionStatus.CANCELLED),
    str(CollectionStatus.EXPIRED),
    str(CollectionStatus.COLLECTED),
    str(CollectionStatus.SHIPPED),
}


def signature(secret: str, body: bytes) -> str:
    """Shopify's X-Shopify-Hmac-Sha256 for ``body``: base64 of HMAC-SHA256 under the secret."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


@dataclass(frozen=True)
class Delivery:
    """The X-Shopify-* headers of one request (None when missing)."""

    hmac: str | None
    shop_domain: str | None
    topic: str | None
    webhook_id: str | None


@dataclass(frozen=True)
class Outcome:
    status: str  # applied, duplicate, flagged, ignored
    detail: str
    order_number: str | None = None


class Flag(BaseModel):
    """A kept webhook as head office lists it (``GET /v1/admin/shopify/flags``)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    shop_domain: str
    topic: str
    shopify_id: str
    reason: str
    created_at: datetime


class _Shopify(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class RefundTransaction(_Shopify):
    kind: Annotated[str, StringConstraints(max_length=32)] = ""
    status: Annotated[str, StringConstraints(max_length=32)] | None = None
    amount: Annotated[str, StringConstraints(max_length=32)] = "0"
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None


class RefundLineItemRef(_Shopify):
    sku: Annotated[str, StringConstraints(max_length=500)] | None = None


class RefundLineItem(_Shopify):
    quantity: Annotated[int, Field(ge=0, le=1_000_000)]
    line_item: RefundLineItemRef | None = None
    subtotal_set: MoneySet | None = None


class ShopifyRefundIn(_Shopify):
    id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    order_id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    transactions: list[RefundTransaction] = Field(default=[], max_length=100)
    refund_line_items: list[RefundLineItem] = Field(default=[], max_length=500)


def add_shop(hub: Hub, *, shop_domain: str, secret: str, store_id: str) -> None:
    """Connect a shop (or change its secret or store)."""
    domain = shop_domain.strip().lower()
    if not re.match(SHOP_DOMAIN, domain):
        raise Invalid(f"{shop_domain!r} is not a shop domain like example.myshopify.com")
    secret = secret.strip()
    if not 8 <= len(secret) <= 255:
        raise Invalid("the webhook secret must be 8 to 255 characters")
    with hub.db.write() as session:
        if session.get(Store, store_id) is None:
            raise NotFound(f"no store {store_id!r}")
        values = {
            "shop_domain": domain,
            "webhook_secret": secret,
            "store_id": store_id,
            "created_at": hub.clock(),
        }
        stmt = dialect_insert(session, ShopifyShop).values(values)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["shop_domain"],
                set_={
                    "webhook_secret": stmt.excluded.webhook_secret,
                    "store_id": stmt.excluded.store_id,
                },
            )
        )


def _headers(delivery: Delivery) -> tuple[str, str, str, str]:
    values = (delivery.hmac, delivery.shop_domain, delivery.topic, delivery.webhook_id)
    names = (
        "X-Shopify-Hmac-Sha256",
        "X-Shopify-Shop-Domain",
        "X-Shopify-Topic",
        "X-Shopify-Webhook-Id",
    )
    missing = [n for n, v in zip(names, values, strict=True) if not v]
    if missing:
        raise Unauthorized(f"missing {', '.join(missing)}: not a Shopify webhook")
    if any(len(v or "") > MAX_HEADER for v in values):
        raise Unauthorized("a Shopify header is too long")
    hmac_value, shop, topic, webhook_id = (v or "" for v in values)
    return hmac_value, shop.lower(), topic, webhook_id


def authenticate(hub: Hub, delivery: Delivery, body: bytes) -> ShopifyShop:
    """The shop whose secret signed ``body``; Unauthorized otherwise (nothing is stored)."""
    given, domain, _, _ = _headers(delivery)
    with hub.db.read() as session:
        shop = session.get(ShopifyShop, domain)
    if shop is None:
        raise Unauthorized(f"shop {domain!r} is not connected (omnitill hub add-shop)")
    expected = signature(shop.webhook_secret, body).encode("ascii")
    if not hmac.compare_digest(expected, given.encode("utf-8", "replace")):
        raise Unauthorized("X-Shopify-Hmac-Sha256 does not match the body")
    return shop


def receive(hub: Hub, delivery: Delivery, body: bytes) -> Outcome:
    """Authenticate, parse and apply one delivery, exactly once per webhook id."""
    shop = authenticate(hub, delivery, body)
    _, domain, topic, webhook_id = _headers(delivery)
    if topic not in TOPICS:
        raise Invalid(f"topic {topic!r} is not handled (subscribe to {', '.join(TOPICS)})")
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(f"the body is not JSON: {exc}") from None
    if not isinstance(document, dict):
        raise Invalid("the body is not a JSON object")
    try:
        parsed: ShopifyOrder | ShopifyRefundIn = (
            ShopifyRefundIn.model_validate(document)
            if topic == "refunds/create"
            else ShopifyOrder.model_validate(document)
        )
    except ValidationError as exc:
        raise Invalid(f"not a Shopify {topic} payload: {describe(exc)}") from None
    with hub.change() as (session, pending):
        claimed = session.execute(
            dialect_insert(session, ShopifyDelivery)
            .values(
                webhook_id=webhook_id,
                shop_domain=domain,
                topic=topic,
                outcome="",
                received_at=hub.clock(),
            )
            .on_conflict_do_nothing(index_elements=["webhook_id"])
            .returning(ShopifyDelivery.webhook_id)
        ).first()
        if claimed is None:
            return Outcome("duplicate", f"webhook {webhook_id} was already received")
        inner = PendingChanges()
        try:
            with session.begin_nested():  # a refused order leaves nothing half-written
                outcome = _apply(session, inner, hub, shop, topic, parsed)
            pending.changes.extend(inner.changes)
        except (NeedsReview, Conflict, NotFound) as exc:
            reason = exc.reason if isinstance(exc, NeedsReview) else exc.detail
            outcome = Outcome("flagged", reason)
        if outcome.status == "flagged":
            session.add(
                ShopifyFlag(
                    shop_domain=domain,
                    topic=topic,
                    webhook_id=webhook_id,
                    shopify_id=str(parsed.id),
                    reason=outcome.detail,
                    payload=body.decode("utf-8", "replace"),
                    created_at=hub.clock(),
                )
            )
        row = session.get(ShopifyDelivery, webhook_id)
        assert row is not None  # inserted above in this transaction
        row.outcome = f"{outcome.status}: {outcome.detail}"[:MAX_OUTCOME]
    return outcome


def _apply(
    session: Session,
    pending: PendingChanges,
    hub: Hub,
    shop: ShopifyShop,
    topic: str,
    parsed: ShopifyOrder | ShopifyRefundIn,
) -> Outcome:
    if isinstance(parsed, ShopifyRefundIn):
        return _record_refund(session, hub, shop, parsed)
    existing = session.execute(
        select(WebOrderRow).where(WebOrderRow.external_id == f"shopify:{parsed.id}")
    ).scalar_one_or_none()
    if topic == "orders/cancelled" or (parsed.cancelled_at and topic == "orders/updated"):
        if existing is None:
            return Outcome("ignored", f"order {parsed.id} is not a store order here")
        if existing.status in CLOSED:
            return Outcome(
                "ignored", f"order {existing.number} is already {existing.status}", existing.number
            )
        web_orders.close_in(session, pending, hub, existing.number, CollectionStatus.CANCELLED)
        return Outcome("applied", f"order {existing.number} cancelled", existing.number)
    if existing is not None:
        return _update(session, pending, hub, shop, parsed, existing)
    if parsed.cancelled_at:
        return Outcome("ignored", f"order {parsed.id} is already cancelled in Shopify")
    spec = _map(session, shop, parsed)
    created = web_orders.insert_web_order(session, pending, hub, spec, source="shopify")
    return Outcome("applied", f"web order {created.order.number} created", created.order.number)


def _fulfilling_store(session: Session, shop: ShopifyShop, order: ShopifyOrder) -> Store:
    """Where the order's units are held: the pickup store, or for an order to be shipped the
    chain's warehouse (docs/architecture.md §7b; several: the first by id, deterministically)."""
    if not is_pickup(order):
        warehouse = session.scalars(
            select(Store)
            .join(StockLocation, StockLocation.store_id == Store.store_id)
            .where(StockLocation.kind == "warehouse")
            .order_by(Store.store_id)
            .limit(1)
        ).first()
        if warehouse is None:
            raise NeedsReview(
                f"order {order.id} is to be shipped but no location is marked warehouse "
                "(omnitill hub set-location --kind warehouse): nothing ships it or holds its stock"
            )
        return warehouse
    chosen = {a.name: a.value for a in order.note_attributes}.get(PICKUP_ATTRIBUTE)
    store = session.get(Store, chosen or shop.store_id)
    if store is None:
        raise NeedsReview(f"the pickup store {chosen!r} the checkout chose does not exist")
    return store


def _map(session: Session, shop: ShopifyShop, order: ShopifyOrder) -> WebOrderIn:
    store = _fulfilling_store(session, shop, order)
    skus = {item.sku for item in order.line_items if item.sku}
    known = set(session.scalars(select(Product.sku).where(Product.sku.in_(skus), Product.active)))
    return map_shopify_order(
        order,
        store_id=store.store_id,
        store_currency=store.currency,
        store_tax_mode=store.tax_mode,
        known_skus=known,
    )


def _update(
    session: Session,
    pending: PendingChanges,
    hub: Hub,
    shop: ShopifyShop,
    order: ShopifyOrder,
    row: WebOrderRow,
) -> Outcome:
    """orders/updated for an order the store has: a payment arrives, or an edit is flagged."""
    spec = _map(session, shop, order)
    sent = [line.model_dump() for line in spec.lines]
    if sent != json.loads(row.lines):
        raise NeedsReview(
            f"order {row.number} was edited in Shopify after it reached store {row.store_id}: "
            "its lines or amounts changed; the store still has the old ones"
        )
    if row.payment_status == spec.payment_status:
        return Outcome("ignored", f"order {row.number} has not changed", row.number)
    if spec.payment_status is PaymentStatus.PAID and row.status not in CLOSED:
        row.payment_status = str(PaymentStatus.PAID)
        row.updated_at = hub.clock()
        session.flush()
        customer = session.get(Customer, row.customer_id)
        assert customer is not None  # a foreign key
        web_orders.feed_order(pending, web_orders.order_out(row, customer))
        return Outcome("applied", f"order {row.number} is now paid online", row.number)
    raise NeedsReview(
        f"order {row.number} went from {row.payment_status} to {spec.payment_status} in Shopify"
    )


def _record_refund(
    session: Session, hub: Hub, shop: ShopifyShop, refund: ShopifyRefundIn
) -> Outcome:
    store = session.get(Store, shop.store_id)
    assert store is not None  # a foreign key
    currency = store.currency
    amount = 0
    for i, t in enumerate(refund.transactions):
        if t.kind != "refund" or t.status not in (None, "success"):
            continue
        if t.currency is not None and t.currency != currency:
            raise NeedsReview(f"refund {refund.id} was paid in {t.currency}, not {currency}")
        amount += minor(t.amount, currency, f"transactions.{i}")
    quantities: dict[str, int] = {}
    for item in refund.refund_line_items:
        sku = (item.line_item.sku if item.line_item else None) or "?"
        quantities[sku] = quantities.get(sku, 0) + item.quantity
    external = f"shopify:{refund.order_id}"
    order = session.execute(
        select(WebOrderRow).where(WebOrderRow.external_id == external)
    ).scalar_one_or_none()
    session.execute(
        dialect_insert(session, ShopifyRefund)
        .values(
            refund_id=str(refund.id),
            shop_domain=shop.shop_domain,
            order_external_id=external,
            order_number=order.number if order else None,
            amount_minor=amount,
            currency=currency,
            quantities=json.dumps(quantities, sort_keys=True),
            created_at=hub.clock(),
        )
        .on_conflict_do_nothing(index_elements=["refund_id"])
    )
    detail = f"refund {refund.id}: {amount} minor units of {currency} paid back by Shopify"
    if order is not None and order.status not in CLOSED and quantities:
        # Goods refunded online must not be handed over: someone has to tell the store.
        return Outcome(
            "flagged",
            f"{detail} for {sum(quantities.values())} item(s) of order {order.number}, which "
            f"store {order.store_id} still holds ({order.status}): do not hand them over",
            order.number,
        )
    return Outcome("applied", detail, order.number if order else None)


def list_flags(session: Session, *, limit: int = 100) -> list[Flag]:
    rows = session.scalars(
        select(ShopifyFlag)
        .where(ShopifyFlag.resolved_at.is_(None))
        .order_by(ShopifyFlag.id.desc())
        .limit(limit)
    )
    return [Flag.model_validate(row) for row in rows]


def list_refunds(session: Session, *, limit: int = 100) -> list[ShopifyRefund]:
    query = select(ShopifyRefund).order_by(ShopifyRefund.created_at.desc()).limit(limit)
    return list(session.scalars(query))


__all__ = [
    "TOPICS",
    "Delivery",
    "Flag",
    "Outcome",
    "add_shop",
    "authenticate",
    "list_flags",
    "list_refunds",
    "receive",
    "signature",
]
