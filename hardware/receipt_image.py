"""ReceiptDocument → a Pillow image, for the on-screen preview and e-mailed receipts.

The image is drawn from the same layout blocks as the ESC/POS bytes (``receipt_layout``, whose
text comes from ``render_text``), so paper, preview, e-mail and the journal say the same words
in the same columns: bold double-height header and TOTAL, an inverted OFFLINE banner, the
receipt number as CODE128 bars with the number below (where a printer puts its HRI text), an
optional QR code, and a dashed tear line where the cutter cuts.

Bars come from python-barcode's CODE128 encoder (a python-escpos dependency; it draws the
software barcodes there too) and QR modules from qrcode, so no symbology is hand-encoded here.
The font is DejaVu Sans Mono found on disk at runtime; without it Pillow's built-in font is
used and every character is placed on a fixed grid so columns still line up.
"""

from __future__ import annotations

import io
import math
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from barcode.codex import Code128  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont
from qrcode.main import QRCode  # type: ignore[import-untyped]

from hardware.receipt_layout import (
    BarcodeBlock,
    Block,
    CutBlock,
    QrBlock,
    TextBlock,
    layout_receipt,
)
from pos_app.domain.receipt import MIN_WIDTH, ReceiptDocument

__all__ = [
    "FONT_FILES",
    "ReceiptImageRenderer",
    "Region",
    "RenderedReceipt",
    "find_font",
    "render_image",
    "to_png_bytes",
]

# Regular and bold, looked for in the usual fontconfig directories (Debian/Ubuntu/Fedora/Arch
# package paths differ; user installs live under the home directory).
FONT_FILES = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")
_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-mono-fonts",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
)
# Font size in pixels at scale 1: DejaVu Sans Mono then advances 12 px per character, so 42
# columns plus margins make 576 px — the dot width of 80 mm paper at 203 dpi.
_BASE_FONT_PX = 20
_INK, _PAPER = 0, 255


def find_font(file_name: str, search_dirs: Sequence[str] = _FONT_DIRS) -> Path | None:
    """The first ``file_name`` in the font directories (exact paths first, then subfolders)."""
    dirs = [Path(os.path.expanduser(d)) for d in search_dirs]
    for folder in dirs:
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    for folder in dirs:
        if folder.is_dir():
            found = next(folder.rglob(file_name), None)
            if found is not None:
                return found
    return None


Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Region:
    """Where one layout block landed: rows ``top`` (inclusive) to ``bottom`` (exclusive)."""

    kind: Literal["text", "barcode", "qr", "cut"]
    top: int
    bottom: int
    text: str = ""
    bold: bool = False
    double_height: bool = False
    invert: bool = False


@dataclass(frozen=True)
class RenderedReceipt:
    image: Image.Image
    regions: tuple[Region, ...]

    @property
    def text_lines(self) -> list[str]:
        return [r.text for r in self.regions if r.kind == "text"]


