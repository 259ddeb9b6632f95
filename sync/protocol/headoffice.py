"""Head office's side: stores, stock, promotions, coupons, web orders, customers, stored value,
notifications, refunds to make and quarantined events.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from pos_app.domain.l10n.locales import DEFAULT_LOCALE
from sync.protocol.common import (
    MAX_AMOUNT,
    MAX_LINES,
    MAX_QUANTITY_MILLI,
    Currency,
    CustomerRef,
    Email,
    LanguageTag,
    LocaleId,
    LoyaltyCard,
    Phone,
    QuantityMilli,
    ShortText,
    Sku,
    StoreId,
    WireModel,
)
from sync.protocol.events import CollectionStatus, OrderNumber, PromoId


class StoreIn(WireModel):
    store_id: StoreId
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    currency: Currency = "EUR"
    tax_mode: Literal["inclusive", "exclusive"] = "inclusive"
    cash_rounding_step: Annotated[str, StringConstraints(pattern=r"^\d{1,3}(\.\d{1,4})?$")] = "0.01"
    locale: LocaleId = DEFAULT_LOCALE  # CLDR, e.g. fr_FR


class EnrollCodeResponse(WireModel):
    store_id: str
    code: str
    expires_at: datetime


class StockLevelIn(WireModel):
    quantity_milli: QuantityMilli


class StockLevel(WireModel):
    store_id: str
    sku: str
    quantity_milli: int
    negative: bool


class PromotionIn(WireModel):
    promo_id: PromoId
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    store_id: StoreId | None = Field(default=None, description="null: every store")
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    rules: dict[str, Any] = Field(description="the promotion engine's rule data, kept as sent")
    currency: Currency | None = Field(
        default=None,
        description="the currency of the rules' amounts; refused for a store selling in another"
        " (null: read in each store's currency)",
    )


class CouponStatus(StrEnum):
    VALID = "valid"  # a code of a current promotion, not redeemed yet (or not single-use)
    USED = "used"  # single-use and already redeemed by a sale the hub has received
    UNKNOWN = "unknown"  # no promotion for this store has this code


class CouponCheckResult(WireModel):
    code: str
    status: CouponStatus
    promo_id: str | None = None
    single_use: bool = False
    redeemed_at: datetime | None = None
    redeemed_store_id: str | None = None


class PaymentStatus(StrEnum):
    PAID = "paid"
    PAY_IN_STORE = "pay_in_store"


class CustomerIn(WireModel):
    email: Email
    name: ShortText = ""
    phone: Phone | None = None


class WebOrderLineIn(WireModel):
    sku: Sku
    name: ShortText = ""
    quantity_milli: Annotated[int, Field(ge=1, le=MAX_QUANTITY_MILLI)]
    unit_price_minor: Annotated[int, Field(ge=0, le=MAX_AMOUNT)]


Fulfilment = Literal["pickup", "delivery"]  # handed over at the store, or shipped from it


class WebOrderIn(WireModel):
    number: OrderNumber
    pickup_store_id: StoreId = Field(description="the location that fulfils (and holds stock)")
    customer: CustomerIn
    currency: Currency
    payment_status: PaymentStatus
    lines: list[WebOrderLineIn] = Field(min_length=1, max_length=MAX_LINES)
    pickup_code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{6,16}$")] | None = Field(
        default=None, description="generated when absent"
    )
    external_id: Annotated[str, StringConstraints(max_length=100)] | None = Field(
        default=None, description="the web store's own id; a repeated one is not a new order"
    )
    fulfilment: Fulfilment = Field(
        default="pickup", description="delivery: the location ships it to deliver_to"
    )
    deliver_to: Annotated[str, StringConstraints(max_length=500)] | None = None
    customer_locale: LanguageTag | None = Field(
        default=None,
        description="the customer's language (BCP 47, e.g. fr or de-AT): their e-mails are "
        "written in it when the hub has it, else in the store's",
    )


class WebOrderLine(WireModel):
    sku: str
    name: str
    quantity_milli: int
    unit_price_minor: int


class WebOrder(WireModel):
    number: str
    pickup_store_id: str
    status: CollectionStatus
    payment_status: PaymentStatus
    pickup_code: str
    currency: str
    total_minor: int
    customer_email: str
    customer_name: str
    customer_phone: str | None
    lines: list[WebOrderLine]
    created_at: datetime
    source: str
    fulfilment: Fulfilment = "pickup"  # defaults: an older hub's orders are all pickups
    deliver_to: str | None = None
    customer_locale: str | None = None  # as checked ("de_AT"); None: not known


class WebOrderCreated(WireModel):
    created: bool = Field(description="false when this external_id was already ingested")
    order: WebOrder


class Customer(WireModel):
    email: str
    name: str
    phone: str | None
    ref: CustomerRef | None = Field(
        default=None, description="the hub's opaque customer id (a UUID)"
    )
    loyalty_card: str | None = None


class CustomerCreate(WireModel):
    email: Email
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    phone: Phone | None = None
    loyalty_card: LoyaltyCard | None = None


class LocationStock(WireModel):
    """One location's stock of a SKU as the hub counts it (docs/architecture.md, one stock truth):
    available-to-sell = on hand - reserved by open web orders - safety stock."""

    store_id: str
    name: str
    kind: Literal["store", "warehouse"]
    region: str = ""
    on_hand_milli: int
    reserved_milli: int
    safety_milli: int
    available_milli: int


class StockLocationIn(WireModel):
    """A store as a stock location (docs/architecture.md §7b); what is not given is kept."""

    kind: Literal["store", "warehouse"] | None = None
    region: Annotated[str, StringConstraints(max_length=100)] | None = None
    safety_milli: Annotated[int, Field(ge=0, le=MAX_QUANTITY_MILLI)] | None = Field(
        default=None, description="held back from the web store for every SKU here"
    )
    hold_days: Annotated[int, Field(ge=1, le=365)] | None = Field(
        default=None, description="uncollected orders expire after this many days"
    )


class StockLocationOut(WireModel):
    store_id: str
    kind: Literal["store", "warehouse"]
    region: str
    safety_milli: int
    hold_days: int


class SafetyStockIn(WireModel):
    quantity_milli: Annotated[int, Field(ge=0, le=MAX_QUANTITY_MILLI)] | None = Field(
        description="null: back to the location's default"
    )


class StockPushOut(WireModel):
    """A web-store stock update still owed (pending) or refused (failed), with why."""

    shop_domain: str
    store_id: str
    sku: str
    status: Literal["pending", "failed"]
    last_sent_level: int | None
    attempts: int
    last_error: str | None
    changed_at: datetime


class StockElsewhere(WireModel):
    sku: str
    levels: list[StockLevel]
    locations: list[LocationStock] = Field(
        default=[], description="every store and warehouse, with its available-to-sell"
    )


class StoredValueKind(StrEnum):
    GIFT_CARD = "gift_card"
    STORE_CREDIT = "store_credit"


class StoredValueIn(WireModel):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{4,64}$")]
    kind: StoredValueKind
    currency: Currency
    balance_minor: Annotated[int, Field(ge=0, le=MAX_AMOUNT)]
    customer_email: Email | None = None


class StoredValueBalance(WireModel):
    code: str
    kind: StoredValueKind
    currency: str
    balance_minor: int


class NotificationKind(StrEnum):
    READY_FOR_PICKUP = "ready_for_pickup"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    ORDER_CONFIRMED = "order_confirmed"  # an endless-aisle order made at a till
    SHIPPED = "shipped"  # a delivery left its store or warehouse


class NotificationStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed by a sender; back to queued if it never reports
    SENT = "sent"
    FAILED = "failed"


class CustomerNotification(WireModel):
    id: int
    order_number: str
    store_id: str
    kind: NotificationKind
    recipient_email: str
    subject: str
    body: str
    pickup_code: str | None
    status: NotificationStatus
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str | None


class RefundRequestStatus(StrEnum):
    REQUESTED = "requested"


class RefundRequest(WireModel):
    id: int
    order_number: str
    store_id: str
    amount_minor: int
    currency: str
    reason: str
    status: RefundRequestStatus
    created_at: datetime
    source_event_id: str | None


class QuarantineState(StrEnum):
    QUARANTINED = "quarantined"  # failed the hub's checks; moved no money or stock yet
    RELEASED = "released"  # head office found it right: applied as if just received
    REJECTED = "rejected"  # head office found it wrong: kept for the record, never applied


class QuarantinedEvent(WireModel):
    """A till event the hub held for head-office review, and why."""

    event_id: str
    store_id: str
    till_id: str
    kind: str
    state: QuarantineState
    reasons: list[str]
    received_at: datetime
    currency: str | None = None
    total_minor: int | None = None
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    review_note: str | None = None
    warnings: list[str] = Field(default=[], description="what releasing it reported")


class QuarantineReview(WireModel):
    note: Annotated[str, StringConstraints(min_length=1, max_length=500)] = Field(
        description="why head office released or rejected it (kept with the event)"
    )
