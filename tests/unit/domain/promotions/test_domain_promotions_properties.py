"""Properties of promoted baskets that must hold for every basket and promotion set."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import EUR, Money
from pos_app.domain.promotions import Promotion, PromotionContext
from pos_app.domain.sale.basket import Basket, BasketTotals, Discount
from pos_app.domain.tax import TaxMode, TaxRate
from tests.helpers.promotion_strategies import SKUS, amount, small_promotion_sets

RATES = {
    "std": TaxRate("std", Decimal("0.20"), "VAT 20%"),
    "red": TaxRate("red", Decimal("0.055"), "VAT 5.5%"),
}
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Line:
    sku: str
    price: int
    by_weight: bool
    quantity: Decimal
    discount: Discount | None


@st.composite
def lines(draw: st.DrawFn) -> Line:
    by_weight = draw(st.booleans())
    quantity = (
        Decimal(draw(st.integers(1, 5000))).scaleb(-3)
        if by_weight
        else Decimal(draw(st.integers(1, 12)))
    )
    discount = draw(
        st.none()
        | st.builds(Discount, st.just("percent"), st.integers(1, 50).map(Decimal), st.just("x"))
    )
    return Line(
        draw(st.sampled_from(SKUS)), draw(st.integers(0, 5000)), by_weight, quantity, discount
    )


def build(specs: list[Line], basket_discount: Discount | None) -> Basket:
    basket = Basket(EUR, TaxMode.INCLUSIVE, RATES)
    for spec in specs:
        item = CatalogItem(
            spec.sku + ("W" if spec.by_weight else ""),
            f"Item {spec.sku}",
            Money.from_minor(spec.price, EUR),
            "std" if spec.sku in "AB" else "red",
            "d1" if spec.sku in "AC" else "d2",
            sold_by_weight=spec.by_weight,
        )
        line = basket.add_item(item, spec.quantity)
        if spec.discount is not None:
            basket.add_line_discount(line.line_no, spec.discount)
    basket.set_basket_discount(basket_discount)
    return basket


cases = st.tuples(
    st.lists(lines(), max_size=10),
    st.none() | st.builds(Discount, st.just("amount"), amount(1, 2000).map(Decimal), st.just("y")),
    small_promotion_sets(),
)
Case = tuple[list[Line], Discount | None, tuple[Promotion, ...]]


def priced(case: Case) -> tuple[Basket, BasketTotals]:
    specs, basket_discount, promos = case
    basket = build(specs, basket_discount)
    return basket, basket.totals(PromotionContext(promos, NOW))


@settings(max_examples=300)
@given(cases)
def test_promotions_allocate_exactly_and_never_go_negative(case: Case) -> None:
    basket, totals = priced(case)
    plain = basket.totals()
    assert not totals.total.is_negative()
    assert totals.total <= plain.total
    for line in totals.lines:
        assert not line.amount.is_negative()
        assert all(p.amount.is_positive() and p.amount.is_on_quantum() for p in line.promotions)
        assert line.promotion_discount <= line.gross
        assert (
            line.gross - line.promotion_discount - line.line_discount - line.basket_discount_share
            == line.amount
        )
    assert totals.subtotal - totals.discount_total == sum(
        (line.amount for line in totals.lines), Money.zero(EUR)
    )
    assert totals.promotion_total == sum(
        (line.promotion_discount for line in totals.lines), Money.zero(EUR)
    )
    # Exclusive means alone in the sale; best price means alone on its lines.
    promos = {p.promo_id: p for p in case[2]}
    used = {p.promo_id for line in totals.lines for p in line.promotions}
    if any(promos[i].stacking == "exclusive" for i in used):
        assert len(used) == 1
    for line in totals.lines:
        ids = [p.promo_id for p in line.promotions]
        if any(promos[i].stacking == "best_price" for i in ids):
            assert len(ids) == 1


@settings(max_examples=200)
@given(cases)
def test_promoted_totals_are_reproducible(case: Case) -> None:
    basket, totals = priced(case)
    specs, basket_discount, promos = case
    context = PromotionContext(promos, NOW)
    assert build(specs, basket_discount).totals(context) == totals
    restored = Basket.restore(EUR, TaxMode.INCLUSIVE, RATES, basket.lines, basket.basket_discount)
    assert restored.totals(context) == totals
    assert basket.totals(PromotionContext(tuple(reversed(promos)), NOW)) == totals


@settings(max_examples=200)
@given(cases)
def test_promotion_saving_does_not_depend_on_scan_order(case: Case) -> None:
    # Manual discounts are left out: they change how scans merge into lines (basket.py), which
    # is about the cashier's actions, not about promotions.
    specs = [replace(spec, discount=None) for spec in case[0]]
    context = PromotionContext(case[2], NOW)
    forward = build(specs, None).totals(context)
    backward = build(list(reversed(specs)), None).totals(context)
    assert forward.promotion_total == backward.promotion_total
    assert forward.total == backward.total
