"""Near-miss hints: worked examples, and a property that a hint, followed, makes its promotion
save more on its own (it never suggests what the rule would not reward)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.money import EUR, Money
from pos_app.domain.promotions import PromoLine, PromotionContext, parse_promotion
from pos_app.domain.promotions.engine import standalone_saving
from pos_app.domain.promotions.hints import apply_hint, near_misses
from tests.helpers.promotion_strategies import DEPARTMENTS, SKUS, small_promotion_sets

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def line(no: int, sku: str, qty: int, unit: str, dept: str = "d1") -> PromoLine:
    return PromoLine(no, sku, dept, Decimal(qty), Money.of(unit, EUR) * qty)


def ctx(*rules: dict[str, Any], **kwargs: Any) -> PromotionContext:
    promos = tuple(
        parse_promotion(f"P{i}", r.pop("name"), r, EUR) for i, r in enumerate(map(dict, rules))
    )
    return PromotionContext(promotions=promos, now=NOW, **kwargs)


MULTI = {"name": "3 for 10.00", "kind": "multi_buy", "quantity": 3, "price": "10.00", "sku": "COF"}
OVER_50 = {"name": "10% off over 50", "kind": "spend_threshold", "threshold": "50.00",
           "percent": "10"}  # fmt: skip


def test_one_more_coffee_for_a_multi_buy() -> None:
    hints = near_misses([line(1, "COF", 2, "4.00")], ctx(MULTI), {"COF": "Arabica Coffee"})
    assert len(hints) == 1
    hint = hints[0]
    assert (hint.units, hint.sku, hint.item_name, hint.promo_name) == (
        1, "COF", "Arabica Coffee", "3 for 10.00",
    )  # fmt: skip
    assert hint.gain == 200  # 3 x 4.00 = 12.00 for 10.00


def test_no_hint_when_the_set_would_not_be_worth_more_than_the_price() -> None:
    # 3 x 3.00 = 9.00 is less than 10.00: "3 for 10.00" saves nothing, so no hint.
    assert near_misses([line(1, "COF", 2, "3.00")], ctx(MULTI)) == []


def test_spend_more_for_a_threshold_and_none_once_it_applies() -> None:
    hints = near_misses([line(1, "A", 1, "45.50")], ctx(OVER_50))
    assert [(h.amount, h.promo_name) for h in hints] == [(Money.of("4.50", EUR), "10% off over 50")]
    assert near_misses([line(1, "A", 1, "50.00")], ctx(OVER_50)) == []
    assert near_misses([line(1, "A", 1, "20.00")], ctx(OVER_50)) == []  # 30.00 short: not near


def test_unavailable_promotions_give_no_hint() -> None:
    coupon = {**MULTI, "coupon": "SAVE3"}
    assert near_misses([line(1, "COF", 2, "4.00")], ctx(coupon)) == []
    assert (
        len(near_misses([line(1, "COF", 2, "4.00")], ctx(coupon, coupons=frozenset({"SAVE3"}))))
        == 1
    )


def test_buy_two_get_one_and_the_biggest_gain_first() -> None:
    b2g1 = {"name": "Buy 2 get 1 free", "kind": "buy_x_get_y", "buy": 2, "get": 1, "sku": "TEA"}
    # 8.00 + 6.00 + 30.00 = 44.00: 6.00 short of 50 (10 % of 50.00 = 5.00 more saved); one
    # more tea is free (3.00); one more coffee makes 12.00 for 10.00 (2.00).
    hints = near_misses(
        [line(1, "COF", 2, "4.00"), line(2, "TEA", 2, "3.00"), line(3, "X", 1, "30.00")],
        ctx(MULTI, b2g1, OVER_50),
    )
    assert [(h.promo_name, h.gain) for h in hints] == [
        ("10% off over 50", 500),
        ("Buy 2 get 1 free", 300),
        ("3 for 10.00", 200),
    ]
    assert hints[0].amount == Money.of("6.00", EUR)
    assert len(near_misses(
        [line(1, "COF", 2, "4.00"), line(2, "TEA", 2, "3.00"), line(3, "X", 1, "30.00")],
        ctx(MULTI, b2g1, OVER_50), limit=1,
    )) == 1  # fmt: skip


base_lines = st.lists(
    st.builds(
        lambda sku, qty, price, weighed: (sku, qty, price, weighed),
        st.sampled_from(SKUS),
        st.integers(1, 6),
        st.integers(1, 4000),
        st.booleans(),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(base_lines, small_promotion_sets())
def test_a_hint_followed_makes_its_promotion_save_more(specs: list[Any], promos: Any) -> None:
    lines = [
        PromoLine(
            i,
            sku,
            "d1" if sku in "AC" else "d2",
            Decimal(qty),
            Money.from_minor(price * qty, EUR),
            per_unit=not weighed,
        )
        for i, (sku, qty, price, weighed) in enumerate(specs, start=1)
    ]
    context = PromotionContext(promotions=promos, now=NOW)
    by_id = {p.promo_id: p for p in promos}
    for hint in near_misses(lines, context, limit=10):
        promo = by_id[hint.promo_id]
        department = min(promo.scope.departments) if promo.scope.departments else ""
        followed = apply_hint(lines, hint, department)
        assert standalone_saving(promo, followed) > standalone_saving(promo, lines)
        assert department in ("", *DEPARTMENTS)
        if hint.sku is not None:
            assert 1 <= hint.units <= 2
            assert any(ln.sku == hint.sku for ln in lines)  # an item already in the basket
        else:
            assert hint.amount is not None
            assert hint.amount.is_positive()
