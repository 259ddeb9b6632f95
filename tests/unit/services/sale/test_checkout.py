from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import (
    JournalEntry,
    JournalHead,
    OutboxEvent,
    Sale,
    SaleLine,
    SaleTaxLine,
    SaleTender,
    StockMovement,
)
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.services.sale.checkout import CheckoutError, CheckoutService, CompletedSale
from pos_app.services.store import journal
from pos_app.services.store.till_context import TillContext, load_till_context

WRITE_TABLES = (Sale, SaleLine, SaleTender, SaleTaxLine, StockMovement, JournalEntry, OutboxEvent)


def ring(session: Session, ctx: TillContext, codes: list[str]) -> Any:
    basket = ctx.new_basket()
    catalog = SqlCatalog(session, ctx.currency)
    for code in codes:
        basket.add_by_barcode(code, catalog, VariableMeasureConfig.default())
    return basket


def cash(ctx: TillContext, amount: str) -> Tender:
    return Tender(TenderKind.CASH, Money.of(amount, ctx.currency))


def counts(session: Session) -> dict[str, int]:
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in WRITE_TABLES
    }


def test_sale_writes_everything_in_one_go(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    # Coffee 8.99 + milk 1.19 + bananas 1.250 kg at 1.99/kg (2.49) = 12.67; cash rounds to 12.65.
    done = sell(["4006381333931", "96385074", "2100001012502"], tendered="20")
    assert done.receipt_no == "till-1-000001"
    assert done.totals.total.amount == Decimal("12.67")
    assert done.settlement.amount_due.amount == Decimal("12.65")
    assert done.settlement.change.amount == Decimal("7.35")
    with seeded() as session:
        sale = session.scalars(select(Sale)).one()
        assert (sale.total_minor, sale.rounding_minor, sale.change_minor) == (1267, -2, 735)
        assert [ln.quantity_milli for ln in sale.lines] == [1000, 1000, 1250]
        assert sum(t.tax_minor for t in sale.tax_lines) == sale.tax_minor
        moves = session.scalars(select(StockMovement).order_by(StockMovement.id)).all()
        assert [(m.sku, m.quantity_delta_milli) for m in moves] == [
            ("COF-1", -1000),
            ("MLK-1", -1000),
            ("BAN-1", -1250),
        ]
        event_row = session.scalars(select(OutboxEvent)).one()
        assert event_row.event_id == done.outbox_event_id
        payload = json.loads(event_row.payload)
        assert payload["sale_uuid"] == sale.uuid
        assert payload["journal"] == {"seq": 1, "hash": done.journal_hash}
        assert event_row.sent_at is None
        assert journal.verify_journal(session).ok


def test_card_tender_keeps_reference_only(seeded: sessionmaker[Session]) -> None:
    with seeded.begin() as session:
        ctx = load_till_context(session)
        basket = ring(session, ctx, ["0036000291452"])
        card = CardReference(approval_code="A1B2C3", last4="4242", scheme="VISA")
        tender = Tender(TenderKind.CARD, Money.of("15.00", ctx.currency), card=card)
        done = CheckoutService().complete_sale(
            session, basket=basket, tenders=[tender], cashier="bob", context=ctx
        )
    assert done.settlement.rounding_adjustment.is_zero()  # no cash, no rounding
    with seeded() as session:
        row = session.scalars(select(SaleTender)).one()
        assert (row.kind, row.card_last4, row.approval_code) == ("card", "4242", "A1B2C3")


def test_incomplete_payment_writes_nothing(seeded: sessionmaker[Session]) -> None:
    with seeded.begin() as session:
        ctx = load_till_context(session)
        basket = ring(session, ctx, ["0036000291452"])
        with pytest.raises(CheckoutError, match="still due"):
            CheckoutService().complete_sale(
                session, basket=basket, tenders=[cash(ctx, "5")], cashier="a", context=ctx
            )
    with seeded() as session:
        assert set(counts(session).values()) == {0}


def test_empty_basket_refused(seeded: sessionmaker[Session]) -> None:
    with seeded.begin() as session:
        ctx = load_till_context(session)
        with pytest.raises(CheckoutError, match="empty"):
            CheckoutService().complete_sale(
                session, basket=ctx.new_basket(), tenders=[], cashier="a", context=ctx
            )


class InjectedFault(Exception):
    pass


@pytest.fixture
def fail_after_writes(engine: Engine) -> Iterator[list[int]]:
    """Raise after the Nth INSERT/UPDATE reaches SQLite: a crash between any two writes."""
    budget: list[int] = []  # [remaining writes] once armed; empty = disarmed
    seen: list[int] = [0]

    def after_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            seen[0] += 1
            if budget:
                budget[0] -= 1
                if budget[0] == 0:
                    budget.clear()
                    raise InjectedFault(statement.split("(")[0])

    event.listen(engine, "after_cursor_execute", after_execute)
    yield budget
    event.remove(engine, "after_cursor_execute", after_execute)


def count_writes_of_one_sale(engine: Engine, sell: Callable[..., CompletedSale]) -> int:
    n = [0]

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            n[0] += 1

    event.listen(engine, "after_cursor_execute", count)
    try:
        sell(["4006381333931", "96385074"])
    finally:
        event.remove(engine, "after_cursor_execute", count)
    return n[0]


def test_crash_after_any_write_leaves_no_trace(
    engine: Engine,
    seeded: sessionmaker[Session],
    sell: Callable[..., CompletedSale],
    fail_after_writes: list[int],
) -> None:
    sell(["5012345678900"])  # one committed sale, so the journal head is an UPDATE
    with seeded() as session:
        before = counts(session)
        head_before = session.get(JournalHead, "till-1")
        assert head_before is not None
        head_before_hash = head_before.hash
    writes = count_writes_of_one_sale(engine, sell)
    assert writes >= 7  # sale, lines, tenders, tax lines, movements, journal, head, outbox
    with seeded() as session:
        after_clean = counts(session)
    for fault_at in range(1, writes + 1):
        fail_after_writes[:] = [fault_at]
        with pytest.raises(InjectedFault):
            sell(["4006381333931", "96385074"])
        with seeded() as session:
            assert counts(session) == after_clean, f"partial sale after write #{fault_at}"
    # The journal has no gap: the next sale takes the next number and the chain verifies.
    done = sell(["96385074"])
    assert done.journal_seq == 3
    with seeded() as session:
        assert journal.verify_journal(session).ok
        assert before["sales"] == 1
        assert head_before_hash != done.journal_hash


def test_receipt_numbers_are_gap_free(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    numbers = [sell(["96385074"]).journal_seq for _ in range(5)]
    assert numbers == [1, 2, 3, 4, 5]
    with seeded() as session:
        ids = session.scalars(select(OutboxEvent.event_id)).all()
        assert len(set(ids)) == 5
