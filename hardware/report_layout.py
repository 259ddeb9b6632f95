"""A till report (X, Z) laid out as printer blocks: the same text lines the screen shows.

The text is made by ``pos_app.domain.shifts.report_text`` at the printer's width; this module
only adds emphasis to the title lines and totals, and the cut, like receipt_layout does for
receipts, so the ESC/POS renderer is the one receipts use.
"""

from __future__ import annotations

from collections.abc import Sequence

from hardware.receipt_layout import Block, CutBlock, TextBlock, printable

__all__ = ["layout_report"]

_EMPHASISED = ("X REPORT", "Z REPORT", "NET SALES", "GRAND TOTAL", "*** COPY ***")


def layout_report(lines: Sequence[str]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for index, raw in enumerate(lines):
        line = printable(raw)
        stripped = line.strip()
        if index == 0:
            blocks.append(TextBlock(line, bold=True, double_height=True))
        elif stripped.startswith(_EMPHASISED):
            blocks.append(TextBlock(line, bold=True, invert=stripped == "*** COPY ***"))
        else:
            blocks.append(TextBlock(line))
    blocks.append(CutBlock())
    return tuple(blocks)
