"""The sale history of a till (issue 17 point 3), Qt-free, on a real SQLite file: newest first,
keyset pages that neither skip nor repeat a sale, search by receipt number, day and amount, a
bad search that says what to type, and the detail of a sale rebuilt from its rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.sale import history
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.sale.history import HistoryError, HistoryQuery
from pos_app.services.store.till_context import load_till_context
from tests.helpers.catalog import COFFEE, MILK
from tests.helpers.sales import ring_up

START = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)
PARIS = timezone(timedelta(hours=1))  # a day searched is the till's local day


@pytest.fixture
def twelve_sales(seeded: sessionmaker[Session]) -> list[CompletedSale]:
    """Milk, coffee, milk … one every 30 minutes from 1 March 22:30 UTC."""
    return [
        ring_up(
            seeded,
            [MILK if i % 2 == 0 else COFFEE],
            clock=lambda i=i: START + i * timedelta(minutes=30),
        )
        for i in range(12)
    ]


def test_pages_are_newest_first_and_never_skip_or_repeat(
    seeded: sessionmaker[Session], twelve_sales: list[CompletedSale]
) -> None:
    seen: list[str] = []
    after = None
    with seeded() as session:
        ctx = load_till_context(session)
        while True:
            page = history.sales_page(session, ctx, HistoryQuery(), tz=UTC, after=after, limit=5)
            seen += [r.receipt_no for r in page.rows]
            if page.next_after is None:
                break
            after = page.next_after
    assert seen == [s.receipt_no for s in reversed(twelve_sales)]


def test_search_by_receipt_number_day_and_amount(
    seeded: sessionmaker[Session], twelve_sales: list[CompletedSale]
) -> None:
    with seeded() as session:
        ctx = load_till_context(session)

        def found(text: str, tz: timezone = UTC) -> list[str]:
            query = history.parse_query(text, ctx.till_id, ctx.currency)
            return [r.receipt_no for r in history.sales_page(session, ctx, query, tz=tz).rows]

        third = twelve_sales[2].receipt_no
        assert found(third) == [third]
        assert found(str(int(third.rsplit("-", 1)[1]))) == [third]  # just the number
        # 1 March in UTC: 22:30 and 23:00, 23:30; in Paris (UTC+1) only the 22:30 sale.
        assert found("2026-03-01") == [s.receipt_no for s in reversed(twelve_sales[:3])]
        assert found("2026-03-01", PARIS) == [twelve_sales[0].receipt_no]
        coffees = [s.receipt_no for s in reversed(twelve_sales) if s.totals.total.to_minor() == 899]
        assert found("8.99") == found("8,99") == coffees
        assert len(coffees) == 6
        assert found("7.77") == []
        assert found("") == [s.receipt_no for s in reversed(twelve_sales)][: history.PAGE_SIZE]


@pytest.mark.parametrize(
    "text", ["2026-13-01", "12.345", "receipt 42!", "x" * 80, "'; DROP TABLE sales; --"]
)
def test_a_search_it_cannot_run_says_what_to_type(seeded: sessionmaker[Session], text: str) -> None:
    with seeded() as session:
        ctx = load_till_context(session)
    with pytest.raises(HistoryError):
        history.parse_query(text, ctx.till_id, ctx.currency)


def test_the_detail_is_the_receipt_rebuilt_from_the_rows(
    seeded: sessionmaker[Session], twelve_sales: list[CompletedSale]
) -> None:
    sale = twelve_sales[1]
    with seeded() as session:
        ctx = load_till_context(session)
        doc = history.sale_detail(session, ctx, sale.receipt_no)
        with pytest.raises(LookupError, match="no receipt"):
            history.sale_detail(session, ctx, "NOPE-000001")
    original = sale.receipt
    assert (doc.receipt_no, doc.total, doc.tenders, doc.change) == (
        original.receipt_no,
        original.total,
        original.tenders,
        original.change,
    )
    assert [(ln.name, ln.quantity, ln.amount) for ln in doc.lines] == [
        (ln.name, ln.quantity, ln.amount) for ln in original.lines
    ]
    assert doc.tax_lines == original.tax_lines
    assert not doc.duplicate
