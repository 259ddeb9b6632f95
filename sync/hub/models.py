"""The hub's schema (SQLAlchemy 2 typed models), for SQLite and PostgreSQL alike.

Money is integer minor units and quantities integer thousandths, as on the till. Free-form
documents (event payloads, promotion rules, feed data) are JSON text: the hub stores them as
sent and never queries inside them. The schema is owned by the Alembic migrations in
``sync/hub/migrations``; a test checks these models against them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# BIGINT on PostgreSQL, but INTEGER on SQLite, where only "INTEGER PRIMARY KEY" is the rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on both databases (SQLite would drop the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: the hub stores aware UTC times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Store(Base):
    __tablename__ = "stores"

    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    tax_mode: Mapped[str] = mapped_column(String(16))
    cash_rounding_step: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # CLDR locale of its tills' formats and receipts, and of mails to its customers (0022)
    locale: Mapped[str] = mapped_column(String(32), default="en_GB", server_default="en_GB")


class Till(Base):
    __tablename__ = "tills"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[str] = mapped_column(String(80), unique=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class EnrollCode(Base):
    __tablename__ = "enroll_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class AdminToken(Base):
    __tablename__ = "admin_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The console user the token belongs to (hub migration 0011); None: an older token, an admin.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("console_users.id", name="fk_admin_tokens_user_id"), nullable=True
    )


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    staff_code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    pin_hash: Mapped[str] = mapped_column(String(200))  # argon2id (pos_app.domain.staff)
    active: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("store_id", "staff_code", name="uq_staff_store_code"),)


class TaxClass(Base):
    __tablename__ = "tax_classes"

    tax_class: Mapped[str] = mapped_column(String(32), primary_key=True)
    rate: Mapped[str] = mapped_column(String(16))  # Decimal as text, e.g. "0.20"
    label: Mapped[str] = mapped_column(String(64))


class Product(Base):
    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(64))
    tax_class: Mapped[str] = mapped_column(String(32))
    price_minor: Mapped[int] = mapped_column(BigInteger)
    sold_by_weight: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    barcodes: Mapped[str] = mapped_column(Text)  # space-separated
    # Price lists per currency, JSON {"CHF": 1295} (price_lists.py, migration 0022): a store
    # selling in a listed currency is fed that price, every other store price_minor.
    prices: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")

    # Search as you type (migration 0017, PostgreSQL only): trigram GIN indexes answer
    # "contains" on name and barcodes, text_pattern_ops a SKU prefix whatever the collation.
    __table_args__ = (
        Index("ix_products_name_trgm", "name", postgresql_using="gin",
              postgresql_ops={"name": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
        Index("ix_products_barcodes_trgm", "barcodes", postgresql_using="gin",
              postgresql_ops={"barcodes": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
        Index("ix_products_sku_prefix", "sku",
              postgresql_ops={"sku": "text_pattern_ops"}).ddl_if(dialect="postgresql"),
    )  # fmt: skip


class StockLevel(Base):
    __tablename__ = "stock_levels"

    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_stock_levels_sku", "sku"),)


class ReasonCodeRow(Base):
    """The chain's preset reasons (pos_app/domain/reasons.py), replaced whole by head office;
    ``position`` keeps the order the tills show them in. No rows: the tills' defaults."""

    __tablename__ = "reason_codes"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(String(40))
    needs_text: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Promotion(Base):
    __tablename__ = "promotions"

    promo_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str | None] = mapped_column(ForeignKey("stores.store_id"), nullable=True)
    data: Mapped[str] = mapped_column(Text)  # the PromotionIn document as JSON
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Customer(Base):
    __tablename__ = "customers"

    # The integer key joins tables inside the hub and never leaves it; tills, the API and the
    # events name a customer by public_id, a random UUID4 (docs/architecture.md §10: ids are
    # opaque, so the chain-wide view cannot be walked by counting).
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), default=lambda: str(uuid.uuid4()))
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    loyalty_card: Mapped[str | None] = mapped_column(String(32), nullable=True)

    __table_args__ = (
        Index("ix_customers_loyalty_card", "loyalty_card", unique=True),
        Index("ix_customers_public_id", "public_id", unique=True),
    )


