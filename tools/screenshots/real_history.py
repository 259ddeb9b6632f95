"""Screenshots of the sale-history screen in the real till window (issue 17 point 3): the real
`omnitill demo` process on Xvfb, driven by xdotool keys only, grabbed with ImageMagick.

    python tools/screenshots/real_history.py [OUTPUT_FOLDER]   # default: docs/screenshots

Writes real-13-history-{sale-screen,list,reprinted}-{1024x768,1920x1080}.png: the sale
screen with its History button after three sales, Ctrl+H (the newest sale's receipt beside the
list), then a search by the first receipt's number and F9 (a copy marked DUPLICATE printed).
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


def shoot(x: XServer, out: Path, name: str) -> None:
    time.sleep(SETTLE_S)
    x.screenshot(out / f"real-13-history-{name}-{x.size[0]}x{x.size[1]}.png")


def run(out: Path, width: int, height: int) -> None:
    x = XServer(width, height)
    folder = Path(tempfile.mkdtemp(prefix="omnitill-history-shots-"))
    till = TillProcess(x, folder / "data", folder / "run", ["demo", "--products", "300"])
    try:
        till.start()
        till.sign_in("9999")
        till.key("ctrl+t")
        till.wait_screen("ShiftsPage")
        till.key("F2")  # open the shift: a float of one 100 note
        for _ in range(1):
            till.key("ctrl+a")
            till.type("0")
            till.key("Tab")
        till.key("ctrl+a")
        till.type("1")
        till.key("F12")
        shift_opened(till)
        for code in unit_barcodes(till):
            till.scan(code)
            pay_cash(till)
        shoot(x, out, "sale-screen")  # the History button (Ctrl+H) among the actions
        till.key("ctrl+h")
        till.wait_screen("historyPage")
        shoot(x, out, "list")
        [(first,)] = till.query("SELECT receipt_no FROM sales ORDER BY id LIMIT 1")
        till.type(str(first))
        till.key("Return")
        time.sleep(SETTLE_S)
        till.key("F9")
        till.wait_for(
            lambda: bool(till.query("SELECT 1 FROM journal_entries WHERE kind='receipt_reprint'")),
            "the reprint",
        )
        shoot(x, out, "reprinted")
    finally:
        till.stop()
        x.stop()


def main() -> None:
    at_every_size(run, "sale-history screenshots")


if __name__ == "__main__":
    main()
