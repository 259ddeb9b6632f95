"""Screenshots of the store day in the real till window (issue 19): the real `omnitill demo`
process on Xvfb, driven by xdotool only (keys, as a cashier at a keyboard till), grabbed from
the X server with ImageMagick's ``import``.

    python tools/screenshots/real_shifts.py [OUTPUT_FOLDER]   # default: docs/screenshots

Writes real-12-shift-{count-float,x-report,blind-count,z-report}-{1024x768,1920x1080}.png:
the float counted by denomination, a sale, the X report, the blind count of the drawer and
the Z report. Needs Xvfb, xdotool and ImageMagick (dev.py installs them).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.helpers.realwindow import TillProcess, XServer  # noqa: E402
from tools.screenshots.real_window import (  # noqa: E402
    SETTLE_S,
    at_every_size,
    pay_cash,
    shift_opened,
    unit_barcodes,
)

# The euro's notes and coins, largest first, as the count screen lists them (minor units).
EURO = (20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)


def shoot(x: XServer, out: Path, name: str) -> None:
    time.sleep(SETTLE_S)
    x.screenshot(out / f"real-12-shift-{name}-{x.size[0]}x{x.size[1]}.png")


def pieces_of(amount_minor: int) -> list[int]:
    """How many of each denomination make ``amount_minor`` (largest first, greedy)."""
    counts = []
    for value in EURO:
        counts.append(amount_minor // value)
        amount_minor %= value
    return counts


def count_on_keyboard(till: TillProcess, counts: list[int]) -> None:
    """The count screen takes the keys: a number per denomination, Tab to the next one."""
    for n in counts:
        till.key("ctrl+a")
        till.type(str(n))
        till.key("Tab")


def run(out: Path, width: int, height: int) -> None:
    x = XServer(width, height)
    folder = Path(tempfile.mkdtemp(prefix="omnitill-shift-shots-"))
    till = TillProcess(x, folder / "data", folder / "run", ["demo", "--products", "300"])
    try:
        till.start()
        till.sign_in("9999")  # the demo manager: counts, closes and approves
        till.key("ctrl+t")
        till.wait_screen("ShiftsPage")
        till.key("F2")  # open the shift: count the float
        count_on_keyboard(till, pieces_of(100_00))
        shoot(x, out, "count-float")
        till.key("F12")
        shift_opened(till)
        for code in unit_barcodes(till):
            till.scan(code)
        pay_cash(till)
        [(cash,)] = till.query("SELECT SUM(total_minor + rounding_minor) FROM sales")
        till.key("ctrl+t")
        till.wait_screen("ShiftsPage")
        till.key("F3")
        shoot(x, out, "x-report")
        till.key("F8")  # close: the blind count
        count_on_keyboard(till, pieces_of(100_00 + int(cash)))
        shoot(x, out, "blind-count")
        till.key("F12")
        till.wait_for(lambda: bool(till.query("SELECT 1 FROM z_reports")), "the Z report")
        shoot(x, out, "z-report")
    finally:
        till.stop()
        x.stop()


def main() -> None:
    at_every_size(run, "store-day screenshots")


if __name__ == "__main__":
    main()
