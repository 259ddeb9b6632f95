"""Web orders (from the web store, the API or an endless-aisle sale), refunds to make, and the
Shopify shops, deliveries, flags and refunds behind them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sync.hub.models.base import Base, UtcDateTime


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
    # The customer's language tag as checked ("de_AT"), when the web store sent it (hub
    # migration 0025); their mails are in it when the catalogs have it (locales.customer_locale).
    customer_locale: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        Index("ix_web_orders_status_created", "status", "created_at"),
        Index("ix_web_orders_status_id", "status", "id"),
        Index("ix_web_orders_created", "created_at"),
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
