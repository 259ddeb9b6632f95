"""The fr and de catalogs translate every message id in the source, none fuzzy or stale, with
the same {fields}; messages render in the reader's language with their amounts formatted."""

from __future__ import annotations

import string
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.errors import TenderError
from pos_app.domain.l10n.catalog import load_catalog, translator
from pos_app.domain.l10n.extract import extract_template
from pos_app.domain.l10n.formats import Formats
from pos_app.domain.l10n.messages import Label, Message, message_of, msg, restored, stored
from pos_app.domain.money import EUR, Money
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind, settle

ROOT = Path(__file__).resolve().parents[4]


def _fields(text: str) -> set[str]:
    return {name for _t, name, _s, _c in string.Formatter().parse(text) if name}


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    template = extract_template(ROOT)
    ids = {m.id for m in template if m.id and isinstance(m.id, str)}
    assert len(ids) > 60  # the receipt labels and the sale's errors at least
    return ids


@pytest.mark.parametrize("language", ["fr", "de"])
def test_catalog_is_complete_and_current(language: str, source_ids: set[str]) -> None:
    catalog = load_catalog(language)
    entries = {m.id: m for m in catalog if m.id and isinstance(m.id, str)}
    missing = sorted(source_ids - set(entries))
    stale = sorted(set(entries) - source_ids)
    assert not missing, f"run tools/messages.py and translate: {missing}"
    assert not stale, f"run tools/messages.py: no longer in the source: {stale}"
    untranslated = sorted(i for i, m in entries.items() if not m.string or m.fuzzy)
    assert not untranslated, f"untranslated or fuzzy in {language}.po: {untranslated}"
    for msgid, message in entries.items():
        assert isinstance(message.string, str)
        assert _fields(message.string) == _fields(msgid), f"{language}: fields of {msgid!r}"


def test_a_message_needs_exactly_its_fields() -> None:
    with pytest.raises(ValueError, match="fields"):
        msg("No product has the SKU {sku}.", code="x")
    with pytest.raises(ValueError, match="fields"):
        msg("Give a reason for the price change.", extra=1)


def test_errors_read_in_english_and_render_in_the_readers_language() -> None:
    total = Money.of("5.85", EUR)
    card = Tender(
        TenderKind.CARD, Money.of("12.00", EUR), card=CardReference("A1B2", "4242", "VISA")
    )
    with pytest.raises(TenderError, match=r"more than the 5\.85 EUR still due") as raised:
        settle(total, [card], Decimal("0.01"))
    message = message_of(raised.value)
    assert message is not None
    french = message.render(translator("fr_FR"), Formats("fr_FR").show)
    assert french.startswith(
        "Le montant (paiement par carte, 12,00\u00a0€) dépasse les 5,85\u00a0€"
    )
    german = message.render(translator("de_DE"), Formats("de_DE").show)
    assert "(Kartenzahlung, 12,00\u00a0€)" in german
    assert "EUR" not in french + german  # one money format, never "5.85 EUR" on screen


def test_a_broken_translation_falls_back_to_english() -> None:
    message = Message("Line {line} is not in the basket.", {"line": 3})
    assert message.render(lambda _text: "Ligne {ligne}") == "Line 3 is not in the basket."
    labelled = msg("The card {field} is too long.", field=Label("card scheme"))
    assert labelled.render(translator("de_DE")) == "Das Kartenfeld „Kartenart“ ist zu lang."
    assert str(labelled) == "The card card scheme is too long."


def test_a_stored_message_renders_in_the_readers_language_and_old_text_stays() -> None:
    inner = msg("Order {number} was cancelled online.", number="W-1")
    flag = msg("{what} (Hub: {reason})", what=inner, reason="order W-1 is cancelled")
    back = restored(stored(msg("reviewed by {staff}: {reason}", staff="Ann", reason=flag)))
    assert isinstance(back, Message)
    assert back.render(translator("fr_FR")) == (
        "vérifiée par Ann : La commande W-1 a été annulée en ligne. (Hub : order W-1 is cancelled)"
    )
    state = restored(
        stored(
            msg(
                "The hub refused to mark order {number} {state}.",
                number="W-2",
                state=Label("being picked"),
            )
        )
    )
    assert isinstance(state, Message)
    assert state.render(translator("de_DE")).endswith("auf „in Kommissionierung“ zu setzen.")
    # Flags written before they were message ids, or text that only looks like JSON:
    for old in ("Order W-3 was collected at another till.", '{"a": 1}', "[1]", '{"msgid": "{x}"}'):
        assert restored(old) == old
