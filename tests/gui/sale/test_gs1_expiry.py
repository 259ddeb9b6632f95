"""A GS1 DataMatrix scan on the sale screen (issue 17 point 4): the product is sold, and an
expired AI 17 date is shown to the cashier; a current one is not."""

from __future__ import annotations

from datetime import date, timedelta

from tests.helpers.gui import Driver

GS = "\x1d"
COFFEE_GTIN14 = "04006381333931"  # the seeded coffee's EAN-13 as a GTIN-14 (AI 01)


def _datamatrix(expiry: date, serial: str) -> str:
    return f"]d201{COFFEE_GTIN14}17{expiry:%y%m%d}10L42{GS}21{serial}"


def test_an_expired_unit_is_sold_and_the_cashier_is_warned(signed_in: Driver) -> None:
    d = signed_in
    expired = date.today() - timedelta(days=3)
    with d.qtbot.waitSignal(d.controller.error_shown, timeout=5000) as shown:
        d.controller.on_scanner_barcode_scanned(_datamatrix(expired, "S1"))

    assert f"Expired on {expired.isoformat()}" in shown.args[0]
    register = d.controller.register
    assert register is not None
    [line] = register.basket.lines
    assert line.item.sku == "COF-1"
    assert line.trace is not None
    assert (line.trace.lot, line.trace.serial) == ("L42", "S1")


def test_a_current_unit_sells_without_a_warning(signed_in: Driver) -> None:
    d = signed_in
    with d.qtbot.waitSignal(d.controller.line_added, timeout=5000):
        d.controller.on_scanner_barcode_scanned(_datamatrix(date.today(), "S2"))
    assert d.window.sale.message.level != "error"