class CustomerLookup(Base):
    """Who looked customers up (the chain-wide view is personal data): one row per look-up."""

    __tablename__ = "customer_lookups"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    caller: Mapped[str] = mapped_column(String(100))  # "till <id>" or "admin <token id>"
    staff_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    query: Mapped[str] = mapped_column(String(16))  # email | phone | card | history
    # Space-separated opaque ids (public_id) of the customers it showed; rows written before
    # hub migration 0014 hold the old integer keys.
    customer_ids: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_customer_lookups_at", "at"),)


class WebOrderRow(Base):
    __tablename__ = "web_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True, nullable=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(32))
    payment_status: Mapped[str] = mapped_column(String(32))
    pickup_code: Mapped[str] = mapped_column(String(16), unique=True)
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    lines: Mapped[str] = mapped_column(Text)  # JSON list of WebOrderLine
    source: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # pickup | delivery (hub migration 0023): a delivery is shipped, not handed over
    fulfilment: Mapped[str] = mapped_column(String(16), server_default="pickup")
    deliver_to: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        Index("ix_web_orders_status_created", "status", "created_at"),
        Index("ix_web_orders_status_id", "status", "id"),
        Index("ix_web_orders_created", "created_at"),
    )


class StoredValue(Base):
    """A gift card or a store credit account; the balance lives only here
    (docs/architecture.md §2)."""

    __tablename__ = "stored_value"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    balance_minor: Mapped[int] = mapped_column(BigInteger)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CustomerSale(Base):
    """An in-store sale or return a till attached a customer to: the store side of the
    customer's history across channels (web orders are the other side)."""

    __tablename__ = "customer_sales"

    sale_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    kind: Mapped[str] = mapped_column(String(16))  # sale | return
    receipt_no: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_customer_sales_customer", "customer_id", "created_at"),)


