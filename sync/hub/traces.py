"""GS1 traces for recalls (issue 17 point 4): the lot, serial and expiry a till's GS1 scan put on
a sale line reach the hub with the sale event and are kept per line, so head office can answer
"which stores sold lot ABC123?" (``omnitill hub traces --lot ABC123``).

Recorded for every newly stored sale/return event, quarantined ones included: a held sale
still put the unit in a customer's hands, which is what a recall needs to know.
docs/architecture.md §6 (GS1 traces).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sync.hub.models import Gs1Trace
from sync.protocol import SalePayload

MAX_FOUND = 10_000  # a recall of one lot across a chain; more is a sign of a wrong query


@dataclass(frozen=True)
class TraceFound:
    store_id: str
    till_id: str
    receipt_no: str
    sale_uuid: str
    sku: str
    quantity_milli: int
    lot: str | None
    serial: str | None
    expiry: str | None
    sold_at: datetime


def record(
    session: Session, event_id: str, payload: SalePayload, store_id: str, till_id: str
) -> int:
    """One row per traced line of a newly stored sale or return event; the number written."""
    rows = [
        {
            "event_id": event_id,
            "store_id": store_id,
            "till_id": till_id,
            "sale_uuid": str(payload.sale_uuid),
            "receipt_no": payload.receipt_no,
            "line_no": line.line_no,
            "sku": line.sku,
            "quantity_milli": line.quantity_milli,
            "lot": line.gs1.lot,
            "serial": line.gs1.serial,
            "expiry": line.gs1.expiry.isoformat() if line.gs1.expiry else None,
            # A till always sends an offset; a naive time is taken as UTC, never refused.
            "sold_at": payload.created_at
            if payload.created_at.tzinfo is not None
            else payload.created_at.replace(tzinfo=UTC),
        }
        for line in payload.lines
        if line.gs1 is not None
    ]
    if rows:
        session.execute(insert(Gs1Trace), rows)
    return len(rows)


def find(
    session: Session, *, lot: str | None = None, serial: str | None = None
) -> Sequence[TraceFound]:
    """Every traced unit with this lot or this serial (give one), oldest sale first."""
    if (lot is None) == (serial is None):
        raise ValueError("give a lot or a serial number")
    column = Gs1Trace.lot if lot is not None else Gs1Trace.serial
    wanted = (lot if lot is not None else serial) or ""
    query = (
        select(Gs1Trace)
        .where(column == wanted.strip())
        .order_by(Gs1Trace.sold_at, Gs1Trace.id)
        .limit(MAX_FOUND)
    )
    return [
        TraceFound(
            store_id=t.store_id,
            till_id=t.till_id,
            receipt_no=t.receipt_no,
            sale_uuid=t.sale_uuid,
            sku=t.sku,
            quantity_milli=t.quantity_milli,
            lot=t.lot,
            serial=t.serial,
            expiry=t.expiry,
            sold_at=t.sold_at,
        )
        for t in session.scalars(query)
    ]


def report(found: Sequence[TraceFound], what: str) -> list[str]:
    """The CLI's answer: per store the units sold net of returns, then every line."""
    if not found:
        return [f"no sale of {what} recorded at the hub"]
    net: dict[str, int] = {}
    for t in found:
        net[t.store_id] = net.get(t.store_id, 0) + t.quantity_milli
    lines = [f"{what}: sold in {len(net)} store(s)"]
    lines += [
        f"  {store}: {qty / 1000:g} unit(s) net of returns" for store, qty in sorted(net.items())
    ]
    lines.append("sales and returns:")
    lines += [
        f"  {t.sold_at:%Y-%m-%d %H:%M}  {t.store_id}/{t.till_id}  receipt {t.receipt_no}  "
        f"{t.sku}  qty {t.quantity_milli / 1000:g}  lot {t.lot or '-'}  serial {t.serial or '-'}"
        f"  expiry {t.expiry or '-'}"
        for t in found
    ]
    return lines
