"""Sales reports: day × store × channel × tender × department, from the daily rollup.

Till sales come from ``sales_daily`` (sync/hub/sales_rollup.py), never from the sale lines;
web orders (channel ``web``, tender ``online``) from ``web_orders`` by their creation day
(indexed), cancelled and expired ones left out, as on the dashboard. Amounts are only ever
added up within one currency: the currency is always a column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, String, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from sync.hub.models import SalesDaily, Store, WebOrderRow
from sync.hub.sales_rollup import ALL, STORE_CHANNEL
from sync.protocol import CollectionStatus as S

WEB_CHANNEL = "web"
WEB_TENDER = "online"
WEB_DEPARTMENT = "(web order)"
MAX_DAYS = 366
MAX_SHOWN = 1000  # rows on the page; the CSV has them all


class Dimension(StrEnum):
    DAY = "day"
    STORE = "store"
    CHANNEL = "channel"
    TENDER = "tender"
    DEPARTMENT = "department"


@dataclass(frozen=True)
class ReportRow:
    keys: tuple[str, ...]  # one per chosen dimension, in Dimension order
    currency: str
    sales: int
    amount_minor: int


@dataclass(frozen=True)
class SalesQuery:
    start: date
    end: date  # inclusive
    by: tuple[Dimension, ...]
    store: str | None = None
    channel: str | None = None

    @property
    def detailed(self) -> bool:
        """Tender or department asked for: the split rows (a sale may count in several)."""
        return Dimension.TENDER in self.by or Dimension.DEPARTMENT in self.by


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _till_rows(q: SalesQuery, stores: Sequence[str] | None) -> Any:
    D = SalesDaily
    columns = {
        Dimension.DAY: D.day,
        Dimension.STORE: D.store_id,
        Dimension.CHANNEL: D.channel,
        Dimension.TENDER: D.tender,
        Dimension.DEPARTMENT: D.department,
    }
    chosen = [columns[d].label(d.value) for d in q.by]
    query = (
        select(*chosen, Store.currency.label("currency"), D.sales.label("sales"),
               D.amount_minor.label("amount"))
        .join(Store, Store.store_id == D.store_id)
        .where(D.day >= q.start, D.day <= q.end)
    )  # fmt: skip
    query = query.where(D.tender != ALL) if q.detailed else query.where(D.tender == ALL)
    if q.store:
        query = query.where(D.store_id == q.store)
    if q.channel:
        query = query.where(D.channel == q.channel)
    if stores is not None:
        query = query.where(D.store_id.in_(stores))
    return query


def _web_day(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", WebOrderRow.created_at), Date)
    return func.date(WebOrderRow.created_at)


def _web_rows(session: Session, q: SalesQuery, stores: Sequence[str] | None) -> Any:
    """Web orders summed per day and store (the only keys they have), as rollup-like rows."""
    W = WebOrderRow
    day = _web_day(session)
    columns = {
        Dimension.DAY: day,
        Dimension.STORE: W.store_id,
        Dimension.CHANNEL: literal(WEB_CHANNEL, String),
        Dimension.TENDER: literal(WEB_TENDER, String),
        Dimension.DEPARTMENT: literal(WEB_DEPARTMENT, String),
    }
    chosen = [columns[d].label(d.value) for d in q.by]
    grouped = [columns[d] for d in q.by if d in (Dimension.DAY, Dimension.STORE)]
    query = (
        select(*chosen, W.currency.label("currency"), func.count().label("sales"),
               func.sum(W.total_minor).label("amount"))
        .where(W.created_at >= _utc_start(q.start))
        .where(W.created_at < _utc_start(q.end + timedelta(days=1)))
        .where(W.status.not_in((S.CANCELLED, S.EXPIRED)))
        .group_by(*grouped, W.currency)
    )  # fmt: skip
    if q.store:
        query = query.where(W.store_id == q.store)
    if stores is not None:
        query = query.where(W.store_id.in_(stores))
    return query


def sales(
    session: Session, q: SalesQuery, stores: Sequence[str] | None, limit: int | None = None
) -> list[ReportRow]:
    """The report's rows, sorted by their keys; a store manager passes their stores.

    Both sources are summed and sorted by the database in one statement (a UNION ALL under
    the grouping): a quarter by day × store × department is ten thousand rows, too many to
    merge in Python within the page budget on a busy hub."""
    parts = []
    if q.channel in (None, STORE_CHANNEL):
        parts.append(_till_rows(q, stores))
    if q.channel in (None, WEB_CHANNEL):
        parts.append(_web_rows(session, q, stores))
    both = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    keys = [both.c[d.value] for d in q.by]
    query = (
        select(*keys, both.c.currency, func.sum(both.c.sales), func.sum(both.c.amount))
        .group_by(*keys, both.c.currency)
        .order_by(*keys, both.c.currency)
    )
    if limit is not None:
        query = query.limit(limit)
    width = len(q.by)
    return [
        ReportRow(tuple(map(str, row[:width])), row[width], int(row[width + 1] or 0),
                  int(row[width + 2] or 0))
        for row in session.execute(query)
    ]  # fmt: skip


def to_csv(q: SalesQuery, rows: Sequence[ReportRow]) -> str:
    """The report as CSV: a header, then one line per row; amounts in minor units (exact)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*(d.value for d in q.by), "currency", "sales", "amount_minor"])
    for row in rows:
        # A cell starting with = + - @ is data, not a spreadsheet formula.
        writer.writerow([*(_safe(k) for k in row.keys), row.currency, row.sales, row.amount_minor])
    return out.getvalue()


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def parse_query(
    start: str, end: str, by: Sequence[str], store: str, channel: str, today: date
) -> SalesQuery:
    """The form's values, checked: ValueError saying which one is wrong."""
    try:
        first = date.fromisoformat(start) if start else today - timedelta(days=6)
        last = date.fromisoformat(end) if end else today
    except ValueError:
        raise ValueError("dates are YYYY-MM-DD") from None
    if last < first:
        raise ValueError("the report ends before it starts")
    if (last - first).days >= MAX_DAYS:
        raise ValueError(f"a report spans at most {MAX_DAYS} days")
    try:
        chosen = {Dimension(b) for b in by}
    except ValueError:
        raise ValueError(f"group by one of {', '.join(d.value for d in Dimension)}") from None
    if channel not in ("", STORE_CHANNEL, WEB_CHANNEL):
        raise ValueError(f"channel is {STORE_CHANNEL!r} or {WEB_CHANNEL!r}")
    ordered = tuple(d for d in Dimension if d in chosen) or (Dimension.DAY, Dimension.STORE)
    return SalesQuery(first, last, ordered, store.strip() or None, channel or None)
