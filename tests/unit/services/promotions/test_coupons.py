"""Coupons in the till's services: the sale records the codes it used, and the offline rule
(a single-use code is taken once per till when the hub cannot be asked)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import CouponUse, OutboxEvent
from pos_app.domain.promotions.coupons import CouponError
from pos_app.services.promotions.coupons import CouponCheck, CouponDesk
from tests.helpers.promotions import ONCE, SINGLE, active_promotions, add_promo, sell_with_coupons


def test_a_coupon_unlocks_its_promotion_and_the_sale_event_carries_it(
    seeded: sessionmaker[Session],
) -> None:
    add_promo(seeded, "C1", ONCE)
    assert sell_with_coupons(
        seeded, frozenset()
    ).totals.promotion_total.is_zero()  # no code, no deal
    done = sell_with_coupons(seeded, frozenset({"ONCE-1"}))
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
    sell_with_coupons(seeded, frozenset({"FLYER-7"}))
    with seeded() as session:
        assert session.scalars(select(CouponUse)).all() == []


def test_offline_a_single_use_code_is_taken_once_per_till(
    seeded: sessionmaker[Session],
) -> None:
    add_promo(seeded, "C1", SINGLE)
    desk = CouponDesk(seeded)  # no hub at all: every single-use code follows the offline rule
    accepted = desk.check("FLYER-7", active_promotions(seeded), in_basket=())
    assert accepted.checked is CouponCheck.LATER
    assert "checked later" in str(accepted.message)
    done = sell_with_coupons(seeded, frozenset({"FLYER-7"}))
    assert done.totals.promotion_total.to_minor() == 200
    with seeded() as session:
        use = session.scalars(select(CouponUse)).one()
        assert (use.code, use.checked, use.single_use) == ("FLYER-7", "later", True)
    with pytest.raises(CouponError, match="already used at this till"):
        desk.check("FLYER-7", active_promotions(seeded), in_basket=())
    # The checkout holds the rule too, whatever the screen did: nothing is written.
    with pytest.raises(CouponError, match="already used at this till"):
        sell_with_coupons(seeded, frozenset({"FLYER-7"}))
    with seeded() as session:
        assert len(session.scalars(select(CouponUse)).all()) == 1


def test_desk_refusals(seeded: sessionmaker[Session]) -> None:
    add_promo(seeded, "C1", ONCE)
    desk = CouponDesk(seeded, is_offline=lambda: True)
    with pytest.raises(CouponError, match="Unknown coupon NOPE1"):
        desk.check("NOPE1", active_promotions(seeded), in_basket=())
    with pytest.raises(CouponError, match="already in this basket"):
        desk.check("ONCE-1", active_promotions(seeded), in_basket=("ONCE-1",))
    reusable = desk.check("ONCE-1", active_promotions(seeded), in_basket=())
    assert reusable.checked is CouponCheck.NONE