class ReceiptEmail(Base):
    """A receipt to email; the hub's mailer sends it (status queued → sent | failed).

    ``next_attempt_at`` is also the claim: a sender moves it forward before sending, so two
    hub workers never send the same message at the same time.
    """

    __tablename__ = "receipt_emails"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    sale_uuid: Mapped[str] = mapped_column(String(36), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_receipt_emails_due", "status", "next_attempt_at"),)


class IngestedEvent(Base):
    """Every event a till pushed, under its till-made UUID, kept forever
    (docs/architecture.md §6)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    till_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # SHA-256 of kind + payload: the same id with other content is refused, not a duplicate
    # (sync/hub/event_store.py). None for events stored before the hash was kept.
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # applied | quarantined (failed sync/hub/event_checks.py; moved nothing) | released |
    # rejected (head office's verdicts on a quarantined event, sync/hub/quarantine.py).
    state: Mapped[str] = mapped_column(String(16), default="applied", server_default="applied")
    reasons: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list: why held
    warnings: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list: the answer
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    review_note: Mapped[str | None] = mapped_column(String(500), nullable=True)

    __table_args__ = (
        Index("ix_events_store_kind", "store_id", "kind"),
        Index("ix_events_state", "state"),
        Index("ix_events_till_received", "till_id", "received_at"),
    )


class FeedRow(Base):
    """One change in a store's feed; ``scope`` is a store id or ``*`` for the whole chain.

    Positions come from the table's own sequence (AUTOINCREMENT on SQLite, so a position is
    never handed out twice). Commit-order visibility is the writer's job: see ``feed.py``.
    """

    __tablename__ = "feed"

    position: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(128))
    data: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_feed_scope_position", "scope", "position"),
        {"sqlite_autoincrement": True},
    )


class PendingFeedRow(Base):
    """A feed row committed by its writer but not yet numbered (PostgreSQL only).

    Writers insert here with no lock, in parallel; ``feed.publish`` moves committed rows into
    ``feed`` in one short step that hands out positions and commits them in the same order
    (docs/architecture.md §6, "Feed positions"). ``id`` keeps each writer's own order and the
    commit order of writers that touched the same record (the later one waited on the row lock).
    """

    __tablename__ = "feed_pending"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(128))
    data: Mapped[str] = mapped_column(Text)


class ReturnableLineRow(Base):
    """Bought and returned quantity of one original line, across every till, store and channel.

    The hub is the authority on what can still come back (docs/architecture.md §8). A sale's lines
    are recorded when its event is ingested; a web order's bought quantities are copied from the
    order at its first return. ``bought_milli`` is null while a return names a sale the hub
    has not seen yet (the other till is offline): the check then happens when the sale comes.
    """

    __tablename__ = "returnable_lines"

    original_kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # sale, web_order
    original_ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    bought_milli: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    amount_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    returned_milli: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReturnableSaleRow(Base):
    """One ingested sale's header for chain-wide returns: found by its receipt barcode.

    Written with the sale's ``returnable_lines``; ``tenders`` (JSON list of kind and amount)
    lets another till refund by what paid the sale.
    """

    __tablename__ = "returnable_sales"

    sale_uuid: Mapped[str] = mapped_column(String(64), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(64), index=True)
    store_id: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    tenders: Mapped[str] = mapped_column(Text)


class ReturnReview(Base):
    """A return head office must look at: an over-return, an offline web-order return."""

    __tablename__ = "return_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    store_id: Mapped[str] = mapped_column(String(64), index=True)
    till_id: Mapped[str] = mapped_column(String(80))
    receipt_no: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ReturnRefund(Base):
    """A refund the web store must pay back online, for a web order returned in a store."""

    __tablename__ = "return_refunds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))
    order_number: Mapped[str] = mapped_column(String(64), index=True)
    store_id: Mapped[str] = mapped_column(String(64))  # the store that took the return
    receipt_no: Mapped[str] = mapped_column(String(64))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))  # requested, refunded
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("event_id", "order_number", name="uq_return_refunds_event"),)


CHAIN_SCOPE = "*"


class CustomerNotificationRow(Base):
    """An e-mail the hub owes a customer (ready for pickup, cancelled, expired).

    Written in the transaction that accepts the status change, once per (order, kind); a
    sender (``sync.hub.notifications.claim_queued_notifications``) sends and marks it.
    """

    __tablename__ = "customer_notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_number: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    kind: Mapped[str] = mapped_column(String(32))
    recipient_email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    pickup_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        UniqueConstraint("order_number", "kind", name="uq_customer_notifications_order_kind"),
        Index("ix_customer_notifications_status_id", "status", "id"),
        Index("ix_customer_notifications_store_id", "store_id", "id"),
    )


class RefundRequestRow(Base):
    """Money the web store must give back for a paid order closed without (all) its goods."""

    __tablename__ = "refund_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_number: Mapped[str] = mapped_column(String(64), unique=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source_event_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Set when head office marks the refund done (hub migration 0011).
    refund_reference: Mapped[str | None] = mapped_column(String(100), nullable=True)
    refunded_by: Mapped[str | None] = mapped_column(String(254), nullable=True)
    refunded_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class CouponRedemption(Base):
    """The first sale that used a single-use coupon code (migration 0005)."""

    __tablename__ = "coupon_redemptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    promo_id: Mapped[str] = mapped_column(String(64))
    sale_uuid: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[str] = mapped_column(String(64))
    redeemed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CouponDoubleUse(Base):
    """A later sale that used an already redeemed single-use code: accepted, flagged."""

    __tablename__ = "coupon_double_uses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    promo_id: Mapped[str] = mapped_column(String(64))
    sale_uuid: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[str] = mapped_column(String(64))
    first_sale_uuid: Mapped[str] = mapped_column(String(36))
    flagged_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("code", "sale_uuid", name="uq_coupon_double_use"),)


class ConsoleUser(Base):
    """A head-office person who signs in to the console (hub migration 0011)."""

    __tablename__ = "console_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    stores: Mapped[str] = mapped_column(Text)  # JSON list of store ids (store managers)
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, parameters inside
    failed_attempts: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    session_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("console_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ConsoleAudit(Base):
    """Every change made through the console or a user's API token: who, when, before → after."""

    __tablename__ = "console_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    before: Mapped[str] = mapped_column(Text)  # JSON
    after: Mapped[str] = mapped_column(Text)  # JSON


