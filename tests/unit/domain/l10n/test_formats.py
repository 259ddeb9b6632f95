"""Babel (CLDR) formats for five locales, and the currency facts shared by till and hub."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_app.domain.errors import LocaleError
from pos_app.domain.l10n.currencies import cash_rounding_step, is_iso_currency, minor_units_of
from pos_app.domain.l10n.formats import Formats
from pos_app.domain.l10n.locales import catalog_language, display_name, normalize_locale
from pos_app.domain.money import CHF, EUR, GBP, JPY, USD, Money

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("locale", "money", "expected"),
    [
        ("fr_FR", Money.of("12.99", EUR), f"12,99{NBSP}€"),
        ("de_DE", Money.of("12.99", EUR), f"12,99{NBSP}€"),
        ("en_GB", Money.of("12.99", GBP), "£12.99"),
        ("de_CH", Money.of("12.95", CHF), f"CHF{NBSP}12.95"),
        ("en_US", Money.of("1234.5", USD), "$1,234.50"),
        ("fr_FR", Money.of("-1234.5", EUR), f"-1{NNBSP}234,50{NBSP}€"),
        ("de_DE", Money.of("1234.5", EUR), f"1.234,50{NBSP}€"),
        ("en_GB", Money.of("1200", JPY), "JP¥1,200"),
    ],
)
def test_money_with_symbol_for_five_locales(locale: str, money: Money, expected: str) -> None:
    assert Formats.for_locale(locale).money(money) == expected


def test_money_without_symbol_keeps_the_currency_decimals() -> None:
    assert Formats("fr_FR").money(Money.of("3", EUR), symbol=False) == "3,00"
    assert Formats("de_CH").money(Money.of("1234.5", CHF), symbol=False) == "1'234.50"
    assert Formats("en_GB").money(Money.of("7", JPY), symbol=False) == "7"


def test_a_price_finer_than_a_cent_is_shown_not_rounded() -> None:
    # What is shown is what is charged: a per-gram price keeps its third decimal.
    assert Formats("de_DE").money(Money.of("0.125", EUR)) == f"0,125{NBSP}€"


@pytest.mark.parametrize(
    ("locale", "number", "percent", "kilos"),
    [
        ("fr_FR", f"1{NNBSP}234,50", f"5,5{NBSP}%", f"1,250{NBSP}kg"),
        ("de_DE", "1.234,50", f"5,5{NBSP}%", f"1,250{NBSP}kg"),
        ("en_GB", "1,234.50", "5.5%", f"1.250{NBSP}kg"),
        ("de_CH", "1'234.50", "5.5%", f"1.250{NBSP}kg"),
        ("en_US", "1,234.50", "5.5%", f"1.250{NBSP}kg"),
    ],
)
def test_numbers_percentages_and_weights(
    locale: str, number: str, percent: str, kilos: str
) -> None:
    formats = Formats(locale)
    assert formats.number(Decimal("1234.5"), 2) == number
    assert formats.percent(Decimal("0.055")) == percent
    assert formats.quantity(Decimal("1.25"), by_weight=True) == kilos
    assert formats.quantity(Decimal("3.000"), by_weight=False) == "3"


@pytest.mark.parametrize(
    ("locale", "short", "medium_date", "clock"),
    [
        ("fr_FR", "05/12/2026 14:03", "5 déc. 2026", "14:03"),
        ("de_DE", "05.12.26, 14:03", "05.12.2026", "14:03"),
        ("en_GB", "05/12/2026, 14:03", "5 Dec 2026", "14:03"),
        ("de_CH", "05.12.26, 14:03", "05.12.2026", "14:03"),
        ("en_US", f"12/5/26, 2:03{NNBSP}PM", "Dec 5, 2026", f"2:03{NNBSP}PM"),
    ],
)
def test_dates_and_times_in_the_values_own_zone(
    locale: str, short: str, medium_date: str, clock: str
) -> None:
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 12, 5, 13, 3, tzinfo=UTC).astimezone(paris)
    formats = Formats(locale)
    assert formats.datetime(moment) == short
    assert formats.date(moment, "medium") == medium_date
    assert formats.date(date(2026, 12, 5), "medium") == medium_date
    assert formats.time(moment) == clock


@pytest.mark.parametrize("text", ["fr_FR", "fr-fr", " FR_fr ", "fr-FR"])
def test_locale_spellings_are_normalised(text: str) -> None:
    assert normalize_locale(text) == "fr_FR"


@pytest.mark.parametrize(
    "text", ["", "xx_YY", "fr_FR; drop table", "français", "a" * 200, "12", "C", "POSIX"]
)
def test_an_unknown_locale_is_refused_clearly(text: str) -> None:
    with pytest.raises(LocaleError, match="locale"):
        Formats.for_locale(text)


def test_catalog_language_falls_back_to_english() -> None:
    assert catalog_language("fr_CH") == "fr"
    assert catalog_language("de_AT") == "de"
    assert catalog_language("it_IT") == "en"
    assert display_name("fr_FR") == "français (France)"


def test_currency_facts_come_from_cldr() -> None:
    assert minor_units_of("EUR") == 2
    assert minor_units_of("JPY") == 0
    assert minor_units_of("KRW") == 0
    assert minor_units_of("BHD") == 3  # not in the old hand table: CLDR knows it
    assert cash_rounding_step("CHF") == Decimal("0.05")
    assert cash_rounding_step("EUR") == Decimal("0.01")
    assert cash_rounding_step("SEK") == Decimal("1")
    assert is_iso_currency("EUR")
    assert not is_iso_currency("XYZ")
    assert not is_iso_currency("eur")
