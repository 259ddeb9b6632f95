"""Receipt → image (preview, e-mail): same lines as paper, fixed width, bars that decode."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

import pytest
from barcode.codex import Code128  # type: ignore[import-untyped]
from PIL import Image

from hardware.receipt_image import ReceiptImageRenderer, Region, render_image, to_png_bytes
from hardware.receipt_layout import columns_for
from pos_app.domain.receipt import ReceiptDocument, render_text
from pos_app.services.sale.checkout import CompletedSale

START_CODES = ("11010000100", "11010010000", "11010011100")  # CODE128 start A, B, C
STOP_CODE = "1100011101011"


def _dark_share(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    histogram = image.crop(box).histogram()
    return sum(histogram[:128]) / max(sum(histogram), 1)


def _ink_height(image: Image.Image, region: Region) -> int:
    ink = image.crop((0, region.top, image.width, region.bottom)).point(
        lambda v: 255 if v < 128 else 0
    )
    box = ink.getbbox()
    assert box is not None, f"nothing drawn for {region.text!r}"
    return box[3] - box[1]


def _region(regions: tuple[Region, ...], kind: str) -> Region:
    return next(r for r in regions if r.kind == kind)


def test_real_sale_image_has_exactly_the_lines_of_the_text_receipt(
    sell: Callable[..., CompletedSale],
) -> None:
    sale = sell(["4006381333931", "96385074", "96385074"], tendered="20")
    rendered = ReceiptImageRenderer(42).render(sale.receipt)

    assert rendered.text_lines == render_text(sale.receipt, 42).splitlines()
    header = rendered.regions[0]
    assert (header.text.strip(), header.bold, header.double_height) == ("Test Store", True, True)
    total = next(r for r in rendered.regions if r.text.startswith("TOTAL EUR"))
    plain = next(r for r in rendered.regions if r.text.startswith("Subtotal"))
    assert total.bold
    assert total.double_height
    assert total.bottom - total.top == 2 * (plain.bottom - plain.top)
    image = rendered.image
    assert _ink_height(image, total) > 1.6 * _ink_height(image, plain)
    assert _ink_height(image, header) > 1.6 * _ink_height(image, plain)
    # Something was drawn on every text line but blank ones.
    for region in rendered.regions:
        if region.kind == "text" and region.text.strip():
            box = (0, region.top, rendered.image.width, region.bottom)
            assert _dark_share(rendered.image, box) > 0.005, region.text


def test_width_is_fixed_per_paper_width_and_height_grows_with_lines(
    sell: Callable[..., CompletedSale],
) -> None:
    short = sell(["96385074"]).receipt
    long = sell(["96385074", "4006381333931", "0036000291452", "5012345678900"]).receipt

    wide = [render_image(doc, width_chars=columns_for(80)) for doc in (short, long)]
    narrow = [render_image(doc, width_chars=columns_for(58)) for doc in (short, long)]

    assert wide[0].width == wide[1].width
    assert narrow[0].width == narrow[1].width
    assert narrow[0].width < wide[0].width
    assert wide[1].height > wide[0].height
    assert narrow[1].height > narrow[0].height
    assert render_image(short, scale=2).width > 1.9 * wide[0].width


def test_euro_accents_and_unprintable_characters_render(
    accented_receipt: ReceiptDocument,
) -> None:
    rendered = ReceiptImageRenderer(42).render(accented_receipt)
    lines = rendered.text_lines
    assert any("€" in line for line in lines)
    assert any("Crème brûlée" in line for line in lines)
    assert any("Señor" in line for line in lines)
    assert any("Müsli Nüsse" in line for line in lines)
    euro = next(r for r in rendered.regions if "€" in r.text)
    assert _dark_share(rendered.image, (0, euro.top, rendered.image.width, euro.bottom)) > 0.01


def test_receipt_number_is_drawn_as_code128_bars_that_decode_to_its_modules(
    sell: Callable[..., CompletedSale],
) -> None:
    sale = sell(["96385074"])
    rendered = ReceiptImageRenderer(42).render(sale.receipt)
    bars = _region(rendered.regions, "barcode")
    assert bars.text == sale.receipt_no

    # Read one scan line across the middle of the bars, as a scanner would.
    image = rendered.image
    band = [
        r
        for r in range(bars.top, bars.bottom)
        if _dark_share(image, (0, r, image.width, r + 1)) > 0.2
    ]
    assert band, "no row of bars in the barcode region"
    row = band[len(band) // 2]
    scan = image.crop((0, row, image.width, row + 1)).tobytes()  # one byte per "L" pixel
    line = "".join("1" if value < 128 else "0" for value in scan).strip("0")
    runs: list[tuple[str, int]] = []
    for bit in line:
        if runs and runs[-1][0] == bit:
            runs[-1] = (bit, runs[-1][1] + 1)
        else:
            runs.append((bit, 1))
    module = min(n for _, n in runs)
    assert all(n % module == 0 for _, n in runs), "bars are not whole modules"
    modules = "".join(bit * (n // module) for bit, n in runs)

    assert modules.startswith(START_CODES)
    assert modules.endswith(STOP_CODE)
    assert modules == Code128(sale.receipt_no).build()[0]


def test_offline_receipt_carries_a_dark_banner_and_an_online_one_does_not(
    sell: Callable[..., CompletedSale],
) -> None:
    online = sell(["96385074"]).receipt
    offline = dataclasses.replace(online, offline=True)

    def darkest_row(doc: ReceiptDocument) -> float:
        image = render_image(doc)
        return max(_dark_share(image, (0, y, image.width, y + 1)) for y in range(image.height))

    rendered = ReceiptImageRenderer(42).render(offline)
    banner = next(r for r in rendered.regions if "OFFLINE" in r.text)
    assert banner.invert
    image = rendered.image
    middle = (banner.top + banner.bottom) // 2
    assert _dark_share(image, (0, middle, image.width, middle + 1)) > 0.8
    assert darkest_row(online) < 0.5


def test_without_the_font_on_disk_the_builtin_font_keeps_the_columns() -> None:
    from hardware.cli import sample_receipt

    doc = sample_receipt()
    renderer = ReceiptImageRenderer(42, font_dirs=())
    assert renderer.font_path is None
    rendered = renderer.render(doc)
    assert rendered.text_lines == render_text(doc, 42).splitlines()
    assert rendered.image.width == ReceiptImageRenderer(42, font_dirs=()).width


def test_png_bytes_decode_to_the_rendered_image(sell: Callable[..., CompletedSale]) -> None:
    doc = sell(["96385074"]).receipt
    png = to_png_bytes(doc, width_chars=32, qr_payload="https://shop.example/r/1")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as decoded:
        expected = render_image(doc, width_chars=32, qr_payload="https://shop.example/r/1")
        assert decoded.size == expected.size


@pytest.mark.parametrize(("width", "scale"), [(20, 1.0), (42, 0.1), (42, 9.0)])
def test_impossible_sizes_are_refused(width: int, scale: float) -> None:
    with pytest.raises(ValueError):
        ReceiptImageRenderer(width, scale=scale)
