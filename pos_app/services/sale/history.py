"""The sale history of this till (issue 17 point 3): past sales and returns, newest first, found
by receipt number, day or amount, a page at a time, and the detail of one.

Qt-free; the history screen (pos_app/ui/history/) runs these on the database lane, never on the
GUI thread. A till keeps years of sales, so every query is an index walk that stops after one
page: ``ix_sales_till_created`` (till_id, created_at; the rowid breaks ties) for the newest-first
list and the day search, the unique receipt number, and ``ix_sales_total`` for an amount. Pages
are keyset pages (after the last row shown), never OFFSET, so page 400 costs what page 1 does.
bench/bench_history.py measures it on 500,000 sales. docs/architecture.md §3 (sale history).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from sqlalchemy import Select, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from pos_app.db.models import Sale
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, Money
from pos_app.domain.receipt import ReceiptDocument
from pos_app.services.sale.receipt_rows import receipt_from_rows
from pos_app.services.store.receipt_series import format_receipt_no
from pos_app.services.store.till_context import TillContext

__all__ = [
    "PAGE_SIZE",
    "HistoryError",
    "HistoryPage",
    "HistoryQuery",
    "SaleSummary",
    "parse_query",
    "sale_detail",
    "sales_page",
]

PAGE_SIZE = 50
MAX_QUERY = 64
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AMOUNT = re.compile(r"^\d{1,9}[.,]\d{1,2}$")
_NUMBER = re.compile(r"^\d{1,9}$")
_RECEIPT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,55}-[0-9]{1,8}$")  # TILL-000042


class HistoryError(ValueError):
    """A search the history cannot run; the message says what to type instead."""


@dataclass(frozen=True)
class HistoryQuery:
    """What to look for; all None: every sale. ``receipt_no`` and ``amount_minor`` may both be
    set (a plain number: receipt 42 of this till, or a total of 42.00)."""

    receipt_no: str | None = None
    day: date | None = None
    amount_minor: int | None = None

    @property
    def is_everything(self) -> bool:
        return self.receipt_no is None and self.day is None and self.amount_minor is None


@dataclass(frozen=True)
class SaleSummary:
    """One row of the list (plain data: crosses threads)."""

    row_id: int
    receipt_no: str
    kind: str
    created_at: datetime
    cashier: str
    total: Money
    offline: bool


@dataclass(frozen=True)
class HistoryPage:
    rows: tuple[SaleSummary, ...]
    # Where the next page starts (the last row's time and id); None: this was the last page.
    next_after: tuple[datetime, int] | None


def parse_query(text: str, till_id: str, currency: Currency) -> HistoryQuery:
    """The search box: a receipt number (T01-000042, or just 42), a day (2026-03-02) or an
    amount (12.50). HistoryError for anything else; it searches nothing."""
    value = text.strip()
    if not value:
        return HistoryQuery()
    if len(value) > MAX_QUERY:
        raise HistoryError(msg("That is too long for a receipt number, a date or an amount."))
    if _DATE.match(value):
        try:
            return HistoryQuery(day=date.fromisoformat(value))
        except ValueError:
            raise HistoryError(
                msg("{value} is not a date (year-month-day).", value=value)
            ) from None
    if _AMOUNT.match(value):
        return HistoryQuery(amount_minor=_minor(value, currency))
    if _NUMBER.match(value):
        # Just digits: this till's receipt with that number, or a total of that many units.
        return HistoryQuery(
            receipt_no=format_receipt_no(till_id, int(value)),
            amount_minor=_minor(value, currency),
        )
    if _RECEIPT.match(value):
        return HistoryQuery(receipt_no=value)
    raise HistoryError(
        msg(
            "{value}: type a receipt number (e.g. {example}), a date (2026-03-02) or an amount "
            "(12.50).",
            value=repr(value[:20]),
            example=format_receipt_no(till_id, 42),
        )
    )


def _minor(text: str, currency: Currency) -> int:
    try:
        return Money(Decimal(text.replace(",", ".")), currency).to_minor()
    except (InvalidOperation, ValueError):
        raise HistoryError(
            msg("{text} is not an amount in {currency}.", text=text, currency=currency.code)
        ) from None


def sales_page(
    session: Session,
    context: TillContext,
    query: HistoryQuery,
    *,
    tz: tzinfo,
    after: tuple[datetime, int] | None = None,
    limit: int = PAGE_SIZE,
) -> HistoryPage:
    """One page of this till's sales and returns matching ``query``, newest first; ``after``:
    the previous page's ``next_after``. ``tz``: the zone a searched day is in (the till's)."""
    stmt: Select[Sale] = select(Sale).where(Sale.till_id == context.till_id)
    matches = []
    if query.receipt_no is not None:
        matches.append(Sale.receipt_no == query.receipt_no)
    if query.amount_minor is not None:
        # A return's total is negative: 12.50 finds a refund of 12.50 too.
        matches.append(Sale.total_minor.in_((query.amount_minor, -query.amount_minor)))
    if matches:
        stmt = stmt.where(or_(*matches))
    if query.day is not None:
        start = datetime.combine(query.day, time(), tzinfo=tz)
        stmt = stmt.where(Sale.created_at >= start, Sale.created_at < start + timedelta(days=1))
    if after is not None:
        at, row_id = after
        # A row value: SQLite walks the index from that point on (an OR here scanned more).
        # The time is bound with the column's own type (ISO UTC text), as stored.
        bound = tuple_(literal(at, Sale.created_at.type), literal(row_id))
        stmt = stmt.where(tuple_(Sale.created_at, Sale.id) < bound)
    rows = session.scalars(
        stmt.order_by(Sale.created_at.desc(), Sale.id.desc()).limit(limit + 1)
    ).all()
    shown = rows[:limit]
    return HistoryPage(
        rows=tuple(_summary(s, context.currency) for s in shown),
        next_after=(shown[-1].created_at, shown[-1].id) if len(rows) > limit else None,
    )


def _summary(sale: Sale, currency: Currency) -> SaleSummary:
    return SaleSummary(
        row_id=sale.id,
        receipt_no=sale.receipt_no,
        kind=sale.kind,
        created_at=sale.created_at,
        cashier=sale.cashier,
        total=Money.from_minor(sale.total_minor, currency),
        offline=sale.offline,
    )


def sale_detail(session: Session, context: TillContext, receipt_no: str) -> ReceiptDocument:
    """The sale or return as its receipt, rebuilt from the rows (lines, tax, tenders)."""
    return receipt_from_rows(session, receipt_no, context)


def count_sales(session: Session, till_id: str) -> int:
    """How many sales and returns this till holds (the screen's heading)."""
    return (
        session.scalar(select(func.count()).select_from(Sale).where(Sale.till_id == till_id)) or 0
    )
