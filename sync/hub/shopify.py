"""A Shopify order as a click-and-collect ``WebOrderIn``, with Shopify's own money.

Only the fields we need are declared (the real payload has a hundred more, ignored). Amounts
are taken in the shop's currency (``*_set.shop_money``, else the plain string, which is the
same amount) exactly as Shopify computed them: a line costs ``price × quantity`` less its
``discount_allocations`` (line discounts and its share of order-level discounts), plus its
``tax_lines`` when the shop's prices exclude tax. The lines and shipping must add up to
Shopify's ``current_total_price`` (what the customer owes after edits and refunds); an order
whose amounts do not add up is flagged for head office, never recomputed our way.

The store charges (pay in store) and refunds (cancelled paid order) by line: unit price ×
quantity. A discounted line seldom divides into whole minor units, so a line of n units costing
A is sent as at most two lines, at ⌊A/n⌋ and ⌊A/n⌋ + 1, which add up to A exactly.

What the hub cannot take as sent raises ``NeedsReview`` (kept for head office with the reason);
a payload that is not a Shopify order at all raises ``Invalid`` (a 4xx, nothing stored).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from pos_app.domain.errors import LocaleError
from pos_app.domain.l10n.locales import check_language_tag
from pos_app.domain.money import minor_units_of
from sync.hub.errors import Invalid, describe
from sync.protocol import MAX_LINES, PaymentStatus, WebOrderIn

# authorized: the card is held and captured by the web shop at hand-over; to the store that
# is already paid. pending: the "pay in store" manual payment method.
FINANCIAL_STATUS = {
    "paid": PaymentStatus.PAID,
    "authorized": PaymentStatus.PAID,
    # Paid, then part refunded: what is left (current_quantity) is paid for.
    "partially_refunded": PaymentStatus.PAID,
    "pending": PaymentStatus.PAY_IN_STORE,
}
PICKUP_ATTRIBUTE = "pickup_store"
# Shopify's REST order carries no delivery-method field; a local pickup shows as a shipping
# line whose code or title names the pickup (the pickup location's settings decide the text).
PICKUP_WORDS = ("pickup", "pick-up", "pick up", "collect")

Text = Annotated[str, StringConstraints(max_length=500)]
Amount = Annotated[str, StringConstraints(max_length=32)]


class NeedsReview(Exception):
    """A genuine Shopify order the hub will not apply as sent; head office sees why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason[:2000]


