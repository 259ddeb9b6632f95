"""The message catalogs (gettext .po, one per language) and a translator for each.

The catalogs are read with Babel straight from the .po files shipped in the package
(``catalogs/<language>.po``): no compiled .mo to build at set-up or in the installer, and a
catalog is parsed once per language (a few milliseconds). English is the message ids
themselves. Regenerate after changing messages with ``python3 tools/messages.py``
(docs/architecture.md, "Locale and formats").
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from pos_app.domain.l10n.locales import CATALOG_LANGUAGES, catalog_language
from pos_app.domain.l10n.messages import Translate

__all__ = ["DOMAIN", "load_catalog", "translator"]

DOMAIN = "omnitill"


def load_catalog(language: str) -> Catalog:
    """The parsed .po of ``language`` (one of CATALOG_LANGUAGES other than "en")."""
    source = resources.files("pos_app.domain.l10n") / "catalogs" / f"{language}.po"
    with source.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


@cache
def _table(language: str) -> dict[str, str]:
    catalog = load_catalog(language)
    table: dict[str, str] = {}
    for message in catalog:
        # Plural entries (tuples) are not used; an untranslated or fuzzy entry stays English.
        ids, text = message.id, message.string
        if isinstance(ids, str) and ids and isinstance(text, str) and text and not message.fuzzy:
            table[ids] = text
    return table


def translator(locale: str) -> Translate:
    """Message id -> text in ``locale``'s language; English (the id) when not translated."""
    language = catalog_language(locale)
    if language == "en" or language not in CATALOG_LANGUAGES:
        return lambda text: text
    table = _table(language)
    return lambda text: table.get(text, text)
