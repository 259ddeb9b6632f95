"""Refund methods of a return: card via the terminal, store credit, split, cash limits per role."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import OutboxEvent, Sale
from pos_app.domain.money import Money
from pos_app.domain.receipt import render_text
from pos_app.domain.returns.rules import RefundMethod
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.services.returns.in_store import ReturnApprovalRequiredError, ReturnsService
from pos_app.services.returns.store_credit import CREDIT_CODE_ALPHABET, new_store_credit_code
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.staff.auth import AuthService, Permission, PinHasher, Role
from pos_app.services.store.till_context import load_till_context
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.returns import ALICE, VISA, do_return, one
from tests.helpers.sales import sell_with

FAST = PinHasher(time_cost=1, memory_kib=64)


def test_store_credit_code_is_made_with_an_unambiguous_alphabet() -> None:
    codes = {new_store_credit_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert code.startswith("SC")
        assert len(code) == 12
        assert set(code[2:]) <= set(CREDIT_CODE_ALPHABET)
    assert not set("0O1IL") & set(CREDIT_CODE_ALPHABET)


def test_store_credit_refund_prints_the_code_and_sends_it_to_the_hub(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE])
    service = ReturnsService(new_credit_code=lambda: "SCABCDEFGHJK")
    done = do_return(
        seeded, sale.receipt_no, [one()], service=service, prefer=RefundMethod.STORE_CREDIT
    )
    assert done.store_credit_code == "SCABCDEFGHJK"
    assert done.cash_out.is_zero()
    text = render_text(done.receipt)
    assert "Refund store credit SCABCDEFGHJK" in text
    assert "Store credit code: SCABCDEFGHJK" in text
    assert done.receipt.extra_barcodes == ("SCABCDEFGHJK",)
    with seeded() as session:
        event = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_id == done.outbox_event_id)
        ).one()
        [tender] = json.loads(event.payload)["tenders"]
        assert (tender["kind"], tender["amount_minor"], tender["account"]) == (
            "store_credit",
            -899,  # the exact amount: store credit is not rounded like cash
            "SCABCDEFGHJK",
        )


def test_split_sale_refunds_the_card_first_then_cash(seeded: sessionmaker[Session]) -> None:
    with seeded() as session:
        currency = load_till_context(session).currency
    sale = sell_with(
        seeded,
        [TSHIRT, COFFEE],  # 23.99: 10.00 on the card, the rest in cash
        [
            Tender(TenderKind.CARD, Money.of("10.00", currency), card=VISA),
            Tender(TenderKind.CASH, Money.of("20.00", currency)),
        ],
    )
    refund_ref = CardReference(approval_code="R1", last4="4242", scheme="VISA")
    done = do_return(seeded, sale.receipt_no, [one(), one(line_no=2)], card=refund_ref)
    with seeded() as session:
        row = session.scalars(select(Sale).where(Sale.uuid == done.sale_uuid)).one()
        assert [(t.kind, t.amount_minor, t.approval_code) for t in row.tenders] == [
            ("card", -1000, "R1"),
            ("cash", -1400, None),  # 13.99 rounded to the 0.05 cash step
        ]
    assert done.cash_out == Money.of("14.00", currency)


def test_cash_above_the_associate_limit_needs_a_manager_not_the_associate(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    auth = AuthService(till_id="till-1", hasher=FAST)
    with seeded.begin() as session:
        ann = auth.enroll(session, code="A7", name="Ann", role=Role.ASSOCIATE, pin="1111")
        auth.enroll(session, code="M1", name="Max", role=Role.MANAGER, pin="9999")
    sale = sell([TSHIRT] * 4, tendered="60")  # 60.00 > the associate's 50.00 cash limit
    # Three shirts (45.00) are within the limit; four are not.
    with pytest.raises(ReturnApprovalRequiredError, match="above the associate limit"):
        do_return(seeded, sale.receipt_no, [one(4000)], cashier=ann)
    with seeded.begin() as session:
        own = auth.approve(
            session, pin="1111", permission=Permission.RETURN_OVERRIDE, requested_by=ann,
            what="return", reason="mine",
        )  # fmt: skip
        assert own.approval is None
        ok = auth.approve(
            session, pin="9999", permission=Permission.RETURN_OVERRIDE, requested_by=ann,
            what="return", reason="big refund",
        )  # fmt: skip
        assert ok.approval is not None
    done = do_return(seeded, sale.receipt_no, [one(4000)], cashier=ann, approval=ok.approval)
    assert done.cash_out.to_minor() == 6000
    # Store credit puts no cash in anyone's hand: no cash limit, so no approval for 3 more.
    sale2 = sell([TSHIRT] * 4, tendered="60")
    credit = do_return(
        seeded, sale2.receipt_no, [one(4000)], cashier=ALICE, prefer=RefundMethod.STORE_CREDIT
    )
    assert credit.cash_out.is_zero()
