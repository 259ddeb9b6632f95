"""Fixtures for the hardware suite: real simulated devices (TCP printer, pty serial ports)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from hardware.escpos_printer import EscposPrinter, NetworkConnection, PrinterConfig
from hardware.sim.printer import SimulatedPrinter
from hardware.sim.serial_devices import PtyDevice
from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import EUR, Money
from pos_app.domain.receipt import ReceiptDocument, build_receipt
from pos_app.domain.sale.basket import Basket, Discount
from pos_app.domain.sale.tenders import Tender, TenderKind, settle
from pos_app.domain.tax import TaxMode, TaxRate

# Short enough that a hung printer fails a test quickly, long enough for a loaded CI machine.
TEST_TIMEOUT_S = 0.5

RATES = {
    "standard": TaxRate("standard", Decimal("0.20"), "VAT 20%"),
    "reduced": TaxRate("reduced", Decimal("0.055"), "VAT 5.5%"),
}


@pytest.fixture
def sim_printer() -> Iterator[SimulatedPrinter]:
    with SimulatedPrinter() as sim:
        yield sim


@pytest.fixture
def make_printer(sim_printer: SimulatedPrinter) -> Callable[..., EscposPrinter]:
    def _make(**overrides: object) -> EscposPrinter:
        kwargs: dict[str, object] = {
            "connection": NetworkConnection("127.0.0.1", sim_printer.port),
            "timeout_s": TEST_TIMEOUT_S,
        }
        kwargs.update(overrides)
        return EscposPrinter(PrinterConfig(**kwargs))  # type: ignore[arg-type]

    return _make


@pytest.fixture
def accented_receipt() -> ReceiptDocument:
    """A receipt whose text needs the code page: €, £, é, ü, ñ, and one unprintable (茶)."""
    basket = Basket(EUR, TaxMode.INCLUSIVE, RATES)
    basket.add_item(
        CatalogItem("CRB-1", "Crème brûlée", Money.of("3.50", EUR), "reduced", "deli"), 2
    )
    basket.add_item(CatalogItem("MUS-1", "Müsli Nüsse", Money.of("4.25", EUR), "reduced", "dry"))
    basket.add_line_discount(2, Discount("percent", Decimal(10), "loyalty"))
    basket.add_item(CatalogItem("TEA-1", "Green tea 茶", Money.of("2.00", EUR), "standard", "dry"))
    totals = basket.totals()
    settlement = settle(
        totals.total, [Tender(TenderKind.CASH, Money.of("20", EUR))], Decimal("0.05")
    )
    return build_receipt(
        basket_totals=totals,
        lines=basket.lines,
        settlement=settlement,
        store_name="Café España",
        store_lines=("1 Calle Mayor", "Prices in € · £ accepted · Señor"),
        till_id="T01",
        receipt_no="T01-000042",
        issued_at=datetime(2026, 3, 14, 15, 9, tzinfo=UTC),
        cashier="Zoë",
        footer=("¡Gracias! Merci · Danke schön",),
    )


@pytest.fixture
def pty_device() -> Iterator[Callable[..., PtyDevice]]:
    """Factory for pty-backed serial devices; every one made is closed at teardown."""
    made: list[PtyDevice] = []

    def _make(link: Path | None = None) -> PtyDevice:
        device = PtyDevice(link=link)
        made.append(device)
        return device

    yield _make
    for device in made:
        device.close()


@pytest.fixture
def serial_link(tmp_path: Path) -> Path:
    """A stable path for a serial device, re-pointed (symlink) at each new pty."""
    path = tmp_path / "ttyScanner"
    assert not os.path.lexists(path)
    return path
