"""What the dashboard shows, as plain rows: sales today, click-and-collect, tills, refunds.

Each query is bounded by an index (store, time or status); store managers pass their stores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.hub.models import (
    IngestedEvent,
    RefundRequestRow,
    SalesDaily,
    Till,
    WebOrderRow,
)
from sync.hub.sales_rollup import ALL, STORE_CHANNEL, WEB_CHANNEL
from sync.protocol import CollectionStatus as S

OPEN_STATES = (S.NEW, S.PICKING, S.READY, S.PARTIALLY_COLLECTED)
OVERDUE_AFTER = timedelta(days=2)  # an open order older than this is shown first, in red
DASHBOARD_TILLS = 15  # the longest silent ones; the tills page lists them all


@dataclass(frozen=True)
class SalesRow:
    store_id: str
    channel: str
    count: int
    amount_minor: int


@dataclass(frozen=True)
class OpenOrder:
    number: str
    store_id: str
    status: str
    created_at: datetime
    overdue: bool


@dataclass(frozen=True)
class TillRow:
    till_id: str
    store_id: str
    name: str
    last_seen: datetime | None
    events_today: int
    revoked: bool


def _scoped(query: Any, column: Any, stores: Sequence[str] | None) -> Any:
    return query if stores is None else query.where(column.in_(stores))


def sales_today(session: Session, now: datetime, stores: Sequence[str] | None) -> list[SalesRow]:
    """Today's sales per store and channel, from the daily rollup (sync/hub/sales_rollup.py):
    one row per store and channel, written with the sales and web orders themselves."""
    D = SalesDaily
    query = (
        select(D.store_id, D.channel, D.sales, D.amount_minor)
        .where(D.day == now.date(), D.tender == ALL)
        .order_by(D.store_id, D.channel)
    )
    names = {STORE_CHANNEL: "in store", WEB_CHANNEL: "web"}
    return [
        SalesRow(store, names.get(channel, channel), int(count), int(amount))
        for store, channel, count, amount in session.execute(_scoped(query, D.store_id, stores))
    ]


def open_orders(
    session: Session, now: datetime, stores: Sequence[str] | None, limit: int = 50
) -> list[OpenOrder]:
    """Open click-and-collect orders, the overdue ones (oldest) first."""
    W = WebOrderRow
    query = (
        select(W.number, W.store_id, W.status, W.created_at)
        .where(W.status.in_(OPEN_STATES))
        .order_by(W.created_at)
        .limit(limit)
    )
    return [
        OpenOrder(number, store, status, created, now - created > OVERDUE_AFTER)
        for number, store, status, created in session.execute(_scoped(query, W.store_id, stores))
    ]


def orders_by_state(session: Session, stores: Sequence[str] | None) -> dict[str, int]:
    W = WebOrderRow
    query = select(W.status, func.count()).group_by(W.status)
    return {
        status: int(count) for status, count in session.execute(_scoped(query, W.store_id, stores))
    }


def tills(
    session: Session, now: datetime, stores: Sequence[str] | None, *, limit: int | None = None
) -> list[TillRow]:
    """Tills with their last event and today's count, the longest silent first (never seen
    at the top): two index look-ups per till (ix_events_till_received), never a scan of the
    event history. The dashboard shows the first few; the tills page all of them."""
    E = IngestedEvent
    start = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
    last = select(func.max(E.received_at)).where(E.till_id == Till.till_id).scalar_subquery()
    today = (
        select(func.count())
        .where(E.till_id == Till.till_id, E.received_at >= start)
        .scalar_subquery()
    )
    query = select(Till.till_id, Till.store_id, Till.name, Till.revoked_at, last, today).order_by(
        last.asc().nulls_first(), Till.till_id
    )
    if limit is not None:
        query = query.limit(limit)
    return [
        TillRow(till_id, store_id, name, seen, int(n or 0), revoked_at is not None)
        for till_id, store_id, name, revoked_at, seen, n in session.execute(
            _scoped(query, Till.store_id, stores)
        )
    ]


def till_count(session: Session, stores: Sequence[str] | None) -> int:
    query = select(func.count()).select_from(Till).where(Till.revoked_at.is_(None))
    return int(session.execute(_scoped(query, Till.store_id, stores)).scalar_one())


def refunds_waiting(session: Session, stores: Sequence[str] | None) -> int:
    R = RefundRequestRow
    query = select(func.count()).select_from(R).where(R.refunded_at.is_(None))
    return int(session.execute(_scoped(query, R.store_id, stores)).scalar_one())
