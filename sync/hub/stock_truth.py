"""One stock truth (docs/architecture.md, "One stock truth"): the one home of the rules.

Available-to-sell (ATS) at a location = on hand − reserved − safety stock.

- **On hand** is the hub's stock level (the sum of every till's deltas and head office's counts).
- **Reserved**: a web order (pickup or delivery, online or made at a till) holds its units at
  its location from the moment it reaches the hub. The hold ends exactly once (one conditional
  UPDATE from ``held``): *moved* when the store picks the order (its till's ``ready`` event takes
  the picked units off on hand in the same transaction, so they must stop counting as reserved
  there), *released* when it is cancelled or expires before that. Later steps (hand-over, a
  cancel after picking) move nothing here: the till gives bagged goods back with a
  ``stock.adjusted`` event of its own.
- **Safety stock**: per location, overridable per SKU; what the web store must not sell.

Every change of one of the three for a (location, SKU) *touches* it: the web stores that show
that location owe it an update (``stock_pushes``, one row per shop, location and SKU; see
``sync/hub/stock_publish.py`` for how they are sent). A touch only bumps a version: the level
sent is read when it is sent, so it is always the newest committed one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from pos_app.domain.click_collect.states import DEFAULT_HOLD_DAYS, OrderState
from sync.hub.db import dialect_insert
from sync.hub.errors import Invalid
from sync.hub.models import (
    SafetyStock,
    ShopifyLocation,
    StockLevel,
    StockLocation,
    StockPush,
    StockReservation,
    Store,
)
from sync.protocol import LocationStock

HELD, MOVED, RELEASED = "held", "moved", "released"
PENDING, SENT, FAILED = "pending", "sent", "failed"
LOCATION_KINDS = ("store", "warehouse")
# A step that takes the units off the shelf (the till's movement) or ends the order.
_ENDS_HOLD: dict[OrderState, str] = {
    OrderState.READY: MOVED,
    OrderState.PARTIALLY_COLLECTED: MOVED,
    OrderState.COLLECTED: MOVED,
    OrderState.SHIPPED: MOVED,  # a delivery: moved by its ready already, so nothing here
    OrderState.CANCELLED: RELEASED,
    OrderState.EXPIRED: RELEASED,
}


def available(on_hand_milli: int, reserved_milli: int, safety_milli: int) -> int:
    """ATS in thousandths; negative when more is promised than is there (shown as such at the
    till; published as 0, the least a web store can show)."""
    return on_hand_milli - reserved_milli - safety_milli


def publishable_units(available_milli: int) -> int:
    """What a web store is told: whole units, never below zero (a web store sells whole
    items, and Shopify refuses a negative ``available``: INVALID_QUANTITY_NEGATIVE)."""
    return max(0, available_milli // 1000)


@dataclass(frozen=True)
class LocationRules:
    kind: str = "store"
    region: str = ""
    safety_milli: int = 0
    hold_days: int = DEFAULT_HOLD_DAYS


def location_rules(session: Session, store_id: str) -> LocationRules:
    row = session.get(StockLocation, store_id)
    if row is None:
        return LocationRules()
    return LocationRules(row.kind, row.region, row.safety_milli, row.hold_days)


def set_location(
    session: Session,
    store_id: str,
    *,
    now: datetime,
    kind: str | None = None,
    region: str | None = None,
    safety_milli: int | None = None,
    hold_days: int | None = None,
) -> LocationRules:
    """Head office describes a location; what is not given keeps its value. A new safety
    stock changes every SKU's ATS there, so all of the location's SKUs are touched."""
    if session.get(Store, store_id) is None:
        raise Invalid(f"no store {store_id!r}")
    if kind is not None and kind not in LOCATION_KINDS:
        raise Invalid(f"kind must be one of {', '.join(LOCATION_KINDS)}")
    if safety_milli is not None and not 0 <= safety_milli <= 10**12:
        raise Invalid("safety stock must be between 0 and 10^9")
    if hold_days is not None and not 1 <= hold_days <= 365:
        raise Invalid("the hold period is between 1 and 365 days")
    if region is not None and len(region) > 100:
        raise Invalid("region: at most 100 characters")
    current = location_rules(session, store_id)
    new = LocationRules(
        kind if kind is not None else current.kind,
        region if region is not None else current.region,
        safety_milli if safety_milli is not None else current.safety_milli,
        hold_days if hold_days is not None else current.hold_days,
    )
    values = {
        "store_id": store_id,
        "kind": new.kind,
        "region": new.region,
        "safety_milli": new.safety_milli,
        "hold_days": new.hold_days,
        "updated_at": now,
    }
    stmt = dialect_insert(session, StockLocation).values(values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["store_id"],
            set_={k: stmt.excluded[k] for k in values if k != "store_id"},
        )
    )
    if new.safety_milli != current.safety_milli:
        skus = session.scalars(select(StockLevel.sku).where(StockLevel.store_id == store_id))
        touch(session, store_id, list(skus), now=now)
    return new


def set_sku_safety(
    session: Session, store_id: str, sku: str, quantity_milli: int | None, *, now: datetime
) -> None:
    """A SKU's own safety stock at a location (None: back to the location's default)."""
    if session.get(Store, store_id) is None:
        raise Invalid(f"no store {store_id!r}")
    if quantity_milli is None:
        session.execute(
            delete(SafetyStock).where(SafetyStock.store_id == store_id, SafetyStock.sku == sku)
        )
    else:
        if not 0 <= quantity_milli <= 10**12:
            raise Invalid("safety stock must be between 0 and 10^9")
        stmt = dialect_insert(session, SafetyStock).values(
            store_id=store_id, sku=sku, quantity_milli=quantity_milli
        )
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["store_id", "sku"],
                set_={"quantity_milli": stmt.excluded.quantity_milli},
            )
        )
    touch(session, store_id, [sku], now=now)


# --- reservations ---------------------------------------------------------------------------


def reserve_order(
    session: Session,
    *,
    order_number: str,
    store_id: str,
    lines: Iterable[tuple[str, int]],
    now: datetime,
) -> None:
    """Hold an arriving order's units (``(sku, quantity_milli)`` per line) at its location."""
    per_sku: dict[str, int] = defaultdict(int)
    for sku, quantity in lines:
        per_sku[sku] += quantity
    rows: list[dict[str, Any]] = [
        {
            "order_number": order_number,
            "store_id": store_id,
            "sku": sku,
            "quantity_milli": per_sku[sku],
            "state": HELD,
            "created_at": now,
            "updated_at": now,
        }
        for sku in sorted(per_sku)
        if per_sku[sku] > 0
    ]
    if not rows:
        return
    # An order is created once (its number is unique), so a conflict means this very order
    # was reserved already: do nothing rather than hold it twice.
    stmt = dialect_insert(session, StockReservation).on_conflict_do_nothing(
        index_elements=["order_number", "sku"]
    )
    session.connection().execute(stmt, rows)
    touch(session, store_id, [str(r["sku"]) for r in rows], now=now)


