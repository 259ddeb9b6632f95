"""The store's locale: a CLDR identifier such as "fr_FR", checked and normalised once; and a
customer's language tag (BCP 47, "fr-CA"), the language the hub writes to them in.

A store has one locale, set at the hub (``omnitill hub add-store --locale``) or by the
standalone set-up; the till's screens, receipts and reports format with it, and the hub writes to
a customer in the customer's language when it is known (``customer_locale``;
docs/architecture.md, "Locale and formats").
"""

from __future__ import annotations

import re
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
    "check_language_tag",
    "customer_locale",
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
# "Undetermined" in BCP 47; Babel would read it as en_US.
_UNDETERMINED: Final = "und"
# A web store's tag may carry extensions ("-u-ca-gregory") and private use ("-x-…"): longer.
_MAX_TAG: Final = 64
# BCP 47 (RFC 5646) language tag, "-" or "_" between subtags: language, script, region, variants,
# then extensions and private use, which say nothing about the language and are dropped.
_TAG: Final = re.compile(
    r"(?P<language>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?",
)


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
    if language.lower() == _UNDETERMINED:
        raise LocaleError(
            msg("{text} is no language; use a locale such as fr_FR.", text=repr(cleaned))
        )
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


def check_language_tag(tag: str) -> str:
    """A customer's BCP 47 language tag as Babel's identifier: "fr" -> "fr", "fr-CA" -> "fr_CA",
    "de_DE" -> "de_DE", Shopify's "fr-Fr" -> "fr_FR"; variants, extensions and private use are
    dropped ("de-DE-u-co-phonebk" -> "de_DE"). A malformed tag, or one CLDR does not know
    ("xx-garbage"), raises LocaleError."""
    cleaned = tag.strip()
    if not cleaned or len(cleaned) > _MAX_TAG or not cleaned.isascii():
        raise LocaleError(_not_a_tag(cleaned[:_MAX_TAG]))
    found = _TAG.fullmatch(cleaned.replace("_", "-").lower())
    if found is None or found["language"] == _UNDETERMINED:
        raise LocaleError(_not_a_tag(cleaned))
    subtags = (found["language"], found["script"], found["region"])
    try:
        return normalize_locale("_".join(s for s in subtags if s))
    except LocaleError:
        raise LocaleError(
            msg(
                "{text} is not a language OmniTill knows; use one such as fr or fr-CA.",
                text=repr(cleaned),
            )
        ) from None


def customer_locale(customer_tag: str | None, store_locale: str) -> str:
    """The locale to write to a customer in: theirs when we have messages in its language, else
    the store's. A "de-AT" customer of a French store reads German with Austrian formats (in the
    order's currency); an Italian one reads the store's French. A bare "fr" at a French-speaking
    store takes the store's own formats (fr_BE, fr_CH)."""
    if customer_tag is None:
        return store_locale
    try:
        wanted = _parse(check_language_tag(customer_tag))
    except LocaleError:
        return store_locale  # unreadable: as if unknown
    if wanted.language not in CATALOG_LANGUAGES:
        return store_locale
    try:
        store = _parse(store_locale)
    except (ValueError, UnknownLocaleError):
        return str(wanted)
    if wanted.language == store.language and wanted.territory is None and wanted.script is None:
        return store_locale
    return str(wanted)


def _not_a_locale(text: str) -> Message:
    return msg("{text} is not a locale; use one such as fr_FR.", text=repr(text))


def _not_a_tag(text: str) -> Message:
    return msg("{text} is not a language tag; use one such as fr or fr-CA.", text=repr(text))


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
