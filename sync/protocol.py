"""The hub's wire contract, version 1 (docs/architecture.md §6): what tills and head office send and
receive.

Shared by the till's sync client and the hub; nothing here imports either side (only the
shared rules of pos_app.domain: order states, return-policy defaults). Money is
integer minor units and quantities integer thousandths (``*_milli``), as in the till's
database, so no amount ever crosses the wire as a float.

Event payloads are validated per event (not per request): one malformed event in a batch is
rejected alone and the rest are still applied, so a till's outbox is never blocked by one bad
entry. That is why ``EventBatch.events`` is a list of plain objects, each checked against
``EventEnvelope`` and then against the payload model of its kind.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from pos_app.domain.click_collect.states import OrderState
from pos_app.domain.gs1 import CSET82_PATTERN
from pos_app.domain.l10n.locales import DEFAULT_LOCALE, normalize_locale
from pos_app.domain.reasons import MAX_CODES as MAX_REASON_CODES
from pos_app.domain.reasons import ReasonKind, parse_reason_codes
from pos_app.domain.returns.rules import (
    DEFAULT_APPROVAL_THRESHOLD_MINOR,
    DEFAULT_CASH_LIMITS_MINOR,
    DEFAULT_WINDOW_DAYS,
)

API_PREFIX = "/v1"
MAX_EVENTS_PER_BATCH = 500
MAX_FEED_PAGE = 5_000
MAX_FEED_WAIT_SECONDS = 60.0
MAX_LINES = 500
# Integers that fit a PostgreSQL BIGINT with room for sums; anything larger is a typo or an
# attack, and refusing it up front keeps it out of the database driver.
MAX_AMOUNT = 10**12
MAX_QUANTITY_MILLI = 10**9
# One event's payload as JSON; a larger one is refused alone (a real sale of 500 lines is
# well under 300 KB), so no till can make the hub store megabytes verbatim.
MAX_EVENT_BYTES = 512 * 1024

StoreId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Sku = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^\S+$")]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Minor = Annotated[int, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
QuantityMilli = Annotated[int, Field(ge=-MAX_QUANTITY_MILLI, le=MAX_QUANTITY_MILLI)]
Email = Annotated[
    str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+$", strip_whitespace=True)
]
Phone = Annotated[str, StringConstraints(max_length=32, pattern=r"^\+?[0-9 ()./-]{3,31}$")]
# A CLDR locale ("fr_FR"), normalised; LocaleError is a ValueError, so pydantic reports it.
LocaleId = Annotated[str, StringConstraints(max_length=32), AfterValidator(normalize_locale)]
LoyaltyCard = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,6}[0-9]{6,16}$")]
# How every API path, response and event names a hub customer: an opaque random UUID (lower-case,
# canonical form), never the hub's sequential key, so the chain-wide view cannot be walked by
# counting (docs/architecture.md §10).
CustomerRef = Annotated[
    str,
    StringConstraints(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", to_lower=True
    ),
]


class WireModel(BaseModel):
    """Unknown fields are ignored so an older hub accepts a newer till's extra fields."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ErrorBody(WireModel):
    detail: str
    code: str | None = Field(
        None, description="stable code of a refusal meant for people (the till translates it)"
    )
    params: dict[str, str] = Field(default_factory=dict, description="the code's fields")


# --- enrollment ---------------------------------------------------------------------------


class EnrollRequest(WireModel):
    code: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    till_name: ShortText = ""


class StoreInfo(WireModel):
    store_id: StoreId
    name: ShortText
    currency: Currency
    tax_mode: Literal["inclusive", "exclusive"]
    cash_rounding_step: Annotated[str, StringConstraints(pattern=r"^\d{1,3}(\.\d{1,4})?$")]
    # an older hub sends none: its tills keep the English formats they had
    locale: LocaleId = DEFAULT_LOCALE


