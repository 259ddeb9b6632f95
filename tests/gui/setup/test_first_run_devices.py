"""First run, devices step: against the simulated TCP printer and a pty serial printer.

Every printer call goes through the page's device worker, so each test waits for the inline
answer with ``qtbot.waitUntil``; none sleeps. The USB printer itself is the one boundary we
cannot run here (no USB device in CI): its id is validated and saved, never opened.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hardware.config import DeviceConfig, load_device_config
from hardware.device_setup import DeviceChoices, config_from_choices, device_config_toml
from hardware.sim.printer import SimulatedPrinter
from hardware.sim.serial_devices import PtyDevice
from pos_app.ui.boot import load_theme
from pos_app.ui.scanner import scanner_config_for
from pos_app.ui.setup.devices_step import DevicesPage
from pos_app.ui.start import till_device_config
from tests.helpers.net import unused_port

WAIT_MS = 10_000
# Short, so a printer that never answers fails its check quickly; long enough for a busy CI.
FAST_TIMEOUT = '[printer]\naddress = "none"\ntimeout_s = 0.5\n'


@pytest.fixture
def sim() -> Iterator[SimulatedPrinter]:
    with SimulatedPrinter() as printer:
        yield printer


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def make_page(
    qtbot: QtBot, data_dir: Path, list_ports: Callable[[], list[tuple[str, str]]] = list
) -> DevicesPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_theme(app)
    page = DevicesPage(data_dir, list_ports=list_ports)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot: QtBot, data_dir: Path) -> Iterator[DevicesPage]:
    widget = make_page(qtbot, data_dir)
    yield widget
    widget.shutdown()


def network(page: DevicesPage, qtbot: QtBot, port: int) -> None:
    qtbot.mouseClick(page.kind_buttons["network"], Qt.MouseButton.LeftButton)
    page.host.setText("127.0.0.1")
    page.tcp_port.setText(str(port))


def result_text(page: DevicesPage) -> str:
    return page.printer_result.text()


def test_network_printer_tests_online_prints_the_test_receipt_and_saves(
    qtbot: QtBot, page: DevicesPage, sim: SimulatedPrinter, data_dir: Path
) -> None:
    network(page, qtbot, sim.port)
    page.paper_width.setCurrentIndex(page.paper_width.findData(58))
    page.drawer.setCurrentIndex(page.drawer.findData("printer:5"))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    # Not asserting `page.busy` here: a fast worker may answer before the click returns. That
    # the click never waits for the printer is proven by the silent-printer test below.
    qtbot.waitUntil(lambda: "Printer online" in result_text(page), timeout=WAIT_MS)
    assert sim.status_requests >= 1  # it really asked over DLE EOT
    assert page.printer_result.level == "info"

    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Test receipt sent" in result_text(page), timeout=WAIT_MS)
    receipt = sim.wait_for_receipts(1)[0]
    assert "OmniTill printer test" in receipt.text  # `omnitill devices test`'s receipt
    assert "Crème brûlée" in receipt.text
    assert receipt.cut

    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as done:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert done.args == [True]
    saved = till_device_config(data_dir)  # what `omnitill run` will read
    assert saved.printer == f"tcp://127.0.0.1:{sim.port}"
    assert (saved.paper_width_mm, saved.drawer, saved.drawer_pin) == (58, "printer", 5)
    assert saved == page.config()


def test_a_printer_that_does_not_answer_is_an_inline_error_and_nothing_is_saved(
    qtbot: QtBot, page: DevicesPage, data_dir: Path
) -> None:
    network(page, qtbot, unused_port())
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.printer_result.level == "error", timeout=WAIT_MS)
    assert "No answer from the printer" in result_text(page)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.level == "error", timeout=WAIT_MS)
    assert page.message.text().startswith("Not saved: no answer from the printer")
    assert not page.busy
    assert list(data_dir.iterdir()) == []  # no devices.toml, no temporary file left


def test_a_silent_printer_never_freezes_the_screen(
    qtbot: QtBot, data_dir: Path, sim: SimulatedPrinter
) -> None:
    (data_dir / "devices.toml").write_text(FAST_TIMEOUT, encoding="utf-8")
    page = make_page(qtbot, data_dir)
    try:
        assert page.printer_kind == "none"  # the existing file was loaded
        network(page, qtbot, sim.port)
        sim.set_offline(True)  # accepts the connection, answers nothing
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert page.printer_result.text() == "Asking the printer…"
        assert not page.save_button.isEnabled()  # busy, but the event loop runs on
        qtbot.waitUntil(lambda: page.printer_result.level == "error", timeout=WAIT_MS)
        assert result_text(page) == "No answer from the printer within 0.5 s."
        assert page.save_button.isEnabled()
    finally:
        page.shutdown()


@pytest.mark.parametrize("typed", ["04b8", "04b8:02", "zzzz:0202", "04b8-0202", "0000:0202"])
def test_a_bad_usb_id_is_an_inline_error(
    qtbot: QtBot, page: DevicesPage, data_dir: Path, typed: str
) -> None:
    qtbot.mouseClick(page.kind_buttons["usb"], Qt.MouseButton.LeftButton)
    assert not page.test_button.isEnabled()  # a USB printer cannot be asked from here
    qtbot.keyClicks(page.usb_id, typed)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert page.printer_result.level == "error"
    assert "USB" in result_text(page)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.level == "error"
    assert not page.busy
    assert list(data_dir.iterdir()) == []


def test_a_usb_printer_id_is_saved_without_opening_the_device(
    qtbot: QtBot, page: DevicesPage, data_dir: Path
) -> None:
    # The boundary we cannot run: no USB printer here, so only the saved address is checked.
    qtbot.mouseClick(page.kind_buttons["usb"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.usb_id, "04B8:0E15")
    with qtbot.waitSignal(page.done, timeout=WAIT_MS):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert till_device_config(data_dir).printer == "usb://04b8:0e15"


def answer_status(device: PtyDevice, stop: threading.Event) -> None:
    """The printer end of a serial line: every DLE EOT n gets a valid 'all fine' byte."""
    received = b""
    while not stop.is_set() and not device.closed:
        received += device.read(0.05)
        while (at := received.find(b"\x10\x04")) >= 0 and len(received) >= at + 3:
            device.write(b"\x12")
            received = received[at + 3 :]


def test_serial_printer_on_a_pty_port_from_the_list(qtbot: QtBot, data_dir: Path) -> None:
    device = PtyDevice()
    stop = threading.Event()
    responder = threading.Thread(target=answer_status, args=(device, stop), daemon=True)
    responder.start()
    # escpos' Serial waits out its whole timeout on each of the three status reads.
    (data_dir / "devices.toml").write_text(FAST_TIMEOUT, encoding="utf-8")
    page = make_page(qtbot, data_dir, list_ports=lambda: [(device.path, "USB-serial printer")])
    try:
        qtbot.mouseClick(page.kind_buttons["serial"], Qt.MouseButton.LeftButton)
        assert page.serial_port.itemData(0) == device.path
        page.serial_port.setCurrentIndex(0)  # shows "… — USB-serial printer"
        page.baudrate.setCurrentIndex(page.baudrate.findData(38400))
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Printer online" in result_text(page), timeout=WAIT_MS)
        with qtbot.waitSignal(page.done, timeout=WAIT_MS):
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert till_device_config(data_dir).printer == f"serial://{device.path}?baud=38400"
    finally:
        page.shutdown()
        stop.set()
        responder.join(timeout=5)
        device.close()


def test_scan_test_field_shows_what_the_scanner_sent(qtbot: QtBot, page: DevicesPage) -> None:
    page.scan_test.setFocus()
    qtbot.waitUntil(page.scan_test.hasFocus)
    qtbot.keyClicks(page.scan_test, "4006381333931")
    qtbot.keyClick(page.scan_test, Qt.Key.Key_Tab)
    assert page.scan_result.text() == "Received “4006381333931”, then Tab — choose “Tab” above."
    assert page.scan_test.hasFocus()  # the Tab was the scanner's, not a move to the next field
    page.suffix.setCurrentIndex(page.suffix.findData("tab"))
    qtbot.keyClicks(page.scan_test, "12345670")
    qtbot.keyClick(page.scan_test, Qt.Key.Key_Tab)
    assert page.scan_result.text().endswith("matches the setting.")
    qtbot.keyClicks(page.scan_test, "ABC-1")  # a scanner sending no suffix: the pause ends it
    qtbot.waitUntil(lambda: "“ABC-1”, then nothing" in page.scan_result.text(), timeout=WAIT_MS)


def test_the_saved_suffix_reaches_the_till_scan_filter(qtbot: QtBot, page: DevicesPage,
                                                       data_dir: Path) -> None:  # fmt: skip
    qtbot.mouseClick(page.kind_buttons["none"], Qt.MouseButton.LeftButton)
    page.drawer.setCurrentIndex(page.drawer.findData("none"))
    page.suffix.setCurrentIndex(page.suffix.findData("tab"))
    with qtbot.waitSignal(page.done, timeout=WAIT_MS):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = till_device_config(data_dir)
    assert (saved.printer, saved.drawer, saved.keyboard_suffix) == (None, "none", "tab")
    assert scanner_config_for(saved.keyboard_suffix).suffix_keys == {int(Qt.Key.Key_Tab)}


def test_a_drawer_through_the_printer_needs_a_printer(
    qtbot: QtBot, page: DevicesPage, data_dir: Path
) -> None:
    qtbot.mouseClick(page.kind_buttons["none"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # default drawer: pin 2
    assert "needs a printer" in page.message.text()
    assert list(data_dir.iterdir()) == []


def test_skip_writes_nothing(qtbot: QtBot, page: DevicesPage, data_dir: Path) -> None:
    with qtbot.waitSignal(page.done) as done:
        qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    assert done.args == [False]
    assert list(data_dir.iterdir()) == []


def test_every_setting_round_trips_through_the_till_loader(tmp_path: Path) -> None:
    base = DeviceConfig(display="/dev/ttyUSB1", printer_timeout_s=1.5, code_page="CP437")
    choices = DeviceChoices(printer="network", host="printer.local", tcp_port="9101",
                            paper_width_mm=58, drawer="serial", drawer_port="/dev/ttyS1",
                            keyboard_suffix="none")  # fmt: skip
    config = config_from_choices(choices, base)
    path = tmp_path / "devices.toml"
    path.write_text(device_config_toml(config), encoding="utf-8")
    assert load_device_config(path) == config
    assert config.display == "/dev/ttyUSB1"  # what the form does not show is kept


def test_screenshots(qtbot: QtBot, sim: SimulatedPrinter, tmp_path: Path) -> None:
    out = Path(os.environ.get("OMNITILL_SCREENSHOT_DIR", str(tmp_path)))
    out.mkdir(parents=True, exist_ok=True)
    for width, height in ((1024, 768), (1920, 1080)):
        data = tmp_path / f"d{width}"
        data.mkdir()
        page = make_page(qtbot, data)
        try:
            page.resize(width, height)
            network(page, qtbot, sim.port)
            page.host.setText("127.0.0.1")
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda p=page: "Printer online" in result_text(p), timeout=WAIT_MS)
            qtbot.keyClicks(page.scan_test, "4006381333931")
            qtbot.keyClick(page.scan_test, Qt.Key.Key_Return)
            shot = out / f"10-first-run-devices-{width}x{height}.png"
            assert page.grab().save(str(shot))
            assert shot.stat().st_size > 10_000
        finally:
            page.shutdown()
