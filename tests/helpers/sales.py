"""Ring a sale on the seeded till database in one transaction, as the till does: scan the
barcodes, pay (cash by default), complete. Every service test that needs a sale uses this."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale.checkout import CheckoutService, CompletedSale, utc_now
from pos_app.services.store.till_context import load_till_context


def ring_up(
    factory: sessionmaker[Session],
    codes: list[str],
    *,
    tenders: list[Tender] | None = None,
    tendered: str = "100",
    cashier: str = "alice",
    clock: Callable[[], datetime] = utc_now,
    promotions: PromotionService | None = None,
    **checkout: Any,
) -> CompletedSale:
    """``tenders`` as given, else ``tendered`` in cash; ``checkout`` goes to complete_sale
    (customer, coupons …)."""
    with factory.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        catalog = SqlCatalog(session, ctx.currency)
        for code in codes:
            basket.add_by_barcode(code, catalog, VariableMeasureConfig.default())
        if tenders is None:
            tenders = [Tender(TenderKind.CASH, Money.of(tendered, ctx.currency))]
        return CheckoutService(clock=clock, promotions=promotions).complete_sale(
            session, basket=basket, tenders=tenders, cashier=cashier, context=ctx, **checkout
        )


def sell_with(
    factory: sessionmaker[Session], codes: list[str], tenders: list[Tender]
) -> CompletedSale:
    """``codes`` paid with exactly these tenders (a card sale, a split)."""
    return ring_up(factory, codes, tenders=tenders)
