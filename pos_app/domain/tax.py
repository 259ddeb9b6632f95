"""Sales tax / VAT per tax class.

Rounding rule (the one every total in OmniTill follows, so a receipt can be recomputed from its
stored lines to the cent):

1. Line amounts (after line and basket discounts, already on the minor unit) are summed per
   tax class. Each tax class has exactly one rate.
2. Tax is computed once on that sum, from the exact value, and rounded ROUND_HALF_UP to the
   currency's minor unit. Halves round away from zero, so a return (negative amounts) gets
   exactly the negative of the sale's tax.
   - INCLUSIVE (prices include tax, e.g. VAT): the sum is gross;
     tax = gross x rate / (1 + rate); net = gross - tax.
   - EXCLUSIVE (tax added at the end, e.g. US sales tax): the sum is net;
     tax = net x rate; gross = net + tax.
3. One TaxLine per tax class, sorted by tax class. Two classes that share a rate keep separate
   lines (each rounded on its own), which is what makes per-class reporting add up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from pos_app.domain.errors import CurrencyMismatchError, TaxError
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money, round_half_up

__all__ = [
    "TaxError",
    "TaxLine",
    "TaxMode",
    "TaxRate",
    "compute_tax",
    "tax_for",
]


class TaxMode(StrEnum):
    INCLUSIVE = "inclusive"
    EXCLUSIVE = "exclusive"


@dataclass(frozen=True)
class TaxRate:
    """``rate`` is a fraction: Decimal("0.20") is 20 %."""

    tax_class: str
    rate: Decimal
    label: str

    def __post_init__(self) -> None:
        if not self.tax_class.strip():
            raise TaxError(msg("A tax rate needs a tax class."))
        if not self.label.strip():
            raise TaxError(
                msg(
                    "Tax class {tax_class} needs a label for the receipt.", tax_class=self.tax_class
                )
            )
        if not isinstance(self.rate, Decimal):
            raise TypeError("TaxRate.rate must be a Decimal.")
        if not self.rate.is_finite() or self.rate < 0:
            raise TaxError(
                msg("Tax class {tax_class}: the rate cannot be negative.", tax_class=self.tax_class)
            )
        if self.rate >= 1:
            # Catches "20" typed for 20 %, which would otherwise multiply every price by 21.
            raise TaxError(
                msg(
                    "Tax class {tax_class}: rate {rate} is 100 % or more; write rates as "
                    "fractions (0.20 for 20 %).",
                    tax_class=self.tax_class,
                    rate=str(self.rate),
                )
            )

    @property
    def percent(self) -> Decimal:
        return self.rate * 100


@dataclass(frozen=True)
class TaxLine:
    tax_class: str
    label: str
    rate: Decimal
    net: Money
    tax: Money
    gross: Money


def tax_for(amount: Money, rate: Decimal, mode: TaxMode) -> Money:
    """The tax contained in (INCLUSIVE) or due on (EXCLUSIVE) ``amount``, rounded once."""
    exact = Fraction(amount.amount) * Fraction(rate)
    if mode is TaxMode.INCLUSIVE:
        exact /= 1 + Fraction(rate)
    return Money(round_half_up(exact, amount.currency.quantum), amount.currency)


def compute_tax(
    amounts_by_class: Mapping[str, Money],
    rates: Mapping[str, TaxRate],
    mode: TaxMode,
) -> list[TaxLine]:
    """Tax per tax class following the module's rounding rule; sorted by tax class."""
    mode = TaxMode(mode)
    currencies = {amount.currency for amount in amounts_by_class.values()}
    if len(currencies) > 1:
        raise CurrencyMismatchError(msg("Cannot compute tax over amounts in different currencies."))
    lines: list[TaxLine] = []
    for tax_class in sorted(amounts_by_class):
        amount = amounts_by_class[tax_class]
        rate = rates.get(tax_class)
        if rate is None:
            raise TaxError(
                msg(
                    "No tax rate is set up for tax class {tax_class}: ask a manager to set it up.",
                    tax_class=repr(tax_class),
                )
            )
        if rate.tax_class != tax_class:
            raise TaxError(
                msg(
                    "Tax rate {label} is for class {rate_class}, but was listed under {tax_class}.",
                    label=repr(rate.label),
                    rate_class=repr(rate.tax_class),
                    tax_class=repr(tax_class),
                )
            )
        if not amount.is_on_quantum():
            raise TaxError(
                msg(
                    "Tax class {tax_class}: {amount} is not rounded to the minor unit.",
                    tax_class=tax_class,
                    amount=str(amount),  # unrounded: the locale's format would hide it
                )
            )
        tax = tax_for(amount, rate.rate, mode)
        if mode is TaxMode.INCLUSIVE:
            net, gross = amount - tax, amount
        else:
            net, gross = amount, amount + tax
        lines.append(TaxLine(tax_class, rate.label, rate.rate, net, tax, gross))
    return lines
