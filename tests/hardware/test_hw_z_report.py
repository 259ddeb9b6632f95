"""A Z report printed on the simulated ESC/POS printer (58 and 80 mm) and decoded from its
bytes: the paper says what the screen and the PDF say, through the receipts' renderer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from hardware.escpos_printer import EscposPrinter
from hardware.sim.printer import SimulatedPrinter
from pos_app.domain.shifts.report_text import render_report
from pos_app.services.shifts.archive import load_z
from pos_app.services.shifts.service import ShiftService
from tests.helpers.shift_day import Clock, close, count, open_shift, ring

MakePrinter = Callable[..., EscposPrinter]


@pytest.mark.parametrize("paper", [58, 80])
def test_z_report_bytes_decode_to_the_report_text(
    paper: int,
    seeded: sessionmaker[Session],
    make_printer: MakePrinter,
    sim_printer: SimulatedPrinter,
) -> None:
    service = ShiftService(clock=Clock())
    open_shift(seeded, service, count(n2000=1))
    ring(seeded, ["0036000291452"], cash="20")  # a 15.00 shirt, 5.00 change
    ring(seeded, ["4006381333931"], card=True)  # 8.99 coffee on the card
    close(seeded, service, count(n2000=1, n1000=1, n500=1))  # 35.00, as expected
    with seeded() as session:
        z = load_z(session, till_id="till-1", store_name="Test Store", z_no=1, copy=False)
    printer = make_printer(paper_width_mm=paper)
    lines = render_report(z.header, z.figures, printer.columns)

    printer.print_report(lines)

    [printed] = sim_printer.wait_for_receipts(1)
    assert [line.text for line in printed.lines] == lines
    assert printer.columns == (32 if paper == 58 else 42)
    assert all(len(line.text) <= printer.columns for line in printed.lines)
    title = next(line for line in printed.lines if line.text.strip() == "Z REPORT #1")
    assert title.bold
    cash = next(line.text for line in printed.lines if line.text.startswith("Cash "))
    assert cash.endswith("35.00")
    net = next(line for line in printed.lines if line.text.startswith("NET SALES"))
    assert net.bold
    assert net.text.endswith("23.99")
    assert printed.cut


@pytest.mark.parametrize(
    ("locale", "title", "cash", "net", "grand"),
    [
        ("fr_FR", "RAPPORT Z #1", "Espèces", "VENTES NETTES", "GRAND TOTAL (perpétuel)"),
        ("de_DE", "Z-BERICHT #1", "Bar", "NETTOUMSATZ", "GESAMTSUMME (fortlaufend)"),
    ],
)
def test_z_report_in_the_store_language(
    locale: str,
    title: str,
    cash: str,
    net: str,
    grand: str,
    seeded: sessionmaker[Session],
    make_printer: MakePrinter,
    sim_printer: SimulatedPrinter,
) -> None:
    service = ShiftService(clock=Clock())
    open_shift(seeded, service, count(n2000=1))
    ring(seeded, ["0036000291452"], cash="20")
    close(seeded, service, count(n2000=1, n1000=1, n500=1))
    with seeded() as session:
        z = load_z(session, till_id="till-1", store_name="Test", z_no=1, copy=True, locale=locale)
    printer = make_printer()
    lines = render_report(z.header, z.figures, printer.columns)
    printer.print_report(lines)

    [printed] = sim_printer.wait_for_receipts(1)
    assert [line.text for line in printed.lines] == lines  # é and ü as text (CP858)
    big = {line.text.strip() for line in printed.lines if line.bold}
    assert title in big
    assert any(text.startswith(net) and text.endswith("15,00") for text in big)
    assert any(text.startswith(grand) for text in big)  # the perpetual total, emphasised
    assert next(line for line in printed.lines if line.invert).text.strip().startswith("***")
    assert any(line.text.startswith(cash) and line.text.endswith("35,00") for line in printed.lines)
    assert not any("REPORT" in line.text or "Cash " in line.text for line in printed.lines)