def settle_order(
    session: Session, *, order_number: str, status: OrderState, now: datetime
) -> list[str]:
    """End an order's hold when ``status`` ends it; the SKUs whose hold ended (once only)."""
    outcome = _ENDS_HOLD.get(status)
    if outcome is None:
        return []
    ended = session.execute(
        update(StockReservation)
        .where(StockReservation.order_number == order_number, StockReservation.state == HELD)
        .values(state=outcome, updated_at=now)
        .returning(StockReservation.store_id, StockReservation.sku)
    ).all()
    by_store: dict[str, list[str]] = defaultdict(list)
    for store_id, sku in ended:
        by_store[store_id].append(sku)
    for store_id in sorted(by_store):  # the lock order of every writer (store, shop, SKU)
        touch(session, store_id, by_store[store_id], now=now)
    return sorted(sku for _, sku in ended)


def reserved_by_order(session: Session, order_number: str) -> dict[str, tuple[int, str]]:
    """{sku: (quantity, state)} of one order (for tests, the console and support)."""
    rows = session.execute(
        select(StockReservation.sku, StockReservation.quantity_milli, StockReservation.state)
        .where(StockReservation.order_number == order_number)
    ).all()  # fmt: skip
    return {sku: (quantity, state) for sku, quantity, state in rows}


# --- reading ATS ----------------------------------------------------------------------------


def _reserved(session: Session, store_ids: Sequence[str] | None, skus: Sequence[str]) -> Any:
    query = (
        select(
            StockReservation.store_id,
            StockReservation.sku,
            func.sum(StockReservation.quantity_milli),
        )
        .where(StockReservation.state == HELD, StockReservation.sku.in_(skus))
        .group_by(StockReservation.store_id, StockReservation.sku)
    )
    if store_ids is not None:
        query = query.where(StockReservation.store_id.in_(store_ids))
    return {(store, sku): int(total) for store, sku, total in session.execute(query)}


