"""Hypothesis strategies for random promotion sets, shared by the engine's property tests
(test_domain_promotions_properties.py) and its equivalence test against the reference engine."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from pos_app.domain.money import EUR, Money
from pos_app.domain.promotions import PromoLine, Promotion, parse_promotion


def amount(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda c: format(Decimal(c).scaleb(-2), "f"))


def _rewards(threshold_amounts: bool) -> st.SearchStrategy[dict[str, Any]]:
    kinds = [
        st.builds(lambda v: {"kind": "percent", "value": str(v)}, st.integers(1, 100)),
        st.builds(lambda v: {"kind": "amount", "value": v}, amount(1, 3000)),
        st.builds(lambda p: {"kind": "fixed_price", "price": p}, amount(0, 3000)),
        st.builds(
            lambda n, p: {"kind": "multi_buy", "quantity": n, "price": p},
            st.integers(2, 4),
            amount(0, 5000),
        ),
        st.builds(
            lambda b, g, p: {"kind": "buy_x_get_y", "buy": b, "get": g, "percent": str(p)},
            st.integers(1, 3),
            st.integers(1, 2),
            st.integers(1, 100),
        ),
        st.builds(
            lambda t, v: {"kind": "spend_threshold", "threshold": t, "percent": str(v)},
            amount(1, 10_000),
            st.integers(1, 50),
        ),
    ]
    if threshold_amounts:
        kinds.append(
            st.builds(
                lambda t, v: {"kind": "spend_threshold", "threshold": t, "amount": v},
                amount(1, 10_000),
                amount(1, 2000),
            )
        )
    return st.one_of(kinds)


def promotion_sets(
    skus: Sequence[str],
    departments: Sequence[str],
    *,
    max_count: int,
    threshold_amounts: bool = False,
) -> st.SearchStrategy[tuple[Promotion, ...]]:
    """Up to ``max_count`` promotions of every kind, scoped to nothing (basket-wide), some
    SKUs or a department, in every stacking mode and priority."""
    scopes = st.one_of(
        st.just({}),
        st.lists(st.sampled_from(skus), min_size=1, max_size=3, unique=True).map(
            lambda s: {"skus": s}
        ),
        st.sampled_from(departments).map(lambda d: {"department": d}),
    )
    rewards = _rewards(threshold_amounts)

    @st.composite
    def draw_set(draw: st.DrawFn) -> tuple[Promotion, ...]:
        found: list[Promotion] = []
        for i in range(draw(st.integers(0, max_count))):
            rules: dict[str, Any] = {**draw(rewards), **draw(scopes)}
            scoped = "skus" in rules or "department" in rules
            if rules["kind"] in {"fixed_price", "multi_buy", "buy_x_get_y"} and not scoped:
                rules["sku"] = draw(st.sampled_from(skus))
            rules["stacking"] = draw(st.sampled_from(["exclusive", "best_price", "compound"]))
            rules["priority"] = draw(st.integers(-2, 2))
            found.append(parse_promotion(f"P{i:02d}", f"Deal {i}", rules, EUR))
        return tuple(found)

    return draw_set()


SKUS = ("A", "B", "C", "D")
DEPARTMENTS = ("d1", "d2")


def small_promotion_sets() -> st.SearchStrategy[tuple[Promotion, ...]]:
    """Up to five promotions over SKUS and DEPARTMENTS: the engine's property tests' baskets."""
    return promotion_sets(SKUS, DEPARTMENTS, max_count=5)


@st.composite
def promo_baskets(
    draw: st.DrawFn, skus: Sequence[str], departments: Sequence[str]
) -> list[PromoLine]:
    """Up to 12 engine lines of ``skus`` (a SKU's department by its place in ``skus``), one in
    ten weighed (its SKU suffixed "W") and one in ten not eligible (a price override)."""
    found: list[PromoLine] = []
    for n in range(draw(st.integers(0, 12))):
        sku = draw(st.sampled_from(skus))
        weighed = draw(st.integers(0, 9)) == 0
        quantity = (
            Decimal(draw(st.integers(1, 5000))).scaleb(-3)
            if weighed
            else Decimal(draw(st.integers(1, 6)))
        )
        gross = Money.from_minor(draw(st.integers(0, 5000)), EUR)
        found.append(
            PromoLine(
                n + 1,
                sku + ("W" if weighed else ""),
                departments[list(skus).index(sku) % len(departments)],
                quantity,
                gross,
                per_unit=not weighed,
                eligible=draw(st.integers(0, 9)) > 0,
            )
        )
    return found
