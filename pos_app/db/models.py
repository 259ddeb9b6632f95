"""The till's local schema (SQLAlchemy 2 typed models).

Money is stored as integer minor units and quantities as integer thousandths (``*_milli``) so
that nothing on disk is ever a float. The schema itself is owned by the Alembic migrations in
``pos_app/db/migrations``; these models must match them (a test compares the two).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from pos_app.db.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class StoreProfile(Base):
    """The one store/till this database belongs to (a single row, id = 1)."""

    __tablename__ = "store_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(64))
    store_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")  # newline-separated receipt header
    currency: Mapped[str] = mapped_column(String(3))
    tax_mode: Mapped[str] = mapped_column(String(16))
    cash_rounding_step: Mapped[str] = mapped_column(String(16), default="0.01")
    receipt_footer: Mapped[str] = mapped_column(Text, default="")
    # CLDR locale of the screens' formats and the receipts (migration 0017; l10n.locales)
    locale: Mapped[str] = mapped_column(String(32), default="en_GB", server_default="en_GB")


class TaxRateRow(Base):
    __tablename__ = "tax_rates"

    tax_class: Mapped[str] = mapped_column(String(32), primary_key=True)
    rate: Mapped[str] = mapped_column(String(16))  # Decimal as text, e.g. "0.20"
    label: Mapped[str] = mapped_column(String(64))


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(64))
    tax_class: Mapped[str] = mapped_column(String(32))
    price_minor: Mapped[int] = mapped_column(Integer)
    sold_by_weight: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    barcodes: Mapped[list[ProductBarcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"

    barcode: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))

    product: Mapped[Product] = relationship(back_populates="barcodes")

    __table_args__ = (Index("ix_product_barcodes_product_id", "product_id"),)


class Sale(Base):
    __tablename__ = "sales"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="sale")
    store_id: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(64))
    receipt_no: Mapped[str] = mapped_column(String(64), unique=True)
    journal_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    cashier: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    tax_mode: Mapped[str] = mapped_column(String(16))
    subtotal_minor: Mapped[int] = mapped_column(Integer)
    discount_minor: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(Integer)
    total_minor: Mapped[int] = mapped_column(Integer)
    rounding_minor: Mapped[int] = mapped_column(Integer)
    paid_minor: Mapped[int] = mapped_column(Integer)
    change_minor: Mapped[int] = mapped_column(Integer)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    # The customer attached to the sale: the hub's opaque ref (a UUID), or (a customer created
    # at this till while offline, not yet known to the hub) only the email.
    customer_ref: Mapped[str | None] = mapped_column(String(36), nullable=True)
    customer_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    # Legacy: the hub's integer key, on sales made before till migration 0015 only.
    customer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    lines: Mapped[list[SaleLine]] = relationship(
        back_populates="sale", order_by="SaleLine.line_no", cascade="all, delete-orphan"
    )
    tenders: Mapped[list[SaleTender]] = relationship(
        back_populates="sale", order_by="SaleTender.seq", cascade="all, delete-orphan"
    )
    tax_lines: Mapped[list[SaleTaxLine]] = relationship(
        back_populates="sale", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_sales_created_at", "created_at"),
        # A shift's X and Z read its sales by journal range (services.shifts.records).
        Index("ix_sales_till_journal", "till_id", "journal_seq"),
        # The sale-history screen: a till's sales newest first, and by amount
        # (services.sale.history).
        Index("ix_sales_till_created", "till_id", "created_at"),
        Index("ix_sales_total", "total_minor"),
    )


class SaleLine(Base):
    __tablename__ = "sale_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(64))
    scanned_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    tax_class: Mapped[str] = mapped_column(String(32))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    unit_price_minor: Mapped[int] = mapped_column(Integer)
    gross_minor: Mapped[int] = mapped_column(Integer)
    line_discount_minor: Mapped[int] = mapped_column(Integer)
    basket_discount_minor: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(Integer)
    price_override_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    discount_reasons: Mapped[str] = mapped_column(Text, default="")
    # Promotion discount taken before manual discounts; ``promotions`` is JSON
    # [{"promo_id", "name", "amount_minor"}, ...] in application order, for receipts and returns.
    promotion_discount_minor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    promotions: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    # Return lines only (a Sale of kind "return"): the original sale line refunded, why, in
    # what state it came back and where it went (sellable / damaged / return_to_vendor).
    original_sale_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    original_line_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # A return of a web order names the order instead of a sale (original_sale_uuid empty).
    original_order_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    return_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    return_condition: Mapped[str | None] = mapped_column(String(16), nullable=True)
    disposition: Mapped[str | None] = mapped_column(String(24), nullable=True)
    # What a GS1 scan (DataMatrix, GS1-128) said about this unit: lot (AI 10), serial (AI 21)
    # and expiry (AI 17, ISO date), for recalls and returns.
    gs1_lot: Mapped[str | None] = mapped_column(String(20), nullable=True)
    gs1_serial: Mapped[str | None] = mapped_column(String(20), nullable=True)
    gs1_expiry: Mapped[str | None] = mapped_column(String(10), nullable=True)

    sale: Mapped[Sale] = relationship(back_populates="lines")

    __table_args__ = (
        UniqueConstraint("sale_id", "line_no", name="uq_sale_lines_sale_line"),
        Index("ix_sale_lines_sku", "sku"),
        Index("ix_sale_lines_original", "original_sale_uuid", "original_line_no"),
        Index("ix_sale_lines_original_order", "original_order_number", "original_line_no"),
    )


class SaleTender(Base):
    __tablename__ = "sale_tenders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int] = mapped_column(Integer)
    approval_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    card_last4: Mapped[str | None] = mapped_column(String(4), nullable=True)
    card_scheme: Mapped[str | None] = mapped_column(String(32), nullable=True)
    terminal_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    account: Mapped[str | None] = mapped_column(String(64), nullable=True)

    sale: Mapped[Sale] = relationship(back_populates="tenders")

    __table_args__ = (UniqueConstraint("sale_id", "seq", name="uq_sale_tenders_sale_seq"),)


class SaleTaxLine(Base):
    __tablename__ = "sale_tax_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id", ondelete="CASCADE"))
    tax_class: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(64))
    rate: Mapped[str] = mapped_column(String(16))
    net_minor: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(Integer)
    gross_minor: Mapped[int] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="tax_lines")


class StockMovement(Base):
    """A stock delta made at this till (docs/architecture.md §6: deltas, never absolute levels)."""

    __tablename__ = "stock_movements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    sku: Mapped[str] = mapped_column(String(64))
    quantity_delta_milli: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    sale_id: Mapped[int | None] = mapped_column(
        ForeignKey("sales.id", ondelete="CASCADE"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    sale: Mapped[Sale | None] = relationship()

    __table_args__ = (Index("ix_stock_movements_sku", "sku"),)


class JournalEntry(Base):
    """One link of the tamper-evident receipt journal (docs/architecture.md §3)."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, hashed as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("till_id", "seq", name="uq_journal_till_seq"),)


