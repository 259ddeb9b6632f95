"""Status is advice, not a gate (issue 17 points 1 and 2).

Against the simulated network printer with its status replies switched off (a print server
that only forwards), and the simulated serial printer behind a pty answering within 1 ms.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from hardware.base import CoverOpenError, DeviceTimeoutError, PaperOutError
from hardware.escpos_printer import EscposPrinter, PrinterConfig
from hardware.printer_connections import SerialConnection, make_connector, parse_printer_url
from hardware.sim.printer import SimulatedPrinter
from hardware.sim.serial_devices import PtyDevice
from hardware.sim.serial_printer import SimulatedSerialPrinter
from pos_app.domain.receipt import ReceiptDocument

MakePrinter = Callable[..., EscposPrinter]
SERIAL_TIMEOUT_S = 3.0


def test_auto_printer_that_never_answers_status_prints_every_receipt_and_stops_asking(
    accented_receipt: ReceiptDocument, make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sim_printer.set_status_replies(False)
    printer = make_printer()  # status = "auto" by default

    printer.print_receipt(accented_receipt)
    asked = sim_printer.status_requests
    printer.print_receipt(accented_receipt)

    assert len(sim_printer.wait_for_receipts(2)) == 2
    assert asked == 1  # one query went unanswered: learned silent
    assert sim_printer.status_requests == asked  # the second receipt did not ask
    assert not printer.asks_status


def test_required_status_keeps_the_receipt_when_the_printer_does_not_answer(
    accented_receipt: ReceiptDocument, make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sim_printer.set_status_replies(False)
    printer = make_printer(status="required")

    with pytest.raises(DeviceTimeoutError):
        printer.print_receipt(accented_receipt)
    with pytest.raises(DeviceTimeoutError):
        printer.print_receipt(accented_receipt)  # asked again: required never learns silence

    assert sim_printer.receipts == []
    assert sim_printer.status_requests == 2


def test_status_off_never_asks(
    accented_receipt: ReceiptDocument, make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    make_printer(status="off").print_receipt(accented_receipt)

    assert len(sim_printer.wait_for_receipts(1)) == 1
    assert sim_printer.status_requests == 0


@pytest.mark.parametrize(
    ("setup", "error"),
    [
        (lambda sim: sim.set_paper(out=True), PaperOutError),
        (lambda sim: sim.set_cover_open(True), CoverOpenError),
    ],
    ids=["paper-out", "cover-open"],
)
def test_auto_still_acts_on_paper_out_and_cover_open(
    accented_receipt: ReceiptDocument,
    make_printer: MakePrinter,
    sim_printer: SimulatedPrinter,
    setup: Callable[[SimulatedPrinter], None],
    error: type[Exception],
) -> None:
    setup(sim_printer)
    with pytest.raises(error):
        make_printer().print_receipt(accented_receipt)
    assert sim_printer.receipts == []


def test_auto_printer_that_answered_and_then_goes_quiet_is_offline(
    accented_receipt: ReceiptDocument, make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    # A printer known to answer that stops answering is in trouble (hung, powering off):
    # the receipt waits rather than being sent into silence.
    printer = make_printer()
    printer.print_receipt(accented_receipt)
    sim_printer.set_status_replies(False)

    with pytest.raises(DeviceTimeoutError):
        printer.print_receipt(accented_receipt)
    assert len(sim_printer.receipts) == 1


# -- serial (pty) --------------------------------------------------------------------------


@pytest.fixture
def serial_printer(pty_device: Callable[..., PtyDevice]) -> Iterator[SimulatedSerialPrinter]:
    sim = SimulatedSerialPrinter(pty_device(), baudrate=115200).start()
    yield sim
    sim.stop()


def test_serial_status_check_returns_when_the_byte_is_there_not_at_the_timeout(
    serial_printer: SimulatedSerialPrinter, accented_receipt: ReceiptDocument
) -> None:
    printer = EscposPrinter(
        PrinterConfig(parse_printer_url(serial_printer.url), timeout_s=SERIAL_TIMEOUT_S)
    )

    started = time.monotonic()
    status = printer.status()
    elapsed = time.monotonic() - started

    assert status.online
    # Three queries; reading 16 bytes made each one wait the whole timeout (3 x 3 s).
    assert elapsed < SERIAL_TIMEOUT_S / 3
    printer.print_receipt(accented_receipt)
    [receipt] = serial_printer.wait_for_receipts(1)
    assert "Crème brûlée" in receipt.text


@pytest.mark.parametrize("flow", ["rtscts", "xonxoff", "none"])
def test_serial_flow_control_is_set_on_the_port(
    serial_printer: SimulatedSerialPrinter, flow: str
) -> None:
    connection = parse_printer_url(f"{serial_printer.url}&flow={flow}")
    assert isinstance(connection, SerialConnection)
    conn = make_connector(connection, 1.0)
    conn.open()
    try:
        assert conn.device.rtscts is (flow == "rtscts")
        assert conn.device.xonxoff is (flow == "xonxoff")
        assert conn.device.baudrate == 115200
    finally:
        conn.close()


def test_serial_flow_control_must_be_one_of_the_known_ones() -> None:
    with pytest.raises(ValueError, match="rtscts, xonxoff"):
        parse_printer_url("serial:///dev/ttyS0?flow=dsrdtr")
