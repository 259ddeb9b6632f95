"""Property tests for the money rules that must hold for every input, not just the examples."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import EUR, Money, allocate
from pos_app.domain.sale.basket import Basket, BasketTotals, Discount
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind, settle
from pos_app.domain.tax import TaxMode, TaxRate

RATES = {
    "std": TaxRate("std", Decimal("0.20"), "VAT 20%"),
    "red": TaxRate("red", Decimal("0.055"), "VAT 5.5%"),
    "odd": TaxRate("odd", Decimal("0.08875"), "Sales tax"),
    "zero": TaxRate("zero", Decimal(0), "Exempt"),
}
CARD = CardReference("123456", "4242", "VISA")


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda c: Decimal(c).scaleb(-2))


def money(low: int, high: int) -> st.SearchStrategy[Money]:
    return st.integers(low, high).map(lambda c: Money.from_minor(c, EUR))


discounts = st.one_of(
    st.builds(
        Discount,
        st.just("percent"),
        st.integers(1, 1000).map(lambda p: Decimal(p) / 10),
        st.just("promo"),
    ),
    st.builds(Discount, st.just("amount"), cents(1, 5000), st.just("coupon")),
)


@dataclass(frozen=True)
class LineSpec:
    sku: str
    price: Decimal
    tax_class: str
    by_weight: bool
    quantity: Decimal
    override: Decimal | None
    discounts: tuple[Discount, ...]


@st.composite
def line_specs(draw: st.DrawFn) -> LineSpec:
    by_weight = draw(st.booleans())
    # Weighed: 0.001 to 20 kg; per unit: 1 to 50.
    quantity = draw(st.integers(1, 20_000)) if by_weight else draw(st.integers(1, 50))
    return LineSpec(
        sku=draw(st.sampled_from(["A", "B", "C", "D"])) + ("W" if by_weight else ""),
        price=draw(cents(0, 20_000)),
        tax_class=draw(st.sampled_from(sorted(RATES))),
        by_weight=by_weight,
        quantity=Decimal(quantity).scaleb(-3) if by_weight else Decimal(quantity),
        override=draw(st.none() | cents(0, 10_000)),
        discounts=tuple(draw(st.lists(discounts, max_size=3))),
    )


baskets = st.tuples(
    st.lists(line_specs(), max_size=12),
    st.none() | discounts,
    st.sampled_from(list(TaxMode)),
)


def build(specs: list[LineSpec], basket_discount: Discount | None, mode: TaxMode) -> Basket:
    basket = Basket(EUR, mode, RATES)
    for spec in specs:
        item = CatalogItem(
            spec.sku + spec.tax_class,
            f"Item {spec.sku}",
            Money(spec.price, EUR),
            spec.tax_class,
            "misc",
            sold_by_weight=spec.by_weight,
        )
        line = basket.add_item(item, spec.quantity)
        if spec.override is not None:
            basket.override_price(line.line_no, Money(spec.override, EUR), "manager")
        for discount in spec.discounts:
            basket.add_line_discount(line.line_no, discount)
    basket.set_basket_discount(basket_discount)
    return basket


@given(baskets)
def test_totals_are_reproducible(case: tuple[list[LineSpec], Discount | None, TaxMode]) -> None:
    specs, basket_discount, mode = case
    first = build(specs, basket_discount, mode)
    totals = first.totals()
    assert build(specs, basket_discount, mode).totals() == totals
    restored = Basket.restore(EUR, mode, RATES, first.lines, first.basket_discount)
    assert restored.totals() == totals
    assert first.totals() == totals


@given(baskets)
def test_totals_add_up(case: tuple[list[LineSpec], Discount | None, TaxMode]) -> None:
    totals: BasketTotals = build(*case).totals()
    amounts = sum((line.amount.amount for line in totals.lines), Decimal(0))
    assert all(not line.amount.is_negative() for line in totals.lines)
    assert all(line.amount.is_on_quantum() for line in totals.lines)
    assert totals.subtotal.amount - totals.discount_total.amount == amounts
    for line in totals.lines:
        assert line.gross - line.line_discount - line.basket_discount_share == line.amount


@given(baskets)
def test_tax_lines_add_up(case: tuple[list[LineSpec], Discount | None, TaxMode]) -> None:
    specs, _, mode = case
    totals = build(*case).totals()
    assert sum(t.tax.amount for t in totals.tax_lines) == totals.tax_total.amount
    for t in totals.tax_lines:
        assert t.net + t.tax == t.gross
        # Rounded once, half up: never more than half a cent from the exact tax.
        base = Fraction(t.gross.amount if mode is TaxMode.INCLUSIVE else t.net.amount)
        rate = Fraction(t.rate)
        exact = base * rate / (1 + rate) if mode is TaxMode.INCLUSIVE else base * rate
        assert abs(Fraction(t.tax.amount) - exact) <= Fraction(1, 200)
    gross_sum = sum((t.gross.amount for t in totals.tax_lines), Decimal(0))
    assert gross_sum == totals.total.amount
    assert {t.tax_class for t in totals.tax_lines} == {s.tax_class for s in specs}


@settings(max_examples=200)
@given(
    st.integers(-10_000_000, 10_000_000),
    st.lists(cents(0, 1_000_000), min_size=1, max_size=20),
)
def test_allocation_is_exact(total_cents: int, weights: list[Decimal]) -> None:
    total = Money.from_minor(total_cents, EUR)
    shares = allocate(total, weights)
    assert len(shares) == len(weights)
    assert sum((s.amount for s in shares), Decimal(0)) == total.amount
    assert all(s.is_on_quantum() for s in shares)
    if total_cents >= 0:
        assert all(not s.is_negative() for s in shares)
    weight_sum = sum(weights, Decimal(0))
    if weight_sum == 0:
        return
    largest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    for i, (share, weight) in enumerate(zip(shares, weights, strict=True)):
        exact = Fraction(total.amount) * Fraction(weight) / Fraction(weight_sum)
        if i != largest:
            assert abs(Fraction(share.amount) - exact) < Fraction(1, 100)
        else:
            # The largest takes the remainder: at most one cent per other share.
            assert abs(Fraction(share.amount) - exact) < Fraction(len(weights), 100)


steps = st.sampled_from(
    [Decimal(0), Decimal("0.01"), Decimal("0.05"), Decimal("0.10"), Decimal("0.20"), Decimal(1)]
)


@st.composite
def cash_sales(draw: st.DrawFn) -> tuple[Money, list[Tender], Decimal]:
    total = draw(st.integers(0, 1_000_000))
    non_cash: list[Tender] = []
    left = total
    for _ in range(draw(st.integers(0, 3))):
        if left == 0:
            break
        amount = draw(st.integers(1, left))
        left -= amount
        kind = draw(st.sampled_from([TenderKind.CARD, TenderKind.STORE_CREDIT]))
        non_cash.append(
            Tender(kind, Money.from_minor(amount, EUR), card=CARD)
            if kind is TenderKind.CARD
            else Tender(kind, Money.from_minor(amount, EUR), account="GC-1")
        )
    cash = [
        Tender(TenderKind.CASH, m)
        for m in draw(st.lists(money(1, 2_000_000), min_size=1, max_size=3))
    ]
    tenders = draw(st.permutations(non_cash + cash))
    return Money.from_minor(total, EUR), list(tenders), draw(steps)


@given(cash_sales())
def test_change_is_never_negative(case: tuple[Money, list[Tender], Decimal]) -> None:
    total, tenders, step = case
    s = settle(total, tenders, step)
    assert not s.change.is_negative()
    assert not s.remaining.is_negative()
    assert s.change.is_zero() or s.remaining.is_zero()
    assert s.amount_due == s.total + s.rounding_adjustment
    assert s.paid - s.change + s.remaining == s.amount_due
    assert abs(s.rounding_adjustment.amount) <= max(step, Decimal("0.01")) / 2
    if step > Decimal("0.01"):
        cash_due = s.amount_due.amount - sum(
            (t.amount.amount for t in tenders if not t.is_cash), Decimal(0)
        )
        assert cash_due % step == 0


@given(cash_sales())
def test_no_cash_means_no_rounding(case: tuple[Money, list[Tender], Decimal]) -> None:
    total, tenders, step = case
    non_cash = [t for t in tenders if not t.is_cash]
    s = settle(total, non_cash, step)
    assert s.rounding_adjustment.is_zero()
    assert s.amount_due == total
    assert s.change.is_zero()
    paid = sum((t.amount.amount for t in non_cash), Decimal(0))
    assert s.remaining.amount == total.amount - paid
