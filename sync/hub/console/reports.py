"""Sales reports: day × store × channel × tender × department, from the daily rollup.

Everything comes from ``sales_daily`` (sync/hub/sales_rollup.py), or its sum over tender
``sales_by_department`` for a report by department and not tender: till sales and returns
(channel ``store``) and web orders by the day they were placed, cancelled and expired ones
taken out again (channel ``web``, tender ``online`` or ``pay_in_store``). Never the sale
lines or the orders, so a quarter of a 500-till chain is a few hundred thousand small rows
at most. Amounts are only ever added up within one currency: the currency is a column. The
CSV export streams: on PostgreSQL the server writes it (COPY), in the bytes ``to_csv`` writes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import psycopg
from psycopg.abc import Buffer
from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    String,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from sync.hub.models import SalesByDepartment, SalesDaily, Store
from sync.hub.sales_rollup import ALL, STORE_CHANNEL, WEB_CHANNEL
from sync.protocol import StoreDay

MAX_DAYS = 366
MAX_SHOWN = 1000  # rows on the page; the CSV has them all
CSV_CHUNK = 256 * 1024  # bytes the CSV export sends at a time
# A cell starting with one of these would be a formula in a spreadsheet: "'" makes it data.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def _select(q: SalesQuery, stores: Sequence[str] | None, *, for_csv: bool = False) -> Select[Any]:
    """The report's query, summed and sorted by the database; ``for_csv``: the key cells
    formatted and made formula-safe by the database, as ``to_csv`` writes them."""
    D = _table(q)
    columns: dict[Dimension, SQLColumnExpression[Any]] = {
        Dimension.DAY: D.day,
        Dimension.STORE: D.store_id,
        Dimension.CHANNEL: D.channel,
        Dimension.DEPARTMENT: D.department,
    }
    if D is SalesDaily:
        columns[Dimension.TENDER] = SalesDaily.tender
    keys = [columns[d] for d in q.by]
    sums = [func.sum(D.sales), func.sum(D.amount_minor)]
    shown: list[SQLColumnExpression[Any]] = [*keys, Store.currency, *sums]
    if for_csv:
        shown = [*(_csv_cell(k, d) for k, d in zip(keys, q.by, strict=True)),
                 Store.currency.label("currency"), sums[0].label("sales"),
                 sums[1].label("amount_minor")]  # fmt: skip
    query = (
        select(*shown)
        .join(Store, Store.store_id == D.store_id)
        .where(D.day >= q.start, D.day <= q.end)
        .group_by(*keys, Store.currency)
        # A web order placed and cancelled leaves its cells at zero: nothing to show.
        .having(or_(sums[0] != 0, sums[1] != 0))
        .order_by(*keys, Store.currency)
    )
    if D is SalesDaily:
        query = query.where(D.tender != ALL) if q.detailed else query.where(D.tender == ALL)
    if q.store:
        query = query.where(D.store_id == q.store)
    if q.channel:
        query = query.where(D.channel == q.channel)
    if stores is not None:
        query = query.where(D.store_id.in_(stores))
    return query


def _table(q: SalesQuery) -> type[SalesDaily] | type[SalesByDepartment]:
    """By department without tender: the rollup already summed over tender (fewer rows, in
    day × store × department order); anything by tender reads the tender rows."""
    return SalesByDepartment if q.detailed and Dimension.TENDER not in q.by else SalesDaily


def _in_key_order(q: SalesQuery, stores: Sequence[str] | None) -> bool:
    """The report's keys lead the primary key of the table it reads (e.g. a CSV by day ×
    store × department of every store): summed while the index is walked, in order, nothing
    to sort. Not for some stores: their rows are few and the (store, day) index finds them."""
    every_store = stores is None and q.store is None
    return every_store and KEY_ORDER[_table(q)][: len(q.by)] == q.by


def sales(
    session: Session, q: SalesQuery, stores: Sequence[str] | None, limit: int | None = None
) -> list[ReportRow]:
    """The report's rows; a store manager passes their stores."""
    query = _select(q, stores)
    if limit is not None:
        query = query.limit(limit)
    width = len(q.by)
    rows: list[tuple[Any, ...]] = [tuple(row) for row in session.execute(query)]
    return [
        ReportRow(tuple(map(str, row[:width])), str(row[width]), int(row[width + 1] or 0),
                  int(row[width + 2] or 0))
        for row in rows
    ]  # fmt: skip