class ReceiptImageRenderer:
    """Loads the fonts once; render() is then pure and safe to call from any one thread."""

    def __init__(
        self,
        width_chars: int = 42,
        *,
        scale: float = 1.0,
        font_dirs: Sequence[str] = _FONT_DIRS,
    ) -> None:
        if width_chars < MIN_WIDTH:
            raise ValueError(f"a receipt needs at least {MIN_WIDTH} characters per line")
        if not 0.25 <= scale <= 8:
            raise ValueError(f"scale must be within 0.25..8, not {scale}")
        self.width_chars = width_chars
        self.scale = scale
        size = max(6, round(_BASE_FONT_PX * scale))
        regular, bold = (find_font(name, font_dirs) for name in FONT_FILES)
        self.font_path = regular
        self._font: Font
        self._bold: Font
        if regular is None:
            self._font = self._bold = ImageFont.load_default(size=size)
        else:
            self._font = ImageFont.truetype(str(regular), size)
            self._bold = ImageFont.truetype(str(bold), size) if bold else self._font
        # Synthetic bold (a 1 px stroke) when no bold face was found.
        self._stroke = 0 if bold is not None and regular is not None else 1
        # A proportional fallback font would drift out of column: place it char by char on a
        # grid as wide as a monospace cell of that size.
        self._grid = self._font.getlength("i") != self._font.getlength("M")
        advance = size * 0.6 if self._grid else self._font.getlength("M")
        self._cell = max(math.ceil(advance), 1)
        ascent, descent = _metrics(self._font, size)
        self._line_h = ascent + descent + max(1, round(2 * scale))
        self._margin = max(4, round(18 * scale))
        self.width = 2 * self._margin + self._cell * width_chars

    # -- public ------------------------------------------------------------------------------

    def render(self, doc: ReceiptDocument, *, qr_payload: str | None = None) -> RenderedReceipt:
        blocks = layout_receipt(doc, self.width_chars, qr_payload=qr_payload)
        heights = [self._height(block) for block in blocks]
        image = Image.new("L", (self.width, 2 * self._margin + sum(heights)), _PAPER)
        draw = ImageDraw.Draw(image)
        regions: list[Region] = []
        top = self._margin
        for block, height in zip(blocks, heights, strict=True):
            regions.append(self._paint(image, draw, block, top, height))
            top += height
        return RenderedReceipt(image, tuple(regions))

    # -- layout ------------------------------------------------------------------------------

    def _height(self, block: Block) -> int:
        if isinstance(block, TextBlock):
            return self._line_h * (2 if block.double_height else 1)
        if isinstance(block, BarcodeBlock):
            return self._line_h // 2 + self._bar_height() + self._line_h + self._line_h // 2
        if isinstance(block, QrBlock):
            return self._qr_side(_qr_matrix(block.data)) + self._line_h
        return self._line_h

    def _bar_height(self) -> int:
        return max(20, round(60 * self.scale))

    def _qr_side(self, matrix: list[list[bool]]) -> int:
        return len(matrix) * self._qr_module()

    def _qr_module(self) -> int:
        return max(2, round(4 * self.scale))

    # -- painting ----------------------------------------------------------------------------

    def _paint(
        self, image: Image.Image, draw: ImageDraw.ImageDraw, block: Block, top: int, height: int
    ) -> Region:
        if isinstance(block, TextBlock):
            self._paint_text(image, block, top, height)
            return Region("text", top, top + height, block.text, block.bold,
                          block.double_height, block.invert)  # fmt: skip
        if isinstance(block, BarcodeBlock):
            self._paint_barcode(draw, block.data, top)
            return Region("barcode", top, top + height, block.data)
        if isinstance(block, QrBlock):
            self._paint_qr(draw, block.data, top)
            return Region("qr", top, top + height, block.data)
        assert isinstance(block, CutBlock)
        self._paint_cut(draw, top + height // 2)
        return Region("cut", top, top + height)

    def _paint_text(self, image: Image.Image, block: TextBlock, top: int, height: int) -> None:
        # Drawn at single height on a strip, then stretched: ESC ! double height doubles the
        # glyph height but keeps the column width, so the columns stay aligned with paper.
        strip_h = self._line_h
        ink, paper = (_PAPER, _INK) if block.invert else (_INK, _PAPER)
        strip = Image.new("L", (self.width, strip_h), paper)
        if block.invert:
            # The full printable width, not just the words: a banner nobody can miss.
            strip.paste(_PAPER, (0, 0, self._margin // 2, strip_h))
            strip.paste(_PAPER, (self.width - self._margin // 2, 0, self.width, strip_h))
        draw = ImageDraw.Draw(strip)
        font = self._bold if block.bold else self._font
        stroke = self._stroke if block.bold else 0
        y = max(0, (strip_h - self._line_h) // 2 + 1)
        if self._grid:
            for index, char in enumerate(_ascii_only(block.text[: self.width_chars])):
                x = self._margin + index * self._cell + (self._cell - font.getlength(char)) / 2
                draw.text((x, y), char, font=font, fill=ink, stroke_width=stroke, stroke_fill=ink)
        else:
            draw.text((self._margin, y), block.text[: self.width_chars], font=font, fill=ink,
                      stroke_width=stroke, stroke_fill=ink)  # fmt: skip
        if height != strip_h:
            strip = strip.resize((self.width, height), Image.Resampling.BICUBIC)
        image.paste(strip, (0, top))

    def _paint_barcode(self, draw: ImageDraw.ImageDraw, data: str, top: int) -> None:
        top += self._line_h // 2  # a little paper between the footer and the bars
        modules: str = Code128(data).build()[0]
        quiet = 10  # modules of white each side, as scanners need
        room = self.width - 2 * self._margin
        module_px = min(max(1, round(2 * self.scale)), room // (len(modules) + 2 * quiet))
        bars_bottom = top + self._bar_height()
        if module_px >= 1:
            x = (self.width - module_px * len(modules)) // 2
            for dark, run in _runs(modules):
                if dark:
                    draw.rectangle((x, top, x + run * module_px - 1, bars_bottom - 1), fill=_INK)
                x += run * module_px
        # Too long to draw scannably (unlikely: layout caps the data): the number alone remains.
        label_x = (self.width - self._text_width(data)) // 2
        draw.text((label_x, bars_bottom + self._line_h // 4), data, font=self._font, fill=_INK)

    def _paint_qr(self, draw: ImageDraw.ImageDraw, data: str, top: int) -> None:
        matrix = _qr_matrix(data)
        module = self._qr_module()
        left = (self.width - len(matrix) * module) // 2
        for row, cells in enumerate(matrix):
            for col, dark in enumerate(cells):
                if dark:
                    x, y = left + col * module, top + row * module
                    draw.rectangle((x, y, x + module - 1, y + module - 1), fill=_INK)

    def _paint_cut(self, draw: ImageDraw.ImageDraw, y: int) -> None:
        dash = max(3, self._cell // 2)
        for x in range(self._margin // 2, self.width - self._margin // 2, 2 * dash):
            draw.line((x, y, x + dash - 1, y), fill=160, width=1)

    def _text_width(self, text: str) -> int:
        return len(text) * self._cell


def _metrics(font: Font, size: int) -> tuple[int, int]:
    if isinstance(font, ImageFont.FreeTypeFont):
        return font.getmetrics()
    return size, max(1, size // 4)  # a bitmap font has no metrics; its cell is about this


def _ascii_only(text: str) -> str:
    """For the built-in fallback font, which lacks accents and €: é → e, the rest → ?."""
    out = []
    for char in text:
        if not char.isascii():
            base = unicodedata.normalize("NFKD", char)[:1]
            char = base if base.isascii() and base.isprintable() else "?"
        out.append(char)
    return "".join(out)


def _runs(modules: str) -> list[tuple[bool, int]]:
    runs: list[tuple[bool, int]] = []
    for module in modules:
        dark = module == "1"
        if runs and runs[-1][0] == dark:
            runs[-1] = (dark, runs[-1][1] + 1)
        else:
            runs.append((dark, 1))
    return runs


def _qr_matrix(data: str) -> list[list[bool]]:
    qr = QRCode(border=2)
    qr.add_data(data)
    qr.make(fit=True)
    return [list(map(bool, row)) for row in qr.get_matrix()]


def render_image(
    doc: ReceiptDocument,
    *,
    width_chars: int = 42,
    scale: float = 1.0,
    qr_payload: str | None = None,
) -> Image.Image:
    """The receipt as a grayscale image, ``width_chars`` columns wide (42 = 80 mm, 32 = 58 mm)."""
    renderer = ReceiptImageRenderer(width_chars, scale=scale)
    return renderer.render(doc, qr_payload=qr_payload).image


def to_png_bytes(
    doc: ReceiptDocument,
    *,
    width_chars: int = 42,
    scale: float = 1.0,
    qr_payload: str | None = None,
) -> bytes:
    """PNG for an e-mail attachment or a preview widget (QPixmap.loadFromData)."""
    image = render_image(doc, width_chars=width_chars, scale=scale, qr_payload=qr_payload)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
