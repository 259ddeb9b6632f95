"""Money, numbers, dates and times formatted for a locale with Babel (CLDR).

``Formats("fr_FR").money(m)`` is "12,99 €", ``Formats("en_GB")`` gives "£12.99" and
``Formats("de_CH")`` "CHF 12.95": the one formatter behind the till's screens
(``pos_app/ui/formatting.py``), its receipts and the hub's mails, so an amount reads the same
everywhere (docs/architecture.md, "Locale and formats").
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, format_time
from babel.numbers import NumberPattern, format_currency

from pos_app.domain.l10n.locales import normalize_locale
from pos_app.domain.money import Money

__all__ = ["DateStyle", "Formats"]

DateStyle = Literal["short", "medium", "long", "full"]


@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@dataclass(frozen=True)
class Formats:
    """Formats for one locale; build it once per store (``Formats.for_locale``) and pass it in."""

    locale: str

    @classmethod
    def for_locale(cls, text: str) -> Formats:
        """Checked: raises LocaleError for text that is no CLDR locale."""
        return cls(normalize_locale(text))

    @property
    def _babel(self) -> Locale:
        return _locale(self.locale)

    @property
    def _decimal_pattern(self) -> NumberPattern:
        pattern: NumberPattern = self._babel.decimal_formats[None]
        return pattern

    @property
    def _percent_pattern(self) -> NumberPattern:
        pattern: NumberPattern = self._babel.percent_formats[None]
        return pattern

    @property
    def minus_sign(self) -> str:
        return str(self._babel.number_symbols["latn"]["minusSign"])

    @property
    def decimal_symbol(self) -> str:
        """ "," in fr_FR and de_DE, "." in en_GB."""
        return str(self._babel.number_symbols["latn"]["decimal"])

    def editable(self, value: Money | Decimal) -> str:
        """An amount or quantity to prefill a field with: the locale's decimal sign, no grouping,
        no symbol ("1234,50" in fr_FR), so what the field shows parses back to the same value."""
        text = value.format_amount() if isinstance(value, Money) else format(value.normalize(), "f")
        return text.replace(".", self.decimal_symbol)

    def money(self, value: Money, *, symbol: bool = True) -> str:
        """ "12,99 €" (fr_FR); without the symbol "12,99", for columns headed by the currency.

        Amounts finer than the currency's unit (a price per gram) keep their extra digits rather
        than being rounded for display: what is shown is what is charged.
        """
        code = value.currency.code
        if symbol:
            return format_currency(
                value.amount, code, locale=self._babel, decimal_quantization=False
            )
        pattern = self._decimal_pattern
        return str(
            pattern.apply(value.amount, self._babel, currency=code, decimal_quantization=False)
        )

    def currency_symbol(self, code: str) -> str:
        """ "€" for EUR in fr_FR, "CHF" in de_CH."""
        return str(self._babel.currency_symbols.get(code, code))

    def number(self, value: Decimal | int, decimals: int | None = None) -> str:
        """A plain number with the locale's separators; ``decimals`` fixes the digits shown."""
        pattern = self._decimal_pattern
        if decimals is None:
            return str(pattern.apply(value, self._babel, decimal_quantization=False))
        fixed = copy(pattern)
        fixed.frac_prec = (decimals, decimals)
        return str(fixed.apply(Decimal(value).quantize(Decimal(1).scaleb(-decimals)), self._babel))

    def percent(self, rate: Decimal) -> str:
        """A rate as a percentage: Decimal("0.055") is "5,5 %" in fr_FR, "5.5%" in en_GB."""
        pattern = self._percent_pattern
        return str(pattern.apply(rate, self._babel, decimal_quantization=False))

    def quantity(self, value: Decimal, by_weight: bool) -> str:
        """ "1,250 kg" for a weighed item in fr_FR, "3" for three units."""
        if by_weight:
            return self.number(value, 3) + "\u00a0kg"
        return self.number(value.normalize())

    def date(self, value: dt.date | dt.datetime, style: DateStyle = "short") -> str:
        if isinstance(value, dt.datetime):
            value = value.date()
        return format_date(value, style, locale=self._babel)

    def time(self, value: dt.time | dt.datetime, style: DateStyle = "short") -> str:
        """Hours and minutes in the locale's clock ("14:03", "2:03 PM"), in the value's zone."""
        if isinstance(value, dt.datetime):
            value = value.time()
        return format_time(value, style, locale=self._babel)

    def day(self, value: dt.date | dt.datetime, *, weekday: bool = True, year: bool = False) -> str:
        """A short day for lists: "Sat 5 Dec" (en_GB), "sam. 5 déc." (fr_FR), "Sa., 5. Dez."."""
        skeleton = ("y" if year else "") + "MMM" + ("Ed" if weekday else "d")
        return format_skeleton(skeleton, value, locale=self._babel)

    def day_and_time(self, value: dt.datetime, *, year: bool = False) -> str:
        """ "Sat 5 Dec, 14:03" (en_GB), "sam. 5 déc. 14:03" (fr_FR): a due time, a sale's time."""
        pattern = str(self._babel.datetime_formats["short"])
        return pattern.replace("{1}", self.day(value, year=year)).replace("{0}", self.time(value))

    def show(self, value: object) -> str:
        """A message's field value for people: money, numbers and dates in this locale."""
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return self.number(value)
        if isinstance(value, dt.datetime):
            return self.day_and_time(value)
        if isinstance(value, dt.date):
            return self.date(value, "medium")
        return str(value)

    def datetime(self, value: dt.datetime, style: DateStyle = "short") -> str:
        """Date and time in the value's own time zone (convert with ``astimezone`` first)."""
        naive = value.replace(tzinfo=None)
        return format_datetime(naive, style, locale=self._babel)