class ShiftClosure(Base):
    """One till's Z report as its ``shift.closed`` event brought it (migration 0010).

    Store days are the sums of these per store and business day (sync.hub.store_days); the
    figures are the till's JSON, kept as sent, so a store day can always be traced to its Zs.
    """

    __tablename__ = "shift_closures"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(80))
    shift_id: Mapped[str] = mapped_column(String(64))
    z_no: Mapped[int] = mapped_column(Integer)
    business_day: Mapped[str] = mapped_column(String(10))  # ISO date, the store's local day
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    currency: Mapped[str] = mapped_column(String(3))
    figures: Mapped[str] = mapped_column(Text)
    grand_total_minor: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("till_id", "z_no", name="uq_shift_closures_till_z"),
        Index("ix_shift_closures_store_day", "store_id", "business_day"),
    )


class ShopifyShop(Base):
    """A Shopify shop head office connected: its webhook signing secret and pickup store.

    The secret is kept in clear because verifying an HMAC needs it (migration 0009)."""

    __tablename__ = "shopify_shops"

    shop_domain: Mapped[str] = mapped_column(String(255), primary_key=True)
    webhook_secret: Mapped[str] = mapped_column(String(255))
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ShopifyDelivery(Base):
    """One X-Shopify-Webhook-Id, applied once; a repeat is answered without applying it."""

    __tablename__ = "shopify_deliveries"

    webhook_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    shop_domain: Mapped[str] = mapped_column(String(255))
    topic: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ShopifyFlag(Base):
    """A Shopify webhook the hub could not apply as sent, kept with its reason for head office."""

    __tablename__ = "shopify_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_domain: Mapped[str] = mapped_column(String(255))
    topic: Mapped[str] = mapped_column(String(64))
    webhook_id: Mapped[str] = mapped_column(String(100))
    shopify_id: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ShopifyRefund(Base):
    """Money Shopify paid back for an order (a refunds/create webhook), exactly as it says."""

    __tablename__ = "shopify_refunds"

    refund_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    shop_domain: Mapped[str] = mapped_column(String(255))
    order_external_id: Mapped[str] = mapped_column(String(100))
    order_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    quantities: Mapped[str] = mapped_column(Text)  # JSON {sku: refunded units}
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Gs1Trace(Base):
    """A unit sold (or returned: negative quantity) that a GS1 scan traced with a lot, serial
    or expiry (issue 17 point 4): which stores sold lot ABC123, for a recall
    (sync/hub/traces.py, ``omnitill hub traces``). One row per traced line of a sale event."""

    __tablename__ = "gs1_traces"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(80))
    sale_uuid: Mapped[str] = mapped_column(String(36))
    receipt_no: Mapped[str] = mapped_column(String(64))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    lot: Mapped[str | None] = mapped_column(String(20), nullable=True)
    serial: Mapped[str | None] = mapped_column(String(20), nullable=True)
    expiry: Mapped[str | None] = mapped_column(String(10), nullable=True)  # ISO date
    sold_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("event_id", "line_no", name="uq_gs1_traces_event_line"),
        Index("ix_gs1_traces_lot", "lot"),
        Index("ix_gs1_traces_serial", "serial"),
    )


class SalesDaily(Base):
    """Till sales summed per day × store × channel × tender × department (migration 0017).

    Written in the ingest transaction of each applied sale or return (sync/hub/sales_rollup.py),
    so the dashboard and the reports read a few hundred rows instead of every sale line.
    """

    __tablename__ = "sales_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)  # the sale's UTC day
    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    tender: Mapped[str] = mapped_column(String(32), primary_key=True)
    department: Mapped[str] = mapped_column(String(64), primary_key=True)
    sales: Mapped[int] = mapped_column(Integer)  # sales (and returns) with a share in this row
    amount_minor: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_sales_daily_store_day", "store_id", "day"),)


class StockAdjustment(Base):
    """A stock change made at head office, with its reason (migration 0017): the history
    behind the levels the console shows (sync/hub/console/stock.py)."""

    __tablename__ = "stock_adjustments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    sku: Mapped[str] = mapped_column(String(64))
    delta_milli: Mapped[int] = mapped_column(BigInteger)
    level_milli: Mapped[int] = mapped_column(BigInteger)  # the level after the change
    reason: Mapped[str] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_stock_adjustments_store_sku", "store_id", "sku", "id"),)


