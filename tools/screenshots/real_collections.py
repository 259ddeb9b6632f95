"""Screenshots of click-and-collect and a paid-out in the real till window (issue 15): the real
`omnitill demo` process on Xvfb, driven by xdotool only (a scanner's bursts and a cashier's
keys), grabbed from the X server with ImageMagick's ``import``.

    python tools/screenshots/real_collections.py [OUTPUT_FOLDER]   # default: docs/screenshots

Writes, at 1024x768 and 1920x1080:

- real-09-collections-picked-*.png: a pay-in-store web order opened by scanning its number,
  every item scanned: the message points to Ready + label (F5), the highlighted default;
- real-09-collections-pay-in-store-*.png: Ready, then Hand over (F6) with the ID noted: the
  order's payment on the till's tender panel;
- real-12-shift-paid-out-reasons-*.png: a shift opened, Paid out (F5) 12.00, Enter: the
  reason codes under a title that names the amount.

Needs Xvfb, xdotool and ImageMagick (dev.py installs them).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.helpers.realwindow import (  # noqa: E402
    TillProcess,
    XServer,
    local_status,
    pay_in_store_order,
    pick_by_scanning,
    ready_and_hand_over,
)
from tools.screenshots.real_shifts import count_on_keyboard, pieces_of  # noqa: E402
from tools.screenshots.real_window import SETTLE_S, at_every_size, shift_opened, shoot  # noqa: E402


def run(out: Path, width: int, height: int) -> None:
    x = XServer(width, height)
    folder = Path(tempfile.mkdtemp(prefix="omnitill-collections-shots-"))
    till = TillProcess(x, folder / "data", folder / "run",
                       ["demo", "--products", "300", "--web-order-every", "2"])  # fmt: skip
    try:
        till.start()
        till.sign_in("9999")  # the demo manager: collections, then a paid-out
        number, units = pay_in_store_order(till)
        pick_by_scanning(till, number, units)
        shoot(x, out, "09-collections-picked")
        ready_and_hand_over(till, number)
        till.wait_screen("tenderPanel")
        shoot(x, out, "09-collections-pay-in-store")
        till.key("Return", "F12")  # exact cash, then take payment and hand over
        till.wait_for(lambda: local_status(till, number) == "collected", "handed over")
        till.wait_screen("collections")
        till.key("Escape")
        till.wait_screen("saleView")

        till.key("ctrl+t")
        till.wait_screen("ShiftsPage")
        till.key("F2")  # open the shift: a float of 100.00
        count_on_keyboard(till, pieces_of(100_00))
        till.key("F12")
        shift_opened(till)
        till.key("ctrl+t")
        till.wait_screen("ShiftsPage")
        till.key("F5")  # paid out: the amount, Enter, then its reason
        time.sleep(SETTLE_S)
        till.type("12")
        till.key("Return")
        shoot(x, out, "12-shift-paid-out-reasons")
    finally:
        till.stop()
        x.stop()


def main() -> None:
    at_every_size(run, "click-and-collect and paid-out screenshots")


if __name__ == "__main__":
    main()