class EnrollResponse(WireModel):
    till_id: str
    token: str = Field(description="the device token; shown once, send as 'Bearer <token>'")
    store: StoreInfo


# --- ingest -------------------------------------------------------------------------------


class EventKind(StrEnum):
    SALE_COMPLETED = "sale.completed"
    RETURN_COMPLETED = "return.completed"
    STOCK_ADJUSTED = "stock.adjusted"
    COLLECTION_STATUS_CHANGED = "collection.status_changed"
    SHIFT_CLOSED = "shift.closed"
    CUSTOMER_CREATED = "customer.created"
    RECEIPT_EMAIL_REQUESTED = "receipt.email_requested"


class EventEnvelope(WireModel):
    event_id: uuid.UUID = Field(description="made at the till; the hub keeps it forever")
    kind: EventKind
    payload: dict[str, Any]


class EventBatch(WireModel):
    events: list[Any] = Field(
        max_length=MAX_EVENTS_PER_BATCH,
        description=(
            "events in outbox order; each is {event_id: UUID, kind: one of "
            + ", ".join(k.value for k in EventKind)
            + ", payload: object} and is validated on its own"
        ),
    )


class EventStatus(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # already stored: the till treats it as success
    REJECTED = "rejected"  # will never be accepted as sent; the reason says why


class EventResult(WireModel):
    index: int
    event_id: str | None
    status: EventStatus
    reason: str | None = None
    warnings: list[str] = []


class EventBatchResponse(WireModel):
    results: list[EventResult]


class StockMovementIn(WireModel):
    uuid: uuid.UUID
    sku: Sku
    quantity_delta_milli: QuantityMilli


OrderNumber = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.#-]{0,63}$")]
LineNo = Annotated[int, Field(ge=1, le=100_000)]


Gs1Text = Annotated[str, StringConstraints(pattern=CSET82_PATTERN)]


class Gs1TraceIn(WireModel):
    """What a GS1 scan said about the unit sold (lot AI 10, serial AI 21, expiry AI 17): the
    hub keeps it for recalls (sync/hub/traces.py). At least one of the three."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lot: Gs1Text | None = None
    serial: Gs1Text | None = None
    expiry: date | None = None

    @model_validator(mode="after")
    def _something(self) -> Gs1TraceIn:
        if self.lot is None and self.serial is None and self.expiry is None:
            raise ValueError("a GS1 trace names a lot, a serial or an expiry")
        return self


class SaleLineIn(WireModel):
    line_no: LineNo
    sku: Sku
    name: ShortText = ""
    quantity_milli: QuantityMilli
    unit_price_minor: Minor
    # Optional: only lines scanned from a GS1 code with lot/serial/expiry carry it, and the
    # events of tills that predate it are accepted as they are.
    gs1: Gs1TraceIn | None = None
    amount_minor: Minor
    # A return line names what it returns: a line of an in-store sale, or of a web order.
    # Optional, so the events of tills that predate them are still accepted.
    original_sale_uuid: uuid.UUID | None = None
    original_order_number: OrderNumber | None = None
    original_line_no: LineNo | None = None


class TenderIn(WireModel):
    kind: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    amount_minor: Minor
    account: Annotated[str, StringConstraints(max_length=64)] | None = None


class SaleTotalsIn(WireModel):
    total_minor: Minor
    tax_minor: Minor = 0
    # Cash rounding (total + rounding is what was due) and the change handed back in cash:
    # the hub checks tenders - change = total + rounding (sync/hub/event_checks.py).
    rounding_minor: Minor = 0
    change_minor: Minor = 0


CouponCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9_-]{2,31}$")]
PromoId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]


class CouponUseIn(WireModel):
    """A coupon code a sale used (its promotion discounted the sale)."""

    code: CouponCode
    promo_id: PromoId
    single_use: bool = False
    checked: Literal["online", "later", "none"] = Field(
        default="none", description="online: the hub said unused; later: the till was offline"
    )


class AisleLineIn(WireModel):
    """A basket line sold at the till and fulfilled elsewhere, at what the customer paid."""

    line_no: LineNo
    sku: Sku
    name: ShortText = ""
    quantity_milli: Annotated[int, Field(ge=1, le=MAX_QUANTITY_MILLI)]
    unit_price_minor: Annotated[int, Field(ge=0, le=MAX_AMOUNT)]


class AisleOrderIn(WireModel):
    """Endless aisle (docs/architecture.md, "One stock truth"): lines of this sale that
    another store or the warehouse fulfils, for pickup there or delivery to the customer.
    The hub makes it a web order (paid) at ``fulfil_store_id`` when it takes the sale."""

    number: OrderNumber
    fulfil_store_id: StoreId
    mode: Literal["pickup", "delivery"]
    customer_email: Email
    customer_name: ShortText = ""
    customer_phone: Phone | None = None
    delivery_address: Annotated[str, StringConstraints(max_length=500)] | None = None
    lines: list[AisleLineIn] = Field(min_length=1, max_length=MAX_LINES)
    checked_online: bool = Field(
        default=True, description="false: sold offline, the hub checks the stock when it arrives"
    )


class SalePayload(WireModel):
    """The ``sale.completed`` / ``return.completed`` payload a till's outbox carries.

    Only the fields the hub acts on are declared; the till sends more (tax lines, journal
    hash …), which are kept verbatim with the event.
    """

    sale_uuid: uuid.UUID
    store_id: StoreId
    till_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    receipt_no: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    created_at: datetime
    currency: Currency
    totals: SaleTotalsIn
    lines: list[SaleLineIn] = Field(max_length=MAX_LINES)
    tenders: list[TenderIn] = Field(default=[], max_length=50)
    stock_movements: list[StockMovementIn] = Field(max_length=MAX_LINES)
    offline_web_return: bool = Field(
        default=False,
        description="a web order returned while the till could not check it with the hub",
    )
    presented: ShortText | None = Field(
        default=None, description="what the customer showed for an offline web-order return"
    )
    # The customer attached at the till, if any: the hub's opaque ref when the till knew it,
    # else the email of a customer created at the till while offline (its customer.created
    # goes first).
    customer_ref: CustomerRef | None = None
    customer_email: Email | None = None
    # Before hub migration 0014 tills sent the hub's integer key; events of that age still
    # queued at a till are accepted (the hub resolves it). A till never sends it any more.
    customer_id: Annotated[int, Field(ge=1, le=MAX_AMOUNT)] | None = Field(
        default=None, description="legacy integer key (queued before hub 0014): use customer_ref"
    )
    coupons: list[CouponUseIn] = Field(default=[], max_length=10)
    aisle_order: AisleOrderIn | None = Field(
        default=None, description="lines fulfilled by another store or the warehouse"
    )


class StockAdjustedPayload(WireModel):
    store_id: StoreId
    reason: ShortText
    stock_movements: list[StockMovementIn] = Field(min_length=1, max_length=MAX_LINES)


# The states of a click-and-collect order on the wire are the domain's (one home, shared with
# the till's checks): docs/architecture.md §7.
CollectionStatus = OrderState


class CollectionLineIn(WireModel):
    """One order line's progress at the till (line_no: 1-based, in the web order's order)."""

    line_no: Annotated[int, Field(ge=1, le=MAX_LINES)]
    sku: Sku
    picked_milli: Annotated[int, Field(ge=0, le=MAX_QUANTITY_MILLI)] = 0
    short_milli: Annotated[int, Field(ge=0, le=MAX_QUANTITY_MILLI)] = 0
    collected_milli: Annotated[int, Field(ge=0, le=MAX_QUANTITY_MILLI)] = 0


class CollectionStatusPayload(WireModel):
    store_id: StoreId
    order_number: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    status: CollectionStatus
    stock_movements: list[StockMovementIn] = Field(default=[], max_length=MAX_LINES)
    lines: list[CollectionLineIn] = Field(
        default=[],
        max_length=MAX_LINES,
        description="what was handed over decides a refund when a paid order is closed",
    )


class CustomerCreatedPayload(WireModel):
    """A customer created at a till while the hub was away; the hub creates it, or links to
    the customer who already has that email."""

    store_id: StoreId
    email: Email
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    phone: Phone | None = None
    loyalty_card: LoyaltyCard | None = None


class ReceiptEmailPayload(WireModel):
    """A receipt the hub is asked to email (through the SMTP server configured at the hub)."""

    store_id: StoreId
    sale_uuid: uuid.UUID
    receipt_no: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    to: Email
    subject: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    body: Annotated[str, StringConstraints(min_length=1, max_length=100_000)]


TenderName = Literal["cash", "card", "store_credit", "gift_card", "exchange"]
Count = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class ZFiguresIn(WireModel):
    """A Z report's figures as the till computed them (pos_app.domain.shifts.figures)."""

    float_minor: Minor
    expected: dict[TenderName, Minor]
    counted: dict[TenderName, Minor]
    over_short: dict[TenderName, Minor]
    sales: tuple[Count, Minor]
    returns: tuple[Count, Minor]
    exchanges: Count
    net_sales_minor: Minor
    voids: Count = 0
    line_voids: Count = 0
    discounts: tuple[Count, Minor] = (0, 0)
    promotions: tuple[Count, Minor] = (0, 0)
    rounding_minor: Minor = 0
    tax: list[
        tuple[
            Label,
            Annotated[str, StringConstraints(pattern=r"^[0-9]{1,3}(\.[0-9]{1,6})?$")],
            Minor,
            Minor,
        ]
    ] = Field(max_length=50)
    departments: dict[Label, Minor] = Field(default={}, max_length=500)
    channels: dict[Literal["in_store", "click_collect", "online_refund"], tuple[Count, Minor]]
    store_credit: tuple[Minor, Minor]  # issued, redeemed
    movements: dict[Literal["paid_in", "paid_out", "safe_drop", "no_sale"], tuple[Count, Minor]]
    approvals: dict[Label, Count] = Field(default={}, max_length=200)


