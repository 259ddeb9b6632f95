"""Extracting the message ids from the source into the catalogs (Babel's extractor).

``msg("...")`` and ``N_("...")`` in the Qt-free packages are the message ids
(``l10n.messages``). ``python3 tools/messages.py`` rewrites ``catalogs/omnitill.pot`` and merges
it into each language's .po (new ids arrive untranslated, removed ones are dropped); a test
fails while a catalog misses a message, so a new message cannot ship untranslated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from pos_app.domain.l10n.catalog import DOMAIN

__all__ = ["KEYWORDS", "SOURCE_DIRS", "extract_template"]

KEYWORDS: Final = {"msg": None, "N_": None}
# Where messages for people are written outside the Qt UI (which uses Qt's tr()).
SOURCE_DIRS: Final = ("pos_app/domain", "pos_app/services", "hardware", "sync/hub")


def extract_template(root: Path) -> Catalog:
    """The template catalog of every message id under ``SOURCE_DIRS`` of checkout ``root``."""
    template = Catalog(project="OmniTill", domain=DOMAIN, fuzzy=False)
    for folder in SOURCE_DIRS:
        found = extract_from_dir(
            root / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            template.add(
                message, None, [(f"{folder}/{filename}", lineno)],
                auto_comments=comments, context=context,
            )  # fmt: skip
    return template
