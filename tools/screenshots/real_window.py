"""Screenshots of the real till window (issue 15): the real `omnitill demo` process on Xvfb,
driven by xdotool like a scanner and a cashier, grabbed from the X server with ImageMagick's
``import`` — what the screen shows, not what Qt thinks it drew.

    python tools/screenshots/real_window.py [OUTPUT_FOLDER]   # default: docs/screenshots

Writes real-*-{1024x768,1920x1080}.png: sign-in, a sale with a promotion and search results,
the cash tender with change, the web-order queue. Needs Xvfb, xdotool and ImageMagick (dev.py
installs them).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.helpers.realwindow import TillProcess, XServer  # noqa: E402

SIZES = ((1024, 768), (1920, 1080))
SETTLE_S = 0.8  # a screenshot tool, not a test: let the last repaint land


def shoot(x: XServer, out: Path, name: str) -> None:
    time.sleep(SETTLE_S)
    x.screenshot(out / f"real-{name}-{x.size[0]}x{x.size[1]}.png")


def run(out: Path, width: int, height: int) -> None:
    x = XServer(width, height)
    folder = Path(tempfile.mkdtemp(prefix="omnitill-shots-"))
    till = TillProcess(x, folder / "data", folder / "run",
                       ["demo", "--products", "300", "--web-order-every", "3"])  # fmt: skip
    try:
        till.start()
        shoot(x, out, "01-sign-in")
        till.sign_in("1111")
        codes = till.query(
            "SELECT b.barcode FROM product_barcodes b JOIN products p ON p.id = b.product_id"
            " WHERE length(b.barcode) = 13 AND NOT p.sold_by_weight ORDER BY b.barcode LIMIT 3"
        )
        for (code,) in codes:
            till.scan(code)
        till.type("choc")
        shoot(x, out, "02-sale-search")
        till.key("Escape")
        till.key("F12")
        till.wait_screen("tenderPanel")
        till.type("50")
        shoot(x, out, "04-tender-cash")
        till.key("Return")
        shoot(x, out, "04-tender-cash-change")
        till.key("F12")
        till.wait_screen("receiptView")
        till.key("F12")
        till.wait_screen("saleView")
        till.wait_for(lambda: len(till.query("SELECT number FROM web_orders")) >= 2, "orders")
        till.key("F1")
        till.wait_screen("collections")
        shoot(x, out, "09-collections-queue")
    finally:
        till.stop()
        x.stop()


def shift_opened(till: TillProcess) -> None:
    """After F12 on the float count: wait for the open shift, then back to the sale screen."""
    till.wait_for(lambda: bool(till.query("SELECT 1 FROM shifts WHERE status = 'open'")),
                  "the shift to open")  # fmt: skip
    till.key("Escape")
    till.wait_screen("saleView")


def unit_barcodes(till: TillProcess, count: int = 3) -> list[str]:
    """EAN-13 codes of products sold by the unit: a scan rings one of each."""
    rows = till.query(
        "SELECT b.barcode FROM product_barcodes b JOIN products p ON p.id = b.product_id"
        " WHERE length(b.barcode) = 13 AND NOT p.sold_by_weight ORDER BY b.barcode"
    )
    return [str(code) for (code,) in rows[:count]]


def pay_cash(till: TillProcess, amount: str = "100") -> None:
    """Pay the basket in cash and go on to the next customer."""
    till.key("F12")
    till.wait_screen("tenderPanel")
    till.type(amount)
    till.key("Return")
    till.key("F12")
    till.wait_screen("receiptView")
    till.key("F12")
    till.wait_screen("saleView")


def at_every_size(script: Callable[[Path, int, int], None], what: str) -> None:
    """Run a screenshot script at each size into the folder named on the command line."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        script(out, width, height)
        print(f"{what} at {width}x{height} in {out}")


def main() -> None:
    at_every_size(run, "screenshots")


if __name__ == "__main__":
    main()
