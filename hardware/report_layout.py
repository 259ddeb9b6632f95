"""A till report (X, Z) laid out as printer blocks: the same text lines the screen shows.

The text is made by ``pos_app.domain.shifts.report_text`` at the printer's width; this module
only adds emphasis to the title lines and totals, and the cut, like receipt_layout does for
receipts, so the ESC/POS renderer is the one receipts use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from hardware.receipt_layout import Block, CutBlock, TextBlock, printable
from pos_app.domain.l10n.catalog import translator
from pos_app.domain.l10n.locales import CATALOG_LANGUAGES
from pos_app.domain.shifts.report_text import EMPHASISED

__all__ = ["layout_report"]

_COPY = "*** COPY ***"


@cache
def _emphasised() -> tuple[tuple[str, ...], frozenset[str]]:
    """The emphasised labels, and the copy banner, in every language a report is printed in."""
    translations = [translator(language) for language in CATALOG_LANGUAGES]
    labels = tuple({printable(t(label)) for t in translations for label in EMPHASISED})
    return labels, frozenset(printable(t(_COPY)) for t in translations)


def layout_report(lines: Sequence[str]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for index, raw in enumerate(lines):
        line = printable(raw)
        stripped = line.strip()
        if index == 0:
            blocks.append(TextBlock(line, bold=True, double_height=True))
        elif stripped.startswith(_emphasised()[0]):
            blocks.append(TextBlock(line, bold=True, invert=stripped in _emphasised()[1]))
        else:
            blocks.append(TextBlock(line))
    blocks.append(CutBlock())
    return tuple(blocks)
