"""Mapping a Shopify "orders/create" webhook payload to a click-and-collect ``WebOrderIn``.

Only the fields we need are declared (the real payload has a hundred more, ignored). Shopify
sends prices as decimal strings in the shop currency, quantities as whole units, and the
payment state as ``financial_status``. The pickup store comes from the request
(``?pickup_store=``) or from a ``pickup_store`` note attribute set by the shop's checkout.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from pos_app.domain.money import minor_units_of
from sync.hub.errors import Invalid, describe
from sync.protocol import MAX_LINES, PaymentStatus, WebOrderIn

# authorized: the card is held and captured by the web shop at hand-over; to the store that
# is already paid. pending: the "pay in store" manual payment method.
FINANCIAL_STATUS = {
    "paid": PaymentStatus.PAID,
    "authorized": PaymentStatus.PAID,
    "pending": PaymentStatus.PAY_IN_STORE,
}
PICKUP_ATTRIBUTE = "pickup_store"

Text = Annotated[str, StringConstraints(max_length=500)]


class _Shopify(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ShopifyCustomer(_Shopify):
    email: Text | None = None
    first_name: Text | None = None
    last_name: Text | None = None
    phone: Text | None = None


class ShopifyLineItem(_Shopify):
    sku: Text | None = None
    title: Text = ""
    name: Text = ""
    quantity: Annotated[int, Field(ge=1, le=1_000_000)]
    price: Annotated[str, StringConstraints(max_length=32)]


class ShopifyNoteAttribute(_Shopify):
    name: Text
    value: Text | None = None


class ShopifyOrder(_Shopify):
    id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    name: Text | None = None
    order_number: Annotated[int, Field(ge=0, le=2**63 - 1)] | None = None
    email: Text | None = None
    contact_email: Text | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    financial_status: Text | None = None
    customer: ShopifyCustomer | None = None
    line_items: list[ShopifyLineItem] = Field(min_length=1, max_length=MAX_LINES)
    note_attributes: list[ShopifyNoteAttribute] = Field(default=[], max_length=100)


def _minor(price: str, currency: str, where: str) -> int:
    exponent = minor_units_of(currency)
    try:
        amount = Decimal(price) * (10**exponent)
    except InvalidOperation:
        raise Invalid(f"{where}: price {price!r} is not a decimal number") from None
    if not amount.is_finite() or amount != amount.to_integral_value() or amount < 0:
        raise Invalid(f"{where}: price {price!r} is not a valid {currency} amount")
    return int(amount)


def map_shopify_order(order: ShopifyOrder, pickup_store: str | None) -> WebOrderIn:
    status = FINANCIAL_STATUS.get(order.financial_status or "")
    if status is None:
        raise Invalid(
            f"financial_status {order.financial_status!r} is not a click-and-collect order "
            f"the store can hand over (expected one of {', '.join(FINANCIAL_STATUS)})"
        )
    attributes = {a.name: a.value for a in order.note_attributes}
    store = pickup_store or attributes.get(PICKUP_ATTRIBUTE)
    if not store:
        raise Invalid(f"no pickup store: pass ?pickup_store= or a {PICKUP_ATTRIBUTE!r} attribute")
    customer = order.customer or ShopifyCustomer()
    email = customer.email or order.email or order.contact_email
    if not email:
        raise Invalid("the order has no customer email")
    full_name = " ".join(p for p in (customer.first_name, customer.last_name) if p)
    lines: list[dict[str, object]] = []
    for i, item in enumerate(order.line_items):
        label = item.name or item.title or f"line {i + 1}"
        if not item.sku:
            raise Invalid(f"line_items.{i} ({label!r}) has no SKU; the store cannot pick it")
        lines.append(
            {
                "sku": item.sku,
                "name": label[:200],
                "quantity_milli": item.quantity * 1000,
                "unit_price_minor": _minor(item.price, order.currency, f"line_items.{i}"),
            }
        )
    number = (order.name or "").lstrip("#") or str(order.order_number or order.id)
    document = {
        "number": f"SHOP-{number}",
        "pickup_store_id": store,
        "customer": {"email": email, "name": full_name[:200], "phone": customer.phone or None},
        "currency": order.currency,
        "payment_status": status,
        "lines": lines,
        "external_id": f"shopify:{order.id}",
    }
    try:
        return WebOrderIn.model_validate(document)
    except ValidationError as exc:
        raise Invalid(f"cannot map the Shopify order: {describe(exc)}") from None
