"""``compute_totals`` in integer minor units against the Money-by-Money code it replaced
(tests/helpers/reference_pricing.py): the same totals, to the cent and to the Decimal's
exponent (compared by repr, so a receipt or a journal entry prints exactly as before), with
promotions, line and basket discounts, price overrides, weighed lines and both tax modes."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.errors import DomainError
from pos_app.domain.money import EUR, JPY, Currency, Money
from pos_app.domain.pricing import compute_totals
from pos_app.domain.promotions import Promotion, PromotionContext
from pos_app.domain.sale.basket import Basket, Discount
from pos_app.domain.tax import TaxMode, TaxRate
from tests.helpers import reference_pricing as reference
from tests.helpers.promotion_strategies import SKUS, small_promotion_sets

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
RATES = {
    "std": TaxRate("std", Decimal("0.20"), "VAT 20%"),
    "red": TaxRate("red", Decimal("0.055"), "VAT 5.5%"),
}


@dataclass(frozen=True)
class Spec:
    sku: str
    price: int
    weighed: bool
    quantity: Decimal
    discounts: tuple[Discount, ...]
    override: int | None


discounts = st.one_of(
    st.builds(Discount, st.just("percent"), st.integers(1, 100).map(Decimal), st.just("x")),
    st.builds(
        Discount, st.just("amount"), st.integers(1, 3000).map(lambda c: Decimal(c).scaleb(-2)),
        st.just("y"),
    ),
)  # fmt: skip


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    weighed = draw(st.booleans())
    quantity = (
        Decimal(draw(st.integers(1, 5000))).scaleb(-3)
        if weighed
        else Decimal(draw(st.integers(1, 12)))
    )
    return Spec(
        draw(st.sampled_from(SKUS)),
        draw(st.integers(0, 5000)),
        weighed,
        quantity,
        tuple(draw(st.lists(discounts, max_size=2))),
        draw(st.none() | st.integers(0, 4000)),
    )


def build(items: list[Spec], basket_discount: Discount | None, mode: TaxMode) -> Basket:
    basket = Basket(EUR, mode, RATES)
    for spec in items:
        item = CatalogItem(
            spec.sku + ("W" if spec.weighed else ""),
            f"Item {spec.sku}",
            Money.from_minor(spec.price, EUR),
            "std" if spec.sku in "AB" else "red",
            "d1" if spec.sku in "AC" else "d2",
            sold_by_weight=spec.weighed,
        )
        line = basket.add_item(item, spec.quantity)
        if spec.override is not None:
            basket.override_price(line.line_no, Money.from_minor(spec.override, EUR), "match")
        for discount in spec.discounts:
            # A discount the basket refuses (more than the line) is refused at the till too.
            with suppress(DomainError):
                basket.add_line_discount(line.line_no, discount)
    with suppress(DomainError):
        basket.set_basket_discount(basket_discount)
    return basket


@settings(max_examples=300, deadline=None)
@given(
    st.lists(specs(), max_size=10),
    st.none() | discounts,
    st.sampled_from(list(TaxMode)),
    st.none() | small_promotion_sets(),
)
def test_same_totals_as_the_money_by_money_code(
    items: list[Spec],
    basket_discount: Discount | None,
    mode: TaxMode,
    promos: tuple[Promotion, ...] | None,
) -> None:
    basket = build(items, basket_discount, mode)
    context = None if promos is None else PromotionContext(promos, NOW)
    args = (basket.lines, basket.basket_discount, EUR, mode, RATES, context)
    assert repr(compute_totals(*args)) == repr(reference.compute_totals(*args))


@pytest.mark.parametrize("currency", [EUR, JPY])
def test_an_empty_basket_and_a_currency_without_minor_units(currency: Currency) -> None:
    for lines in ((), Basket(currency, TaxMode.EXCLUSIVE, RATES).lines):
        args = (lines, None, currency, TaxMode.EXCLUSIVE, RATES, None)
        assert repr(compute_totals(*args)) == repr(reference.compute_totals(*args))
    basket = Basket(currency, TaxMode.EXCLUSIVE, RATES)
    item = CatalogItem("A", "A", Money.of(7, currency), "std", "d1")
    basket.add_item(item, Decimal(3))
    off = Discount("percent", Decimal(10), "x")
    new = compute_totals(basket.lines, off, currency, TaxMode.EXCLUSIVE, RATES)
    old = reference.compute_totals(basket.lines, off, currency, TaxMode.EXCLUSIVE, RATES)
    assert repr(new) == repr(old)