class JournalHead(Base):
    """Last sequence and hash per till, written in the same transaction as each entry.

    The chain alone cannot reveal that its newest entries were cut off; the head (and the
    hub, which receives every entry's hash through the outbox) can.
    """

    __tablename__ = "journal_head"

    till_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEvent(Base):
    """An event waiting to be pushed to the hub, in ``id`` order (docs/architecture.md §6)."""

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the hub said about an accepted event (JSON list), e.g. an over-return it flagged;
    # shown to a manager until seen.
    hub_warnings: Mapped[str | None] = mapped_column(Text, nullable=True)
    warnings_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    __table_args__ = (Index("ix_outbox_unsent", "sent_at", "id"),)


class Staff(Base):
    """A person who may sign in at this till. PINs and badges are stored hashed only."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # staff number, on receipts
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))  # argon2id (or a legacy scrypt) string
    # The hash the hub last fed for this person (None: made at this till). A sign-in may
    # upgrade pin_hash locally; the feed replaces it only when the hub's hash changes.
    hub_pin_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    badge_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AuthLockout(Base):
    """Failed sign-in attempts per scope (the till's PIN pad), surviving a restart."""

    __tablename__ = "auth_lockout"

    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class ParkedBasket(Base):
    """A suspended basket; ``payload`` is canonical JSON of its lines at the prices rung."""

    __tablename__ = "parked_baskets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    till_id: Mapped[str] = mapped_column(String(64))
    cashier: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    currency: Mapped[str] = mapped_column(String(3))
    line_count: Mapped[int] = mapped_column(Integer)
    total_minor: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_parked_baskets_created_at", "created_at"),)


class BasketInProgressRow(Base):
    """The basket being rung at a till, as of its last change (services.sale.in_progress)."""

    __tablename__ = "basket_in_progress"

    till_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    cashier: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    currency: Mapped[str] = mapped_column(String(3))
    line_count: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """Where this till is in the hub's feed (a single row, id = 1).

    The cursor is written in the same transaction as the feed changes it covers, so it can
    never run ahead of the data (docs/architecture.md §6).
    """

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_cursor: Mapped[int] = mapped_column(Integer, default=0)
    feed_updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class HubStockLevel(Base):
    """The hub's stock level of one SKU for this store, as last seen in the feed."""

    __tablename__ = "hub_stock_levels"

    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    quantity_milli: Mapped[int] = mapped_column(Integer)
    feed_position: Mapped[int] = mapped_column(Integer)


class CustomerCacheRow(Base):
    """A customer this till looked up, attached or created recently: answers look-ups while
    the hub is away. Bounded (services.customers.directory keeps the most recently seen few
    hundred)."""

    __tablename__ = "customer_cache"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_ref: Mapped[str | None] = mapped_column(String(36), nullable=True)  # the hub's opaque id
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    loyalty_card: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # Created here while offline: its customer.created event is in the outbox.
    pending: Mapped[bool] = mapped_column(Boolean, default=False)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (
        Index("ix_customer_cache_seen_at", "seen_at"),
        Index("ix_customer_cache_phone", "phone"),
        Index("ix_customer_cache_loyalty_card", "loyalty_card"),
    )


class PromotionRow(Base):
    """A promotion from the hub; ``rules`` is the promotion engine's rule data as JSON."""

    __tablename__ = "promotions"

    promo_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    store_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    rules: Mapped[str] = mapped_column(Text)
    feed_position: Mapped[int] = mapped_column(Integer)


class ReturnPolicyRow(Base):
    """The store's return policy as the hub's feed last sent it (one row, id = 1; JSON)."""

    __tablename__ = "return_policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    feed_position: Mapped[int] = mapped_column(Integer)


class ReasonCodesRow(Base):
    """The chain's reason codes as the hub's feed last sent them (one row, id = 1; JSON list).
    No row: the defaults of pos_app/domain/reasons.py."""

    __tablename__ = "reason_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    feed_position: Mapped[int] = mapped_column(Integer)


class CouponUse(Base):
    """A coupon code this till took in a sale (migration 0009); see services.promotions.coupons."""

    __tablename__ = "coupon_uses"

    sale_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    promo_id: Mapped[str] = mapped_column(String(64))
    single_use: Mapped[bool] = mapped_column(Boolean)
    checked: Mapped[str] = mapped_column(String(8))  # online | later | none
    used_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (Index("ix_coupon_uses_code", "code"),)


class WebOrderRow(Base):
    """A click-and-collect order for this store, as the hub last described it."""

    __tablename__ = "web_orders"

    number: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(32))
    payment_status: Mapped[str] = mapped_column(String(32))
    pickup_code: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(Integer)
    customer_email: Mapped[str] = mapped_column(String(254))
    customer_name: Mapped[str] = mapped_column(String(200))
    customer_phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    source: Mapped[str] = mapped_column(String(32))
    feed_position: Mapped[int] = mapped_column(Integer)
    # pickup | delivery (migration 0019; older rows are pickups): a delivery is shipped to
    # deliver_to (one line, as the hub sent it), never handed over at the counter.
    fulfilment: Mapped[str] = mapped_column(String(16), server_default="pickup", default="pickup")
    deliver_to: Mapped[str | None] = mapped_column(Text, nullable=True)

    lines: Mapped[list[WebOrderLineRow]] = relationship(
        back_populates="order", order_by="WebOrderLineRow.line_no", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_web_orders_pickup_code", "pickup_code"),
        Index("ix_web_orders_customer_email", "customer_email"),
        Index("ix_web_orders_status", "status"),
    )


