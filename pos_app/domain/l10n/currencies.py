"""Currency facts (decimals, cash rounding) from CLDR via Babel: one source for till and hub.

The hub maps web-store prices to minor units and the till rounds cash with these same numbers,
so they can never disagree about how many cents a yen has (docs/architecture.md, "Locale and
formats").
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from babel.core import get_global

__all__ = ["cash_rounding_step", "is_iso_currency", "minor_units_of"]


def _fractions(code: str) -> tuple[int, int, int, int]:
    """CLDR's (digits, rounding, cash digits, cash rounding) of ``code``, or its default."""
    table = get_global("currency_fractions")
    entry = table.get(code) or table["DEFAULT"]
    digits, rounding, cash_digits, cash_rounding = entry
    return int(digits), int(rounding), int(cash_digits), int(cash_rounding)


@cache
def is_iso_currency(code: str) -> bool:
    """True for a three-letter upper-case code CLDR knows as a currency (e.g. "EUR")."""
    if len(code) != 3 or not code.isascii() or not code.isupper():
        return False
    return code in _all_currencies()


@cache
def _all_currencies() -> frozenset[str]:
    return frozenset(get_global("all_currencies"))


def minor_units_of(code: str) -> int:
    """How many decimals an amount in currency ``code`` (upper-case ISO 4217) has (JPY: 0)."""
    return _fractions(code)[0]


def cash_rounding_step(code: str) -> Decimal:
    """The smallest cash step in ``code`` by CLDR: 0.05 for CHF, 1 for SEK, 0.01 for EUR.

    A store may choose a coarser step (the Netherlands round euro cash to 0.05 though CLDR says
    0.01); this is the default the set-up proposes and the finest step cash can be rounded to.
    """
    _digits, _rounding, cash_digits, cash_rounding = _fractions(code)
    step = Decimal(1).scaleb(-cash_digits)
    return step * cash_rounding if cash_rounding else step
