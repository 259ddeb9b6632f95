"""Stock: levels and head office's adjustments, and the one stock truth across channels
(locations, safety stock, reservations, what the web store is sent; docs/architecture.md §7b)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.hub.models.base import Base, BigId, UtcDateTime


class StockLevel(Base):
    __tablename__ = "stock_levels"

    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_stock_levels_sku", "sku"),)


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
