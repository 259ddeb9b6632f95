"""What tills' sales leave at the hub besides their events: Z reports (store days), GS1 traces
for recalls, and the daily sales rollup the console reads."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.hub.models.base import Base, BigId, UtcDateTime


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


class SalesByDepartment(Base):
    """``sales_daily``'s tender rows summed over tender: day × store × department × channel
    (migration 0024).

    Kept in the same upsert as ``sales_daily`` (sync/hub/sales_rollup.py), so it always equals
    that sum, counts included (a sale paid two ways counts in each tender's row, so twice
    here too). The reports by department without tender read these rows, a third fewer than
    the tender rows for two tenders, and in the key order a report by day × store ×
    department is sorted in.
    """

    __tablename__ = "sales_by_department"

    day: Mapped[date] = mapped_column(Date, primary_key=True)  # the sale's UTC day
    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    department: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    sales: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_sales_by_department_store_day", "store_id", "day"),)
