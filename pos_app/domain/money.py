"""Money as an exact decimal amount in a currency.

Floats are refused outright (TypeError): 0.1 + 0.2 is not 0.3 in binary floating point, and a
till that loses a cent per sale cannot reconcile its drawer. Arithmetic between Money values is
exact; rounding to the currency's minor unit only happens where a rule says so (``rounded``),
always ROUND_HALF_UP, which in ``decimal`` means "half away from zero", so a return rounds to
exactly the negative of the matching sale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property
from typing import Final

from pos_app.domain.errors import CurrencyMismatchError, MoneyError

# Decimals per currency come from CLDR (the one home of that rule for the till's currencies below
# and the hub's mapping of web-store prices, e.g. Shopify's decimal strings).
from pos_app.domain.l10n.currencies import minor_units_of
from pos_app.domain.l10n.messages import msg

__all__ = [
    "AUD",
    "CAD",
    "CHF",
    "DKK",
    "EUR",
    "GBP",
    "JPY",
    "MAX_ABS_AMOUNT",
    "NOK",
    "PLN",
    "SEK",
    "USD",
    "Currency",
    "CurrencyMismatchError",
    "Money",
    "MoneyError",
    "allocate",
    "currency_by_code",
    "minor_units_of",
    "round_half_up",
    "sum_money",
]

# The database stores minor units in a signed 64-bit integer; staying far below that keeps every
# intermediate product (price x quantity) exact within Decimal's default 28 digits.
MAX_ABS_AMOUNT: Final = Decimal(10) ** 15
# Longer strings are never a real amount; refusing them early keeps parsing cheap on junk input.
_MAX_AMOUNT_TEXT: Final = 40


@dataclass(frozen=True)
class Currency:
    code: str
    minor_units: int

    def __post_init__(self) -> None:
        if not (len(self.code) == 3 and self.code.isascii() and self.code.isalpha()):
            raise MoneyError(f"Currency code must be three letters, got {self.code[:10]!r}.")
        if self.code != self.code.upper():
            raise MoneyError(f"Currency code must be upper case, got {self.code!r}.")
        if isinstance(self.minor_units, bool) or not isinstance(self.minor_units, int):
            raise TypeError("Currency.minor_units must be an int.")
        if not 0 <= self.minor_units <= 4:
            raise MoneyError(f"{self.code}: minor units must be between 0 and 4.")

    @cached_property
    def quantum(self) -> Decimal:
        """The smallest coin or note step, e.g. Decimal("0.01") for two minor units."""
        # Cached (a Decimal is immutable): every Money made, checked or converted asks it,
        # ≈ 140 times per promoted 50-line basket (bench/bench_promotions.py).
        return Decimal(1).scaleb(-self.minor_units)


def _iso(code: str) -> Currency:
    return Currency(code, minor_units_of(code))


EUR: Final = _iso("EUR")
USD: Final = _iso("USD")
GBP: Final = _iso("GBP")
JPY: Final = _iso("JPY")
CHF: Final = _iso("CHF")
CAD: Final = _iso("CAD")
AUD: Final = _iso("AUD")
SEK: Final = _iso("SEK")
DKK: Final = _iso("DKK")
NOK: Final = _iso("NOK")
PLN: Final = _iso("PLN")

_CURRENCIES: Final = {c.code: c for c in (EUR, USD, GBP, JPY, CHF, CAD, AUD, SEK, DKK, NOK, PLN)}


# ISO 4217 numeric codes of the supported currencies (GS1 AI 393n carries these).
_NUMERIC: Final = {
    "978": EUR, "840": USD, "826": GBP, "392": JPY, "756": CHF, "124": CAD, "036": AUD,
    "752": SEK, "208": DKK, "578": NOK, "985": PLN,
}  # fmt: skip


def currency_by_numeric_code(code: str) -> Currency:
    """Look up a supported currency by its ISO 4217 numeric code ("978" is EUR)."""
    try:
        return _NUMERIC[code]
    except KeyError:
        raise MoneyError(
            msg("Unknown or unsupported currency number {code}.", code=repr(code[:10]))
        ) from None


def currency_by_code(code: str) -> Currency:
    """Look up a supported currency by its ISO 4217 code (case-insensitive)."""
    try:
        return _CURRENCIES[code.strip().upper()]
    except KeyError:
        raise MoneyError(
            msg("Unknown or unsupported currency code {code}.", code=repr(code[:10]))
        ) from None


def _check_number(value: object, what: str) -> None:
    # bool is an int subclass; True as a price or quantity is always a bug.
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal or int, not {type(value).__name__}.")


def round_half_up(value: Fraction | Decimal | int, step: Decimal) -> Decimal:
    """Round exactly to a multiple of ``step``, halves away from zero.

    Works on Fractions so ratios such as gross x rate / (1 + rate) are rounded from their exact
    value, independent of the ambient decimal context.
    """
    if step <= 0:
        raise MoneyError("Rounding step must be positive.")
    ratio = Fraction(value) / Fraction(step)
    magnitude = abs(ratio)
    units, rest = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * rest >= magnitude.denominator:
        units += 1
    if ratio < 0:
        units = -units
    return Decimal(units) * step


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: Currency

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError(
                f"Money.amount must be a Decimal, not {type(self.amount).__name__} "
                "(use Money.of for str or int)."
            )
        if not isinstance(self.currency, Currency):
            raise TypeError("Money.currency must be a Currency.")
        if not self.amount.is_finite():
            raise MoneyError(msg("{value} is not an amount of money.", value=str(self.amount)))
        if abs(self.amount) >= MAX_ABS_AMOUNT:
            raise MoneyError(msg("That amount is larger than the till can record."))
        if self.amount.is_zero() and self.amount.is_signed():
            # -0.00 (e.g. from quantizing -0.001) must print and compare like 0.00.
            object.__setattr__(self, "amount", self.amount.copy_abs())

    @classmethod
    def of(cls, value: str | int | Decimal, currency: Currency) -> Money:
        if isinstance(value, str):
            text = value.strip()
            if len(text) > _MAX_AMOUNT_TEXT:
                raise MoneyError(msg("That amount has too many digits."))
            try:
                return cls(Decimal(text), currency)
            except InvalidOperation:
                raise MoneyError(
                    msg("{text} is not a valid amount.", text=repr(text[:20]))
                ) from None
        _check_number(value, "Money.of value")
        return cls(Decimal(value), currency)

    @classmethod
    def zero(cls, currency: Currency) -> Money:
        return cls(Decimal(0).quantize(currency.quantum), currency)

    @classmethod
    def from_minor(cls, units: int, currency: Currency) -> Money:
        if isinstance(units, bool) or not isinstance(units, int):
            raise TypeError(f"Minor units must be an int, not {type(units).__name__}.")
        return cls(Decimal(units).scaleb(-currency.minor_units), currency)

    def is_on_quantum(self) -> bool:
        """True when the amount is a whole number of minor units (e.g. whole cents)."""
        return self.amount == self.amount.quantize(self.currency.quantum)

    def to_minor(self) -> int:
        if not self.is_on_quantum():
            raise MoneyError(
                f"{self.amount} {self.currency.code} is not a whole number of minor units; "
                "round it first."
            )
        return int(self.amount.scaleb(self.currency.minor_units))

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        return Money(self.amount.quantize(self.currency.quantum, rounding=rounding), self.currency)

    def is_zero(self) -> bool:
        return self.amount.is_zero()

    def is_negative(self) -> bool:
        return self.amount < 0

    def is_positive(self) -> bool:
        return self.amount > 0

    def format_amount(self) -> str:
        """The amount alone, with the currency's decimals when it is on the quantum ("12.30")."""
        value = self.amount.quantize(self.currency.quantum) if self.is_on_quantum() else self.amount
        return format(value, "f")

    def __str__(self) -> str:
        return f"{self.format_amount()} {self.currency.code}"

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                msg(
                    "Cannot combine {one} and {other} amounts.",
                    one=self.currency.code,
                    other=other.currency.code,
                )
            )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, float):
            raise TypeError("Cannot multiply Money by a float; use Decimal.")
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def _compare_amount(self, other: object) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        self._same_currency(other)
        return other.amount

    def __lt__(self, other: object) -> bool:
        amount = self._compare_amount(other)
        if amount is None:
            return NotImplemented
        return self.amount < amount

    def __le__(self, other: object) -> bool:
        amount = self._compare_amount(other)
        if amount is None:
            return NotImplemented
        return self.amount <= amount

    def __gt__(self, other: object) -> bool:
        amount = self._compare_amount(other)
        if amount is None:
            return NotImplemented
        return self.amount > amount

    def __ge__(self, other: object) -> bool:
        amount = self._compare_amount(other)
        if amount is None:
            return NotImplemented
        return self.amount >= amount


