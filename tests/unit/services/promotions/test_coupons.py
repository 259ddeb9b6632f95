"""Coupons in the till's services: the sale records the codes it used, and the offline rule
(a single-use code is taken once per till when the hub cannot be asked)."""

from __future__ import annotations

import json
from datetime import UTC

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import CouponUse, OutboxEvent
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.promotions import Promotion
from pos_app.domain.promotions.coupons import CouponError
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.promotions.coupons import CouponCheck, CouponDesk
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.store.till_context import load_till_context
from tests.unit.services.promotions.test_promotions_checkout import COFFEE, NOW, add_promo

ONCE = {"kind": "amount", "value": "2.00", "sku": "COF-1", "coupon": "once-1"}
SINGLE = {**ONCE, "coupon": "FLYER-7", "coupon_single_use": True}


def promotions(factory: sessionmaker[Session]) -> tuple[Promotion, ...]:
    with factory() as session:
        ctx = load_till_context(session)
        return PromotionService(tz=UTC).active(session, NOW, ctx.store_id, ctx.currency)


def sell(
    factory: sessionmaker[Session], coupons: frozenset[str], online: frozenset[str] = frozenset()
) -> CompletedSale:
    with factory.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        basket.add_by_barcode(
            COFFEE, SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
        )
        return CheckoutService(
            clock=lambda: NOW, promotions=PromotionService(tz=UTC)
        ).complete_sale(
            session,
            basket=basket,
            tenders=[Tender(TenderKind.CASH, Money.of("20", ctx.currency))],
            cashier="alice",
            context=ctx,
            coupons=coupons,
            coupons_checked_online=online,
        )


def test_a_coupon_unlocks_its_promotion_and_the_sale_event_carries_it(
    seeded: sessionmaker[Session],
) -> None:
    add_promo(seeded, "C1", ONCE)
    assert sell(seeded, frozenset()).totals.promotion_total.is_zero()  # no code, no deal
    done = sell(seeded, frozenset({"ONCE-1"}))
    assert done.totals.promotion_total.to_minor() == 200
    with seeded() as session:
        last = session.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc())).first()
        assert last is not None
        payload = json.loads(last.payload)
        assert payload["coupons"] == [
            {"code": "ONCE-1", "promo_id": "C1", "single_use": False, "checked": "none"}
        ]
        first = session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)).first()
        assert first is not None
        assert "coupons" not in json.loads(first.payload)  # optional: absent when none used


def test_a_code_whose_promotion_did_not_apply_is_not_recorded(
    seeded: sessionmaker[Session],
) -> None:
    add_promo(seeded, "C1", {**SINGLE, "sku": "NOT-IN-BASKET"})
    sell(seeded, frozenset({"FLYER-7"}))
    with seeded() as session:
        assert session.scalars(select(CouponUse)).all() == []


def test_offline_a_single_use_code_is_taken_once_per_till(
    seeded: sessionmaker[Session],
) -> None:
    add_promo(seeded, "C1", SINGLE)
    desk = CouponDesk(seeded)  # no hub at all: every single-use code follows the offline rule
    accepted = desk.check("FLYER-7", promotions(seeded), in_basket=())
    assert accepted.checked is CouponCheck.LATER
    assert "checked later" in accepted.message
    done = sell(seeded, frozenset({"FLYER-7"}))
    assert done.totals.promotion_total.to_minor() == 200
    with seeded() as session:
        use = session.scalars(select(CouponUse)).one()
        assert (use.code, use.checked, use.single_use) == ("FLYER-7", "later", True)
    with pytest.raises(CouponError, match="already used at this till"):
        desk.check("FLYER-7", promotions(seeded), in_basket=())
    # The checkout holds the rule too, whatever the screen did: nothing is written.
    with pytest.raises(CouponError, match="already used at this till"):
        sell(seeded, frozenset({"FLYER-7"}))
    with seeded() as session:
        assert len(session.scalars(select(CouponUse)).all()) == 1


def test_desk_refusals(seeded: sessionmaker[Session]) -> None:
    add_promo(seeded, "C1", ONCE)
    desk = CouponDesk(seeded, is_offline=lambda: True)
    with pytest.raises(CouponError, match="Unknown coupon NOPE1"):
        desk.check("NOPE1", promotions(seeded), in_basket=())
    with pytest.raises(CouponError, match="already in this basket"):
        desk.check("ONCE-1", promotions(seeded), in_basket=("ONCE-1",))
    reusable = desk.check("ONCE-1", promotions(seeded), in_basket=())
    assert reusable.checked is CouponCheck.NONE
