"""Returns of in-store sales against a real SQLite till database (docs/architecture.md §8)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import JournalEntry, OutboxEvent, Sale, StockMovement
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.receipt import render_text
from pos_app.domain.returns.rules import (
    Condition,
    ReturnError,
    ReturnPolicy,
)
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.services.returns.in_store import (
    RETURN_EVENT,
    ReturnApprovalRequiredError,
    ReturnsService,
)
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.staff.auth import AuthService, Permission, PinHasher, Role, StaffMember
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context
from sync.protocol import SalePayload
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.returns import ALICE, do_return, later, one

FAST = PinHasher(time_cost=1, memory_kib=64)


def returnable(db: sessionmaker[Session], receipt_no: str) -> list[int]:
    with db() as session:
        sale = ReturnsService().find_sale(session, receipt_no)
        return [line.returnable_milli for line in sale.lines]


def test_return_part_then_the_rest_then_nothing_more(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE, COFFEE, COFFEE, TSHIRT])
    before = returnable(seeded, sale.receipt_no)
    assert before == [3000, 1000]

    first = do_return(seeded, sale.receipt_no, [one(1000)])
    assert returnable(seeded, sale.receipt_no) == [2000, 1000]
    second = do_return(seeded, sale.receipt_no, [one(2000), one(1000, line_no=2)])
    assert returnable(seeded, sale.receipt_no) == [0, 0]
    with pytest.raises(ReturnError, match=r"only 0 of 3 can still be returned"):
        do_return(seeded, sale.receipt_no, [one(1000)])

    with seeded() as session:
        returns = session.scalars(select(Sale).where(Sale.kind == "return")).all()
        assert [r.receipt_no for r in returns] == [first.receipt_no, second.receipt_no]
        # 3 x 8.99 + 15.00 came back, exactly what was paid, never more.
        assert sum(r.total_minor for r in returns) == -(3 * 899 + 1500)
        line = returns[0].lines[0]
        assert (line.original_sale_uuid, line.original_line_no) == (sale.sale_uuid, 1)
        assert (line.quantity_milli, line.amount_minor) == (-1000, -899)
        moves = session.scalars(select(StockMovement).where(StockMovement.reason == "return")).all()
        assert sorted((m.sku, m.quantity_delta_milli) for m in moves) == [
            ("COF-1", 1000),
            ("COF-1", 2000),
            ("TSH-1", 1000),
        ]
        assert journal.verify_journal(session).ok


def test_return_writes_journal_and_a_hub_valid_outbox_event(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE])
    done = do_return(seeded, sale.receipt_no, [one()])
    with seeded() as session:
        event = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_id == done.outbox_event_id)
        ).one()
        assert event.kind == RETURN_EVENT
        payload = json.loads(event.payload)
        SalePayload.model_validate(payload)  # what the hub checks a return.completed against
        assert payload["original_receipt_no"] == sale.receipt_no
        assert payload["lines"][0]["original_sale_uuid"] == sale.sale_uuid
        assert payload["stock_movements"][0]["quantity_delta_milli"] == 1000
        entry = session.scalars(
            select(JournalEntry).where(JournalEntry.seq == done.journal_seq)
        ).one()
        assert entry.kind == "return"
        assert json.loads(entry.payload)["body"]["original_receipt_no"] == sale.receipt_no


def test_cash_refund_is_rounded_like_cash_sales_and_the_receipt_shows_it(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE])
    done = do_return(seeded, sale.receipt_no, [one()])
    assert done.cash_out == Money.of("9.00", done.cash_out.currency)
    text = render_text(done.receipt)
    assert "RETURN" in text
    assert f"Refund for receipt {sale.receipt_no}" in text
    assert "Refund cash" in text
    assert "-9.00" in text
    assert "-8.99" in text


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Condition.DAMAGED, [("return", 1000), ("return_damaged", -1000)]),
        (Condition.DEFECTIVE, [("return", 1000), ("return_to_vendor", -1000)]),
        (Condition.OPENED, [("return", 1000)]),
    ],
)
def test_stock_moves_by_disposition(
    seeded: sessionmaker[Session],
    sell: Callable[..., CompletedSale],
    condition: Condition,
    expected: list[tuple[str, int]],
) -> None:
    sale = sell([TSHIRT])
    do_return(seeded, sale.receipt_no, [one(condition=condition)])
    with seeded() as session:
        moves = session.scalars(
            select(StockMovement).where(StockMovement.reason != "sale").order_by(StockMovement.id)
        ).all()
        assert [(m.reason, m.quantity_delta_milli) for m in moves] == expected


def test_unknown_receipt_is_refused(seeded: sessionmaker[Session]) -> None:
    with pytest.raises(ReturnError, match="No sale with receipt number"):
        do_return(seeded, "till-1-999999", [one()])


def _staff(db: sessionmaker[Session], auth: AuthService) -> tuple[StaffMember, StaffMember]:
    with db.begin() as session:
        cashier = auth.enroll(session, code="A7", name="Ann", role=Role.ASSOCIATE, pin="1111")
        manager = auth.enroll(session, code="M1", name="Max", role=Role.MANAGER, pin="9999")
    return cashier, manager


def test_outside_the_window_needs_another_persons_manager_approval(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    auth = AuthService(till_id="till-1", hasher=FAST)
    cashier, _manager = _staff(seeded, auth)
    sale = sell([COFFEE])
    late = ReturnsService(policy=ReturnPolicy(default_window_days=30), clock=later(31))
    with pytest.raises(ReturnApprovalRequiredError, match="outside the 30-day return window"):
        do_return(seeded, sale.receipt_no, [one()], service=late, cashier=cashier)

    with seeded.begin() as session:
        own = auth.approve(
            session,
            pin="1111",
            permission=Permission.RETURN_OVERRIDE,
            requested_by=cashier,
            what="return",
            reason="late",
        )
        assert not own.ok  # an associate cannot approve, least of all their own return
        result = auth.approve(
            session,
            pin="9999",
            permission=Permission.RETURN_OVERRIDE,
            requested_by=cashier,
            what=f"return of {sale.receipt_no}",
            reason="customer was abroad",
        )
        assert result.approval is not None
        approval = result.approval

    done = do_return(
        seeded, sale.receipt_no, [one()], service=late, cashier=cashier, approval=approval
    )
    with seeded() as session:
        entry = session.scalars(
            select(JournalEntry).where(JournalEntry.seq == done.journal_seq)
        ).one()
        body = json.loads(entry.payload)["body"]
        assert body["approval"] == {
            "approver": "M1",
            "journal_seq": approval.journal_seq,
            "reason": "customer was abroad",
        }


def test_an_approval_for_someone_else_or_by_the_cashier_is_refused(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    auth = AuthService(till_id="till-1", hasher=FAST)
    cashier, manager = _staff(seeded, auth)
    sale = sell([COFFEE])
    late = ReturnsService(clock=later(60))
    with seeded.begin() as session:
        result = auth.approve(
            session,
            pin="9999",
            permission=Permission.RETURN_OVERRIDE,
            requested_by=ALICE,  # approved for someone else
            what="return",
            reason="x",
        )
        assert result.approval is not None
    with pytest.raises(ReturnError, match="not for this return"):
        do_return(
            seeded,
            sale.receipt_no,
            [one()],
            service=late,
            cashier=cashier,
            approval=result.approval,
        )
    # A manager ringing the return needs nobody else.
    do_return(seeded, sale.receipt_no, [one()], service=late, cashier=manager)


def test_card_sale_is_refunded_to_the_card_with_the_terminal_reference(
    seeded: sessionmaker[Session],
) -> None:
    with seeded.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        basket.add_by_barcode(
            TSHIRT, SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
        )
        card = CardReference(approval_code="A1", last4="4242", scheme="VISA")
        sale = CheckoutService().complete_sale(
            session,
            basket=basket,
            tenders=[Tender(TenderKind.CARD, Money.of("15.00", ctx.currency), card=card)],
            cashier="alice",
            context=ctx,
        )
    with pytest.raises(ReturnError, match="payment terminal"):
        do_return(seeded, sale.receipt_no, [one()])
    refund_ref = CardReference(approval_code="R9", last4="4242", scheme="VISA")
    done = do_return(seeded, sale.receipt_no, [one()], card=refund_ref)
    with seeded() as session:
        row = session.scalars(select(Sale).where(Sale.uuid == done.sale_uuid)).one()
        assert [(t.kind, t.amount_minor, t.approval_code) for t in row.tenders] == [
            ("card", -1500, "R9")
        ]
        assert row.rounding_minor == 0
