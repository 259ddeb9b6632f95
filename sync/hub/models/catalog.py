"""What is sold and at what price: tax classes, products, reason codes, promotions and the
coupon uses the hub checks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sync.hub.models.base import Base, UtcDateTime


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