class JournalRef(WireModel):
    seq: Annotated[int, Field(ge=1, le=MAX_AMOUNT)]
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class ShiftClosedPayload(WireModel):
    """A till's Z report: the shift it closed and its figures, for the hub's store days."""

    store_id: StoreId
    shift_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    till_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    z_no: Annotated[int, Field(ge=1, le=MAX_AMOUNT)]
    business_day: date
    opened_at: datetime
    closed_at: datetime
    currency: Currency
    figures: ZFiguresIn
    grand_total_minor: Minor
    journal: JournalRef


class StoreDay(WireModel):
    """A store's business day at the hub: the sum of its tills' Z reports."""

    store_id: StoreId
    business_day: date
    currency: Currency
    z_reports: list[str] = Field(description="the Zs summed, as till/Z<number>")
    figures: ZFiguresIn


# --- feed ---------------------------------------------------------------------------------


class FeedKind(StrEnum):
    STORE = "store"
    TAX_CLASS = "tax_class"
    PRODUCT = "product"
    PROMOTION = "promotion"
    STOCK = "stock"
    WEB_ORDER = "web_order"
    STAFF = "staff"
    RETURN_POLICY = "return_policy"
    REASON_CODE = "reason_code"  # the chain's whole set, one change (key "reason_codes")


