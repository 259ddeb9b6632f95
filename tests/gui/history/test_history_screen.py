"""The sale-history screen (issue 17 point 3) with the simulated ESC/POS printer (real TCP on
loopback): Ctrl+H from the sale screen lists this till's sales newest first, a search by
receipt number, amount or a bad entry, the receipt of the chosen sale, and F9 prints a copy
marked DUPLICATE through the print queue, journaled as a reprint."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from pos_app.ui.devices.sim_panel import SimulatedDevices
from tests.helpers.catalog import COFFEE, MILK
from tests.helpers.devices import pay_cash
from tests.helpers.gui import Driver
from tests.helpers.till_db import rows

WAIT_MS = 5000


def test_history_lists_finds_shows_and_reprints_a_past_sale(
    till: Driver,  # signed in on the simulated devices (tests/helpers/devices.py)
    sims: SimulatedDevices,
    staffed_db: Path,  # the till's own file (the same one the fixture opened)
) -> None:
    d = till
    sold = []
    for code in (MILK, COFFEE, MILK):
        d.scan_and_wait(code)
        sold.append(pay_cash(d, "20"))
        d.press(d.focus(), Qt.Key.Key_F12)  # "Next customer": back to a new sale
    originals = sims.printer.wait_for_receipts(3)

    history = d.till.history
    assert history is not None
    page = history.page
    d.qtbot.waitUntil(lambda: d.window.current_page is d.window.sale, timeout=WAIT_MS)
    with d.qtbot.waitSignal(history.detail_shown, timeout=WAIT_MS):
        # Ctrl+H with the focus in the product search field (a line edit's backspace key).
        d.qtbot.keyClick(
            d.window.sale.search.edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
        )
    assert d.window.current_page is page
    model = page.model
    receipts = [model.summary(r).receipt_no for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert receipts == [s.receipt_no for s in reversed(sold)]  # newest first
    total = model.data(model.index(0, model.COL_TOTAL))
    assert total.endswith("1.19")
    assert model.data(model.index(0, model.COL_TOTAL), Qt.ItemDataRole.TextAlignmentRole) & (
        Qt.AlignmentFlag.AlignRight
    )
    assert sold[2].receipt_no in page.detail.toPlainText()  # the newest is shown at once

    # A bad search says what to type and keeps the list.
    d.type(page.search, "12.345")
    d.press(page.search, Qt.Key.Key_Return)
    assert page.message.level == "error"
    assert "receipt number" in page.message.text()
    assert model.rowCount() == 3

    # By amount: the coffee.
    page.search.clear()
    d.type(page.search, "8.99")
    with d.qtbot.waitSignal(history.detail_shown, timeout=WAIT_MS):
        d.press(page.search, Qt.Key.Key_Return)
    assert model.rowCount() == 1
    assert "Arabica Coffee Beans" in page.detail.toPlainText()

    # By receipt number, scanned from the receipt's barcode: the first milk (and nothing is
    # added to the sale behind the screen); F9 prints a copy of it.
    page.search.clear()
    with d.qtbot.waitSignal(history.detail_shown, timeout=WAIT_MS):
        d.scan(sold[0].receipt_no, target=page.search)
    assert history.shown_receipt == sold[0].receipt_no
    assert page.search.text() == sold[0].receipt_no
    register = d.controller.register
    assert register is not None
    assert register.basket.lines == ()
    with d.qtbot.waitSignal(history.reprint_finished, timeout=WAIT_MS) as finished:
        d.press(page.search, Qt.Key.Key_F9)
    assert finished.args == [sold[0].receipt_no, True, ""]
    copy = sims.printer.wait_for_receipts(4)[3]
    assert copy.barcodes[0].data == sold[0].receipt_no
    assert "*** DUPLICATE ***" in copy.text
    assert copy.text.replace("*** DUPLICATE ***", "").split() == originals[0].text.split()
    assert "DUPLICATE" in page.message.text()
    reprints = rows(staffed_db, "SELECT payload FROM journal_entries WHERE kind='receipt_reprint'")
    assert [json.loads(str(p))["body"]["receipt_no"] for (p,) in reprints] == [sold[0].receipt_no]

    d.press(page.search, Qt.Key.Key_Escape)
    assert d.window.current_page is d.window.sale