# --- one stock truth (hub migration 0019; docs/architecture.md "One stock truth") ----------


class StockLocation(Base):
    """What the hub knows about a store as a stock location: a shop floor or a warehouse, its
    region (shown at the tills next to its stock), its safety stock and its hold period.

    A store without a row is a shop with no safety stock and the default hold period.
    """

    __tablename__ = "stock_locations"

    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # store | warehouse
    region: Mapped[str] = mapped_column(String(100))
    safety_milli: Mapped[int] = mapped_column(BigInteger)  # held back from every SKU
    hold_days: Mapped[int] = mapped_column(Integer)  # uncollected orders expire after this
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SafetyStock(Base):
    """A SKU's own safety stock at one location (overrides the location's default)."""

    __tablename__ = "safety_stock"

    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    quantity_milli: Mapped[int] = mapped_column(BigInteger)


class StockReservation(Base):
    """Units a web order holds at its location until they leave the shelf or the order ends.

    ``state``: held (counts against available-to-sell) → moved (picked into the bag: the
    till's own stock movement took them off on hand) or released (cancelled, expired).
    Leaving ``held`` is one conditional UPDATE, so it happens exactly once.
    """

    __tablename__ = "stock_reservations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    order_number: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    sku: Mapped[str] = mapped_column(String(64))
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("order_number", "sku", name="uq_stock_reservations_order_sku"),
        Index("ix_stock_reservations_held", "store_id", "sku", "state"),
    )


class ShopifyPublish(Base):
    """A Shopify shop the hub publishes available-to-sell to: its Admin API access token and
    endpoint (the token is kept in clear: every call needs it)."""

    __tablename__ = "shopify_publish"

    shop_domain: Mapped[str] = mapped_column(
        ForeignKey("shopify_shops.shop_domain"), primary_key=True
    )
    access_token: Mapped[str] = mapped_column(String(255))
    endpoint: Mapped[str] = mapped_column(String(500))  # the GraphQL Admin API URL
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ShopifyLocation(Base):
    """Which Shopify location shows which of our stores' stock."""

    __tablename__ = "shopify_locations"

    shop_domain: Mapped[str] = mapped_column(
        ForeignKey("shopify_publish.shop_domain"), primary_key=True
    )
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), primary_key=True)
    location_gid: Mapped[str] = mapped_column(String(100))

    __table_args__ = (Index("ix_shopify_locations_store", "store_id"),)


class ShopifyItem(Base):
    """A SKU's Shopify inventory item, found once by a GraphQL query and kept."""

    __tablename__ = "shopify_items"

    shop_domain: Mapped[str] = mapped_column(String(255), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    inventory_item_gid: Mapped[str | None] = mapped_column(String(100), nullable=True)
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StockPush(Base):
    """The web store's copy of one SKU at one location: what the hub still owes it.

    One row per (shop, location, SKU) whatever the number of changes: a change bumps
    ``version``; the publisher sends the level it reads *when it sends*, then records the
    version it read. Pending while ``version > sent_version``. ``due_at`` is both the
    coalescing window (not before the last send + the window) and the claim (moved forward
    while a publisher sends it), so one row is never in flight twice and an older level is
    never sent after a newer one.
    """

    __tablename__ = "stock_pushes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    shop_domain: Mapped[str] = mapped_column(String(255))
    store_id: Mapped[str] = mapped_column(String(64))
    sku: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(BigInteger)
    sent_version: Mapped[int] = mapped_column(BigInteger)
    sent_level: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    status: Mapped[str] = mapped_column(String(16))  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)  # first change not yet sent
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    __table_args__ = (
        UniqueConstraint("shop_domain", "store_id", "sku", name="uq_stock_pushes_item"),
        Index("ix_stock_pushes_due", "status", "due_at"),
    )


class AisleOrderRow(Base):
    """An endless-aisle order: sold and paid at a till, fulfilled by another location (hub
    migration 0020). The order itself is a ``web_orders`` row (its queue, its reservation,
    its returns); this keeps where it was sold and how it reaches the customer."""

    __tablename__ = "aisle_orders"

    order_number: Mapped[str] = mapped_column(String(64), primary_key=True)
    sale_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    sold_at_store_id: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(16))  # pickup | delivery
    delivery_address: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