class _Shopify(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ShopMoney(_Shopify):
    amount: Amount
    currency_code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class MoneySet(_Shopify):
    shop_money: ShopMoney


class Priced(_Shopify):
    """Shopify's pair of an amount and the same amount in shop and presentment money."""

    amount: Amount | None = None
    amount_set: MoneySet | None = None
    price: Amount | None = None
    price_set: MoneySet | None = None


class ShopifyCustomer(_Shopify):
    email: Text | None = None
    first_name: Text | None = None
    last_name: Text | None = None
    phone: Text | None = None


class ShopifyLineItem(Priced):
    id: Annotated[int, Field(ge=0, le=2**63 - 1)] | None = None
    sku: Text | None = None
    title: Text = ""
    name: Text = ""
    quantity: Annotated[int, Field(ge=1, le=1_000_000)]
    current_quantity: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    price: Amount
    discount_allocations: list[Priced] = Field(default=[], max_length=100)
    tax_lines: list[Priced] = Field(default=[], max_length=100)


class ShopifyShippingLine(Priced):
    code: Text | None = None
    title: Text | None = None
    source: Text | None = None
    price: Amount = "0"
    discount_allocations: list[Priced] = Field(default=[], max_length=100)
    tax_lines: list[Priced] = Field(default=[], max_length=100)


class ShopifyNoteAttribute(_Shopify):
    name: Text
    value: Text | None = None


class ShopifyAddress(_Shopify):
    name: Text | None = None
    address1: Text | None = None
    address2: Text | None = None
    city: Text | None = None
    zip: Text | None = None
    country: Text | None = None

    def one_line(self) -> str:
        town = " ".join(p for p in (self.zip, self.city) if p)
        parts = (self.name, self.address1, self.address2, town, self.country)
        return ", ".join(p for p in parts if p)[:500]


class ShopifyOrder(_Shopify):
    id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    name: Text | None = None
    order_number: Annotated[int, Field(ge=0, le=2**63 - 1)] | None = None
    email: Text | None = None
    contact_email: Text | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    presentment_currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    financial_status: Text | None = None
    taxes_included: bool = False
    cancelled_at: Text | None = None
    total_price: Amount | None = None
    total_price_set: MoneySet | None = None
    current_total_price: Amount | None = None
    current_total_price_set: MoneySet | None = None
    customer: ShopifyCustomer | None = None
    line_items: list[ShopifyLineItem] = Field(min_length=1, max_length=MAX_LINES)
    shipping_lines: list[ShopifyShippingLine] = Field(default=[], max_length=20)
    note_attributes: list[ShopifyNoteAttribute] = Field(default=[], max_length=100)
    shipping_address: ShopifyAddress | None = None
    # The language the customer shopped in ("fr", "en-CA", "fr-Fr"), or null: unchecked here,
    # since a tag we cannot read must not hold the order (``customer_language``).
    customer_locale: Annotated[str, StringConstraints(max_length=100)] | None = None


def customer_language(order: ShopifyOrder) -> str | None:
    """The customer's language as the hub keeps it; None (the store's) when Shopify sent none
    or one we cannot read."""
    if order.customer_locale is None:
        return None
    try:
        return check_language_tag(order.customer_locale)
    except LocaleError:
        return None


def minor(amount: str, currency: str, where: str) -> int:
    """A Shopify decimal string as integer minor units of ``currency``."""
    exponent = minor_units_of(currency)
    try:
        value = Decimal(amount) * (10**exponent)
    except InvalidOperation:
        raise Invalid(f"{where}: amount {amount!r} is not a decimal number") from None
    if not value.is_finite() or value != value.to_integral_value() or value < 0:
        raise Invalid(f"{where}: amount {amount!r} is not a valid {currency} amount")
    return int(value)


def shop_amount(plain: str | None, money: MoneySet | None, currency: str, where: str) -> int:
    """The shop-money amount (``*_set`` when sent, else the plain string)."""
    if money is not None:
        if money.shop_money.currency_code != currency:
            raise Invalid(
                f"{where}: shop money in {money.shop_money.currency_code}, not {currency}"
            )
        return minor(money.shop_money.amount, currency, where)
    return minor(plain or "0", currency, where)


def _allocated(items: list[Priced], currency: str, where: str) -> int:
    return sum(
        shop_amount(a.amount, a.amount_set, currency, f"{where}.discount_allocations.{i}")
        for i, a in enumerate(items)
    )


def _taxed(items: list[Priced], currency: str, where: str) -> int:
    return sum(
        shop_amount(t.price, t.price_set, currency, f"{where}.tax_lines.{i}")
        for i, t in enumerate(items)
    )


def line_amount(order: ShopifyOrder, index: int) -> tuple[int, int]:
    """(units still ordered, what they cost the customer in minor units, tax included)."""
    item = order.line_items[index]
    where = f"line_items.{index}"
    cur = order.currency
    gross = shop_amount(item.price, item.price_set, cur, where) * item.quantity
    gross -= _allocated(item.discount_allocations, cur, where)
    if not order.taxes_included:
        gross += _taxed(item.tax_lines, cur, where)
    units = item.quantity if item.current_quantity is None else item.current_quantity
    if units == item.quantity:
        return units, gross
    # Part of the line was removed or refunded: what is left costs its share, rounded half up.
    return units, (gross * units * 2 + item.quantity) // (2 * item.quantity)


def shipping_amount(order: ShopifyOrder) -> int:
    total = 0
    for i, line in enumerate(order.shipping_lines):
        where = f"shipping_lines.{i}"
        total += shop_amount(line.price, line.price_set, order.currency, where)
        total -= _allocated(line.discount_allocations, order.currency, where)
        if not order.taxes_included:
            total += _taxed(line.tax_lines, order.currency, where)
    return total


def shopify_total(order: ShopifyOrder) -> int:
    """What Shopify says the customer owes now (current total, else the original total)."""
    if order.current_total_price_set is not None or order.current_total_price is not None:
        return shop_amount(
            order.current_total_price, order.current_total_price_set, order.currency,
            "current_total_price",
        )  # fmt: skip
    return shop_amount(order.total_price, order.total_price_set, order.currency, "total_price")


def checked_total(order: ShopifyOrder) -> int:
    """Shopify's current total, after checking that lines and shipping add up to it."""
    lines = sum(line_amount(order, i)[1] for i in range(len(order.line_items)))
    shipping = shipping_amount(order)
    total = shopify_total(order)
    if lines + shipping != total:
        raise NeedsReview(
            f"Shopify's total {total} does not equal its lines ({lines}) plus shipping "
            f"({shipping}) in minor units of {order.currency}; check the order in Shopify"
        )
    return total


def is_pickup(order: ShopifyOrder) -> bool:
    """A local pickup: a shipping line that names one, or a pickup_store attribute."""
    if any(a.name == PICKUP_ATTRIBUTE and a.value for a in order.note_attributes):
        return True
    for line in order.shipping_lines:
        text = f"{line.code or ''} {line.title or ''}".casefold()
        if any(word in text for word in PICKUP_WORDS):
            return True
    return False


def split_amount(units: int, amount: int) -> list[tuple[int, int]]:
    """n units costing ``amount`` as ≤ 2 (units, unit price) parts adding up exactly."""
    base, extra = divmod(amount, units)
    return [(n, price) for n, price in ((units - extra, base), (extra, base + 1)) if n]


def map_shopify_order(
    order: ShopifyOrder,
    *,
    store_id: str,
    store_currency: str,
    store_tax_mode: str,
    known_skus: set[str],
) -> WebOrderIn:
    """The pickup order for ``store_id``; ``NeedsReview`` when the hub must not take it as is."""
    status = FINANCIAL_STATUS.get(order.financial_status or "")
    if status is None:
        raise NeedsReview(
            f"financial_status {order.financial_status!r} is not an order a store can hand "
            f"over (expected one of {', '.join(FINANCIAL_STATUS)})"
        )
    if order.currency != store_currency:
        raise NeedsReview(
            f"the order is in {order.currency}; store {store_id} sells in {store_currency}"
        )
    presented = order.presentment_currency or order.currency
    if status is PaymentStatus.PAY_IN_STORE and presented != order.currency:
        raise NeedsReview(
            f"the customer was shown prices in {presented}; the store would charge "
            f"{order.currency}: a pay-in-store order must be in the shop's currency"
        )
    if store_tax_mode != "inclusive":
        raise NeedsReview(
            f"store {store_id} prices exclude tax: its till would add its own tax to "
            "Shopify's amounts, so the customer would not pay Shopify's total"
        )
    checked_total(order)
    shipping = shipping_amount(order)
    if shipping:
        raise NeedsReview(
            f"a pickup order with a shipping charge of {shipping} minor units: the store "
            "charges and refunds goods only"
        )
    customer = order.customer or ShopifyCustomer()
    email = customer.email or order.email or order.contact_email
    if not email:
        raise NeedsReview("the order has no customer email: the store cannot tell them")
    lines: list[dict[str, object]] = []
    for i, item in enumerate(order.line_items):
        label = (item.name or item.title or f"line {i + 1}")[:200]
        units, amount = line_amount(order, i)
        if units == 0:
            continue  # removed by an edit or refunded before it reached the store
        if not item.sku:
            raise NeedsReview(f"line_items.{i} ({label!r}) has no SKU; the store cannot pick it")
        if item.sku not in known_skus:
            raise NeedsReview(f"SKU {item.sku!r} ({label!r}) is not in the hub's catalog")
        lines.extend(
            {"sku": item.sku, "name": label, "quantity_milli": n * 1000, "unit_price_minor": price}
            for n, price in split_amount(units, amount)
        )
    if not lines:
        raise NeedsReview("nothing is left to hand over: every line was removed or refunded")
    number = (order.name or "").lstrip("#") or str(order.order_number or order.id)
    full_name = " ".join(p for p in (customer.first_name, customer.last_name) if p)
    document: dict[str, object] = {
        "number": f"SHOP-{number}",
        "pickup_store_id": store_id,
        "customer": {"email": email, "name": full_name[:200], "phone": customer.phone or None},
        "currency": order.currency,
        "payment_status": status,
        "lines": lines,
        "external_id": f"shopify:{order.id}",
        "customer_locale": customer_language(order),
    }
    if not is_pickup(order):
        address = order.shipping_address.one_line() if order.shipping_address else ""
        document |= {"fulfilment": "delivery", "deliver_to": address or None}
    try:
        return WebOrderIn.model_validate(document)
    except ValidationError as exc:
        raise NeedsReview(f"cannot map the Shopify order: {describe(exc)}") from None
