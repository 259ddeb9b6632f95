"""A store day at one till, driven through the real services on a real SQLite file.

Shared by the shift service tests, the Z property test, the printer test and the hub test:
open a shift with a counted float, ring sales and returns, move cash, close blind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.domain.shifts.denominations import CashCount
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.shifts.service import ClosedShift, ShiftService, ShiftView
from pos_app.services.store.till_context import load_till_context

VISA = CardReference(approval_code="A1B2C3", last4="4242", scheme="VISA")


class Clock:
    """A clock that moves a minute per call, so every entry has its own time."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 12, 4, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def count(**pieces: int) -> CashCount:
    """count(n2000=1, n500=2) → one 20.00 note and two 5.00 notes (EUR minor units)."""
    return CashCount("EUR", {int(k[1:]): v for k, v in pieces.items()})


def open_shift(
    db: sessionmaker[Session], service: ShiftService, float_count: CashCount, who: str = "Ann"
) -> ShiftView:
    with db.begin() as session:
        ctx = load_till_context(session)
        return service.open_shift(session, context=ctx, cashier=who, count=float_count)


def ring(
    db: sessionmaker[Session],
    codes: Sequence[str],
    *,
    cash: str | None = None,
    card: bool = False,
    clock: Callable[[], datetime] | None = None,
    cashier: str = "Ann",
) -> CompletedSale:
    """Ring ``codes``; pay by card for the whole total, or hand over ``cash``."""
    with db.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        catalog = SqlCatalog(session, ctx.currency)
        for code in codes:
            basket.add_by_barcode(code, catalog, VariableMeasureConfig.default())
        checkout = CheckoutService(clock=clock) if clock else CheckoutService()
        total = checkout.price(session, basket, ctx).total
        tender = (
            Tender(TenderKind.CARD, total, card=VISA)
            if card
            else Tender(TenderKind.CASH, Money.of(cash or "100", ctx.currency))
        )
        return checkout.complete_sale(
            session, basket=basket, tenders=[tender], cashier=cashier, context=ctx
        )


def close(
    db: sessionmaker[Session],
    service: ShiftService,
    cash: CashCount,
    who: str = "Ann",
    **kwargs: object,
) -> ClosedShift:
    with db.begin() as session:
        ctx = load_till_context(session)
        return service.close_shift(session, context=ctx, cashier=who, cash=cash, **kwargs)  # type: ignore[arg-type]


def shift_closed_payload(store_id: str, z_no: int = 1) -> dict[str, Any]:
    """A well-formed ``shift.closed`` payload of an empty shift (for sync plumbing tests)."""
    zero = {"cash": 0, "card": 0, "store_credit": 0, "gift_card": 0, "exchange": 0}
    return {
        "version": 1, "store_id": store_id, "till_id": "till-1", "shift_id": f"shift-{z_no}",
        "z_no": z_no, "business_day": "2026-12-04", "opened_at": "2026-12-04T08:00:00+00:00",
        "closed_at": "2026-12-04T18:00:00+00:00", "currency": "EUR", "grand_total_minor": 0,
        "figures": {
            "float_minor": 0, "expected": zero, "counted": zero, "over_short": zero,
            "sales": [0, 0], "returns": [0, 0], "exchanges": 0, "net_sales_minor": 0,
            "tax": [], "store_credit": [0, 0],
            "channels": {"in_store": [0, 0], "click_collect": [0, 0], "online_refund": [0, 0]},
            "movements": {k: [0, 0] for k in ("paid_in", "paid_out", "safe_drop", "no_sale")},
        },
        "journal": {"seq": 1, "hash": "0" * 64},
    }  # fmt: skip