class WebOrderLineRow(Base):
    __tablename__ = "web_order_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_number: Mapped[str] = mapped_column(ForeignKey("web_orders.number", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    unit_price_minor: Mapped[int] = mapped_column(Integer)

    order: Mapped[WebOrderRow] = relationship(back_populates="lines")

    __table_args__ = (
        UniqueConstraint("order_number", "line_no", name="uq_web_order_lines_order_line"),
    )


class CollectionOrderRow(Base):
    """What this till did with a web order (pick, ready, hand-over), beside the hub's view.

    ``web_orders`` is overwritten by the feed; this row is the till's own progress. When the
    hub later refuses one of its events, or the feed contradicts it (cancelled online while
    picking, collected at another till), ``needs_review`` is set with the reason in words.
    """

    __tablename__ = "collection_orders"

    order_number: Mapped[str] = mapped_column(
        ForeignKey("web_orders.number", ondelete="CASCADE"), primary_key=True
    )
    local_status: Mapped[str] = mapped_column(String(32))
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    bag_count: Mapped[int] = mapped_column(Integer, default=0)
    identity_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    sale_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    offline_handover: Mapped[bool] = mapped_column(Boolean, default=False)
    stock_held: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    review_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Rejected outbox events up to this row id have been seen by a manager.
    reviewed_outbox_id: Mapped[int] = mapped_column(Integer, default=0)
    # The carrier's parcel reference typed or scanned when a delivery was shipped (0019).
    tracking_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)

    lines: Mapped[list[CollectionLineRow]] = relationship(
        back_populates="order", order_by="CollectionLineRow.line_no", cascade="all, delete-orphan"
    )

    __table_args__ = (Index("ix_collection_orders_local_status", "local_status"),)


