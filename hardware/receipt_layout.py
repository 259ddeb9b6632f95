"""A ReceiptDocument laid out as styled blocks, shared by the ESC/POS and image renderers.

The text of every line comes from ``pos_app.domain.receipt.render_text`` so paper, preview,
e-mail and the journal can never disagree about a word or an amount; this module only adds
what plain text cannot say: emphasis, the receipt barcode, an optional QR code and the cut.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from typing import Literal

from pos_app.domain.l10n.receipt_style import ReceiptStyle
from pos_app.domain.receipt import DUPLICATE_BANNER, ReceiptDocument, render_text

__all__ = [
    "BarcodeBlock",
    "Block",
    "CutBlock",
    "QrBlock",
    "TextBlock",
    "columns_for",
    "layout_receipt",
    "printable",
]

MAX_BARCODE_DATA = 80  # CODE128 on 80 mm paper stops being scannable well before this


@dataclass(frozen=True, slots=True)
class TextBlock:
    text: str
    bold: bool = False
    double_height: bool = False
    invert: bool = False


@dataclass(frozen=True, slots=True)
class BarcodeBlock:
    """CODE128, code set B: any printable ASCII."""

    data: str


@dataclass(frozen=True, slots=True)
class QrBlock:
    data: str


@dataclass(frozen=True, slots=True)
class CutBlock:
    partial: bool = False


Block = TextBlock | BarcodeBlock | QrBlock | CutBlock


def columns_for(paper_width_mm: Literal[58, 80], profile_columns: int | None = None) -> int:
    """Characters per line in font A: 32 on 58 mm paper; 42 (or the profile's) on 80 mm."""
    if paper_width_mm == 58:
        return 32
    return profile_columns if profile_columns and profile_columns >= 40 else 42


def printable(text: str) -> str:
    """NFC (so é is one character, not e + accent) and no control characters.

    A control byte in a product name would otherwise reach the printer as a command.
    """
    text = unicodedata.normalize("NFC", text)
    return "".join(c if c.isprintable() else " " for c in text)


def _barcode_data(receipt_no: str) -> str | None:
    # CODE128 set B covers ASCII 32..126; anything else cannot be encoded, so the receipt
    # number is then printed as text only (it is already in the header).
    if receipt_no.isascii() and receipt_no.isprintable() and len(receipt_no) <= MAX_BARCODE_DATA:
        return receipt_no
    return None


def layout_receipt(
    doc: ReceiptDocument, columns: int, *, qr_payload: str | None = None
) -> tuple[Block, ...]:
    lines = render_text(doc, columns).splitlines()
    rule = "-" * columns
    name_lines = len(textwrap.wrap(printable(doc.store_name), columns) or [""])
    t = ReceiptStyle.for_locale(doc.locale).t  # the labels render_text printed
    total_prefix = printable(f"{t('TOTAL')} {doc.total.currency.code}")
    due_prefix = printable(f"{t('TO PAY')} {doc.total.currency.code}")
    banners = {printable(t("*** OFFLINE ***")), printable(t(DUPLICATE_BANNER))}
    blocks: list[Block] = []
    in_header = True
    for index, raw in enumerate(lines):
        line = printable(raw)
        if line == rule:
            in_header = False
        if in_header and index < name_lines:
            blocks.append(TextBlock(line, bold=True, double_height=True))
        elif in_header and line.strip() in banners:
            blocks.append(TextBlock(line, bold=True, invert=True))
        elif line.startswith((total_prefix, due_prefix)):
            blocks.append(TextBlock(line, bold=True, double_height=True))
        else:
            blocks.append(TextBlock(line))
    for code in (doc.barcode, *doc.extra_barcodes):
        data = _barcode_data(code)
        if data is not None:
            blocks.append(BarcodeBlock(data))
    if qr_payload:
        blocks.append(QrBlock(qr_payload))
    blocks.append(CutBlock())
    return tuple(blocks)