def csv_chunks(session: Session, q: SalesQuery, stores: Sequence[str] | None) -> Iterator[bytes]:
    """The report as ``to_csv`` writes it, in UTF-8 chunks of about CSV_CHUNK bytes: on
    PostgreSQL written by the server (COPY … TO STDOUT), never a Python object per row; on
    SQLite ``to_csv`` of ``sales``."""
    if session.get_bind().dialect.name != "postgresql":
        yield to_csv(q, sales(session, q, stores)).encode()
        return
    compiled = _select(q, stores, for_csv=True).compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    if _in_key_order(q, stores):
        # The planner's estimates favour hashing every row, then sorting them all (spilling a
        # quarter to disk) before the first row goes out; walking the index streams from the
        # first row while the hub sends the last ones (measured: docs/architecture.md §10.1).
        # For this transaction only; JIT off, as the penalties make every plan look costly.
        for setting in ("enable_sort", "enable_hashagg", "enable_hashjoin", "jit"):
            driver.execute(f"SET LOCAL {setting} = off")
    rows = CrlfRows()
    buffer = bytearray()
    with (
        driver.cursor() as cursor,
        cursor.copy(
            f"COPY ({compiled.string}) TO STDOUT WITH (FORMAT csv, HEADER)", compiled.params
        ) as copy,
    ):
        for block in copy:  # one row each: converted a chunk at a time, not row by row
            buffer += block
            if len(buffer) >= CSV_CHUNK:
                yield rows.convert(buffer)
                buffer.clear()
    yield rows.convert(buffer)


KEY_ORDER = {
    SalesDaily: (Dimension.DAY, Dimension.STORE, Dimension.CHANNEL, Dimension.TENDER,
                 Dimension.DEPARTMENT),
    SalesByDepartment: (Dimension.DAY, Dimension.STORE, Dimension.DEPARTMENT, Dimension.CHANNEL),
}  # fmt: skip


class CrlfRows:
    """PostgreSQL ends CSV rows with LF, ``to_csv`` with CRLF (RFC 4180): a LF outside quotes
    ends a row and becomes CRLF; one inside a quoted cell is data and stays. Quotes inside a
    cell are doubled, so an odd count of them so far means inside a cell, across chunks too.
    UTF-8 bytes of other characters are never a quote or a LF."""

    def __init__(self) -> None:
        self.quoted = False

    def convert(self, block: Buffer) -> bytes:
        data = bytes(block)
        if b'"' not in data:
            return data if self.quoted else data.replace(b"\n", b"\r\n")
        parts = data.split(b'"')
        for i in range(len(parts)):
            if not self.quoted:
                parts[i] = parts[i].replace(b"\n", b"\r\n")
            if i < len(parts) - 1:
                self.quoted = not self.quoted
        return b'"'.join(parts)


def _csv_cell(key: SQLColumnExpression[Any], dimension: Dimension) -> ColumnElement[Any]:
    """A key cell as ``to_csv`` writes it: a day as YYYY-MM-DD; ``_safe``; an empty text as
    NULL, which COPY writes as nothing (it quotes an empty text, csv.writer does not)."""
    if dimension is Dimension.DAY:
        return func.to_char(key, "YYYY-MM-DD").label(dimension.value)
    text = cast(key, String)
    safe = case((func.left(text, 1).in_(FORMULA_STARTS), literal("'") + text), else_=text)
    return func.nullif(safe, "").label(dimension.value)


def to_csv(q: SalesQuery, rows: Sequence[ReportRow]) -> str:
    """The report as CSV: a header, then one line per row; amounts in minor units (exact)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*(d.value for d in q.by), "currency", "sales", "amount_minor"])
    for row in rows:
        # A cell starting with = + - @ is data, not a spreadsheet formula.
        writer.writerow([*(_safe(k) for k in row.keys), row.currency, row.sales, row.amount_minor])
    return out.getvalue()


def days_to_csv(days: Sequence[StoreDay]) -> str:
    """Store days (sums of Z reports) as CSV: counts, amounts in minor units, over/short per
    tender; the Zs summed, named as till/Z<number>."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    tenders = sorted({t for d in days for t in d.figures.over_short})
    writer.writerow(["business_day", "store", "currency", "sales", "sales_minor", "returns",
                     "returns_minor", "net_sales_minor",
                     *(f"over_short_{t}_minor" for t in tenders), "z_reports"])  # fmt: skip
    for d in days:
        f = d.figures
        writer.writerow([d.business_day.isoformat(), _safe(d.store_id), d.currency, f.sales[0],
                         f.sales[1], f.returns[0], f.returns[1], f.net_sales_minor,
                         *(f.over_short.get(t, "") for t in tenders),
                         " ".join(d.z_reports)])  # fmt: skip
    return out.getvalue()


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


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
