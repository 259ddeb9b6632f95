"""Basket pricing as it was before the integer rewrite (pos_app/domain/pricing.py at commit
cde2c9d), kept as the reference that tests/unit/domain/test_domain_pricing_equivalence.py
compares ``compute_totals`` with: Money arithmetic line by line, one value at a time.

Only the helpers and value types come from ``pricing``; the function that sequences them is
the old code, unchanged. Do not optimise this file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from pos_app.domain.money import Currency, Money, sum_money
from pos_app.domain.pricing import (
    BasketLine,
    BasketTotals,
    Discount,
    LineTotals,
    _allocate_capped,
    discount_amount,
    line_discount_amounts,
    line_gross,
    promo_lines,
)
from pos_app.domain.promotions.engine import AppliedPromotion, PromotionContext, apply_promotions
from pos_app.domain.tax import TaxMode, TaxRate, compute_tax

__all__ = ["compute_totals"]


def _promotions(
    lines: Sequence[BasketLine],
    gross: Sequence[Money],
    context: PromotionContext | None,
    currency: Currency,
) -> list[tuple[AppliedPromotion, ...]]:
    if context is None or not context.promotions or not lines:
        return [()] * len(lines)
    result = apply_promotions(promo_lines(lines, gross), context, currency)
    return [result.for_line(line.line_no) for line in lines]


def compute_totals(
    lines: Sequence[BasketLine],
    basket_discount: Discount | None,
    currency: Currency,
    tax_mode: TaxMode,
    tax_rates: Mapping[str, TaxRate],
    promotions: PromotionContext | None = None,
) -> BasketTotals:
    """Price ``lines`` following the order of operations in the module docstring."""
    tax_mode = TaxMode(tax_mode)
    zero = Money.zero(currency)
    gross = [line_gross(line) for line in lines]
    promoted = _promotions(lines, gross, promotions, currency)
    after_promo = [
        g - sum_money((p.amount for p in applied), currency)
        for g, applied in zip(gross, promoted, strict=True)
    ]
    line_off = [
        sum_money(line_discount_amounts(rest, line.discounts), currency)
        for rest, line in zip(after_promo, lines, strict=True)
    ]
    after_line = [rest - off for rest, off in zip(after_promo, line_off, strict=True)]
    base = sum_money(after_line, currency)
    if basket_discount is None or not lines:
        shares = [zero] * len(lines)
    else:
        shares = _allocate_capped(discount_amount(base, basket_discount), after_line)

    line_totals: list[LineTotals] = []
    by_class: dict[str, Money] = defaultdict(lambda: zero)
    for line, g, off, rest, share, applied in zip(
        lines, gross, line_off, after_line, shares, promoted, strict=True
    ):
        amount = rest - share
        line_totals.append(LineTotals(line.line_no, g, off, share, amount, applied))
        by_class[line.item.tax_class] = by_class[line.item.tax_class] + amount

    tax_lines = tuple(compute_tax(by_class, tax_rates, tax_mode))
    tax_total = sum_money((t.tax for t in tax_lines), currency)
    amounts_total = sum_money((t.amount for t in line_totals), currency)
    total = amounts_total if tax_mode is TaxMode.INCLUSIVE else amounts_total + tax_total
    return BasketTotals(
        currency=currency,
        lines=tuple(line_totals),
        subtotal=sum_money(gross, currency),
        discount_total=sum_money(gross, currency) - amounts_total,
        tax_lines=tax_lines,
        tax_total=tax_total,
        total=total,
        tax_mode=tax_mode,
    )
