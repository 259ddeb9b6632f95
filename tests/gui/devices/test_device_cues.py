"""What the devices tell the cashier and the customer follows what happens at the till
(issue 15 defect 8): the printer's state reaches the status bar on events, not after a 15 s
poll, and Next customer clears the last customer's PAID/CHANGE from the customer display.
Real parts: the TCP printer simulator and the pty customer display."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from hardware.till_devices import TillDevices
from pos_app.ui.devices.sim_panel import SimulatedDevices
from tests.helpers.catalog import COFFEE, MILK
from tests.helpers.devices import PRINTER_TIMEOUT_S, WAIT_MS, pay_cash, status_text
from tests.helpers.gui import Driver

NEVER_MS = 3_600_000  # the safety-net poll never fires during a test: only events count


def slow_poll_till(make_till: Any, staffed_db: Path, sims: SimulatedDevices) -> Driver:
    devices = TillDevices(
        sims.config(timeout_s=PRINTER_TIMEOUT_S), retry_initial_s=0.05, retry_max_s=0.2
    )
    d: Driver = make_till(staffed_db, devices=devices, printer_probe_ms=NEVER_MS)
    d.sign_in("1111")
    return d


def test_printer_state_reaches_the_status_bar_on_events_not_a_poll(
    make_till: Any, staffed_db: Path, sims: SimulatedDevices
) -> None:
    d = slow_poll_till(make_till, staffed_db, sims)
    d.qtbot.waitUntil(lambda: status_text(d) == "Printer OK", timeout=WAIT_MS)
    sims.printer.set_paper(out=True)
    d.scan_and_wait(COFFEE)  # a customer's first item: the printer is asked
    d.qtbot.waitUntil(lambda: status_text(d) == "Printer: PAPER OUT", timeout=WAIT_MS)
    sims.printer.set_paper(out=False)  # in trouble it is asked often: "back" shows at once
    d.qtbot.waitUntil(lambda: status_text(d) == "Printer OK", timeout=WAIT_MS)
    sims.printer.set_cover_open(True)
    d.press(d.window.sale.search.edit, Qt.Key.Key_F12)  # the tender opens: asked again
    d.qtbot.waitUntil(lambda: status_text(d) == "Printer: COVER OPEN", timeout=WAIT_MS)


def test_next_customer_clears_the_last_customers_change_from_the_display(
    make_till: Any, staffed_db: Path, sims: SimulatedDevices
) -> None:
    d = slow_poll_till(make_till, staffed_db, sims)
    d.scan_and_wait(MILK)
    pay_cash(d, "20")
    assert sims.display.wait_for(lambda lines: "CHANGE" in lines[1])
    d.press(d.focus(), Qt.Key.Key_F12)  # Next customer
    assert d.window.current_page is d.window.sale
    assert sims.display.wait_for(lambda lines: not any(ln.strip() for ln in lines))
