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

from tests.helpers.realwindow import TillProcess, XServer  # noqa: E402
from tools.screenshots.real_shifts import count_on_keyboard, pieces_of  # noqa: E402
from tools.screenshots.real_window import SETTLE_S, at_every_size, shift_opened  # noqa: E402

ORDER_WAIT_S = 90.0  # the demo hub posts an order every 2 s; 3 in 10 are paid in store


def shoot(x: XServer, out: Path, name: str) -> None:
    time.sleep(SETTLE_S)
    x.screenshot(out / f"real-{name}-{x.size[0]}x{x.size[1]}.png")


def pay_in_store_order(till: TillProcess) -> tuple[str, list[str]]:
    """The first pickup order to be paid in store, and its items' barcodes, one per unit."""

    def found() -> list[tuple[str]]:
        return [
            (str(n),)
            for (n,) in till.query(
                "SELECT number FROM web_orders WHERE payment_status = 'pay_in_store'"
                " AND fulfilment = 'pickup' ORDER BY created_at LIMIT 1"
            )
        ]

    till.wait_for(lambda: bool(found()), "a web order paid in store", timeout=ORDER_WAIT_S)
    [(number,)] = found()
    units = till.query(
        "SELECT MIN(b.barcode), l.quantity_milli FROM web_order_lines l"
        " JOIN products p ON p.sku = l.sku JOIN product_barcodes b ON b.product_id = p.id"
        " WHERE l.order_number = ? GROUP BY l.line_no, l.quantity_milli",
        number,
    )
    return number, [str(code) for code, milli in units for _ in range(int(milli) // 1000)]


def local_status(till: TillProcess, number: str) -> str | None:
    rows = till.query("SELECT local_status FROM collection_orders WHERE order_number = ?", number)
    return str(rows[0][0]) if rows else None


def picked(till: TillProcess, number: str) -> int:
    rows = till.query(
        "SELECT SUM(picked_milli) FROM collection_lines WHERE order_number = ?", number
    )
    return int(rows[0][0] or 0) if rows else 0


def run(out: Path, width: int, height: int) -> None:
    x = XServer(width, height)
    folder = Path(tempfile.mkdtemp(prefix="omnitill-collections-shots-"))
    till = TillProcess(x, folder / "data", folder / "run",
                       ["demo", "--products", "300", "--web-order-every", "2"])  # fmt: skip
    try:
        till.start()
        till.sign_in("9999")  # the demo manager: collections, then a paid-out
        number, units = pay_in_store_order(till)
        till.key("F1")
        till.wait_screen("collections")
        till.scan(number)  # the order barcode on the pick list
        till.wait_for(lambda: f"order {number} shown: new" in till.log_text(), "the order")
        till.key("F3")  # start picking
        till.wait_for(lambda: local_status(till, number) == "picking", "picking")
        for done, code in enumerate(units, start=1):
            till.scan(code)  # one at a time: the next once this one is on the order
            want = 1000 * done
            till.wait_for(lambda: picked(till, number) == want, f"{done} item(s) picked")  # noqa: B023
        shoot(x, out, "09-collections-picked")
        till.key("F5")  # Ready + label: the highlighted next step
        till.wait_for(lambda: local_status(till, number) == "ready", "ready")
        till.key("F6")  # Hand over without the ID noted: the cursor goes to the note
        time.sleep(SETTLE_S)
        till.type("ID checked")
        till.key("F6")
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
