"""Returns and exchanges on the seeded till database, one transaction each, as the till makes
them: the staff who make them, the items coming back, the card reference of a card sale."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.returns.rules import Condition, ReasonCode, ReturnItem
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.services.returns.exchanges import CompletedExchange, ExchangeService
from pos_app.services.returns.in_store import CompletedReturn, ReturnableSale, ReturnsService
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.staff.auth import Role, StaffMember
from pos_app.services.store.till_context import load_till_context

ALICE = StaffMember(staff_id=901, code="A1", name="Alice", role=Role.ASSOCIATE)
MANAGER = StaffMember(staff_id=902, code="M1", name="Mia", role=Role.MANAGER)
VISA = CardReference(approval_code="A1", last4="4242", scheme="VISA")


def later(days: int = 1) -> Callable[[], datetime]:
    return lambda: datetime.now(UTC) + timedelta(days=days)


def one(qty: int = 1000, line_no: int = 1, condition: Condition = Condition.UNOPENED) -> ReturnItem:
    return ReturnItem(line_no, qty, ReasonCode.CHANGED_MIND, condition)


def do_return(
    db: sessionmaker[Session],
    receipt_no: str,
    items: list[ReturnItem],
    service: ReturnsService | None = None,
    cashier: StaffMember = ALICE,
    **kwargs: Any,
) -> CompletedReturn:
    with db.begin() as session:
        ctx = load_till_context(session)
        return (service or ReturnsService()).complete_return(
            session,
            receipt_no=receipt_no,
            items=items,
            cashier=cashier,
            context=ctx,
            **kwargs,
        )


def return_at_till(db: sessionmaker[Session], receipt_no: str, qty_milli: int) -> None:
    """A manager takes ``qty_milli`` of the receipt's first line back."""
    do_return(db, receipt_no, [one(qty_milli)], cashier=MANAGER)


def return_found(
    db: sessionmaker[Session], original: ReturnableSale, qty_milli: int
) -> CompletedReturn:
    """A manager takes back the first line of a receipt the hub found (another till's)."""
    return do_return(db, original.receipt_no, [one(qty_milli)], cashier=MANAGER, found=original)


def exchange(
    db: sessionmaker[Session],
    receipt_no: str,
    new_codes: list[str],
    cash: str | None = None,
    returns: ReturnsService | None = None,
    **kwargs: Any,
) -> CompletedExchange:
    with db.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        for code in new_codes:
            basket.add_by_barcode(
                code, SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
            )
        payments = [] if cash is None else [Tender(TenderKind.CASH, Money.of(cash, ctx.currency))]
        service = ExchangeService(returns or ReturnsService(), CheckoutService())
        return service.complete_exchange(
            session,
            receipt_no=receipt_no,
            items=kwargs.pop("items", [one()]),
            basket=basket,
            payments=payments,
            cashier=ALICE,
            context=ctx,
            **kwargs,
        )
