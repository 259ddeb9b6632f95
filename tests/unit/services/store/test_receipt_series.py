"""Receipt numbers run without gaps per till, whatever else the journal records (issue 19).

Approvals, drawer openings (sale and no-sale) take journal entries but no receipt number;
sales, returns and both halves of an exchange take consecutive numbers; a till restart (a new
engine on the same file) carries on the series. Real SQLite file, real services.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import JournalEntry, Sale
from pos_app.services.sale.checkout import CheckoutError, CompletedSale
from pos_app.services.sale.drawer import DrawerReason, DrawerService
from pos_app.services.staff.auth import AuthService, Permission, Role
from pos_app.services.store import journal
from pos_app.services.store.receipt_series import format_receipt_no, peek_receipt_no
from tests.helpers.catalog import COFFEE
from tests.helpers.catalog import TSHIRT as SHIRT
from tests.helpers.returns import do_return, exchange, one
from tests.unit.services.staff.test_auth import FAST


def _no_sale_open(db: sessionmaker[Session]) -> None:
    with db.begin() as session:
        DrawerService(may_open_no_sale=lambda _who: True).record_open(
            session, till_id="till-1", cashier="Alice", reason=DrawerReason.NO_SALE, note="change"
        )


def test_numbers_are_consecutive_across_approvals_drawers_returns_exchanges_and_a_restart(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale], db_path: Path
) -> None:
    auth = AuthService(till_id="till-1", hasher=FAST)
    with seeded.begin() as session:
        cashier = auth.enroll(session, code="A7", name="Ann", role=Role.ASSOCIATE, pin="1111")
        auth.enroll(session, code="M1", name="Max", role=Role.MANAGER, pin="9999")

    first = sell([COFFEE])
    with seeded.begin() as session:
        drawer = DrawerService(may_open_no_sale=lambda _who: True)
        drawer.record_sale_open(
            session, till_id="till-1", cashier="Ann", receipt_no=first.receipt_no, cash=True
        )
        approved = auth.approve(
            session, pin="9999", permission=Permission.VOID_BASKET, requested_by=cashier,
            what="void", reason="customer left",
        )  # fmt: skip
        assert approved.ok
    _no_sale_open(seeded)
    second = sell([SHIRT])
    back = do_return(seeded, second.receipt_no, [one()])
    swapped = exchange(seeded, first.receipt_no, [SHIRT], cash="10")
    _no_sale_open(seeded)

    # The till restarts: a new engine and session factory on the same file.
    restarted = create_till_engine(db_path)
    try:
        db = make_session_factory(restarted)
        with db() as session:
            assert peek_receipt_no(session, "till-1") == "till-1-000006"
        third = sell([COFFEE])  # the fixture's own factory; the series is in the file
        with db() as session:
            numbers = list(session.scalars(select(Sale.receipt_no).order_by(Sale.receipt_no)))
            kinds = [e.kind for e in session.scalars(select(JournalEntry))]
            assert journal.verify_journal(session).ok
    finally:
        restarted.dispose()

    taken = [
        first.receipt_no,
        second.receipt_no,
        back.receipt_no,
        swapped.sale.receipt_no,
        swapped.returned.receipt_no,
        third.receipt_no,
    ]
    assert taken == [format_receipt_no("till-1", n) for n in range(1, 7)]
    assert numbers == taken
    # The journal holds more than receipts: those entries took no receipt numbers.
    assert kinds.count("drawer_open") == 3
    assert kinds.count("approval") == 1
    assert len(kinds) == 6 + 4


def test_a_sale_that_rolls_back_gives_its_number_back(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sell([COFFEE])
    with pytest.raises(CheckoutError):
        sell([COFFEE], tendered="1")  # not enough: refused, nothing written
    assert sell([COFFEE]).receipt_no == "till-1-000002"
