"""The shift screen with the simulated ESC/POS printer and drawer (real TCP on loopback): a
paid-out kicks the drawer after it is journaled, the Z prints on paper, and a printer that went
offline is said on screen while the Z stays shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_app.ui.devices.sim_panel import SimulatedDevices
from tests.helpers.gui import Driver

WAIT_MS = 5000


def test_z_prints_on_the_printer_and_a_failed_print_is_said(
    till: Driver,  # signed in on the simulated devices (tests/helpers/devices.py)
    sims: SimulatedDevices,
) -> None:
    d = till
    shifts = d.till.shifts
    page = shifts.page
    with d.qtbot.waitSignal(shifts.shift_changed, timeout=WAIT_MS):
        d.qtbot.keyClick(
            d.window.sale.search.edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
        )
    d.qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    page.count.set_count(1000, 2)
    with d.qtbot.waitSignal(shifts.report_ready, timeout=WAIT_MS):
        d.qtbot.mouseClick(page.count_confirm, Qt.MouseButton.LeftButton)
    assert sims.printer.wait_for_kicks(1)  # the float goes into the drawer

    d.qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    page.count.set_count(1000, 2)
    with d.qtbot.waitSignal(shifts.z_closed, timeout=WAIT_MS):
        d.qtbot.mouseClick(page.count_confirm, Qt.MouseButton.LeftButton)
    [z] = sims.printer.wait_for_receipts(1)
    assert [line.text for line in z.lines] == page.report.toPlainText().splitlines()
    assert z.cut

    sims.printer.set_offline(True)
    with d.qtbot.waitSignal(shifts.print_failed, timeout=WAIT_MS):
        d.qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    d.qtbot.waitUntil(lambda: "did not print" in page.message.text(), timeout=WAIT_MS)
    assert "*** COPY ***" in page.report.toPlainText()