class CollectionLineRow(Base):
    """Pick progress of one web order line, keyed by its line number (quantities in milli)."""

    __tablename__ = "collection_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_number: Mapped[str] = mapped_column(
        ForeignKey("collection_orders.order_number", ondelete="CASCADE")
    )
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    picked_milli: Mapped[int] = mapped_column(Integer, default=0)
    short_milli: Mapped[int] = mapped_column(Integer, default=0)
    collected_milli: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[CollectionOrderRow] = relationship(back_populates="lines")

    __table_args__ = (
        UniqueConstraint("order_number", "line_no", name="uq_collection_lines_order_line"),
    )


class ReceiptSeries(Base):
    """The last receipt number each till printed (migration 0012): one consecutive series of
    sales, returns and exchanges, independent of the journal sequence (docs/store-day.md)."""

    __tablename__ = "receipt_series"

    till_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer)


class ShiftSettings(Base):
    """The store's shift rules (one row, id = 1; absent means the defaults)."""

    __tablename__ = "shift_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_required: Mapped[bool] = mapped_column(Boolean)
    over_short_threshold_minor: Mapped[int] = mapped_column(Integer)
    # Each cashier their own drawer (shift, float, Z) on the till (migration 0018).
    drawer_per_cashier: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ShiftRow(Base):
    """A till's drawer session, from its counted float to its Z report.

    It covers the journal entries after ``start_journal_seq`` (the previous Z's entry, or 0)
    up to its own Z, so a sale rung while no shift was open still lands in the next Z.
    """

    __tablename__ = "shifts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    till_id: Mapped[str] = mapped_column(String(64))
    shift_no: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(8))  # open | closed
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    opened_by: Mapped[str] = mapped_column(String(64))
    float_minor: Mapped[int] = mapped_column(Integer)
    float_count: Mapped[str] = mapped_column(Text)  # JSON {"denomination minor": count}
    start_journal_seq: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    z_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The drawer's owner when the store gives each cashier a drawer (their name, as sales and
    # movements record who rang them); None: the till's one drawer (migration 0018).
    cashier: Mapped[str | None] = mapped_column(String(64), nullable=True)

    movements: Mapped[list[CashMovementRow]] = relationship(
        back_populates="shift", order_by="CashMovementRow.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("till_id", "shift_no", name="uq_shifts_till_no"),
        Index("ix_shifts_till_status", "till_id", "status"),
    )


class CashMovementRow(Base):
    """Paid in, paid out, safe drop or no-sale open; ``amount_minor`` is its effect on the
    drawer's cash (paid-outs and drops negative, a no-sale zero)."""

    __tablename__ = "cash_movements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text)
    cashier: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    journal_seq: Mapped[int] = mapped_column(Integer)

    shift: Mapped[ShiftRow] = relationship(back_populates="movements")

    __table_args__ = (Index("ix_cash_movements_shift", "shift_id"),)


class ZReportRow(Base):
    """A closed shift's Z report; ``figures`` is the canonical JSON also hashed in the journal."""

    __tablename__ = "z_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[str] = mapped_column(String(64))
    z_no: Mapped[int] = mapped_column(Integer)
    shift_uuid: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    journal_seq: Mapped[int] = mapped_column(Integer)
    grand_total_minor: Mapped[int] = mapped_column(Integer)
    figures: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("till_id", "z_no", name="uq_z_reports_till_no"),)


class PrintJob(Base):
    """A receipt sent to the printer, in order: waiting while ``printed_at`` is empty.

    Rows are kept once printed: they are what a reprint of a past receipt finds."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    receipt_no: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # receipt | document | duplicate
    document: Mapped[str] = mapped_column(Text)  # pos_app.domain.receipt_codec JSON
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    __table_args__ = (
        Index("ix_print_jobs_waiting", "printed_at", "id"),
        Index("ix_print_jobs_receipt_no", "receipt_no"),
    )
