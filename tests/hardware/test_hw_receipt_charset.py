"""Characters outside the code page (issue 17 point 9), read back from the simulated printer:
typographic punctuation becomes its plain form; a line with a letter the code page lacks
(Ł, Greek) arrives as a raster image whose dots are decoded from the GS v 0 bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PIL import Image, ImageChops

from hardware.escpos_printer import EscposPrinter
from hardware.receipt_raster import line_image
from hardware.sim.escpos_parser import PrintedImage, PrintedLine
from hardware.sim.printer import SimulatedPrinter
from pos_app.domain.receipt import ReceiptDocument


def _with_names(doc: ReceiptDocument, *names: str) -> ReceiptDocument:
    lines = tuple(replace(line, name=name) for line, name in zip(doc.lines, names, strict=False))
    return replace(doc, lines=lines + doc.lines[len(names) :])


def _decoded(image: PrintedImage) -> Image.Image:
    """The dots the printer burns, as a 1-bit image (0 = black, as PIL draws text)."""
    out = Image.new("1", (image.width, image.height), 1)
    for y in range(image.height):
        for x in range(image.width):
            if image.dot(x, y):
                out.putpixel((x, y), 0)
    return out


def test_typographic_punctuation_prints_as_plain_characters(
    accented_receipt: ReceiptDocument,
    make_printer: Callable[..., EscposPrinter],
    sim_printer: SimulatedPrinter,
) -> None:
    doc = _with_names(accented_receipt, "It’s “Best” – 2… ™")
    make_printer().print_receipt(doc)

    [receipt] = sim_printer.wait_for_receipts(1)
    assert 'It\'s "Best" - 2... TM' in receipt.text
    assert not [i for i in receipt.items if isinstance(i, PrintedImage)]


def test_letters_outside_the_code_page_print_as_an_image_of_the_line(
    accented_receipt: ReceiptDocument,
    make_printer: Callable[..., EscposPrinter],
    sim_printer: SimulatedPrinter,
) -> None:
    doc = _with_names(accented_receipt, "Kiełbasa Łódź", "Ελληνικό γιαούρτι")
    printer = make_printer()
    printer.print_receipt(doc)

    [receipt] = sim_printer.wait_for_receipts(1)
    images = [i for i in receipt.items if isinstance(i, PrintedImage)]
    assert len(images) == 2  # the two item lines, nothing else
    assert all((i.width, i.height) == (576, 24) for i in images)
    assert "?" not in receipt.text.replace("Green tea ?", "")  # 茶 is in no font we ship
    texts = [i.text for i in receipt.items if isinstance(i, PrintedLine)]
    assert not any("Kie" in t or "γιαο" in t for t in texts)
    # The dots are the line drawn on the receipt's 42-column grid...
    decoded = _decoded(images[0])
    drawn = line_image("Kiełbasa Łódź", dots=576, columns=42)
    first_col = ImageChops.difference(decoded.crop((0, 0, 180, 24)), drawn.crop((0, 0, 180, 24)))
    assert first_col.getbbox() is None
    # ...and the Polish letters are really there: the ASCII look-alike draws other dots.
    plain = line_image("Kielbasa Lodz", dots=576, columns=42)
    assert ImageChops.difference(
        decoded.crop((0, 0, 180, 24)), plain.crop((0, 0, 180, 24))
    ).getbbox()