class FeedChange(WireModel):
    position: int
    kind: FeedKind
    key: str = Field(description="what changed, e.g. the SKU; the latest change of a key wins")
    data: dict[str, Any] = Field(description="the whole new state of that key")


class FeedPage(WireModel):
    changes: list[FeedChange]
    next_cursor: int = Field(description="pass back as ?cursor= for the next page")
    has_more: bool


# --- head office --------------------------------------------------------------------------


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


# --- returns ------------------------------------------------------------------------------


class OriginalKind(StrEnum):
    SALE = "sale"  # an in-store sale, by its sale UUID
    WEB_ORDER = "web_order"  # a web order, by its number


class ReturnableLine(WireModel):
    line_no: int
    sku: str
    name: str
    bought_milli: int
    returned_milli: int = Field(description="returned so far in every store and channel")
    returnable_milli: int = Field(description="bought - returned, never below zero")
    amount_minor: int = Field(description="what the whole line cost, after discounts")


class ReturnableTender(WireModel):
    """What one tender kind paid of a sale (net of change), for refunding the same way."""

    kind: str
    amount_minor: int


class Returnable(WireModel):
    """What of an in-store sale or a web order can still come back, as the hub counts it."""

    original_kind: OriginalKind
    ref: str = Field(description="the sale UUID or the web order number")
    store_id: str = Field(description="the store that sold it (the pickup store of an order)")
    currency: str
    created_at: datetime | None
    paid_online: bool = Field(description="a web order paid online: refunds go back online")
    customer_email: str | None = None
    lines: list[ReturnableLine]
    # In-store sales only (empty for web orders): the receipt barcode, the till that sold it
    # and the tender kinds that paid it, so another till can refund it sensibly.
    receipt_no: str | None = None
    till_id: str | None = None
    tenders: list[ReturnableTender] = []


