"""The till as a store runs it: the real process in a real X window, real key events.

Each test starts the real ``omnitill demo`` (demo hub on loopback, simulated printer on TCP) on
Xvfb at a till screen's size and drives it with xdotool at scanner and human speed; what it
checks is what the store would find: the till's database, the printed paper roll, the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.realwindow import RealWindows, TillProcess, local_status, picked

pytestmark = [pytest.mark.realwindow, pytest.mark.slow]
DEMO = ("demo", "--products", "300", "--web-order-every", "2")


def product_codes(till: TillProcess, count: int) -> list[tuple[str, int]]:
    """EAN-13s of items sold by the piece, with their prices (from the till's own catalog)."""
    return [
        (code, price)
        for code, price in till.query(
            "SELECT b.barcode, p.price_minor FROM product_barcodes b JOIN products p"
            " ON p.id = b.product_id WHERE length(b.barcode) = 13 AND NOT p.sold_by_weight"
            " ORDER BY b.barcode LIMIT ?",
            count,
        )
    ]


def sales(till: TillProcess) -> list[tuple[str, int, int, int, int]]:
    return till.query(
        "SELECT receipt_no, total_minor, rounding_minor, paid_minor, change_minor FROM sales"
        " ORDER BY id"
    )


def scanned(till: TillProcess, receipt_no: str) -> dict[str, int]:
    """Quantity (in units) per scanned code on one receipt."""
    rows = till.query(
        "SELECT l.scanned_code, SUM(l.quantity_milli) FROM sale_lines l JOIN sales s"
        " ON s.id = l.sale_id WHERE s.receipt_no = ? GROUP BY l.scanned_code",
        receipt_no,
    )
    return {code: milli // 1000 for code, milli in rows}


def pay_cash(till: TillProcess, amount: str, sales_before: int = 0) -> str:
    """F12, the amount in cash, F12 again; returns the new sale's receipt number."""
    till.key("F12")
    till.wait_screen("tenderPanel")
    till.type(amount)
    till.key("Return", "F12")
    till.wait_for(lambda: len(sales(till)) == sales_before + 1, "the sale in the database")
    return str(sales(till)[-1][0])


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_sign_in_scan_and_pay_cash_in_a_real_window(
    realwindows: RealWindows, size: tuple[int, int], tmp_path: Path
) -> None:
    x = realwindows.xserver(*size)
    till = realwindows.till(x, *DEMO)
    till.sign_in("1111")
    (a, _), (b, _) = product_codes(till, 2)
    till.scan(a)
    till.scan(b)
    till.scan(a)
    pay_cash(till, "200")
    [(receipt_no, total, rounding, paid, change)] = sales(till)
    assert scanned(till, receipt_no) == {a: 2, b: 1}
    assert paid == 20_000
    assert change == paid - (total + rounding)
    till.wait_for(lambda: receipt_no in till.printed(), "the receipt on the printer's paper")
    x.screenshot(tmp_path / "receipt.png")


def web_order(till: TillProcess) -> tuple[str, list[str]]:
    """The oldest web order the till has, and the barcodes of its items."""
    till.wait_for(lambda: bool(till.query("SELECT number FROM web_orders")), "a web order")
    [(number,)] = till.query("SELECT number FROM web_orders ORDER BY created_at LIMIT 1")
    codes = till.query(
        "SELECT MIN(b.barcode) FROM web_order_lines l JOIN products p ON p.sku = l.sku"
        " JOIN product_barcodes b ON b.product_id = p.id WHERE l.order_number = ?"
        " GROUP BY l.line_no, l.quantity_milli",
        number,
    )
    return number, [code for (code,) in codes]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_codes_with_capitals_scan_whole_on_every_screen(
    realwindows: RealWindows, size: tuple[int, int], tmp_path: Path
) -> None:
    """Issue 15 defect 1: a wedge scanner's Shift around capitals must not split the code."""
    x = realwindows.xserver(*size)
    till = realwindows.till(x, *DEMO)
    till.sign_in("1111")
    [(item, _)] = product_codes(till, 1)
    till.scan(item)
    till.scan("LOY12345678")  # a loyalty card on the sale screen: the customer look-up
    till.wait_scan("saleView", "LOY12345678")
    till.key("Escape")
    receipt_no = pay_cash(till, "50")
    assert scanned(till, receipt_no) == {item: 1}  # nothing of the card became a product
    till.wait_for(lambda: f": {receipt_no}]" in till.printed(), "the receipt's barcode printed")
    # The printed receipt's barcode, scanned on the Returns screen (Ctrl+R).
    till.key("F12")  # next customer
    till.key("ctrl+r")
    till.wait_screen("returns")
    till.scan(receipt_no)
    till.wait_scan("returns", receipt_no)
    x.screenshot(tmp_path / "returns.png")
    till.key("Escape")
    till.wait_screen("saleView")
    # A web order's barcode (pick list, bag label) on the Collections screen (F1), then picking.
    number, codes = web_order(till)
    till.key("F1")
    till.wait_screen("collections")
    till.scan(number)
    till.wait_scan("collections", number)
    till.wait_for(lambda: f"order {number} shown: new" in till.log_text(), f"order {number} shown")
    till.key("F3")  # start picking the order the scan opened
    till.wait_for(lambda: local_status(till, number) == "picking", f"{number} being picked")
    till.scan(codes[0])  # the first item, picked by scanning it
    till.wait_for(lambda: picked(till, number) == 1000, f"one item of {number} picked")
    x.screenshot(tmp_path / "collections.png")


def in_progress(till: TillProcess) -> list[tuple[int]]:
    return till.query("SELECT line_count FROM basket_in_progress")


def test_the_basket_survives_a_crash_and_the_till_exits_promptly(
    realwindows: RealWindows,
) -> None:
    """Issue 15 defect 4: ring, kill -9 (a crash, a power cut), start again, sign in: the basket
    is back. SIGTERM then closes the till in under 2 s and leaves no temporary folder."""
    x = realwindows.xserver(1024, 768)
    till = realwindows.till(x, *DEMO)
    till.sign_in("1111")
    (a, _), (b, _), (c, _) = product_codes(till, 3)
    till.scan(a)
    till.scan(b)
    till.wait_for(lambda: in_progress(till) == [(2,)], "the basket in progress saved")
    till.kill()
    again = realwindows.till(x, *DEMO)
    again.sign_in("1111")
    again.scan(c)  # rung on top of the restored basket: three lines are saved now
    again.wait_for(lambda: in_progress(again) == [(3,)], "the restored basket, one line more")
    seconds = again.terminate()
    assert seconds < 2.0, f"the till took {seconds:.1f} s to exit"
    assert list(again.tmp_dir.iterdir()) == []  # the demo's temporary folders are gone
    assert in_progress(again) == [(3,)]  # and the basket is still there for the next sign-in


def test_button_shortcuts_work_from_the_search_box_and_esc_clears_it(
    realwindows: RealWindows, tmp_path: Path
) -> None:
    """Issue 15 defect 3: Ctrl+U and Ctrl+E reach their buttons although a line edit has focus
    (the search box, the receipt's e-mail address; on X11 a line edit claims them: delete to
    line start, go to line end)."""
    x = realwindows.xserver(1024, 768)
    till = realwindows.till(x, *DEMO)
    till.sign_in("1111")
    till.type("choc")
    till.key("Escape")  # clears the search box: the product scanned next is the only line
    till.key("ctrl+u")  # with the cursor in the search box
    till.wait_for(lambda: "panel: customerPanel" in till.log_text(), "the customer panel")
    opened = till.log_text().rindex("panel: customerPanel")
    till.key("Escape")
    # The panel line after the customer panel's (other lines may follow it: the printer asked,
    # a feed refresh), not the log's last line.
    till.wait_for(lambda: "panel: saleActions" in till.log_text()[opened:], "back")
    till.key("ctrl+slash")
    x.screenshot(tmp_path / "shortcuts.png")
    till.key("Escape")
    [(item, _)] = product_codes(till, 1)
    till.type(item)  # keyed in by hand after Esc emptied the box: "choc" must be gone
    till.key("Return")
    receipt_no = pay_cash(till, "50")
    assert scanned(till, receipt_no) == {item: 1}
    # The receipt screen: the cursor is in the e-mail address box, where X11 line edits take
    # Ctrl+E for themselves (go to the line's end); the Email receipt button must get it.
    till.wait_screen("receiptView")
    till.type("ann@example.com")
    till.key("ctrl+e")
    till.wait_for(
        lambda: any(
            "ann@example.com" in payload
            for (payload,) in till.query(
                "SELECT payload FROM outbox_events WHERE kind = 'receipt.email_requested'"
            )
        ),
        "the receipt e-mail queued for ann@example.com",
    )
