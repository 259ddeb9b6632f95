"""Basket lines and the pure function that prices them.

``compute_totals`` depends only on its arguments, so a basket rebuilt from stored lines (a
parked basket, a journaled sale, a return looking up the original) gives the same cents.

Order of operations (docs/architecture.md §2):

1. line gross = unit price x quantity, rounded HALF_UP to the minor unit;
2. promotions (``promotions_engine``), when a PromotionContext is given, on the line gross.
   They come first because they are the store's advertised price (a "3 for 10" is a price,
   and tax and returns must see it); manual discounts are the cashier's concession on what the
   customer still pays, so a 10 % goodwill discount takes 10 % of the promoted price, never of
   a price nobody pays. A line whose price was overridden gets no promotion: the override is
   the agreed price. Same inputs and the same time give the same cents;
3. line discounts, in the order they were given, each on what remains of the line: a percent
   is rounded HALF_UP, an amount is capped at what remains;
4. the basket discount on the sum of lines after line discounts (percent rounded HALF_UP,
   amount capped at that sum), allocated to lines pro rata with ``money.allocate`` (the
   remainder to the largest line). If the remainder would push a line below zero, which can
   only happen when the discount is within a few cents of the whole basket, the excess moves
   to the next largest lines so no line amount is ever negative;
5. tax per tax class on the line amounts (see ``tax``);
6. total due: the sum of line amounts (INCLUSIVE) or that sum plus tax (EXCLUSIVE).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, Money, allocate, round_half_up, sum_money
from pos_app.domain.promotions.engine import (
    AppliedPromotion,
    PromoLine,
    PromotionContext,
    apply_promotions,
)
from pos_app.domain.tax import TaxLine, TaxMode, TaxRate, compute_tax

__all__ = [
    "BasketLine",
    "BasketTotals",
    "Discount",
    "DiscountKind",
    "LineTotals",
    "Traceability",
    "compute_totals",
    "discount_amount",
    "line_discount_amounts",
    "line_gross",
    "promo_lines",
]

DiscountKind = Literal["percent", "amount"]


@dataclass(frozen=True)
class Discount:
    """``value`` is a percentage (10 = 10 %) or an amount in the basket's currency."""

    kind: DiscountKind
    value: Decimal
    reason: str

    def __post_init__(self) -> None:
        if not isinstance(self.value, Decimal):
            raise TypeError("Discount.value must be a Decimal.")
        if not self.value.is_finite():
            raise DomainError(msg("A discount must be a number."))
        if not self.reason.strip():
            raise DomainError(msg("Give a reason for the discount."))
        if self.kind == "percent":
            if not 0 < self.value <= 100:
                raise DomainError(msg("A percentage discount must be more than 0 and at most 100."))
        elif self.kind == "amount":
            if self.value <= 0:
                raise DomainError(msg("A discount amount must be more than zero."))
        else:
            # A discount's kind comes from the till's buttons, never typed: a programmer's error.
            raise ValueError(f"Unknown discount kind {self.kind!r}.")

    def describe(self) -> str:
        if self.kind == "percent":
            return f"{_percent_text(self.value)}% off: {self.reason}"
        return f"Discount: {self.reason}"


def _percent_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Traceability:
    """What a GS1 code said about this very unit: lot (AI 10), serial (AI 21), expiry (AI 17)."""

    lot: str | None = None
    serial: str | None = None
    expiry: date | None = None


@dataclass
class BasketLine:
    line_no: int
    item: CatalogItem
    quantity: Decimal
    unit_price: Money
    price_override_reason: str | None = None
    discounts: list[Discount] = field(default_factory=list)
    scanned_code: str | None = None
    trace: Traceability | None = None