Department = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Role = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]
Days = Annotated[int, Field(ge=0, le=3650)]


class ReturnPolicyIn(WireModel):
    """A store's return rules, authored at head office and sent to its tills in the feed."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # a typo is an error, not ignored

    default_window_days: Days = DEFAULT_WINDOW_DAYS
    window_days_by_department: dict[Department, Days] = Field(default={}, max_length=500)
    non_returnable_skus: list[Sku] = Field(default=[], max_length=10_000)
    non_returnable_departments: list[Department] = Field(default=[], max_length=500)
    receiptless_allowed: bool = True
    cash_limit_minor_by_role: dict[Role, Annotated[int, Field(ge=0, le=MAX_AMOUNT)]] = Field(
        default=dict(DEFAULT_CASH_LIMITS_MINOR),
        description="most cash a role refunds without approval; a role not listed: none",
    )
    approval_threshold_minor: Annotated[int, Field(ge=0, le=MAX_AMOUNT)] = (
        DEFAULT_APPROVAL_THRESHOLD_MINOR
    )


class ReasonCodeIn(WireModel):
    """A preset reason (pos_app/domain/reasons.py checks a whole set)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9_-]{0,19}$")]
    kind: ReasonKind
    label: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    needs_text: bool = False


class ReasonCodesIn(WireModel):
    """The chain's reason codes, replaced whole; an empty set means the tills' defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    codes: list[ReasonCodeIn] = Field(default=[], max_length=MAX_REASON_CODES)

    @model_validator(mode="after")
    def _one_set_of_rules(self) -> ReasonCodesIn:
        parse_reason_codes(c.model_dump(mode="json") for c in self.codes)  # the domain's check
        return self


class CustomerOrder(WireModel):
    """One of a customer's orders in any channel: a web order or an in-store sale/return."""

    channel: Literal["web", "store"]
    reference: str = Field(description="web order number or in-store receipt number")
    store_id: str
    status: str
    currency: str
    total_minor: int
    created_at: datetime


class CustomerHistory(WireModel):
    customer: Customer
    orders: list[CustomerOrder]
    store_credit: list[StoredValueBalance]


class ReceiptEmailState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class ReceiptEmailStatus(WireModel):
    sale_uuid: str
    to: str
    status: ReceiptEmailState
    attempts: int
    last_error: str | None
    updated_at: datetime
