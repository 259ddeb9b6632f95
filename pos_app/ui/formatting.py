"""The one money, number and date formatter of the till's screens, in the store's locale.

A thin wrapper over ``pos_app.domain.l10n.formats.Formats`` (Babel, CLDR): every amount a screen
shows goes through ``money`` so a total, a payment list and a message never disagree ("12,99 €"
in fr_FR everywhere, not "12.99 EUR" in one place). The locale is the store's: the composition
root calls ``use_locale(context.locale)``, which makes it Qt's default locale, so Qt's own
widgets (spin boxes, calendars) and the translator agree with these formats
(docs/architecture.md, "Locale and formats"). Money columns are right-aligned (``MONEY_ALIGN``).
"""

from __future__ import annotations

from datetime import date as date_type
from datetime import datetime as datetime_type
from datetime import time as time_type
from decimal import Decimal
from functools import cache

from PySide6.QtCore import QLocale, Qt

from pos_app.domain.errors import LocaleError
from pos_app.domain.l10n.catalog import translator
from pos_app.domain.l10n.formats import DateStyle, Formats
from pos_app.domain.l10n.locales import DEFAULT_LOCALE
from pos_app.domain.l10n.messages import Message, message_of
from pos_app.domain.money import Money

# Every money column and amount label: right-aligned, so decimals line up.
MONEY_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# A real minus sign reads better than a hyphen on screen.
MINUS = "−"


def use_locale(locale: str) -> None:
    """Make ``locale`` (the store's, e.g. "fr_FR") the till's: Qt's default locale."""
    QLocale.setDefault(QLocale(locale))


def current_locale() -> str:
    return formats().locale


@cache
def _formats_for(name: str) -> Formats:
    try:
        return Formats.for_locale(name)
    except LocaleError:  # Qt's "C" locale before the store's is set (a test, the set-up)
        return Formats(DEFAULT_LOCALE)


def formats() -> Formats:
    """The formats of Qt's default locale, which ``use_locale`` set to the store's."""
    return _formats_for(QLocale().name())


def money(value: Money, *, symbol: bool = False) -> str:
    """An amount: "12,99" in a column, "12,99 €" with ``symbol`` (totals, messages)."""
    text = formats().money(abs(value), symbol=symbol)
    return MINUS + text if value.is_negative() else text


def signed_money(value: Money) -> str:
    """An adjustment with its sign always shown: +€0.01, −€0.02."""
    text = money(value, symbol=True)
    return text if value.is_negative() else "+" + text


def editable(value: Money | Decimal) -> str:
    """A value to prefill an input with ("12,99" in fr_FR): parse_decimal reads it back."""
    return formats().editable(value)


def quantity(value: Decimal, by_weight: bool) -> str:
    return formats().quantity(value, by_weight)


def percent(rate: Decimal) -> str:
    return formats().percent(rate)


def date(value: date_type | datetime_type, style: DateStyle = "short") -> str:
    """A day; a datetime is shown in this computer's time zone."""
    if isinstance(value, datetime_type):
        value = value.astimezone()
    return formats().date(value, style)


def time(value: time_type | datetime_type) -> str:
    """Hours and minutes in the locale's clock; a datetime in this computer's time zone."""
    if isinstance(value, datetime_type):
        value = value.astimezone()
    return formats().time(value)


def day(value: date_type | datetime_type, *, weekday: bool = True, year: bool = False) -> str:
    """A short day for lists ("Sat 5 Dec"); a datetime in this computer's time zone."""
    if isinstance(value, datetime_type):
        value = value.astimezone()
    return formats().day(value, weekday=weekday, year=year)


def day_and_time(value: datetime_type, *, year: bool = False) -> str:
    """ "Sat 5 Dec, 14:03" in this computer's time zone."""
    return formats().day_and_time(value.astimezone(), year=year)


def datetime(value: datetime_type, style: DateStyle = "short") -> str:
    """Date and time in this computer's time zone."""
    return formats().datetime(value.astimezone(), style)


def _show(value: object) -> str:
    return money(value, symbol=True) if isinstance(value, Money) else formats().show(value)


def error_text(error: object) -> str:
    """What went wrong, for the person at the till: a domain or service error raised with a
    message id (l10n.messages) in the store's language with its amounts formatted here;
    any other error as its text."""
    message = message_of(error) if isinstance(error, BaseException) else None
    if message is None:
        return str(error)
    return message_text(message)


def message_text(message: Message) -> str:
    """A message id from the core (an AuthResult's, a coupon check's) in the store's language,
    its amounts formatted here."""
    return message.render(translator(current_locale()), _show)


def text_of(value: Message | str) -> str:
    """A message id in the store's language, or a text the core keeps as it was written (a
    region head office named, an order's flag stored before flags were message ids)."""
    return message_text(value) if isinstance(value, Message) else value


def label_text(text: str) -> str:
    """A label from the core marked ``N_`` (a default reason code's "Damaged") in the store's
    language; any other text (a label head office wrote) as it is."""
    return translator(current_locale())(text)


def parse_decimal(text: str) -> Decimal | None:
    # Either separator is taken as the decimal point: a cashier types "12,5" or "12.5",
    # never thousands separators, whatever the locale.
    cleaned = text.strip().replace(",", ".")
    if not cleaned or len(cleaned) > 20:
        return None
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        return None
    return value if value.is_finite() else None
