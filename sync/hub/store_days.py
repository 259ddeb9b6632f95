"""Store days at the hub: the Z reports of a store's tills, kept and summed per business day.

A ``shift.closed`` event is stored once (the event id is unique, like every event; a till's Z
number is unique too, so the same Z under another event id adds nothing). A store day is the
sum of its Zs, worked out when asked: the Zs are the record, the day is a view of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub.db import dialect_insert
from sync.hub.models import ShiftClosure, Store
from sync.protocol import ShiftClosedPayload, StoreDay, ZFiguresIn

__all__ = ["check_figures", "record_shift", "store_days"]


def check_figures(payload: ShiftClosedPayload, store_currency: str | None) -> list[str]:
    """What does not add up in a Z (the hub trusts a till's identity, not its arithmetic).

    The Z is kept all the same (the day happened); head office sees the warnings."""
    f, problems = payload.figures, []
    if store_currency is not None and payload.currency != store_currency:
        problems.append(f"Z in {payload.currency}; the store counts in {store_currency}")
    if f.net_sales_minor != f.sales[1] + f.returns[1]:
        problems.append("net sales differ from sales + returns")
    for tender, counted in f.counted.items():
        if f.over_short.get(tender) != counted - f.expected.get(tender, 0):
            problems.append(f"{tender}: over/short differs from counted − expected")
    return [f"Z {payload.z_no} of till {payload.till_id}: {p}" for p in problems]


def record_shift(
    session: Session, event_id: str, payload: ShiftClosedPayload, now: datetime
) -> list[str]:
    """Keep one Z; returns warnings (figures that do not add up, a Z number already kept)."""
    stmt = (
        dialect_insert(session, ShiftClosure)
        .values(
            event_id=event_id,
            store_id=payload.store_id,
            till_id=payload.till_id,
            shift_id=payload.shift_id,
            z_no=payload.z_no,
            business_day=payload.business_day.isoformat(),
            opened_at=payload.opened_at,
            closed_at=payload.closed_at,
            currency=payload.currency,
            figures=json.dumps(payload.figures.model_dump(mode="json"), sort_keys=True),
            grand_total_minor=payload.grand_total_minor,
            received_at=now,
        )
        .on_conflict_do_nothing()
        .returning(ShiftClosure.event_id)
    )
    store = session.get(Store, payload.store_id)
    warnings = check_figures(payload, store.currency if store is not None else None)
    if session.execute(stmt).scalar_one_or_none() is None:
        warnings.append(f"Z {payload.z_no} of till {payload.till_id} was already received")
    return warnings


def _add(a: Any, b: Any) -> Any:
    """Sum two figure values of the same shape: numbers, [count, amount] pairs, maps."""
    if isinstance(a, Mapping):
        return {k: _add(a.get(k), b.get(k)) if k in a and k in b else a.get(k, b.get(k))
                for k in sorted({*a, *b})}  # fmt: skip
    if isinstance(a, list | tuple):
        return [x + y for x, y in zip(a, b, strict=True)]
    return a + b


def _sum_figures(figures: list[dict[str, Any]]) -> dict[str, Any]:
    total = figures[0]
    tax: dict[tuple[str, str], list[int]] = {}
    for f in figures:
        for label, rate, net, amount in f["tax"]:
            row = tax.setdefault((label, rate), [0, 0])
            row[0] += net
            row[1] += amount
    for f in figures[1:]:
        total = {k: _add(total[k], f[k]) for k in total if k != "tax"}
    total["tax"] = [[label, rate, v[0], v[1]] for (label, rate), v in sorted(tax.items())]
    return total


def store_days(
    session: Session, *, store_id: str | None = None, day: date | None = None, limit: int = 200
) -> list[StoreDay]:
    """Store days, newest first; each is the sum of its tills' Zs."""
    query = select(ShiftClosure).order_by(
        ShiftClosure.business_day.desc(), ShiftClosure.store_id, ShiftClosure.till_id,
        ShiftClosure.z_no,
    )  # fmt: skip
    if store_id is not None:
        query = query.where(ShiftClosure.store_id == store_id)
    if day is not None:
        query = query.where(ShiftClosure.business_day == day.isoformat())
    groups: dict[tuple[str, str], list[ShiftClosure]] = {}
    for row in session.scalars(query):
        key = (row.store_id, row.business_day)
        if key not in groups and len(groups) >= limit:
            break
        groups.setdefault(key, []).append(row)
    return [
        StoreDay(
            store_id=store,
            business_day=date.fromisoformat(day_text),
            currency=rows[0].currency,
            z_reports=[f"{r.till_id}/Z{r.z_no}" for r in rows],
            figures=ZFiguresIn.model_validate(_sum_figures([json.loads(r.figures) for r in rows])),
        )
        for (store, day_text), rows in groups.items()
    ]
