"""Receipts of another till returned here, and this till's own receipts counted with the hub.

Two real till databases (A sells, B returns), a real hub over HTTP (SQLite and PostgreSQL),
events sent as each till's outbox holds them, with each till's own token.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import OutboxEvent, Sale, StockMovement, StoreProfile
from pos_app.domain.money import Money
from pos_app.domain.returns.rules import ReturnError
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.services.returns.hub_receipts import (
    HubReturnsService,
    find_receipt_on_hub,
    is_local_receipt,
)
from pos_app.services.returns.in_store import ReturnsService
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store.till_context import load_till_context
from sync.client.errors import NotFound
from sync.protocol import OriginalKind, Returnable, ReturnableLine
from tests.helpers.catalog import COFFEE, STORE, TSHIRT
from tests.helpers.hub_calls import lookups_of, push
from tests.helpers.returns import MANAGER, VISA, exchange, one, return_found
from tests.helpers.sales import sell_with
from tests.helpers.till_db import copy_till


def test_a_receipt_of_till_a_is_returned_at_till_b_until_nothing_is_left(
    running_hub: Any,
    seeded: sessionmaker[Session],
    sell: Callable[..., CompletedSale],
    tmp_path: Path,
) -> None:
    running_hub.add_store(STORE)
    till_a, till_a_id = running_hub.enroll(STORE)
    till_b, till_b_id = running_hub.enroll(STORE)
    till_b_db = copy_till(seeded, tmp_path / "till-b.sqlite3", till_b_id)
    with seeded.begin() as session:  # till A sells under its enrolled till id
        session.execute(update(StoreProfile).values(till_id=till_a_id))
    sale = sell([COFFEE, COFFEE, COFFEE])
    push(seeded, till_a)
    lookups = lookups_of(running_hub, till_b)

    with till_b_db() as session:
        assert not is_local_receipt(session, sale.receipt_no)
    found = find_receipt_on_hub(lookups, f" {sale.receipt_no} ")
    with till_b_db() as session:
        original = HubReturnsService.prepare(session, found)
    assert original.sale_uuid == sale.sale_uuid
    assert sale.receipt_no.startswith(till_a_id)
    assert original.sold_elsewhere == f"till {till_a_id} at store {STORE}"
    assert [ln.returnable_milli for ln in original.lines] == [3000]
    assert [(t.kind, t.amount_minor) for t in original.tenders] == [
        ("cash", sale.totals.total.to_minor())
    ]

    first = return_found(till_b_db, original, 1000)
    assert first.original_receipt_no == sale.receipt_no
    assert not first.cash_out.is_zero()  # paid in cash: refunded in cash
    with till_b_db() as session:
        moved = session.execute(
            select(StockMovement.sku, StockMovement.quantity_delta_milli, StockMovement.reason)
        ).all()
        event = json.loads(session.scalars(select(OutboxEvent.payload)).one())
    assert [tuple(m) for m in moved] == [("COF-1", 1000, "return")]  # back in till B's store
    assert event["store_id"] == STORE
    assert event["lines"][0]["original_sale_uuid"] == sale.sale_uuid

    # Not sent yet: the hub still says 3, this till knows 1 came back.
    with till_b_db() as session:
        again = HubReturnsService.prepare(session, find_receipt_on_hub(lookups, sale.receipt_no))
    assert [ln.returnable_milli for ln in again.lines] == [2000]
    push(till_b_db, till_b)
    hub_line = find_receipt_on_hub(lookups, sale.receipt_no).lines[0]
    assert (hub_line.returned_milli, hub_line.returnable_milli) == (1000, 2000)

    with till_b_db() as session:
        rest = HubReturnsService.prepare(session, find_receipt_on_hub(lookups, sale.receipt_no))
    assert [ln.returnable_milli for ln in rest.lines] == [2000]
    return_found(till_b_db, rest, 2000)
    push(till_b_db, till_b)
    with till_b_db() as session:
        third = HubReturnsService.prepare(session, find_receipt_on_hub(lookups, sale.receipt_no))
    assert third.fully_returned
    with pytest.raises(ReturnError):
        return_found(till_b_db, third, 1000)
    with till_b_db() as session:
        assert len(session.scalars(select(OutboxEvent.id)).all()) == 2  # the refusal wrote nothing

    with pytest.raises(NotFound):
        find_receipt_on_hub(lookups, "till-9-000001")


def test_this_tills_own_receipt_counts_what_came_back_at_another_till(
    running_hub: Any,
    seeded: sessionmaker[Session],
    sell: Callable[..., CompletedSale],
    tmp_path: Path,
) -> None:
    running_hub.add_store(STORE)
    till_a, till_a_id = running_hub.enroll(STORE)
    till_b, till_b_id = running_hub.enroll(STORE)
    till_b_db = copy_till(seeded, tmp_path / "till-b.sqlite3", till_b_id)
    with seeded.begin() as session:  # till A sells under its enrolled till id
        session.execute(update(StoreProfile).values(till_id=till_a_id))
    sale = sell([COFFEE, COFFEE, COFFEE])
    push(seeded, till_a)
    with till_b_db() as session:
        at_b = HubReturnsService.prepare(
            session, find_receipt_on_hub(lookups_of(running_hub, till_b), sale.receipt_no)
        )
    return_found(till_b_db, at_b, 2000)
    push(till_b_db, till_b)

    lookups_a = lookups_of(running_hub, till_a)
    with seeded() as session:
        assert is_local_receipt(session, sale.receipt_no)
        local = ReturnsService().find_sale(session, sale.receipt_no)
        assert [ln.returnable_milli for ln in local.lines] == [3000]  # offline: its own count
        counted = HubReturnsService.with_hub_counts(
            session, local, find_receipt_on_hub(lookups_a, sale.receipt_no)
        )
    assert [ln.returnable_milli for ln in counted.lines] == [1000]
    assert counted.hub_counted
    with pytest.raises(ReturnError):
        return_found(seeded, counted, 2000)
    return_found(seeded, counted, 1000)
    with seeded() as session:  # this till's own count now, plus the hub's: nothing left
        local = ReturnsService().find_sale(session, sale.receipt_no)
        counted = HubReturnsService.with_hub_counts(
            session, local, find_receipt_on_hub(lookups_a, sale.receipt_no)
        )
    assert counted.fully_returned


def test_a_split_card_and_cash_sale_of_till_a_is_refunded_the_same_way_at_till_b(
    running_hub: Any, seeded: sessionmaker[Session], tmp_path: Path
) -> None:
    running_hub.add_store(STORE)
    till_a, till_a_id = running_hub.enroll(STORE)
    till_b, till_b_id = running_hub.enroll(STORE)
    till_b_db = copy_till(seeded, tmp_path / "till-b.sqlite3", till_b_id)
    with seeded.begin() as session:
        session.execute(update(StoreProfile).values(till_id=till_a_id))
        currency = load_till_context(session).currency
    sale = sell_with(
        seeded,
        [TSHIRT, COFFEE],  # 23.99: 10.00 on the card, the rest in cash (30.00 handed)
        [
            Tender(TenderKind.CARD, Money.of("10.00", currency), card=VISA),
            Tender(TenderKind.CASH, Money.of("20.00", currency)),
        ],
    )
    push(seeded, till_a)
    with till_b_db() as session:
        original = HubReturnsService.prepare(
            session, find_receipt_on_hub(lookups_of(running_hub, till_b), sale.receipt_no)
        )
    assert [(t.kind, t.amount_minor) for t in original.tenders] == [("card", 1000), ("cash", 1399)]
    items = [one(), one(line_no=2)]
    card_first = "Refund the card on the payment terminal first"
    with pytest.raises(ReturnError, match=card_first), till_b_db.begin() as session:
        ReturnsService().complete_return(
            session, receipt_no=sale.receipt_no, items=items, cashier=MANAGER,
            context=load_till_context(session), found=original,
        )  # fmt: skip
    refund_ref = CardReference(approval_code="R1", last4="4242", scheme="VISA")
    with till_b_db.begin() as session:
        done = ReturnsService().complete_return(
            session, receipt_no=sale.receipt_no, items=items, cashier=MANAGER,
            context=load_till_context(session), found=original, card=refund_ref,
        )  # fmt: skip
    with till_b_db() as session:
        row = session.scalars(select(Sale).where(Sale.uuid == done.sale_uuid)).one()
        assert [(t.kind, t.amount_minor, t.approval_code) for t in row.tenders] == [
            ("card", -1000, "R1"),
            ("cash", -1400, None),  # 13.99 rounded to the 0.05 cash step
        ]


def test_another_tills_receipt_is_exchanged_here(
    running_hub: Any,
    seeded: sessionmaker[Session],
    sell: Callable[..., CompletedSale],
    tmp_path: Path,
) -> None:
    running_hub.add_store(STORE)
    till_a, till_a_id = running_hub.enroll(STORE)
    till_b, till_b_id = running_hub.enroll(STORE)
    till_b_db = copy_till(seeded, tmp_path / "till-b.sqlite3", till_b_id)
    with seeded.begin() as session:
        session.execute(update(StoreProfile).values(till_id=till_a_id))
    sale = sell([COFFEE], tendered="10")  # 8.99
    push(seeded, till_a)
    with till_b_db() as session:
        original = HubReturnsService.prepare(
            session, find_receipt_on_hub(lookups_of(running_hub, till_b), sale.receipt_no)
        )
    done = exchange(till_b_db, sale.receipt_no, [TSHIRT], cash="10", found=original)
    assert done.net.to_minor() == 601  # a 15.00 shirt for the 8.99 coffee
    assert done.returned.original_receipt_no == sale.receipt_no
    with till_b_db() as session:
        event = json.loads(
            session.scalars(
                select(OutboxEvent.payload).where(OutboxEvent.kind == "return.completed")
            ).one()
        )
    assert event["lines"][0]["original_sale_uuid"] == sale.sale_uuid


def test_a_tax_exclusive_till_refuses_another_tills_receipt_rather_than_refund_net(
    seeded: sessionmaker[Session],
) -> None:
    found = Returnable(
        original_kind=OriginalKind.SALE,
        ref="7d7c6f3e-0000-4000-8000-000000000001",
        store_id=STORE,
        currency="EUR",
        created_at=None,
        paid_online=False,
        receipt_no="till-9-000001",
        lines=[
            ReturnableLine(
                line_no=1, sku="COF-1", name="Coffee", bought_milli=1000, returned_milli=0,
                returnable_milli=1000, amount_minor=749,
            )
        ],
    )  # fmt: skip
    with seeded() as session:
        assert HubReturnsService.prepare(session, found).lines[0].returnable_milli == 1000
    with seeded.begin() as session:
        session.execute(update(StoreProfile).values(tax_mode="exclusive"))
    refused = "till-9-000001 is from another till"
    with pytest.raises(ReturnError, match=refused), seeded() as session:
        HubReturnsService.prepare(session, found)
