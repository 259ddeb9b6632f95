"""The till window driving devices: the real TCP printer simulator and pty serial devices.

Nothing is mocked: receipts go over TCP as ESC/POS bytes and are parsed back by the simulator,
the customer display is a pty read by ``SimulatedDisplay``, the serial scanner is a pty the
test writes into. Waits are qtbot.waitSignal/waitUntil, never sleeps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from hardware.base import DeviceState
from hardware.config import DeviceConfig, ScannerSettings
from hardware.sim.serial_devices import PtyDevice
from hardware.till_devices import TillDevices
from pos_app.ui.devices.sim_panel import (
    PrinterSimPanel,
    SimulatedDevices,
    add_sim_dock,
    dock_sim_panel,
)
from tests.helpers.catalog import COFFEE, MILK
from tests.helpers.devices import WAIT_MS, drawer_opens, pay_cash, status_text
from tests.helpers.gui import Driver
from tests.helpers.heartbeat import LIMIT_MS, Heartbeat
from tests.helpers.till_db import rows


def test_cash_sale_prints_kicks_the_drawer_and_shows_the_change(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d = till
    d.qtbot.waitUntil(lambda: status_text(d) == "Printer OK", timeout=WAIT_MS)
    d.scan_and_wait(COFFEE)
    assert sims.display.wait_for(lambda lines: "Arabica" in lines[0] and "8.99" in lines[1])
    done = pay_cash(d, "20")

    [receipt] = sims.printer.wait_for_receipts(1)
    [total_line] = [line for line in receipt.text.splitlines() if line.startswith("TOTAL")]
    assert total_line.split()[-1] in ("€8.99", "8.99")
    assert "Arabica Coffee Beans 500 g" in receipt.text
    assert [b.data for b in receipt.barcodes] == [done.receipt_no]
    assert receipt.cut
    [kick] = sims.printer.wait_for_kicks(1)
    assert kick.pin == 2
    [opened] = drawer_opens(staffed_db)
    assert opened["reason"] == "sale"
    assert opened["reference"] == done.receipt_no == "till-1-000001"
    assert opened["cashier"] == "Ann"
    assert sims.display.wait_for(lambda lines: "CHANGE" in lines[1] and "11.00" in lines[1])
    note = d.window.receipt.print_note
    d.qtbot.waitUntil(lambda: note.property("state") == "printed", timeout=WAIT_MS)

    # Reprint from the receipt preview (Ctrl+P): the same receipt comes out again.
    d.qtbot.keyClick(d.window.receipt, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    again = sims.printer.wait_for_receipts(2)
    assert again[1].barcodes[0].data == done.receipt_no
    assert len(sims.printer.drawer_kicks) == 1  # a reprint never opens the drawer


def test_card_only_sale_prints_but_does_not_open_the_drawer(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d, t = till, till.window.tender
    d.scan_and_wait(MILK)
    d.press(d.window.sale.search.edit, Qt.Key.Key_F12)
    d.type(t.card_amount, "1.19")
    d.type(t.card_approval, "A1B2C3")
    d.type(t.card_last4, "4242")
    d.press(t.card_last4, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=WAIT_MS):
        t.complete_button.click()
    sims.printer.wait_for_receipts(1)
    assert drawer_opens(staffed_db) == []
    assert sims.printer.drawer_kicks == []


def test_paper_out_sale_completes_receipt_waits_then_prints(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d = till
    d.qtbot.waitUntil(lambda: status_text(d) == "Printer OK", timeout=WAIT_MS)
    sims.printer.set_paper(out=True)
    d.scan_and_wait(COFFEE)
    done = pay_cash(d, "10")
    assert rows(staffed_db, "SELECT receipt_no FROM sales") == [(done.receipt_no,)]
    d.qtbot.waitUntil(
        lambda: status_text(d) == "Printer: PAPER OUT · 1 receipt waiting to print",
        timeout=WAIT_MS,
    )
    assert d.window.status.devices_label.property("level") == "error"
    # The status bar hears the printer's status and the receipt page hears the job's result:
    # two signals from the printer's worker, in either order.
    d.qtbot.waitUntil(
        lambda: d.window.receipt.print_note.property("state") == "waiting", timeout=WAIT_MS
    )
    assert "paper out" in d.window.receipt.print_note.text()
    assert sims.printer.receipts == []
    assert len(sims.printer.wait_for_kicks(1)) == 1  # the drawer opens without paper

    sims.printer.set_paper(out=False)  # paper back: the waiting receipt prints by itself
    [receipt] = sims.printer.wait_for_receipts(1)
    assert receipt.barcodes[0].data == done.receipt_no
    d.qtbot.waitUntil(lambda: status_text(d) == "Printer OK", timeout=WAIT_MS)
    assert d.window.receipt.print_note.property("state") == "printed"


def test_offline_printer_never_stalls_the_gui(till: Driver, sims: SimulatedDevices) -> None:
    d = till
    heartbeat = Heartbeat()
    sims.printer.set_offline(True)  # accepts connections, answers nothing: a hung printer
    heartbeat.start()
    try:
        d.scan_and_wait(COFFEE)
        pay_cash(d, "10")
        d.qtbot.waitUntil(lambda: "OFFLINE" in status_text(d), timeout=WAIT_MS)
        d.scan_and_wait(MILK)  # the next sale goes on while the receipt waits
        pay_cash(d, "5")
        d.qtbot.waitUntil(lambda: "2 receipts waiting" in status_text(d), timeout=WAIT_MS)
    finally:
        heartbeat.timer.stop()
    assert heartbeat.worst_ms < LIMIT_MS, f"the event loop stalled for {heartbeat.worst_ms:.0f} ms"
    sims.printer.set_offline(False)
    assert len(sims.printer.wait_for_receipts(2)) == 2


def test_no_sale_needs_a_manager_and_is_journaled(
    till: Driver, sims: SimulatedDevices, staffed_db: Path
) -> None:
    d, sale = till, till.window.sale
    prompt = sale.prompt
    d.qtbot.keyClick(sale.search.edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert sale.side.currentWidget() is prompt
    give_change = prompt.preset_button("CHANGE")  # the no-sale reasons, as buttons
    assert give_change is not None
    d.qtbot.mouseClick(give_change, Qt.MouseButton.LeftButton)
    d.type(prompt.reason_edit, "for the float")
    d.press(prompt.reason_edit, Qt.Key.Key_Return)
    assert "may not open the drawer without a sale" in prompt.message.text()  # Ann is an associate
    assert drawer_opens(staffed_db) == []
    with d.qtbot.waitSignal(d.controller.drawer_open_recorded, timeout=WAIT_MS) as opened:
        d.type(prompt.value_edit, "9999")
        d.type(prompt.reason_edit, "float top-up")
        d.press(prompt.reason_edit, Qt.Key.Key_Return)
    assert opened.args[0].reason == "no_sale"
    assert len(sims.printer.wait_for_kicks(1)) == 1
    [body] = drawer_opens(staffed_db)
    assert body["reason"] == "no_sale"
    assert body["cashier"] == "Ann"
    assert body["note"] == "Give change: for the float (approved by Max)"
    assert sale.side.currentWidget() is sale.action_pad


def test_serial_scanner_burst_lands_in_the_basket(
    make_till: Any, staffed_db: Path, tmp_path: Path
) -> None:
    port = PtyDevice(link=tmp_path / "ttyScanner")
    devices = TillDevices(DeviceConfig(scanner=ScannerSettings(port.path)))
    try:
        d: Driver = make_till(staffed_db, devices=devices)
        d.sign_in("1111")
        assert status_text(d) == "No printer"
        scanner = devices.scanner
        assert scanner is not None
        d.qtbot.waitUntil(lambda: scanner.state is DeviceState.READY, timeout=WAIT_MS)
        with d.qtbot.waitSignal(d.controller.line_added, timeout=WAIT_MS):
            port.write(b"\x00\xff\r" + COFFEE.encode() + b"\r")  # line noise, then a scan
        assert d.cell(0, 1) == "Arabica Coffee Beans 500 g"
        assert d.window.sale.search.edit.text() == ""
        port.close()  # unplugged: the status bar says so
        d.qtbot.waitUntil(lambda: "Not available: Scanner" in status_text(d), timeout=WAIT_MS)
    finally:
        port.close()


def test_demo_printer_panel_shows_what_was_printed(
    till: Driver, sims: SimulatedDevices, qtbot: Any
) -> None:
    d = till
    panel = PrinterSimPanel(sims)
    dock = add_sim_dock(d.window, panel)
    d.scan_and_wait(COFFEE)
    done = pay_cash(d, "20")
    qtbot.waitUntil(lambda: done.receipt_no in panel.paper.toPlainText(), timeout=WAIT_MS)
    assert "[--- cut ---]" in panel.paper.toPlainText()
    qtbot.waitUntil(lambda: panel.kicks.count() == 1, timeout=WAIT_MS)
    assert panel.kicks.item(0).text() == "Kick 1: pin 2, 100 ms"
    qtbot.waitUntil(lambda: "CHANGE" in panel.display.text(), timeout=WAIT_MS)
    assert dock.windowTitle() == "Printer (simulated)"
    panel.paper_out.setChecked(True)  # the panel's switch reaches the simulator
    d.till.devices.devices.probe_printer()
    qtbot.waitUntil(lambda: status_text(d) == "Printer: PAPER OUT", timeout=WAIT_MS)


def test_demo_printer_panel_switch_is_the_printer_state(
    till: Driver, sims: SimulatedDevices, qtbot: Any
) -> None:
    """On a screen too narrow for the panel beside the till it starts hidden; a click on the
    printer's state in the status bar shows it and a second hides it (no switch button of its
    own: it made the status bar a row taller than a 768-px screen has room for)."""
    d = till
    d.window.resize(1024, 768)
    dock = dock_sim_panel(d.window, sims)
    dock.setVisible(False)  # as fit_side_panel leaves it on a 1024-px screen
    chip = d.window.status.devices_label
    assert "Printer (simulated)" in chip.toolTip()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dock.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dock.isVisible(), timeout=WAIT_MS)
    qtbot.mouseClick(d.window.status.sync_label, Qt.MouseButton.LeftButton)
    assert not dock.isVisible()  # only the printer's state is the switch