@dataclass(frozen=True)
class LineTotals:
    line_no: int
    gross: Money
    line_discount: Money
    basket_discount_share: Money
    amount: Money
    # Last and defaulted so positional construction keeps working; in application order.
    promotions: tuple[AppliedPromotion, ...] = ()

    @property
    def promotion_discount(self) -> Money:
        return sum_money((p.amount for p in self.promotions), self.gross.currency)


@dataclass(frozen=True)
class BasketTotals:
    currency: Currency
    lines: tuple[LineTotals, ...]
    subtotal: Money
    discount_total: Money
    tax_lines: tuple[TaxLine, ...]
    tax_total: Money
    total: Money
    # Defaulted so the field could be added without breaking positional construction.
    tax_mode: TaxMode = TaxMode.INCLUSIVE

    def __post_init__(self) -> None:
        amounts = sum_money((line.amount for line in self.lines), self.currency)
        expected = amounts if self.tax_mode is TaxMode.INCLUSIVE else amounts + self.tax_total
        if self.total != expected:
            raise DomainError(
                f"Basket totals do not add up: total {self.total}, expected {expected} "
                f"for {self.tax_mode} tax."
            )

    @property
    def promotion_total(self) -> Money:
        return sum_money((line.promotion_discount for line in self.lines), self.currency)

    @property
    def line_discount_total(self) -> Money:
        return sum_money((line.line_discount for line in self.lines), self.currency)

    @property
    def basket_discount(self) -> Money:
        return sum_money((line.basket_discount_share for line in self.lines), self.currency)


def line_gross(line: BasketLine) -> Money:
    # One Money, not two: (price x quantity).rounded() built the exact product as Money first.
    price = line.unit_price
    exact = price.amount * line.quantity
    return Money(exact.quantize(price.currency.quantum, rounding=ROUND_HALF_UP), price.currency)


def discount_amount(base: Money, discount: Discount) -> Money:
    """What ``discount`` takes off ``base`` (on the quantum, never more than ``base``)."""
    if discount.kind == "percent":
        exact = Fraction(base.amount) * Fraction(discount.value) / 100
        off = Money(round_half_up(exact, base.currency.quantum), base.currency)
    else:
        off = Money(discount.value, base.currency)
        if not off.is_on_quantum():
            raise DomainError(
                msg(
                    "A discount of {value} is not a whole number of {currency} cents; round it.",
                    value=str(discount.value),
                    currency=base.currency.code,
                )
            )
    return min(off, base) if base.amount >= 0 else off


def line_discount_amounts(gross: Money, discounts: Sequence[Discount]) -> list[Money]:
    """Each line discount's amount, each applied to what the previous ones left."""
    remaining = gross
    amounts: list[Money] = []
    for discount in discounts:
        off = discount_amount(remaining, discount)
        amounts.append(off)
        remaining = remaining - off
    return amounts


def _allocate_capped(total: Money, caps: Sequence[Money]) -> list[Money]:
    shares = allocate(total, [cap.amount for cap in caps])
    zero = Money.zero(total.currency)
    excess = sum_money(
        (max(s - c, zero) for s, c in zip(shares, caps, strict=True)), total.currency
    )
    if excess.is_zero():
        return shares
    shares = [min(s, c) for s, c in zip(shares, caps, strict=True)]
    order = sorted(range(len(caps)), key=lambda i: (-caps[i].amount, i))
    for i in order:
        if excess.is_zero():
            break
        room = caps[i] - shares[i]
        moved = min(room, excess)
        shares[i] = shares[i] + moved
        excess = excess - moved
    return shares


def promo_lines(lines: Sequence[BasketLine], gross: Sequence[Money]) -> list[PromoLine]:
    """What the promotion engine sees of the basket's lines (price overrides take none)."""
    return [
        PromoLine(
            line_no=line.line_no,
            sku=line.item.sku,
            department=line.item.department,
            quantity=line.quantity,
            gross=g,
            per_unit=not line.item.sold_by_weight,
            eligible=line.price_override_reason is None,
        )
        for line, g in zip(lines, gross, strict=True)
    ]


