"""Promotions in the till's local table (as the feed puts them there) and sales priced with
them at a fixed moment: deals, coupons, customer-only deals."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import PromotionRow
from pos_app.domain.promotions import Promotion
from pos_app.services.customers.directory import CustomerRef
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store.till_context import load_till_context
from tests.helpers.catalog import COFFEE
from tests.helpers.sales import ring_up

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
MEMBERS = {"kind": "percent", "value": "10", "department": "grocery", "customer_only": True}
ONCE = {"kind": "amount", "value": "2.00", "sku": "COF-1", "coupon": "once-1"}
SINGLE = {**ONCE, "coupon": "FLYER-7", "coupon_single_use": True}


def add_promo(
    factory: sessionmaker[Session],
    promo_id: str,
    rules: dict[str, Any] | str,
    *,
    store_id: str | None = None,
    ends_at: datetime | None = None,
    position: int = 1,
) -> None:
    with factory.begin() as session:
        session.merge(
            PromotionRow(
                promo_id=promo_id,
                name=f"Deal {promo_id}",
                store_id=store_id,
                starts_at=None,
                ends_at=ends_at,
                rules=rules if isinstance(rules, str) else json.dumps(rules),
                feed_position=position,
            )
        )


def active_promotions(factory: sessionmaker[Session]) -> tuple[Promotion, ...]:
    with factory() as session:
        ctx = load_till_context(session)
        return PromotionService(tz=UTC).active(session, NOW, ctx.store_id, ctx.currency)


def sell_with_coupons(
    factory: sessionmaker[Session], coupons: frozenset[str], online: frozenset[str] = frozenset()
) -> CompletedSale:
    """One coffee with these coupon codes (``online``: those the hub has confirmed)."""
    promotions = PromotionService(tz=UTC)
    return _coffee(factory, promotions, coupons=coupons, coupons_checked_online=online)


def sell_to(
    factory: sessionmaker[Session], customer: CustomerRef | None, promotions: PromotionService
) -> CompletedSale:
    """One coffee sold with ``customer`` attached (or none)."""
    return _coffee(
        factory,
        promotions,
        customer_ref=customer.hub_ref if customer else None,
        customer_email=customer.email if customer else None,
    )


def _coffee(
    factory: sessionmaker[Session], promotions: PromotionService, **checkout: Any
) -> CompletedSale:
    """One coffee at NOW, paid with a 20 note."""
    clock = lambda: NOW  # noqa: E731
    return ring_up(factory, [COFFEE], tendered="20", clock=clock, promotions=promotions, **checkout)
