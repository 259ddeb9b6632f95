"""Pricing a basket as the till does, after every scan and edit with one context, gives what
pricing it from scratch gives; and it reuses the previous pricing instead of redoing it
(``engine._basket``, ``BasketState.adopt``)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

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


def _bench_sale(seed: int) -> tuple[tuple[Promotion, ...], list[PromoLine]]:
    """The bench's store mix of 500 promotions and a 40-line basket of its catalog."""
    rng = random.Random(seed)
    promos = tuple(
        parse_promotion(p["promo_id"], p["name"], p["rules"], EUR)
        for p in make_promotions(rng, mix="store")
    )
    lines = [
        PromoLine(
            n + 1,
            f"S{rng.randrange(5000):05d}",
            f"D{rng.randrange(40):02d}",
            Decimal(rng.randint(1, 4)),
            Money.from_minor(rng.randint(50, 3000), EUR),
        )
        for n in range(40)
    ]
    return promos, lines


class Evaluations:
    """Counts the promotion effects computed (``eval.promotion_cents`` as the state calls it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        monkeypatch.setattr("pos_app.domain.promotions.state.promotion_cents", self)

    def __call__(self, *args: Any) -> dict[int, int]:
        self.count += 1
        return promotion_cents(*args)

    def take(self) -> int:
        """The count since the last ``take``."""
        count, self.count = self.count, 0
        return count


def test_a_scan_reprices_only_what_the_new_line_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    promos, lines = _bench_sale(3)
    evaluations = Evaluations(monkeypatch)
    till = PromotionContext(promos, NOW)
    apply_promotions(lines[:-1], till, EUR)
    evaluations.take()
    after_scan = apply_promotions(lines, till, EUR)
    incremental = evaluations.take()
    assert after_scan == apply_promotions(lines, PromotionContext(promos, NOW), EUR)
    from_scratch = evaluations.take()
    # Most promotions' lines are the same after a scan: their effects are not computed again
    # (before the reuse the two counts were equal).
    assert incremental < from_scratch / 2, (incremental, from_scratch)
    assert apply_promotions(list(lines), till, EUR) is after_scan  # unchanged: not priced again
    assert evaluations.take() == 0


def test_a_context_made_later_continues_while_the_same_promotions_are_offered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The till makes a context per pricing (the clock moves on): a scan a few seconds later
    # still starts from the basket just priced; once a promotion's window has closed, it does
    # not (the available promotions differ) and the result is the fresh one's.
    promos, lines = _bench_sale(4)
    evaluations = Evaluations(monkeypatch)
    first = PromotionContext(promos, NOW)
    apply_promotions(lines[:-1], first, EUR)
    later = PromotionContext(promos, NOW.replace(second=20))
    later.continue_from(first)
    evaluations.take()
    continued = apply_promotions(lines, later, EUR)
    scan = evaluations.take()
    assert continued == apply_promotions(lines, PromotionContext(promos, later.now), EUR)
    from_scratch = evaluations.take()
    assert scan < from_scratch / 2, (scan, from_scratch)
    # 13:00: the bench's Wednesday 09:00-13:00 promotions have ended.
    closed = PromotionContext(promos, NOW.replace(hour=13))
    closed.continue_from(first)
    assert closed.available.last is None
    assert apply_promotions(lines, closed, EUR) == apply_promotions(
        lines, PromotionContext(promos, closed.now), EUR
    )
