"""The parts of a till event payload that sales and returns share (docs/architecture.md §6).

The hub validates both with the same model, so the envelope, totals, tenders and stock
movements are built in one place and cannot drift apart. They read plain column → value rows:
checkout writes its rows with SQLAlchemy Core (building ORM objects cost more than the commit,
issue 18), returns pass their ORM rows through ``values_of``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import inspect

from pos_app.db.models import Base

Row = Mapping[str, Any]


def gs1_of(lot: str | None, serial: str | None, expiry: str | None) -> dict[str, Any]:
    """A line's GS1 lot/serial/expiry for the hub's recall search (sync/hub/traces.py), as
    ``{"gs1": {...}}``; empty for a line no GS1 scan traced, so its event stays as it was."""
    trace = {
        key: value for key, value in (("lot", lot), ("serial", serial), ("expiry", expiry)) if value
    }
    return {"gs1": trace} if trace else {}


def values_of(obj: Base) -> dict[str, Any]:
    """An ORM row's column values by attribute name (the shape the builders below read)."""
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def sale_envelope(sale: Row) -> dict[str, Any]:
    """Who, where and when, plus the totals, of a sale or return row."""
    return {
        "sale_uuid": sale["uuid"],
        "store_id": sale["store_id"],
        "till_id": sale["till_id"],
        "receipt_no": sale["receipt_no"],
        "created_at": sale["created_at"].isoformat(),
        "cashier": sale["cashier"],
        "currency": sale["currency"],
        "tax_mode": sale["tax_mode"],
        "offline": sale["offline"],
        "totals": {
            "subtotal_minor": sale["subtotal_minor"],
            "discount_minor": sale["discount_minor"],
            "tax_minor": sale["tax_minor"],
            "total_minor": sale["total_minor"],
            "rounding_minor": sale["rounding_minor"],
            "paid_minor": sale["paid_minor"],
            "change_minor": sale["change_minor"],
        },
    }


def tenders_of(tenders: Iterable[Row]) -> list[dict[str, Any]]:
    # Approval code, last 4 and scheme only: the till never holds card data
    # (docs/architecture.md §2).
    return [
        {
            "kind": t["kind"],
            "amount_minor": t["amount_minor"],
            "approval_code": t["approval_code"],
            "card_last4": t["card_last4"],
            "card_scheme": t["card_scheme"],
            "account": t["account"],
        }
        for t in tenders
    ]


def movements_of(movements: Iterable[Row], *, with_reason: bool = False) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in movements:
        row: dict[str, Any] = {
            "uuid": m["uuid"],
            "sku": m["sku"],
            "quantity_delta_milli": m["quantity_delta_milli"],
        }
        if with_reason:
            row["reason"] = m["reason"]
        out.append(row)
    return out
