"""Text a receipt printer's code page cannot hold: transliterated, or printed as a picture.

Web catalogs are full of typographic punctuation (’ “ ” – … ™) that no receipt code page has;
those become their plain equivalents before the receipt is laid out, so columns still line up.
Letters outside the code page (Ł in Polish names, Greek) cannot be approximated honestly, so a
line holding one is drawn in the receipt font and sent as a raster image (GS v 0), one line
high; every other line stays text.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from hardware.receipt_image import FONT_FILES, find_font
from pos_app.domain.receipt import ReceiptDocument

__all__ = [
    "drawable",
    "fits_code_page",
    "line_image",
    "plain_punctuation",
    "raster_bytes",
    "transliterated",
]

_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": ",", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u2026": "...", "\u2122": "TM", "\u2022": "*", "\u00a0": " ", "\u202f": " ",
        "\u2039": "<", "\u203a": ">",
    }
)  # fmt: skip
_TYPOGRAPHIC = frozenset(chr(code) for code in _PLAIN)
_ASCII = frozenset(chr(code) for code in range(128))
LINE_DOTS = 24  # font A is 24 dots high


@cache
def _encoder() -> Any:
    """python-escpos' encoder, made at the first use (its import is a start-up cost)."""
    from escpos.magicencode import Encoder

    return Encoder({})


def plain_punctuation(text: str) -> str:
    return text.translate(_PLAIN)


def transliterated(doc: ReceiptDocument) -> ReceiptDocument:
    """``doc`` with typographic punctuation made plain in every text a receipt prints."""
    texts = [doc.store_name, doc.cashier, *doc.store_lines, *doc.footer]
    texts += [line.name for line in doc.lines]
    texts += [text for line in doc.lines for text, _amount in line.notes]
    if _TYPOGRAPHIC.isdisjoint("".join(texts)):
        return doc  # the usual case: nothing to copy (this runs for every receipt)
    lines = tuple(
        replace(
            line,
            name=plain_punctuation(line.name),
            notes=tuple((plain_punctuation(text), amount) for text, amount in line.notes),
        )
        for line in doc.lines
    )
    return replace(
        doc,
        store_name=plain_punctuation(doc.store_name),
        store_lines=tuple(map(plain_punctuation, doc.store_lines)),
        cashier=plain_punctuation(doc.cashier),
        footer=tuple(map(plain_punctuation, doc.footer)),
        lines=lines,
    )


def fits_code_page(text: str, code_page: str) -> bool:
    # This runs for every line: ASCII lines need no look-up, others one set difference.
    return text.isascii() or not set(text) - _ASCII - _page_letters(code_page)


@cache
def _page_letters(code_page: str) -> frozenset[str]:
    """The letters ``code_page`` has above ASCII (python-escpos' own table of it)."""
    return frozenset(_encoder()._get_codepage_char_map(code_page))


def drawable(text: str) -> bool:
    """Whether the receipt font (DejaVu Sans Mono) has every letter: Latin, Greek, Cyrillic.
    A line with a letter it lacks (CJK) stays text, that letter a "?", rather than a box."""
    return all(ord(c) < 0x0530 or 0x1E00 <= ord(c) < 0x2000 for c in text)


def raster_bytes(image: Image.Image) -> bytes:
    """GS v 0 0 xL xH yL yH and the rows: 1 bit a dot, most significant bit leftmost."""
    mono = image.convert("1")
    width_bytes = (mono.width + 7) // 8
    padded = Image.new("1", (width_bytes * 8, mono.height), 1)
    padded.paste(mono, (0, 0))
    # PIL's "1" mode packs white as 1; the printer burns a dot for 1: invert every byte.
    rows = bytes(b ^ 0xFF for b in padded.tobytes())
    header = bytes([0x1D, ord("v"), ord("0"), 0, width_bytes % 256, width_bytes // 256,
                    mono.height % 256, mono.height // 256])  # fmt: skip
    return header + rows


@cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = find_font(FONT_FILES[1 if bold else 0])
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


def line_image(text: str, *, dots: int, columns: int, bold: bool = False) -> Image.Image:
    """One receipt line as a 1-bit image ``dots`` wide: the same columns as the text lines."""
    cell = dots / columns
    font = _font(max(int(cell / 0.6), 8), bold)  # a monospace glyph is ~0.6 em wide
    image = Image.new("1", (dots, LINE_DOTS), 1)
    draw = ImageDraw.Draw(image)
    for index, char in enumerate(text):  # on the column grid, whatever the font's advance
        draw.text((round(index * cell), 0), char, font=font, fill=0)
    return image
