"""The returns screen's drop-downs in a real X window without a compositor (issue 15 defect 8:
the reason and condition lists opened as a black box).

The real ``omnitill demo`` on Xvfb (which has no compositor): a cash sale, then Returns and its
receipt scanned, then the Reason and Condition drop-downs opened from the keyboard as a cashier
would (Tab to it, Alt+Down). What the X server really shows is grabbed (ImageMagick ``import``
of the root window) and the open list must be drawn: its highlighted first entry in the theme's
selection blue, and no black box.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.realwindow import RealWindows, TillProcess, XServer

pytestmark = [pytest.mark.realwindow, pytest.mark.slow]
DEMO = ("demo", "--products", "300", "--web-order-every", "3600")
FOCUS_RING = (0xF2, 0xA9, 0x00)  # resources/theme.qss: the focused field's border
SELECTION = (0x0B, 0x4F, 0x9C)  # resources/theme.qss: selection-background-color
Box = tuple[int, int, int, int]


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 14) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def focus_ring(shot: Path) -> Box | None:
    """The bounding box of the focus ring's colour on the screen, if any."""
    image = Image.open(shot).convert("RGB")
    found = [
        (x, y)
        for y in range(0, image.height, 2)
        for x in range(0, image.width, 2)
        if near(image.getpixel((x, y)), FOCUS_RING)  # type: ignore[arg-type]
    ]
    if not found:
        return None
    xs, ys = [x for x, _ in found], [y for _, y in found]
    return min(xs), min(ys), max(xs), max(ys)


def shares(shot: Path, box: Box) -> tuple[float, float]:
    """(black, selection blue) as shares of the pixels in ``box``."""
    region = Image.open(shot).convert("RGB").crop(box)
    pixels = [region.getpixel((x, y)) for y in range(region.height) for x in range(region.width)]
    black = sum(1 for p in pixels if sum(p) < 60)  # type: ignore[arg-type]
    blue = sum(1 for p in pixels if near(p, SELECTION))  # type: ignore[arg-type]
    return black / len(pixels), blue / len(pixels)


def sell_and_open_the_return(till: TillProcess) -> None:
    [(code,)] = till.query(
        "SELECT b.barcode FROM product_barcodes b JOIN products p ON p.id = b.product_id"
        " WHERE length(b.barcode) = 13 AND NOT p.sold_by_weight ORDER BY b.barcode LIMIT 1"
    )
    till.scan(code)
    till.key("F12")
    till.wait_screen("tenderPanel")
    till.type("200")
    till.key("Return", "F12")
    till.wait_for(lambda: bool(till.query("SELECT receipt_no FROM sales")), "the sale")
    [(receipt_no,)] = till.query("SELECT receipt_no FROM sales")
    till.wait_screen("receiptView")
    till.key("F12")  # Next customer
    till.wait_screen("saleView")
    till.key("ctrl+r")
    till.wait_screen("returns")
    till.scan(receipt_no)
    till.wait_scan("returns", receipt_no)


def tab_to_a_drop_down(x: XServer, till: TillProcess, shots: Path, after: Box | None) -> Box:
    """Tab until the focus ring is on a field narrower than half the screen, right of
    ``after`` (the receipt and web-order fields are wider; the drop-downs are in the row)."""
    for step in range(12):
        till.key("Tab")
        shot = x.screenshot(shots / f"tab-{step}.png")
        ring = focus_ring(shot)
        if ring is None or ring[2] - ring[0] > x.size[0] // 2:
            continue
        if after is None or ring[0] > after[2]:
            return ring
    raise AssertionError(f"no drop-down took the focus (screens in {shots})")


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_reason_and_condition_lists_open_drawn_not_black(
    realwindows: RealWindows, size: tuple[int, int], tmp_path: Path
) -> None:
    x = realwindows.xserver(*size)
    till = realwindows.till(x, *DEMO)
    till.sign_in("1111")
    sell_and_open_the_return(till)
    reason = tab_to_a_drop_down(x, till, tmp_path, None)
    for name, combo in (("reason", reason), ("condition", None)):
        if combo is None:  # the next field in the row
            combo = tab_to_a_drop_down(x, till, tmp_path, reason)
        left, top, right, _ = combo
        under = (left, top, right, min(top + 160, size[1]))  # where the list opens
        before = shares(x.screenshot(tmp_path / f"{name}-closed.png"), under)
        till.key("alt+Down")
        shot = tmp_path / f"{name}-open.png"

        def drawn(shot: Path = shot, under: Box = under) -> bool:
            black, blue = shares(x.screenshot(shot), under)
            return blue > 0.03 and black < 0.02

        till.wait_for(drawn, f"the {name} list drawn, not black (see {shot})")
        assert before[1] < 0.01  # the blue was the open list, not something already there
        till.key("Escape")  # closes the list (the focus stays on its drop-down)
