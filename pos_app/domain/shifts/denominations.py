"""Notes and coins per currency, and a count of them (a float, a blind close).

Amounts are minor units (integers), largest first, as a cashier counts a drawer: notes, then
coins. A currency missing here cannot be counted by denomination; the count screen then says
so instead of guessing its coins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import msg

__all__ = ["DENOMINATIONS", "CashCount", "CountError", "denominations_for"]

MAX_PIECES = 100_000  # per denomination; more is a typing slip, not a drawer

DENOMINATIONS: Mapping[str, tuple[int, ...]] = {
    # No 500 € note: no longer issued (2019), and a till is never handed one as change.
    "EUR": (20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1),
    "GBP": (5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1),
    "USD": (10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5, 1),
    "CAD": (10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5),
    "AUD": (10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5),
    "CHF": (100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5),
    "JPY": (10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1),
    "SEK": (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100),
    "DKK": (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50),
    "NOK": (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 100),
    "PLN": (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1),
}


class CountError(DomainError):
    """A count that cannot be right (negative, fractional, unknown note); nothing is kept."""


def denominations_for(currency_code: str) -> tuple[int, ...]:
    try:
        return DENOMINATIONS[currency_code]
    except KeyError:
        raise CountError(
            msg("No notes and coins are known for {currency}.", currency=repr(currency_code[:10]))
        ) from None


@dataclass(frozen=True)
class CashCount:
    """How many of each note and coin were counted (denominations in minor units)."""

    currency_code: str
    pieces: Mapping[int, int]

    def __post_init__(self) -> None:
        known = set(denominations_for(self.currency_code))
        for value, count in self.pieces.items():
            if value not in known:
                raise CountError(
                    msg(
                        "{value} is not a {currency} note or coin.",
                        value=str(value),
                        currency=self.currency_code,
                    )
                )
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise CountError(msg("A count is a whole number of pieces, zero or more."))
            if count > MAX_PIECES:
                raise CountError(
                    msg("{count} pieces of one kind is more than a drawer holds.", count=count)
                )

    @property
    def total_minor(self) -> int:
        return sum(value * count for value, count in self.pieces.items())

    def as_json(self) -> dict[str, int]:
        """Keys as text (JSON objects have text keys), only denominations actually counted."""
        return {str(v): c for v, c in sorted(self.pieces.items(), reverse=True) if c}

    @classmethod
    def from_json(cls, currency_code: str, data: Mapping[str, int]) -> CashCount:
        try:
            pieces = {int(k): v for k, v in data.items()}
        except ValueError:
            raise CountError(msg("A count names each note or coin by its value.")) from None
        return cls(currency_code, pieces)