def _promotions(
    lines: Sequence[BasketLine],
    gross: Sequence[Money],
    context: PromotionContext | None,
    currency: Currency,
) -> list[tuple[AppliedPromotion, ...]]:
    if context is None or not context.promotions or not lines:
        return [()] * len(lines)
    result = apply_promotions(promo_lines(lines, gross), context, currency)
    return [applied for _, applied in result.lines]  # in the order of ``lines``


def compute_totals(
    lines: Sequence[BasketLine],
    basket_discount: Discount | None,
    currency: Currency,
    tax_mode: TaxMode,
    tax_rates: Mapping[str, TaxRate],
    promotions: PromotionContext | None = None,
) -> BasketTotals:
    """Price ``lines`` following the order of operations in the module docstring.

    The sums run in integer minor units and Money is built once per figure shown: a Money per
    intermediate step (gross less promotions, less line discounts, running sums...) was most
    of the floor of pricing a basket, ~700 values for 50 lines (bench/bench_promotions.py).
    The rare steps (line and basket discounts) keep their Money rules as they are.
    """
    tax_mode = TaxMode(tax_mode)
    zero = Money.zero(currency)
    gross = [line_gross(line) for line in lines]
    gross_minor = [g.to_minor() for g in gross]
    promoted = _promotions(lines, gross, promotions, currency)
    after_promo = [
        g - sum(p.amount.to_minor() for p in applied) if applied else g
        for g, applied in zip(gross_minor, promoted, strict=True)
    ]
    line_off = [
        _line_discounts(rest, line.discounts, currency) if line.discounts else 0
        for rest, line in zip(after_promo, lines, strict=True)
    ]
    after_line = [rest - off for rest, off in zip(after_promo, line_off, strict=True)]
    if basket_discount is None or not lines:
        shares = [0] * len(lines)
    else:
        caps = [Money.from_minor(a, currency) for a in after_line]
        base = Money.from_minor(sum(after_line), currency)
        shares = [
            s.to_minor() for s in _allocate_capped(discount_amount(base, basket_discount), caps)
        ]

    line_totals: list[LineTotals] = []
    by_class: dict[str, int] = {}
    amounts_total = 0
    for line, g, g_minor, off, rest, share, applied in zip(
        lines, gross, gross_minor, line_off, after_line, shares, promoted, strict=True
    ):
        amount = rest - share
        amounts_total += amount
        line_totals.append(
            LineTotals(
                line.line_no,
                g,
                Money.from_minor(off, currency) if off else zero,
                Money.from_minor(share, currency) if share else zero,
                g if amount == g_minor else Money.from_minor(amount, currency),
                applied,
            )
        )
        tax_class = line.item.tax_class
        by_class[tax_class] = by_class.get(tax_class, 0) + amount

    tax_lines = tuple(
        compute_tax(
            {c: Money.from_minor(a, currency) for c, a in by_class.items()}, tax_rates, tax_mode
        )
    )
    tax_total = sum_money((t.tax for t in tax_lines), currency)
    amounts = Money.from_minor(amounts_total, currency)
    total = amounts if tax_mode is TaxMode.INCLUSIVE else amounts + tax_total
    subtotal = sum(gross_minor)
    return BasketTotals(
        currency=currency,
        lines=tuple(line_totals),
        subtotal=Money.from_minor(subtotal, currency),
        discount_total=Money.from_minor(subtotal - amounts_total, currency),
        tax_lines=tax_lines,
        tax_total=tax_total,
        total=total,
        tax_mode=tax_mode,
    )


def _line_discounts(rest: int, discounts: Sequence[Discount], currency: Currency) -> int:
    """What a line's discounts take off ``rest`` minor units, by ``line_discount_amounts``."""
    amounts = line_discount_amounts(Money.from_minor(rest, currency), discounts)
    return sum(a.to_minor() for a in amounts)
