"""Ingest: the event envelope and batch, and the payload of each event kind a till sends (sales,
returns, stock, collections, customers, e-mail receipts, shift closures).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from pos_app.domain.click_collect.states import OrderState
from pos_app.domain.gs1 import CSET82_PATTERN
from sync.protocol.common import (
    MAX_AMOUNT,
    MAX_EVENTS_PER_BATCH,
    MAX_LINES,
    MAX_QUANTITY_MILLI,
    Currency,
    CustomerRef,
    Email,
    LoyaltyCard,
    Minor,
    Phone,
    QuantityMilli,
    ShortText,
    Sku,
    StoreId,
    WireModel,
)


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
    warnings: list[str] = []  # noqa: RUF012 (pydantic copies a default per model)


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
    tracking_ref: Annotated[str, StringConstraints(max_length=100)] | None = Field(
        default=None, description="shipped: the carrier's parcel reference, if the till had one"
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
