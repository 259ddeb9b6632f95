"""The engine against the one it replaced (reference_promotions_engine.py, the pre-performance
code): identical results (the same promotions, the same cents on the same lines), allocations
exact, scan order irrelevant.

Random promotion sets go past EXHAUSTIVE_LIMIT and mix basket-wide ones with SKU and department
ones in every stacking mode, so the large-group search (where the two engines could differ) is
exercised, not only the exhaustive one.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_promotions import make_promotions
from pos_app.domain.money import EUR, Money
from pos_app.domain.promotions import (
    EXHAUSTIVE_LIMIT,
    PromoLine,
    Promotion,
    PromotionContext,
    PromotionResult,
    apply_promotions,
    parse_promotion,
)
from pos_app.domain.promotions.state import BasketState, run_combination
from tests.helpers import reference_promotions_engine as reference
from tests.helpers.promotion_strategies import promo_baskets, promotion_sets

NOW = datetime(2026, 3, 4, 11, 0, tzinfo=UTC)
SKUS = ("A", "B", "C", "D", "E", "F", "G", "H")
DEPARTMENTS = ("d1", "d2", "d3")


def baskets() -> st.SearchStrategy[list[PromoLine]]:
    return promo_baskets(SKUS, DEPARTMENTS)


def saving(result: PromotionResult) -> int:
    return result.total.to_minor()


def check(lines: list[PromoLine], context: PromotionContext, order: list[int]) -> None:
    new = apply_promotions(lines, context, EUR)
    old = reference.apply_promotions(lines, context, EUR)
    # Identical, not merely as good: the same promotions, the same cents on the same lines in
    # the same order. The engine's shortcuts (indexes, incremental trials, bounds) only skip
    # work whose answer is known; they never change which combination wins.
    assert new == old, (per_promotion(new), per_promotion(old))
    for (line_no, applied), line in zip(new.lines, lines, strict=True):
        assert line_no == line.line_no
        assert sum(a.amount.to_minor() for a in applied) <= (
            line.gross.to_minor() if line.eligible else 0
        )
        assert all(a.amount.to_minor() > 0 for a in applied)
    # The same promotions save the same whatever order the lines were scanned in (which line
    # gets a remainder cent on a tie follows the scan order, as money.allocate does).
    shuffled = [lines[i] for i in order]
    again = apply_promotions(shuffled, context, EUR)
    old_again = reference.apply_promotions(shuffled, context, EUR)
    assert again == old_again
    # Known, and kept from the reference: a basket-wide amount whose remainder cent ties
    # between two lines goes to the first scanned, and a best-price promotion on the line it
    # lands on then cannot apply (the saving then depends on scan order). Where the reference
    # does not depend on scan order, neither may the engine.
    if saving(old_again) == saving(old) and per_promotion(old_again) == per_promotion(old):
        assert saving(again) == saving(new)
        assert per_promotion(again) == per_promotion(new)


def per_promotion(result: PromotionResult) -> dict[str, int]:
    found: dict[str, int] = {}
    for _, applied in result.lines:
        for a in applied:
            found[a.promo_id] = found.get(a.promo_id, 0) + a.amount.to_minor()
    return found


@settings(max_examples=400, deadline=None)
@given(
    baskets(),
    promotion_sets(SKUS, DEPARTMENTS, max_count=EXHAUSTIVE_LIMIT + 10, threshold_amounts=True),
    st.randoms(use_true_random=False),
)
def test_identical_to_the_reference_engine(
    lines: list[PromoLine], promos: tuple[Promotion, ...], rnd: random.Random
) -> None:
    order = list(range(len(lines)))
    rnd.shuffle(order)
    check(lines, PromotionContext(promos, NOW), order)


@settings(max_examples=300, deadline=None)
@given(
    baskets(),
    promotion_sets(SKUS, DEPARTMENTS, max_count=8, threshold_amounts=True),
    st.randoms(use_true_random=False),
)
def test_never_more_than_alone(
    lines: list[PromoLine], promos: tuple[Promotion, ...], rnd: random.Random
) -> None:
    # The bound the search prunes with: in any combination, each promotion takes at most what
    # it takes alone (fewer open lines, or less left of them, never gives a rule more).
    basket = BasketState(lines)
    chosen = [p for p in promos if rnd.random() < 0.6]
    taken: dict[str, int] = {}
    for _, promo, cents in run_combination(chosen, basket).applied:
        taken[promo.promo_id] = taken.get(promo.promo_id, 0) + cents
    for promo in chosen:
        assert taken.get(promo.promo_id, 0) <= basket.alone(promo).saving


def test_bench_baskets_identical_to_the_reference_engine() -> None:
    # The bench's own mixes: one basket meets dozens of promotions, basket-wide ones join them
    # in one large group, which is where the search and its shortcuts matter. Some lines are
    # weighed (no set rules on them) and some prices odd (remainder cents to allocate).
    for mix, seed in (("store", 7), ("stress", 7), ("store", 11), ("stress", 13)):
        rng = random.Random(seed)
        promos = tuple(
            parse_promotion(p["promo_id"], p["name"], p["rules"], EUR)
            for p in make_promotions(rng, 500, mix)
        )
        context = PromotionContext(promos, NOW)
        for _ in range(6):
            lines = []
            for n in range(50):
                weighed = rng.random() < 0.05
                lines.append(
                    PromoLine(
                        n + 1,
                        f"S{rng.randrange(5000):05d}",
                        f"D{rng.randrange(40):02d}",
                        Decimal("0.750") if weighed else Decimal(rng.randint(1, 4)),
                        Money.from_minor(rng.randint(50, 6000), EUR),
                        per_unit=not weighed,
                    )
                )
            order = list(range(len(lines)))
            rng.shuffle(order)
            check(lines, context, order)
