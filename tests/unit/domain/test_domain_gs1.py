"""GS1 element strings as scanners send them (FNC1 as GS), parsed through biip.

The reference samples are the GS1 DataMatrix examples of the GS1 General Specifications:
§4.15.1 Figure 4.15.1-1 (GTIN, serial, lot, expiry, AI 8200 product URL) and §2.6.14 Figure
2.6.14-3 (GTIN, expiry, lot). AI formats: §3.2 Figure 3.2-1; lot (AI 10) §3.4.1 Figure 3.4.1-1
(X..20, character set 82 of §7.11 Figure 7.11-1). The others below are made with GS1's example
GTIN 09501101530003 (GS1 Prefix 950: GS1's own examples).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pos_app.domain.gs1 import Gs1Error, parse_gs1

GS = "\x1d"


def test_gtin_expiry_lot_serial_and_weight() -> None:
    data = parse_gs1(f"0109501101530003172512311012345{GS}21ABC-9{GS}3103000750")
    assert data.gtin == "09501101530003"
    assert data.expiry == date(2025, 12, 31)
    assert data.lot == "12345"
    assert data.serial == "ABC-9"
    assert data.net_weight_kg == Decimal("0.750")
    assert [ai for ai, _ in data.elements] == ["01", "17", "10", "21", "3103"]


@pytest.mark.parametrize("prefix", ["]C1", "]d2", GS, "]C1" + GS])
def test_symbology_identifier_and_leading_fnc1_are_ignored(prefix: str) -> None:
    data = parse_gs1(f"{prefix}0109501101530003{GS}10LOT7\r")
    assert (data.gtin, data.lot) == ("09501101530003", "LOT7")


def test_variable_length_field_ends_at_the_separator_not_later() -> None:
    data = parse_gs1(f"10AB12{GS}21S1{GS}0109501101530003")
    assert (data.lot, data.serial, data.gtin) == ("AB12", "S1", "09501101530003")


def test_other_measures_keep_their_decimals() -> None:
    data = parse_gs1("01095011015300033922000499")  # 392x: price payable, 2 decimals
    assert data.measures == {}
    assert (data.amount_payable, data.amount_currency) == (Decimal("4.99"), None)
    assert data.net_weight_kg is None
    weight = parse_gs1("0109501101530003" + "3102012345")
    assert weight.net_weight_kg == Decimal("123.45")


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("0109501101530004", "GTIN"),  # wrong check digit
        ("01123", "valid GS1"),  # GTIN too short
        ("17251399", "valid GS1"),  # month 13
        ("xyz", "valid GS1"),  # no AI
        ("", "empty"),
        ("01" + "9" * 600, "too long"),
    ],
)
def test_malformed_codes_raise_a_clear_typed_error(raw: str, why: str) -> None:
    with pytest.raises(Gs1Error, match=why):
        parse_gs1(raw)


@pytest.mark.parametrize(
    ("scan", "gtin", "lot", "serial", "expiry"),
    [
        (  # GS1 General Specifications Figure 4.15.1-1, as a scanner transmits it
            f"]d20109504000059101" f"2112345678p901{GS}" f"101234567p{GS}" "17141120"
            "8200http://www.gs1.org/demo/",
            "09504000059101", "1234567p", "12345678p901", date(2014, 11, 20),
        ),
        (  # GS1 General Specifications Figure 2.6.14-3
            "]d20109501101530003" "17150119" "10AB-123",
            "09501101530003", "AB-123", None, date(2015, 1, 19),
        ),
    ],
    ids=["figure-4.15.1-1", "figure-2.6.14-3"],
)  # fmt: skip
def test_the_general_specifications_datamatrix_examples(
    scan: str, gtin: str, lot: str, serial: str | None, expiry: date
) -> None:
    data = parse_gs1(scan)
    assert (data.gtin, data.lot, data.serial, data.expiry) == (gtin, lot, serial, expiry)
