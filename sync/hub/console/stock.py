"""Stock on hand per store, and head office's adjustments with a reason.

An adjustment moves stock through the ingest's own code (sync/hub/ingest.apply_stock_deltas:
the same upsert, the same feed row to the store's tills), and is kept in
``stock_adjustments`` with its reason and in the audit log, all in one transaction.
Available-to-sell and reservations are another module's (sync/hub/stock_truth.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub.console.accounts import ConsoleIdentity, audit
from sync.hub.context import Hub
from sync.hub.errors import Invalid, NotFound
from sync.hub.ingest import apply_stock_deltas
from sync.hub.models import Product, StockAdjustment, StockLevel, Store

MAX_DELTA_MILLI = 10**12
PAGE = 200


def parse_quantity(text: str) -> int:
    """ "-2", "1.5" (units, up to three decimals) → thousandths; Invalid otherwise."""
    try:
        value = Decimal(text.strip()) * 1000
    except InvalidOperation:
        raise Invalid(f"quantity {text[:20]!r} is not a number (e.g. -2 or 1.5)") from None
    if value != value.to_integral_value() or not value.is_finite():
        raise Invalid("a quantity has at most three decimals")
    milli = int(value)
    if milli == 0 or abs(milli) > MAX_DELTA_MILLI:
        raise Invalid("the change must be non-zero and below a billion units")
    return milli


def adjust(
    hub: Hub, who: ConsoleIdentity, store_id: str, sku: str, delta_milli: int, reason: str
) -> int:
    """Add ``delta_milli`` to a store's stock of ``sku``; returns the new level."""
    reason = " ".join(reason.split())
    if not 3 <= len(reason) <= 200:
        raise Invalid("give a reason (3 to 200 characters), e.g. 'damaged in delivery'")
    if not who.sees_store(store_id):
        raise NotFound(f"no store {store_id!r}")
    with hub.change() as (session, pending):
        if session.get(Store, store_id) is None:
            raise NotFound(f"no store {store_id!r}")
        if session.get(Product, sku) is None:
            raise NotFound(f"no product {sku!r}")
        before = session.get(StockLevel, (store_id, sku))
        was = before.quantity_milli if before is not None else 0
        apply_stock_deltas(session, pending, store_id, {sku: delta_milli}, hub)
        level = was + delta_milli
        now = hub.clock()
        session.add(
            StockAdjustment(store_id=store_id, sku=sku, delta_milli=delta_milli,
                            level_milli=level, reason=reason, actor=who.email, at=now)
        )  # fmt: skip
        was_to, now_to = {"quantity_milli": was}, {"quantity_milli": level, "reason": reason}
        audit(session, who.email, "stock.adjust", f"stock of {sku} at {store_id}", was_to, now_to,
              now)  # fmt: skip
        return level


def levels(
    session: Session, store_id: str, after: str = "", limit: int = PAGE
) -> list[tuple[str, str | None, int]]:
    """(sku, name, on hand) of one store, by SKU, a page at a time (keyset: ``after``)."""
    query = (
        select(StockLevel.sku, Product.name, StockLevel.quantity_milli)
        .outerjoin(Product, Product.sku == StockLevel.sku)
        .where(StockLevel.store_id == store_id, StockLevel.sku > after)
        .order_by(StockLevel.sku)
        .limit(limit)
    )
    return [(sku, name, int(q)) for sku, name, q in session.execute(query)]


def visible_stores(session: Session, stores: Sequence[str] | None) -> list[Store]:
    query = select(Store).order_by(Store.store_id)
    if stores is not None:
        query = query.where(Store.store_id.in_(stores))
    return list(session.scalars(query))
