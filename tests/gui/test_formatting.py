"""The till's one money formatter follows the store's locale (issue 22, issue 15 defect 5)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pos_app.domain.money import CHF, EUR, Money
from pos_app.ui import formatting

NBSP = "\u00a0"


def test_money_in_the_store_locale(till_locale: Any) -> None:
    till_locale("fr_FR")
    assert formatting.current_locale() == "fr_FR"
    assert formatting.money(Money.of("12.99", EUR), symbol=True) == f"12,99{NBSP}€"
    assert formatting.money(Money.of("12.99", EUR)) == "12,99"
    assert formatting.money(Money.of("-5.85", EUR), symbol=True) == f"−5,85{NBSP}€"
    assert formatting.signed_money(Money.of("0.02", EUR)) == f"+0,02{NBSP}€"
    till_locale("de_CH")
    assert formatting.money(Money.of("12.95", CHF), symbol=True) == f"CHF{NBSP}12.95"


def test_qt_c_locale_falls_back_to_english(till_locale: Any) -> None:
    till_locale("C")
    assert formatting.current_locale() == "en_GB"
    assert formatting.money(Money.of("1234.5", EUR), symbol=True) == "€1,234.50"
    assert formatting.money(Money.of("-0.01", EUR), symbol=True) == "−€0.01"


def test_prefilled_amounts_parse_back_to_the_same_value(till_locale: Any) -> None:
    for locale in ("fr_FR", "de_DE", "en_GB", "en_US"):
        till_locale(locale)
        for text in ("1234.50", "0.125", "1000"):
            price = Money.of(text, EUR)
            assert formatting.parse_decimal(formatting.editable(price)) == price.amount
        assert formatting.parse_decimal(formatting.editable(Decimal("1000"))) == 1000


def test_dates_and_times_in_the_store_locale(till_locale: Any) -> None:
    moment = datetime(2026, 12, 5, 13, 3, tzinfo=UTC)
    till_locale("fr_FR")
    assert formatting.day(moment, weekday=False).startswith("5 déc.")
    assert "déc." in formatting.day_and_time(moment)
    till_locale("de_DE")
    assert "Dez." in formatting.day_and_time(moment, year=True)
    assert "2026" in formatting.day_and_time(moment, year=True)


def test_errors_are_shown_in_the_store_language_with_its_money_format(till_locale: Any) -> None:
    from pos_app.domain.errors import TenderError
    from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind, settle

    card = CardReference("A1B2", "4242", "VISA")
    try:
        settle(Money.of("5.85", EUR), [Tender(TenderKind.CARD, Money.of("12", EUR), card=card)],
               Decimal("0.01"))  # fmt: skip
    except TenderError as exc:
        error = exc
    assert "5.85 EUR" in str(error)  # logs keep the English
    till_locale("fr_FR")
    shown = formatting.error_text(error)
    assert "5,85\u00a0€" in shown
    assert shown.startswith("Le montant (paiement par carte")
    till_locale("en_GB")
    assert "the €5.85 still due" in formatting.error_text(error)
    assert formatting.error_text(ValueError("plain")) == "plain"


def test_the_key_pad_types_the_store_locale_decimal_sign(qtbot: Any, till_locale: Any) -> None:
    from PySide6.QtWidgets import QPushButton

    from pos_app.ui.widgets import KeyPad, apply_key

    till_locale("fr_FR")
    pad = KeyPad()
    qtbot.addWidget(pad)
    labels = [b.text() for b in pad.findChildren(QPushButton)]
    assert "," in labels
    assert "." not in labels
    with qtbot.waitSignal(pad.key_pressed) as pressed:
        next(b for b in pad.findChildren(QPushButton) if b.text() == ",").click()
    assert pressed.args == [","]
    text = apply_key(apply_key("12", ","), "5")
    assert apply_key(text, ",") == "12,5"  # one decimal sign only
    assert formatting.parse_decimal(text) == Decimal("12.5")
