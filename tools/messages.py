"""Regenerate the message catalogs after adding or changing msg()/N_() messages.

    python3 tools/messages.py          # with the project's virtualenv's python

Writes pos_app/domain/l10n/catalogs/omnitill.pot and merges it into fr.po and de.po (new
messages arrive empty: translate them; the catalog test fails until every one is). The .po
files are read as they are at run time: there is no .mo to compile.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from pos_app.domain.l10n.catalog import DOMAIN  # noqa: E402
from pos_app.domain.l10n.extract import extract_template  # noqa: E402
from pos_app.domain.l10n.locales import CATALOG_LANGUAGES  # noqa: E402

CATALOGS = ROOT / "pos_app" / "domain" / "l10n" / "catalogs"


def main() -> int:
    template = extract_template(ROOT)
    with (CATALOGS / f"{DOMAIN}.pot").open("wb") as out:
        write_po(out, template, width=100, omit_header=False)
    for language in CATALOG_LANGUAGES:
        if language == "en":
            continue  # the message ids are the English text
        path = CATALOGS / f"{language}.po"
        if path.exists():
            with path.open("rb") as stream:
                catalog = read_po(stream, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="OmniTill")
        catalog.update(template, update_header_comment=False)
        with path.open("wb") as out:
            write_po(out, catalog, width=100, ignore_obsolete=True, no_location=True)
        missing = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {missing} to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
