"""Pricing a basket as the till does, after every scan and edit with one context, gives what
pricing it from scratch gives; and it reuses the previous pricing instead of redoing it
(``engine._basket``, ``BasketState.adopt``)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_promotions import make_promotions
from pos_app.domain.money import EUR, Money
from pos_app.domain.promotions import (
    PromoLine,
    Promotion,
    PromotionContext,
    apply_promotions,
    parse_promotion,
)
from pos_app.domain.promotions.eval import promotion_cents
from tests.helpers.promotion_strategies import promo_baskets, promotion_sets

NOW = datetime(2026, 3, 4, 11, 0, tzinfo=UTC)
SKUS = ("A", "B", "C", "D", "E", "F")
DEPARTMENTS = ("d1", "d2")


def edits(lines: list[PromoLine], rnd: random.Random) -> list[list[PromoLine]]:
    """The baskets a till prices while these lines are rung: each scan, then a quantity
    changed, a line voided, a price override, and a line added back."""
    seen = [lines[:n] for n in range(1, len(lines) + 1)]
    if lines:
        basket = list(lines)
        k = rnd.randrange(len(basket))
        basket[k] = replace(basket[k], quantity=basket[k].quantity + 1)
        seen.append(list(basket))
        voided = basket.pop(rnd.randrange(len(basket)))
        seen.append(list(basket))
        if basket:
            k = rnd.randrange(len(basket))
            basket[k] = replace(basket[k], eligible=not basket[k].eligible)
            seen.append(list(basket))
        seen.append([*basket, voided])
        seen.append([*basket, voided])  # priced again unchanged (the checkout after the screen)
    return seen


@settings(max_examples=300, deadline=None)
@given(
    promo_baskets(SKUS, DEPARTMENTS),
    promotion_sets(SKUS, DEPARTMENTS, max_count=12, threshold_amounts=True),
    st.randoms(use_true_random=False),
)
def test_incremental_pricing_equals_pricing_from_scratch(
    lines: list[PromoLine], promos: tuple[Promotion, ...], rnd: random.Random
) -> None:
    till = PromotionContext(promos, NOW)  # one context for the whole sale, as the till has
    for basket in edits(lines, rnd):
        assert apply_promotions(basket, till, EUR) == apply_promotions(
            basket, PromotionContext(promos, NOW), EUR
        )


def _bench_basket(rng: random.Random, count: int) -> list[PromoLine]:
    return [
        PromoLine(
            n + 1,
            f"S{rng.randrange(5000):05d}",
            f"D{rng.randrange(40):02d}",
            Decimal(rng.randint(1, 4)),
            Money.from_minor(rng.randint(50, 3000), EUR),
        )
        for n in range(count)
    ]


def test_a_scan_reprices_only_what_the_new_line_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    promos = tuple(
        parse_promotion(p["promo_id"], p["name"], p["rules"], EUR)
        for p in make_promotions(rng, mix="store")
    )
    lines = _bench_basket(rng, 40)
    evaluations = 0

    def counted(*args: object) -> dict[int, int]:
        nonlocal evaluations
        evaluations += 1
        return promotion_cents(*args)  # type: ignore[arg-type]

    monkeypatch.setattr("pos_app.domain.promotions.state.promotion_cents", counted)
    till = PromotionContext(promos, NOW)
    apply_promotions(lines[:-1], till, EUR)
    evaluations = 0
    after_scan = apply_promotions(lines, till, EUR)
    incremental = evaluations
    evaluations = 0
    assert after_scan == apply_promotions(lines, PromotionContext(promos, NOW), EUR)
    from_scratch = evaluations
    # Most promotions' lines are the same after a scan: their effects are not computed again
    # (before the reuse the two counts were equal).
    assert incremental < from_scratch / 2, (incremental, from_scratch)
    evaluations = 0
    assert apply_promotions(list(lines), till, EUR) is after_scan  # unchanged: not priced again
    assert evaluations == 0
