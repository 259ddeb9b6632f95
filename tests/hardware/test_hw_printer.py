"""Receipts printed through python-escpos' Network connector to the simulated TCP printer."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import pytest

from hardware.base import (
    CoverOpenError,
    DeviceTimeoutError,
    DeviceUnavailableError,
    MalformedReplyError,
    PaperLevel,
    PaperOutError,
)
from hardware.escpos_printer import EscposPrinter, NetworkConnection, PrinterConfig
from hardware.sim.printer import SimulatedPrinter
from pos_app.domain.receipt import ReceiptDocument, render_text
from pos_app.services.sale.checkout import CompletedSale

MakePrinter = Callable[..., EscposPrinter]
# A hung printer must fail within the configured timeout (0.5 s) plus scheduling slack.
BOUND_S = 2.0


def test_real_sale_prints_with_lines_totals_barcode_and_cut(
    sell: Callable[..., CompletedSale], make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sale = sell(["4006381333931", "96385074", "96385074"], tendered="20")
    printer = make_printer()

    printer.print_receipt(sale.receipt)

    [receipt] = sim_printer.wait_for_receipts(1)
    text = receipt.text
    assert "Test Store" in text
    assert "Arabica Coffee Beans 500 g" in text
    assert "Whole Milk 1 L" in text
    assert "  2 x 1.19" in text
    total = next(line for line in receipt.lines if line.text.startswith("TOTAL EUR"))
    assert total.text.endswith(sale.receipt.total.format_amount())
    assert total.bold
    assert total.double_height
    change = next(line.text for line in receipt.lines if line.text.startswith("Change"))
    assert change.endswith(sale.settlement.change.format_amount())
    assert [(b.symbology, b.data) for b in receipt.barcodes] == [("CODE128", sale.receipt_no)]
    assert receipt.cut
    # Paper says exactly what the plain-text receipt (preview, e-mail, journal) says.
    assert [line.text for line in receipt.lines] == render_text(sale.receipt, 42).splitlines()


def test_code_page_prints_euro_pound_and_accents_and_degrades_the_rest(
    accented_receipt: ReceiptDocument, make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    make_printer().print_receipt(accented_receipt)

    [receipt] = sim_printer.wait_for_receipts(1)
    text = receipt.text
    assert "Café España" in text
    assert "Prices in € · £ accepted · Señor" in text
    assert "Crème brûlée" in text
    assert "Müsli Nüsse" in text
    assert "Cashier Zoë" in text
    assert "¡Gracias! Merci · Danke schön" in text
    assert "Green tea ?" in text  # 茶 is in no code page of this printer: visible, no crash


def test_code_page_is_selected_in_every_job_after_init(
    accented_receipt: ReceiptDocument, make_printer: MakePrinter
) -> None:
    # python-escpos 3.1 can skip ESC t after ESC @; our bytes must always carry it.
    printer = make_printer()
    first, second = printer.render(accented_receipt), printer.render(accented_receipt)
    for job in (first, second):
        assert job.startswith(b"\x1b@\x1bt\x13")  # ESC @, ESC t 19 (CP858)
        assert "€".encode("cp858") in job
        assert b"\xe2\x82\xac" not in job


def test_control_characters_in_names_never_reach_the_printer_as_commands(
    accented_receipt: ReceiptDocument, make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    from dataclasses import replace

    evil = replace(accented_receipt, store_name="Shop\x1bp\x00\x19\x19\x1dV\x00")
    make_printer().print_receipt(evil)

    [receipt] = sim_printer.wait_for_receipts(1)
    assert sim_printer.drawer_kicks == []
    assert receipt.text.splitlines()[0].strip().startswith("Shop p")


@pytest.mark.parametrize(("width_mm", "columns"), [(58, 32), (80, 42)])
def test_paper_width_sets_the_line_width(
    sell: Callable[..., CompletedSale],
    make_printer: MakePrinter,
    sim_printer: SimulatedPrinter,
    width_mm: int,
    columns: int,
) -> None:
    sale = sell(["4006381333931"])
    make_printer(paper_width_mm=width_mm).print_receipt(sale.receipt)

    [receipt] = sim_printer.wait_for_receipts(1)
    widths = [len(line.text) for line in receipt.lines]
    assert max(widths) == columns
    assert "-" * columns in receipt.text.splitlines()


def test_optional_qr_code_carries_the_receipt_link(
    sell: Callable[..., CompletedSale], make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sale = sell(["96385074"])
    make_printer(qr_template="https://shop.example/r/{receipt_no}").print_receipt(sale.receipt)

    [receipt] = sim_printer.wait_for_receipts(1)
    assert receipt.qr_codes == [f"https://shop.example/r/{sale.receipt_no}"]


def test_status_ready_then_paper_near_end(
    make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    printer = make_printer()
    status = printer.status()
    assert (status.online, status.paper, status.cover_open) == (True, PaperLevel.OK, False)

    sim_printer.set_paper(near_end=True)
    assert printer.status().paper is PaperLevel.NEAR_END


def test_paper_out_refuses_the_job_and_prints_it_when_paper_is_back(
    sell: Callable[..., CompletedSale], make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sale = sell(["96385074"])
    printer = make_printer()
    sim_printer.set_paper(out=True)

    with pytest.raises(PaperOutError):
        printer.print_receipt(sale.receipt)
    assert printer.status().paper is PaperLevel.OUT
    assert sim_printer.receipts == []

    sim_printer.set_paper(out=False)
    printer.print_receipt(sale.receipt)
    assert len(sim_printer.wait_for_receipts(1)) == 1


def test_cover_open_is_a_typed_error(
    sell: Callable[..., CompletedSale], make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sim_printer.set_cover_open(True)
    with pytest.raises(CoverOpenError):
        make_printer().print_receipt(sell(["96385074"]).receipt)
    assert make_printer().status().cover_open


def test_printer_that_stops_answering_times_out_within_the_bound(
    make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sim_printer.set_offline(True)
    printer = make_printer()

    started = time.monotonic()
    with pytest.raises(DeviceTimeoutError):
        printer.status()
    elapsed = time.monotonic() - started

    assert 0.4 <= elapsed < BOUND_S  # it did wait for the reply, and not for long


def test_refused_connection_is_unavailable_and_recovers(
    make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    printer = make_printer()
    sim_printer.refuse_connections(True)
    started = time.monotonic()
    with pytest.raises(DeviceUnavailableError):
        printer.status()
    assert time.monotonic() - started < BOUND_S

    sim_printer.refuse_connections(False)
    assert printer.status().online


def test_garbage_status_reply_is_rejected_not_believed() -> None:
    # A "printer" that answers every status request with 0x00 (python-escpos would call
    # that "paper OK"): the reply does not have the 0xx1xx10 shape.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        printer = EscposPrinter(PrinterConfig(NetworkConnection("127.0.0.1", port), timeout_s=0.5))
        import threading

        def answer() -> None:
            client, _ = server.accept()
            with client:
                client.recv(16)
                client.sendall(b"\x00")
                client.recv(16)

        thread = threading.Thread(target=answer)
        thread.start()
        with pytest.raises(MalformedReplyError):
            printer.status()
        thread.join(timeout=2)
