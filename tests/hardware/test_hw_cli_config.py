"""`omnitill devices` against the simulated printer; printer addresses; USB/CUPS connectors."""

from __future__ import annotations

import argparse
import io
import threading

import pytest

from hardware import cli as devices_cli
from hardware.base import DeviceUnavailableError, PaperLevel
from hardware.escpos_printer import (
    Connection,
    CupsConnection,
    EscposPrinter,
    FileConnection,
    NetworkConnection,
    PrinterConfig,
    SerialConnection,
    UsbConnection,
    parse_printer_url,
)
from hardware.sim.escpos_parser import EscPosParser, PrintedBarcode, PrintedLine
from hardware.sim.printer import SimulatedPrinter
from pos_app import cli


def test_devices_test_prints_the_test_receipt_and_reports_status(
    sim_printer: SimulatedPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["devices", "test", "--printer", sim_printer.url, "--timeout", "1", "--kick"])

    out = capsys.readouterr().out
    assert code == 0, out
    assert "status: ready (paper ok, cover closed)" in out
    assert "test receipt: printed" in out
    [receipt] = sim_printer.wait_for_receipts(1)
    assert "Code page check: € £ é ü ñ" in receipt.text
    assert len(sim_printer.wait_for_kicks(1)) == 1


def test_devices_test_reports_a_printer_that_is_not_there(
    sim_printer: SimulatedPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    sim_printer.refuse_connections(True)
    code = cli.main(["devices", "test", "--printer", sim_printer.url, "--timeout", "0.5"])
    assert code == 1
    assert "status: FAILED" in capsys.readouterr().out


def test_sim_printer_command_runs_until_stopped_and_shows_what_it_printed() -> None:
    out = io.StringIO()
    stop = threading.Event()
    args = argparse.Namespace(devices_command="sim-printer", host="127.0.0.1", port=0)
    thread = threading.Thread(target=devices_cli.run, args=(args, out, stop))
    thread.start()
    try:
        # The port is OS-assigned; read it from the banner once it is there.
        for _ in range(500):
            if "listening on" in out.getvalue():
                break
            stop.wait(0.01)
        url = out.getvalue().split("listening on ")[1].split()[0]
        printer = EscposPrinter(PrinterConfig(parse_printer_url(url), timeout_s=1))
        printer.print_receipt(devices_cli.sample_receipt())
        for _ in range(500):
            if "[--- cut ---]" in out.getvalue():
                break
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join(timeout=5)
    transcript = out.getvalue()
    assert "[barcode CODE128: TEST-000001]" in transcript
    assert "Crème brûlée" in transcript
    assert "[--- cut ---]" in transcript


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("tcp://10.0.0.5", NetworkConnection("10.0.0.5", 9100)),
        ("tcp://printer.local:9101", NetworkConnection("printer.local", 9101)),
        ("serial:///dev/ttyS0?baud=9600", SerialConnection("/dev/ttyS0", 9600)),
        ("usb://04b8:0202", UsbConnection(0x04B8, 0x0202)),
        ("cups://Kitchen", CupsConnection("Kitchen")),
        ("file:///dev/usb/lp0", FileConnection("/dev/usb/lp0")),
    ],
)
def test_printer_addresses(url: str, expected: Connection) -> None:
    assert parse_printer_url(url) == expected


@pytest.mark.parametrize("url", ["http://x", "tcp://", "usb://zz:01"])
def test_bad_printer_addresses_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        parse_printer_url(url)


class FakeUsbConnector:
    """MOCK AT A BOUNDARY: there is no USB printer (nor pyusb) here. It stands in for
    escpos.printer.Usb: records what is written and answers DLE EOT like a TM-T88 would."""

    def __init__(self, replies: dict[bytes, bytes]) -> None:
        self.replies = replies
        self.written = bytearray()
        self.opened = self.closed = 0

    def open(self) -> None:
        self.opened += 1

    def close(self) -> None:
        self.closed += 1

    def _raw(self, data: bytes) -> None:
        self.written += data

    def query_status(self, mode: bytes) -> bytes:
        return self.replies[mode]


def test_usb_printer_renders_sends_and_reads_status_through_its_connector() -> None:
    fake = FakeUsbConnector({b"\x10\x04\x01": b"\x16", b"\x10\x04\x02": b"\x12",
                             b"\x10\x04\x04": b"\x1e"})  # fmt: skip
    made: list[tuple[Connection, float]] = []

    def factory(connection: Connection, timeout: float) -> FakeUsbConnector:
        made.append((connection, timeout))
        return fake

    usb = UsbConnection(0x04B8, 0x0202)
    printer = EscposPrinter(PrinterConfig(usb, timeout_s=2), connector=factory)
    printer.print_receipt(devices_cli.sample_receipt())

    status = printer.status()
    assert (status.paper, status.drawer_sensor_high) == (PaperLevel.NEAR_END, True)
    assert made[0] == (usb, 2)
    assert fake.opened == fake.closed == 2  # open, print, close per job
    events = EscPosParser().feed(bytes(fake.written))
    assert PrintedBarcode("CODE128", "TEST-000001") in events
    assert any(isinstance(e, PrintedLine) and "Crème brûlée" in e.text for e in events)


def test_cups_connector_cannot_report_status_and_prints_unchecked() -> None:
    # MOCK AT A BOUNDARY: no CUPS server (nor pycups) here; the fake stands in for CupsPrinter.
    fake = FakeUsbConnector({})
    printer = EscposPrinter(PrinterConfig(CupsConnection("Front")), connector=lambda c, t: fake)
    assert not printer.can_read_status
    printer.print_receipt(devices_cli.sample_receipt())
    assert fake.written.startswith(b"\x1b@\x1bt\x13")


def test_missing_usb_backend_is_a_typed_error_not_a_crash() -> None:
    # The real escpos Usb connector, here without pyusb or a device: must map to our error.
    printer = EscposPrinter(PrinterConfig(UsbConnection(0x04B8, 0x0202), timeout_s=1))
    with pytest.raises(DeviceUnavailableError, match="needs pyusb"):
        printer.print_receipt(devices_cli.sample_receipt())
