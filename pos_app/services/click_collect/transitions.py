"""One click-and-collect transition as written: local state, stock, journal, outbox event."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from pos_app.db.models import CollectionOrderRow, OutboxEvent, StockMovement, WebOrderRow
from pos_app.domain.click_collect.orders import OrderState, check_move
from pos_app.domain.click_collect.states import PICKUP
from pos_app.services.click_collect.queue import COLLECTION_EVENT
from pos_app.services.store import journal
from pos_app.services.store.till_context import TillContext

_LINE_FIELDS = ("line_no", "sku", "picked_milli", "short_milli", "collected_milli")


@dataclass(frozen=True)
class Transition:
    target: OrderState
    staff: str
    stock: Sequence[tuple[str, int]] = ()  # (sku, delta milli) moving at this step
    stock_reason: str = "collection"
    extra: Mapping[str, Any] | None = None


def record_transition(
    session: Session,
    local: CollectionOrderRow,
    step: Transition,
    *,
    context: TillContext,
    now: datetime,
    new_uuid: Any = uuid.uuid4,
) -> str:
    """Apply ``step`` to ``local`` in the caller's transaction; returns the outbox event id."""
    number = local.order_number
    order = session.get(WebOrderRow, number)
    fulfilment = order.fulfilment if order is not None else PICKUP
    check_move(number, OrderState(local.local_status), step.target, fulfilment)
    local.local_status, local.updated_at = str(step.target), now
    movements = [
        StockMovement(
            uuid=str(new_uuid()),
            sku=sku,
            quantity_delta_milli=qty,
            reason=step.stock_reason,
            created_at=now,
        )
        for sku, qty in step.stock
        if qty
    ]
    session.add_all(movements)
    lines = [
        [ln.line_no, ln.sku, ln.picked_milli, ln.short_milli, ln.collected_milli]
        for ln in local.lines
    ]
    extra = dict(step.extra or {})
    entry = journal.append_entry(
        session,
        till_id=context.till_id,
        kind="collection",
        created_at=now,
        body={
            "order_number": number,
            "status": str(step.target),
            "staff": step.staff,
            "lines": lines,
            "stock": [[m.sku, m.quantity_delta_milli] for m in movements],
            **extra,
        },
    )
    payload = {
        "store_id": context.store_id,
        "till_id": context.till_id,
        "order_number": number,
        "status": str(step.target),
        "staff": step.staff,
        "at": now.isoformat(),
        "bags": local.bag_count,
        "lines": [dict(zip(_LINE_FIELDS, ln, strict=True)) for ln in lines],
        "stock_movements": [
            {"uuid": m.uuid, "sku": m.sku, "quantity_delta_milli": m.quantity_delta_milli}
            for m in movements
        ],
        "journal": {"seq": entry.seq, "hash": entry.hash},
        **extra,
    }
    event_id = str(new_uuid())
    session.add(
        OutboxEvent(
            event_id=event_id,
            kind=COLLECTION_EVENT,
            payload=json.dumps(payload, sort_keys=True, separators=(",", ":")),
            created_at=now,
            attempts=0,
            rejected=False,
        )
    )
    session.flush()
    return event_id


STOCK_EVENT = "stock.adjusted"


def record_stock_return(
    session: Session,
    local: CollectionOrderRow,
    stock: Sequence[tuple[str, int]],
    *,
    status: OrderState,
    reason: str,
    context: TillContext,
    now: datetime,
    new_uuid: Any = uuid.uuid4,
) -> str:
    """Put what waited in the bag back on sellable stock after the hub closed the order.

    Not a status change (the hub already made it and would refuse it again), so the hub hears
    a plain ``stock.adjusted`` event; ``stock_held`` is cleared in the same transaction, which
    is what makes the return happen once however often it is asked for.
    """
    movements = [
        StockMovement(
            uuid=str(new_uuid()),
            sku=sku,
            quantity_delta_milli=qty,
            reason="collection_return",
            created_at=now,
        )
        for sku, qty in stock
        if qty
    ]
    session.add_all(movements)
    local.stock_held = False
    stock_rows = [[m.sku, m.quantity_delta_milli] for m in movements]
    journal.append_entry(
        session,
        till_id=context.till_id,
        kind="collection",
        created_at=now,
        body={
            "order_number": local.order_number,
            "status": str(status),
            "staff": "hub",
            "reason": reason,
            "stock": stock_rows,
        },
    )
    payload = {
        "store_id": context.store_id,
        "reason": f"collection_return {local.order_number} ({status})"[:200],
        "stock_movements": [
            {"uuid": m.uuid, "sku": m.sku, "quantity_delta_milli": m.quantity_delta_milli}
            for m in movements
        ],
    }
    event_id = str(new_uuid())
    session.add(
        OutboxEvent(
            event_id=event_id,
            kind=STOCK_EVENT,
            payload=json.dumps(payload, sort_keys=True, separators=(",", ":")),
            created_at=now,
            attempts=0,
            rejected=False,
        )
    )
    session.flush()
    return event_id