def sum_money(values: Iterable[Money], currency: Currency) -> Money:
    """Sum amounts, starting from zero in ``currency`` so an empty input is well defined."""
    total = Money.zero(currency)
    for value in values:
        total = total + value
    return total


def allocate(total: Money, weights: Sequence[Decimal | int]) -> list[Money]:
    """Split ``total`` pro rata to ``weights`` so that the shares add up to it exactly.

    Each share is the exact pro-rata value rounded toward zero to the quantum; the cents left
    over all go to the share with the largest weight (the first one on a tie), as
    docs/architecture.md §2 prescribes for basket discounts. If every weight is zero the whole total
    goes to the first share. Negative totals are split symmetrically to positive ones.
    """
    if not weights:
        raise MoneyError("Cannot allocate an amount over no lines.")
    for weight in weights:
        _check_number(weight, "Allocation weight")
        if weight < 0:
            raise MoneyError("Allocation weights cannot be negative.")
    units = total.to_minor()
    currency = total.currency
    magnitude = abs(units)
    sign = -1 if units < 0 else 1
    fractions = [Fraction(w) for w in weights]
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum == 0:
        shares = [0] * len(weights)
        shares[0] = magnitude
    else:
        shares = [int(magnitude * w / weight_sum) for w in fractions]  # int() floors positives
        largest = max(range(len(fractions)), key=lambda i: (fractions[i], -i))
        shares[largest] += magnitude - sum(shares)
    return [Money.from_minor(sign * share, currency) for share in shares]
