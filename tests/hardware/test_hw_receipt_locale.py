"""Receipts in the store's language (issue 22 point 5), decoded from the ESC/POS bytes the
simulated printer received: labels from the catalogs, numbers and dates by CLDR, and the code
page chosen for the language (CP858 for French and German, CP852 for Polish)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from hardware.escpos_printer import EscposPrinter
from hardware.sim.escpos_parser import PrintedImage
from hardware.sim.printer import SimulatedPrinter
from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import EUR, Money
from pos_app.domain.receipt import ReceiptDocument, build_receipt
from pos_app.domain.sale.basket import Basket, Discount
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind, settle
from pos_app.domain.tax import TaxMode
from tests.hardware.conftest import RATES

PARIS = timezone(timedelta(hours=1))


def _receipt(locale: str, store_name: str = "Épicerie Müller") -> ReceiptDocument:
    basket = Basket(EUR, TaxMode.INCLUSIVE, RATES)
    basket.add_item(CatalogItem("TV-1", "Téléviseur", Money.of("1234.50", EUR), "standard", "tv"))
    basket.add_item(
        CatalogItem(
            "CHS-1", "Comté", Money.of("24.00", EUR), "reduced", "deli", sold_by_weight=True
        ),
        Decimal("0.753"),
    )
    basket.add_line_discount(1, Discount("percent", Decimal(10), "fidélité"))
    totals = basket.totals()
    tenders = [
        Tender(
            TenderKind.CARD, Money.of("1000.00", EUR), card=CardReference("A1B2", "4242", "VISA")
        ),
        Tender(TenderKind.CASH, Money.of("200", EUR)),
    ]
    return build_receipt(
        basket_totals=totals,
        lines=basket.lines,
        settlement=settle(totals.total, tenders, Decimal("0.05")),
        store_name=store_name,
        till_id="T01",
        receipt_no="T01-000042",
        issued_at=datetime(2026, 3, 14, 15, 9, tzinfo=PARIS),
        cashier="Zoë",
        offline=True,
        locale=locale,
    )


def _print(doc: ReceiptDocument, printer: EscposPrinter, sim: SimulatedPrinter) -> str:
    job = printer.render(doc)
    printer.send(job)
    [receipt] = sim.wait_for_receipts(1)
    assert not [i for i in receipt.items if isinstance(i, PrintedImage)]  # all of it as text
    return receipt.text


def test_a_french_receipt(
    make_printer: Callable[..., EscposPrinter], sim_printer: SimulatedPrinter
) -> None:
    printer = make_printer()
    doc = _receipt("fr_FR")
    job = printer.render(doc)
    assert job.startswith(b"\x1b@\x1bt\x13")  # ESC t 19: CP858, é and à as text
    text = _print(doc, printer, sim_printer)
    lines = text.splitlines()
    assert "*** HORS LIGNE ***" in text
    assert any(line.startswith("Ticket T01-000042") and "Caisse T01" in line for line in lines)
    assert any(line.startswith("14/03/2026 15:09") and "Caissier Zoë" in line for line in lines)
    assert any(line.startswith("Téléviseur") and line.endswith("1 234,50") for line in lines)
    assert any(line.startswith("  10 % de remise : fidélité") for line in lines)
    assert "  0,753 kg x 24,00/kg" in lines
    assert any(line.startswith("Sous-total") for line in lines)
    assert any(line.startswith("TOTAL EUR") and line.endswith("1 129,12") for line in lines)
    assert any(line.startswith("Arrondi espèces") and line.endswith("-0,02") for line in lines)
    assert any(line.startswith("À PAYER EUR") and line.endswith("1 129,10") for line in lines)
    assert any(line.startswith("Carte VISA ****4242 (autor. A1B2)") for line in lines)
    assert any(line.startswith("Espèces") for line in lines)
    assert any(line.startswith("Rendu") for line in lines)
    assert "TVA (incluse)" in lines
    assert any(line.split() == ["HT", "Taxes", "TTC"] for line in lines)
    assert "VAT 5.5% 5,5 %" not in text  # the label already says the rate: not twice
    assert any(line.startswith("VAT 5.5%") for line in lines)
    for english in ("Subtotal", "TOTAL EUR 1,", "Change", "Cashier", "2026-03-14"):
        assert english not in text


def test_a_german_receipt(
    make_printer: Callable[..., EscposPrinter], sim_printer: SimulatedPrinter
) -> None:
    text = _print(_receipt("de_DE"), make_printer(), sim_printer)
    lines = text.splitlines()
    assert any(line.startswith("Beleg T01-000042") and "Kasse T01" in line for line in lines)
    assert any(line.startswith("14.03.26, 15:09") and "Kassierer Zoë" in line for line in lines)
    assert any(line.startswith("Zwischensumme") for line in lines)
    assert any(line.startswith("SUMME EUR") and line.endswith("1.129,12") for line in lines)
    assert any(line.startswith("  10 % Rabatt: fidélité") for line in lines)
    assert any(line.startswith("ZU ZAHLEN EUR") for line in lines)
    assert any(line.startswith("Karte VISA ****4242 (Genehm. A1B2)") for line in lines)
    assert any(line.startswith("Rückgeld") for line in lines)
    assert "MwSt. (enthalten)" in lines
    assert "  0,753 kg x 24,00/kg" in lines


def test_the_total_lines_stay_bold_in_every_language(
    make_printer: Callable[..., EscposPrinter], sim_printer: SimulatedPrinter
) -> None:
    printer = make_printer()
    printer.print_receipt(_receipt("de_DE"))
    [receipt] = sim_printer.wait_for_receipts(1)
    big = [line.text for line in receipt.lines if line.bold and line.double_height]
    assert any(text.startswith("SUMME EUR") for text in big)
    assert any(text.startswith("ZU ZAHLEN EUR") for text in big)
    inverted = [line.text.strip() for line in receipt.lines if line.invert]
    assert inverted == ["*** OFFLINE ***"]


@pytest.mark.parametrize(("locale", "page_byte"), [("pl_PL", b"\x12"), ("fr_FR", b"\x13")])
def test_the_code_page_follows_the_language(
    locale: str,
    page_byte: bytes,
    make_printer: Callable[..., EscposPrinter],
    sim_printer: SimulatedPrinter,
) -> None:
    doc = _receipt(locale, store_name="Sklep Łódź")
    printer = make_printer()
    assert printer.render(doc).startswith(b"\x1b@\x1bt" + page_byte)
    printer.print_receipt(doc)
    [receipt] = sim_printer.wait_for_receipts(1)
    images = [i for i in receipt.items if isinstance(i, PrintedImage)]
    if locale == "pl_PL":  # CP852 has Ł and ź: the name prints as text
        assert "Sklep Łódź" in receipt.text
        assert not images
    else:  # CP858 has not: the image fallback prints the line
        assert images


def test_a_configured_code_page_is_kept(make_printer: Callable[..., EscposPrinter]) -> None:
    printer = make_printer(code_page="CP1252")
    assert printer.render(_receipt("pl_PL")).startswith(b"\x1b@\x1bt\x10")  # ESC t 16
