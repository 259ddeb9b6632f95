"""The receipt barcode fits the roll (issue 17 point 6), checked on what the simulated printer
parses out of the bytes: symbol width = (modules + quiet zones) x GS w, against the dots of a
58 mm (384) or 80 mm (576) roll. The configured QR code (a receipt / returns link) prints."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hardware.config import DeviceConfig
from hardware.escpos_printer import EscposPrinter, NetworkConnection, PrinterConfig
from hardware.receipt_barcode import code128_modules, code128_payload
from hardware.sim.escpos_parser import EscPosParser, PrintedBarcode, PrintedQr
from hardware.sim.printer import SimulatedPrinter
from pos_app.domain.receipt import ReceiptDocument

ENROLLED = "paris-11-T001-000123"


def _printed(printer: EscposPrinter, doc: ReceiptDocument) -> list[object]:
    parser = EscPosParser()
    return [*parser.feed(printer.render(doc)), *parser.flush()]


def _printer(width: int) -> EscposPrinter:
    return EscposPrinter(PrinterConfig(NetworkConnection("127.0.0.1"), paper_width_mm=width))  # type: ignore[arg-type]


def test_enrolled_receipt_number_on_80_mm_is_code128_with_set_c_and_fits(
    accented_receipt: ReceiptDocument,
) -> None:
    doc = replace(accented_receipt, receipt_no=ENROLLED, barcode=ENROLLED)
    [barcode] = [e for e in _printed(_printer(80), doc) if isinstance(e, PrintedBarcode)]

    assert (barcode.symbology, barcode.data) == ("CODE128", ENROLLED)
    assert barcode.module_width == 2
    assert barcode.width_dots <= 576
    # Code set B throughout took 255 modules (510 dots at 2): set C for "000123" saves 22.
    assert barcode.modules == 233


def test_enrolled_receipt_number_on_58_mm_is_printed_so_that_it_fits(
    accented_receipt: ReceiptDocument,
) -> None:
    doc = replace(accented_receipt, receipt_no=ENROLLED, barcode=ENROLLED)
    events = _printed(_printer(58), doc)

    barcodes = [e for e in events if isinstance(e, PrintedBarcode)]
    assert all(b.width_dots <= 384 for b in barcodes)
    # Even at 2 dots a module (Epson's narrowest) CODE128 needs 506 dots: a QR code instead.
    assert barcodes == []
    assert [e.data for e in events if isinstance(e, PrintedQr)] == [ENROLLED]


@pytest.mark.parametrize(("width", "dots"), [(58, 384), (80, 576)])
def test_a_short_receipt_number_takes_the_widest_module_that_fits(
    accented_receipt: ReceiptDocument, width: int, dots: int
) -> None:
    [barcode] = [
        e for e in _printed(_printer(width), accented_receipt) if isinstance(e, PrintedBarcode)
    ]
    assert barcode.data == accented_receipt.receipt_no  # T01-000042
    assert barcode.width_dots <= dots
    wider = (barcode.modules + 20) * (barcode.module_width + 1)  # one dot more per module
    assert wider > dots or barcode.module_width == 3


@pytest.mark.parametrize(
    ("text", "code_c"),
    [("000123", True), ("T01-000042", True), ("A-12-B", False), ("{x}1234567", True)],
)
def test_payload_round_trips_through_the_printer_decoder(text: str, code_c: bool) -> None:
    from hardware.sim.escpos_parser import code128_width_modules, decode_code128

    payload = code128_payload(text)
    assert decode_code128(payload) == text
    assert (b"{C" in payload) is code_c
    assert code128_width_modules(payload) == code128_modules(payload)


def test_the_configured_qr_link_is_printed(
    accented_receipt: ReceiptDocument,
    sim_printer: SimulatedPrinter,
) -> None:
    config = DeviceConfig(
        printer=sim_printer.url, qr_template="https://shop.example/r/{receipt_no}"
    )
    EscposPrinter(replace(config.printer_config(), timeout_s=0.5)).print_receipt(accented_receipt)

    [receipt] = sim_printer.wait_for_receipts(1)
    assert receipt.qr_codes == ["https://shop.example/r/T01-000042"]
    assert [b.data for b in receipt.barcodes] == ["T01-000042"]
