"""Exchanges: a return and a sale in one transaction, linked both ways (real SQLite file)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import JournalEntry, OutboxEvent, Sale, StockMovement
from pos_app.domain.money import Money
from pos_app.domain.receipt import render_text
from pos_app.domain.returns.rules import RefundMethod, ReturnError
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.services.returns.in_store import ReturnApprovalRequiredError, ReturnsService
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context
from sync.protocol import SalePayload
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.returns import VISA, do_return, exchange, later, one
from tests.helpers.sales import sell_with


def tenders(db: sessionmaker[Session], receipt_no: str) -> list[tuple[str, int, str | None]]:
    with db() as session:
        sale = session.scalars(select(Sale).where(Sale.receipt_no == receipt_no)).one()
        return [(t.kind, t.amount_minor, t.account) for t in sale.tenders]


def bodies(db: sessionmaker[Session]) -> dict[int, dict[str, Any]]:
    with db() as session:
        return {e.seq: json.loads(e.payload)["body"] for e in session.scalars(select(JournalEntry))}


def test_exchange_with_money_due_the_customer_pays_the_difference_in_cash(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE], tendered="10")  # 8.99
    done = exchange(seeded, sale.receipt_no, [TSHIRT], cash="10")  # for a 15.00 shirt
    assert done.net.to_minor() == 601
    new, back = done.sale, done.returned
    assert (new.receipt_no, back.receipt_no) == ("till-1-000002", "till-1-000003")
    assert tenders(seeded, new.receipt_no) == [
        ("exchange", 899, back.receipt_no),
        ("cash", 1000, None),
    ]
    assert new.settlement.change.to_minor() == 400  # 6.01 rounds to 6.00 in cash
    assert tenders(seeded, back.receipt_no) == [("exchange", -899, new.receipt_no)]
    assert back.cash_out.is_zero()
    assert done.cash_moved

    with seeded() as session:
        moves = session.scalars(select(StockMovement).order_by(StockMovement.id)).all()
        assert [(m.sku, m.quantity_delta_milli, m.reason) for m in moves] == [
            ("COF-1", -1000, "sale"),  # the original sale
            ("TSH-1", -1000, "sale"),  # the new item goes out
            ("COF-1", 1000, "return"),  # the returned one comes back
        ]
        assert journal.verify_journal(session).ok
        events = session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)).all()
        assert [e.kind for e in events] == ["sale.completed", "sale.completed", "return.completed"]
        for event in events:
            SalePayload.model_validate_json(event.payload)
    # Each journal entry names the other half.
    b = bodies(seeded)
    assert b[2]["exchange"] == {"return_uuid": back.sale_uuid, "return_receipt_no": back.receipt_no}
    assert b[3]["exchange"] == {"sale_uuid": new.sale_uuid, "sale_receipt_no": new.receipt_no}

    text = render_text(done.receipt)
    assert "EXCHANGE" in text
    assert "Arabica Coffee Beans" in text
    assert "Cotton T-Shirt M" in text
    assert "-8.99" in text
    assert "15.00" in text
    assert "TOTAL EUR" in text
    assert "6.01" in text
    assert f"Return {back.receipt_no}" in text
    assert f"of receipt {sale.receipt_no}" in text
    assert "Back: Arabica Coffee Beans 500 g" in text
    assert done.receipt.barcode == new.receipt_no


def test_exchange_with_money_back_refunds_the_difference_by_the_refund_rules(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([TSHIRT], tendered="15")
    done = exchange(seeded, sale.receipt_no, [COFFEE])  # 15.00 back, 8.99 taken
    assert done.net.to_minor() == -601
    new, back = done.sale, done.returned
    assert tenders(seeded, new.receipt_no) == [("exchange", 899, back.receipt_no)]
    assert tenders(seeded, back.receipt_no) == [
        ("exchange", -899, new.receipt_no),
        ("cash", -600, None),  # 6.01 to the customer, rounded like cash
    ]
    assert back.cash_out.to_minor() == 600
    text = render_text(done.receipt)
    assert "Refund cash" in text
    assert "-6.00" in text
    with seeded() as session:
        assert journal.verify_journal(session).ok


def test_even_exchange_moves_no_money(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([TSHIRT], tendered="15")
    done = exchange(seeded, sale.receipt_no, [TSHIRT])  # another size, same price
    assert done.net.is_zero()
    assert not done.cash_moved
    assert tenders(seeded, done.sale.receipt_no) == [("exchange", 1500, done.returned.receipt_no)]
    assert tenders(seeded, done.returned.receipt_no) == [("exchange", -1500, done.sale.receipt_no)]
    with seeded() as session:
        moves = session.scalars(
            select(StockMovement).where(StockMovement.sale_id != None)  # noqa: E711
        ).all()
        assert sum(m.quantity_delta_milli for m in moves) == -1000  # only the original sale


def test_a_refused_exchange_writes_nothing(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([TSHIRT], tendered="15")
    late = ReturnsService(clock=later(60))
    with pytest.raises(ReturnApprovalRequiredError, match="outside the 30-day return window"):
        exchange(seeded, sale.receipt_no, [COFFEE], returns=late)
    with pytest.raises(ReturnError, match="owes nothing"):
        exchange(seeded, sale.receipt_no, [COFFEE], cash="5")
    with pytest.raises(ReturnError, match="only 1 of 1 can still be returned"):
        exchange(seeded, sale.receipt_no, [TSHIRT], items=[one(2000)])
    with seeded() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 1
        assert session.scalar(select(func.count()).select_from(JournalEntry)) == 1
        assert session.scalar(select(func.count()).select_from(OutboxEvent)) == 1


def test_money_back_on_a_card_sale_goes_to_the_card_or_to_store_credit(
    seeded: sessionmaker[Session],
) -> None:
    with seeded() as session:
        currency = load_till_context(session).currency
    card_tender = Tender(TenderKind.CARD, Money.of("30.00", currency), card=VISA)
    sale = sell_with(seeded, [TSHIRT, TSHIRT], [card_tender])
    with pytest.raises(ReturnError, match="payment terminal"):
        exchange(seeded, sale.receipt_no, [COFFEE])  # 15.00 back, 8.99 taken: 6.01 to refund
    ref = CardReference(approval_code="R5", last4="4242", scheme="VISA")
    done = exchange(seeded, sale.receipt_no, [COFFEE], card=ref)
    assert tenders(seeded, done.returned.receipt_no) == [
        ("exchange", -899, done.sale.receipt_no),
        ("card", -601, None),  # to the cent: only cash is rounded
    ]
    assert not done.cash_moved
    credit = exchange(
        seeded,
        sale.receipt_no,
        [COFFEE],
        prefer=RefundMethod.STORE_CREDIT,
        returns=ReturnsService(new_credit_code=lambda: "SCEXCHANGE22"),
    )
    assert tenders(seeded, credit.returned.receipt_no) == [
        ("exchange", -899, credit.sale.receipt_no),
        ("store_credit", -601, "SCEXCHANGE22"),
    ]
    assert credit.receipt.extra_barcodes == ("SCEXCHANGE22",)
    assert "Store credit code: SCEXCHANGE22" in render_text(credit.receipt)


def test_items_taken_in_an_exchange_come_back_as_store_credit_not_cash(
    seeded: sessionmaker[Session],
) -> None:
    with seeded() as session:
        currency = load_till_context(session).currency
    card_tender = Tender(TenderKind.CARD, Money.of("15.00", currency), card=VISA)
    sale = sell_with(seeded, [TSHIRT], [card_tender])
    swapped = exchange(seeded, sale.receipt_no, [TSHIRT])  # even: another size
    service = ReturnsService(new_credit_code=lambda: "SCBACKAGAIN2")
    back = do_return(seeded, swapped.sale.receipt_no, [one()], service=service)
    assert tenders(seeded, back.receipt_no) == [("store_credit", -1500, "SCBACKAGAIN2")]
    assert back.cash_out.is_zero()
