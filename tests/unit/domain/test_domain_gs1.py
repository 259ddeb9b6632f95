"""GS1 element strings as scanners send them (FNC1 as GS), parsed through biip."""

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
