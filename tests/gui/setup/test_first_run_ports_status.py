"""First run, devices step (issue 17): the status choice, and COM ports listed for the
printer and the drawer; what is saved is what `omnitill run` reads."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hardware.config import load_device_config
from hardware.printer_connections import SerialConnection
from hardware.serial_drawer import parse_drawer_url
from tests.gui.setup.test_first_run_devices import data_dir, make_page  # noqa: F401

WINDOWS_PORTS = [("COM3", "USB Serial Port"), ("COM4", "Prolific USB-to-Serial")]


def test_com_ports_and_the_status_choice_are_saved(
    qtbot: QtBot,
    data_dir: Path,  # noqa: F811
) -> None:
    page = make_page(qtbot, data_dir, list_ports=lambda: WINDOWS_PORTS)
    try:
        qtbot.mouseClick(page.kind_buttons["serial"], Qt.MouseButton.LeftButton)
        for combo in (page.serial_port, page.drawer_port):
            listed = [combo.itemText(i) for i in range(combo.count())]
            assert listed == ["COM3 — USB Serial Port", "COM4 — Prolific USB-to-Serial"]
        for combo, index in ((page.serial_port, 0), (page.drawer_port, 1)):
            combo.setCurrentIndex(index)
            combo.activated.emit(index)  # as a pick from the list does
        page.drawer.setCurrentIndex(page.drawer.findData("serial"))
        assert (page.serial_port.currentText(), page.drawer_port.currentText()) == ("COM3", "COM4")
        page.printer_status.setCurrentIndex(page.printer_status.findData("off"))
        page.grab().save(
            str(Path(os.environ.get("OMNITILL_SCREENSHOT_DIR", str(data_dir))) / "ports.png")
        )
        with qtbot.waitSignal(page.done, timeout=10_000) as done:
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert done.args == [True]
    finally:
        page.shutdown()

    saved = load_device_config(data_dir / "devices.toml")
    printer = saved.printer_config()
    assert isinstance(printer.connection, SerialConnection)
    assert printer.connection.device == "COM3"
    assert printer.status == "off"
    assert parse_drawer_url(saved.drawer).port == "COM4"
