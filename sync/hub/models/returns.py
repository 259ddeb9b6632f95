"""Returns across tills and channels: what each original line can still take back, reviews of
over-returns and refunds recorded (docs/architecture.md §8)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.hub.models.base import Base, UtcDateTime


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