def _safety(session: Session, store_ids: Sequence[str] | None, skus: Sequence[str]) -> Any:
    query = select(SafetyStock.store_id, SafetyStock.sku, SafetyStock.quantity_milli).where(
        SafetyStock.sku.in_(skus)
    )
    if store_ids is not None:
        query = query.where(SafetyStock.store_id.in_(store_ids))
    return {(store, sku): quantity for store, sku, quantity in session.execute(query)}


def _locations(session: Session, store_ids: Sequence[str] | None) -> dict[str, LocationRules]:
    query = select(StockLocation)
    if store_ids is not None:
        query = query.where(StockLocation.store_id.in_(store_ids))
    return {
        row.store_id: LocationRules(row.kind, row.region, row.safety_milli, row.hold_days)
        for row in session.scalars(query)
    }


def available_at(session: Session, store_id: str, skus: Sequence[str]) -> dict[str, int]:
    """ATS in thousandths of each SKU at one location (a SKU never counted there: its
    reservations and safety stock still count against zero)."""
    if not skus:
        return {}
    on_hand = dict(
        session.execute(
            select(StockLevel.sku, StockLevel.quantity_milli).where(
                StockLevel.store_id == store_id, StockLevel.sku.in_(skus)
            )
        ).all()
    )
    reserved = _reserved(session, [store_id], skus)
    safety = _safety(session, [store_id], skus)
    default_safety = location_rules(session, store_id).safety_milli
    return {
        sku: available(
            on_hand.get(sku, 0),
            reserved.get((store_id, sku), 0),
            safety.get((store_id, sku), default_safety),
        )
        for sku in skus
    }


def stock_everywhere(session: Session, sku: str) -> list[LocationStock]:
    """The SKU at every store and warehouse of the chain, warehouses last, then by name."""
    stores = session.execute(select(Store.store_id, Store.name)).all()
    on_hand = dict(
        session.execute(
            select(StockLevel.store_id, StockLevel.quantity_milli).where(StockLevel.sku == sku)
        ).all()
    )
    reserved = _reserved(session, None, [sku])
    safety = _safety(session, None, [sku])
    rules = _locations(session, None)
    out = []
    for store_id, name in stores:
        rule = rules.get(store_id, LocationRules())
        held = reserved.get((store_id, sku), 0)
        safe = safety.get((store_id, sku), rule.safety_milli)
        count = on_hand.get(store_id, 0)
        out.append(
            LocationStock(
                store_id=store_id,
                name=name,
                kind="warehouse" if rule.kind == "warehouse" else "store",
                region=rule.region,
                on_hand_milli=count,
                reserved_milli=held,
                safety_milli=safe,
                available_milli=available(count, held, safe),
            )
        )
    out.sort(key=lambda loc: (loc.kind == "warehouse", loc.name.casefold(), loc.store_id))
    return out


# --- what the web stores owe ----------------------------------------------------------------


def publishing_shops(session: Session, store_id: str) -> list[str]:
    return list(
        session.scalars(
            select(ShopifyLocation.shop_domain).where(ShopifyLocation.store_id == store_id)
        )
    )


def touch(session: Session, store_id: str, skus: Iterable[str], *, now: datetime) -> int:
    """Mark (location, SKU)s changed for every web store that shows the location; the number
    of rows touched. Rows go in SKU order so concurrent writers lock them in the same order."""
    shops = publishing_shops(session, store_id)
    wanted = sorted(set(skus))
    if not shops or not wanted:
        return 0
    stmt = dialect_insert(session, StockPush)
    # A row already pending keeps its first change time (the delay is measured from it) and
    # its due time (more changes never push a pending update further back).
    upsert = stmt.on_conflict_do_update(
        index_elements=["shop_domain", "store_id", "sku"],
        set_={
            "version": StockPush.version + 1,
            "status": PENDING,
            "changed_at": case(
                (StockPush.status == PENDING, StockPush.changed_at),
                else_=stmt.excluded.changed_at,
            ),
        },
    )
    rows = [
        {
            "shop_domain": shop,
            "store_id": store_id,
            "sku": sku,
            "version": 1,
            "sent_version": 0,
            "sent_level": None,
            "status": PENDING,
            "attempts": 0,
            "last_error": None,
            "changed_at": now,
            "due_at": now,
            "sent_at": None,
        }
        for shop in sorted(shops)
        for sku in wanted
    ]
    session.connection().execute(upsert, rows)
    return len(rows)


def touch_many(session: Session, changes: Mapping[str, Iterable[str]], *, now: datetime) -> None:
    for store_id in sorted(changes):
        touch(session, store_id, changes[store_id], now=now)
