"""Customers across channels: the look-up log, stored value, their in-store sales, e-mailed
receipts and the e-mails the hub owes them."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.hub.models.base import Base, BigId, UtcDateTime


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
