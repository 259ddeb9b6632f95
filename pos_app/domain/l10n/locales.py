"""The store's locale: a CLDR identifier such as "fr_FR", checked and normalised once.

A store has one locale, set at the hub (``omnitill hub add-store --locale``) or by the
standalone set-up; the till's screens, receipts and reports format with it, and the hub writes to
a customer in the customer's language when it is known (docs/architecture.md, "Locale and
formats").
"""

from __future__ import annotations

from functools import cache
from typing import Final

from babel import Locale, UnknownLocaleError

from pos_app.domain.errors import LocaleError
from pos_app.domain.l10n.messages import Message, msg

__all__ = [
    "CATALOG_LANGUAGES",
    "DEFAULT_LOCALE",
    "SETUP_LOCALES",
    "catalog_language",
    "display_name",
    "normalize_locale",
]

# What a store created before stores had a locale keeps: the till was English with day-first
# dates, which en_GB formats the same way ("05/12/2026 14:03", "€12.99").
DEFAULT_LOCALE: Final = "en_GB"
# Languages with complete message catalogs (the CLDR formats exist for every locale).
CATALOG_LANGUAGES: Final = ("en", "fr", "de")
# The choices the standalone set-up offers first; any other CLDR locale can be typed.
SETUP_LOCALES: Final = (
    "en_GB", "en_US", "en_IE", "fr_FR", "fr_BE", "fr_CH", "de_DE", "de_AT", "de_CH",
    "it_IT", "es_ES", "nl_NL",
)  # fmt: skip
_MAX_TEXT: Final = 32


@cache
def _parse(text: str) -> Locale:
    return Locale.parse(text.replace("-", "_"))


def normalize_locale(text: str) -> str:
    """ "fr-fr", " fr_FR " -> "fr_FR"; anything CLDR does not know raises LocaleError."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > _MAX_TEXT or not cleaned.isascii():
        raise LocaleError(_not_a_locale(cleaned[:_MAX_TEXT]))
    parts = cleaned.replace("-", "_").split("_")
    # A language is two or three letters: Babel would read POSIX's "C" as en_US_POSIX.
    language = parts[0]
    if not (2 <= len(language) <= 3 and language.isalpha()) or not all(p.isalnum() for p in parts):
        raise LocaleError(_not_a_locale(cleaned))
    # CLDR identifiers are language (lower case), then script/territory (Title/UPPER case).
    parts[0] = parts[0].lower()
    parts[1:] = [p.upper() if len(p) <= 3 else p.title() for p in parts[1:]]
    try:
        return str(_parse("_".join(parts)))
    except (ValueError, UnknownLocaleError):
        raise LocaleError(
            msg(
                "{text} is not a locale the till knows; use one such as fr_FR.",
                text=repr(cleaned),
            )
        ) from None


def _not_a_locale(text: str) -> Message:
    return msg("{text} is not a locale; use one such as fr_FR.", text=repr(text))


def catalog_language(locale: str) -> str:
    """The catalog language for ``locale``: its language if translated, English otherwise."""
    try:
        language = _parse(locale).language
    except (ValueError, UnknownLocaleError):
        return "en"
    return language if language in CATALOG_LANGUAGES else "en"


def display_name(locale: str) -> str:
    """The locale's name in its own language, e.g. "français (France)" for fr_FR."""
    parsed = _parse(locale)
    return parsed.get_display_name(parsed) or locale
