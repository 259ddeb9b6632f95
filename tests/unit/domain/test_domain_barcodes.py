from __future__ import annotations

import time
from decimal import Decimal

import pytest

from pos_app.domain.barcodes import (
    BarcodeError,
    ProductCode,
    VariableMeasureCode,
    VariableMeasureConfig,
    VariableMeasureRule,
    expand_upce,
    normalize_gtin,
    parse_scan,
)
from pos_app.domain.errors import DomainError


def with_check(body: str) -> str:
    """Independent GS1 check digit (weights 3,1,3... from the right) for building fixtures."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


class TestNormalizeValid:
    @pytest.mark.parametrize(
        ("raw", "canonical"),
        [
            ("4006381333931", "4006381333931"),  # EAN-13 (Wikipedia's example)
            ("5901234123457", "5901234123457"),  # EAN-13 (GS1 example)
            ("96385074", "96385074"),  # EAN-8
            ("036000291452", "0036000291452"),  # UPC-A -> GTIN-13
            ("04252614", "0042100005264"),  # UPC-E -> UPC-A 042100005264
            ("00036000291452", "0036000291452"),  # GTIN-14, indicator 0
            ("  4006381333931\r\n", "4006381333931"),  # scanner suffix whitespace
            ("\t96385074 ", "96385074"),
        ],
    )
    def test_canonical_form(self, raw: str, canonical: str) -> None:
        assert normalize_gtin(raw) == canonical

    def test_upc_a_and_its_upc_e_reach_the_same_key(self) -> None:
        assert normalize_gtin("04252614") == normalize_gtin("042100005264")

    @pytest.mark.parametrize(
        ("upce", "upca"),
        [
            ("01234565", "012345000065"),  # last digit 5-9
            ("04252614", "042100005264"),  # last digit 0-2
            ("01234531", "012300000451"),  # last digit 3
            ("01234543", "012340000053"),  # last digit 4
        ],
    )
    def test_expand_upce_table(self, upce: str, upca: str) -> None:
        assert expand_upce(upce) == upca

    def test_eight_digits_valid_as_ean8_are_read_as_ean8(self) -> None:
        # 01234565 is also a valid EAN-8; the documented rule gives EAN-8 precedence.
        assert normalize_gtin("01234565") == "01234565"
        # 01234531 is not a valid EAN-8 (its EAN-8 check digit is 4), so it is UPC-E.
        assert normalize_gtin("01234531") == "0012300000451"

    def test_expand_upce_refuses_non_upce(self) -> None:
        with pytest.raises(BarcodeError):
            expand_upce("21234565")


class TestNormalizeInvalid:
    @pytest.mark.parametrize("raw", ["", "   ", "\n"])
    def test_empty(self, raw: str) -> None:
        with pytest.raises(BarcodeError, match="empty"):
            normalize_gtin(raw)

    @pytest.mark.parametrize("raw", ["400638133393A", "4006-381333931", "40063813 33931", "٤٠٠٦"])
    def test_letters_or_symbols(self, raw: str) -> None:
        with pytest.raises(BarcodeError, match="contains letters or symbols"):
            normalize_gtin(raw)

    @pytest.mark.parametrize("raw", ["1", "1234567", "1234567890", "123456789012345"])
    def test_wrong_length_names_the_length(self, raw: str) -> None:
        with pytest.raises(BarcodeError, match=f"has {len(raw)} digits"):
            normalize_gtin(raw)

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("4006381333932", "1"),
            ("96385075", "4"),
            ("036000291453", "2"),
            ("00036000291451", "2"),
        ],
    )
    def test_bad_check_digit_says_expected(self, raw: str, expected: str) -> None:
        with pytest.raises(BarcodeError, match=f"expected {expected}, got {raw[-1]}"):
            normalize_gtin(raw)

    def test_bad_eight_digit_check_names_both_readings(self) -> None:
        # Neither EAN-8 (expects 4) nor UPC-E (expects 1) accepts a trailing 0.
        with pytest.raises(BarcodeError, match=r"expected 4 \(as EAN-8\) or 1 \(as UPC-E\)"):
            normalize_gtin("01234530")

    def test_case_level_gtin14_refused(self) -> None:
        code = with_check("1003600029145")
        with pytest.raises(BarcodeError, match="case or pack"):
            normalize_gtin(code)

    def test_huge_input_is_fast_and_message_short(self) -> None:
        raw = "4" * 10_000
        start = time.perf_counter()
        with pytest.raises(BarcodeError, match="too long") as info:
            normalize_gtin(raw)
        assert time.perf_counter() - start < 0.05
        assert "10000 characters" in str(info.value)
        assert len(str(info.value)) < 150

    def test_huge_garbage_with_control_chars_is_not_echoed(self) -> None:
        raw = "\x1b[2J" + "x" * 5000
        with pytest.raises(BarcodeError) as info:
            normalize_gtin(raw)
        assert "\x1b" not in str(info.value)
        assert len(str(info.value)) < 150

    def test_is_a_domain_error_and_value_error(self) -> None:
        with pytest.raises(DomainError):
            normalize_gtin("abc")
        with pytest.raises(ValueError, match="letters"):
            normalize_gtin("abc")

    def test_non_str_is_a_type_error(self) -> None:
        with pytest.raises(TypeError):
            normalize_gtin(4006381333931)  # type: ignore[arg-type]


class TestVariableMeasure:
    def test_weight_label_default_config(self) -> None:
        code = parse_scan("2012345012349", VariableMeasureConfig.default())
        assert code == VariableMeasureCode(
            lookup_code="2012345000001",
            item_code="12345",
            kind="weight",
            value=Decimal("1.234"),
            gtin="2012345012349",
        )

    def test_upc_number_system_2_maps_to_prefix_02(self) -> None:
        upca = with_check("20004200750")  # 11 digits + check = UPC-A
        code = parse_scan(upca, VariableMeasureConfig.default())
        assert isinstance(code, VariableMeasureCode)
        assert code.item_code == "00042"
        assert code.value == Decimal("0.750")
        assert code.lookup_code == with_check("020004200000")

    def test_price_label(self) -> None:
        config = VariableMeasureConfig(
            (VariableMeasureRule(prefix="21", kind="price", value_decimals=2),)
        )
        code = parse_scan(with_check("210004201299"), config)
        assert isinstance(code, VariableMeasureCode)
        assert code.kind == "price"
        assert code.value == Decimal("12.99")
        assert code.item_code == "00042"
        assert code.lookup_code == "2100042000001"

    def test_other_layout(self) -> None:
        config = VariableMeasureConfig(
            (
                VariableMeasureRule(
                    prefix="28", item_digits=4, value_digits=6, kind="price", value_decimals=2
                ),
            )
        )
        code = parse_scan(with_check("281234001999"), config)
        assert isinstance(code, VariableMeasureCode)
        assert (code.item_code, code.value) == ("1234", Decimal("19.99"))
        assert code.lookup_code == with_check("281234000000")

    def test_check_digit_validated_before_decoding(self) -> None:
        with pytest.raises(BarcodeError, match="check digit"):
            parse_scan("2012345012340", VariableMeasureConfig.default())

    def test_unconfigured_prefix_is_a_plain_product(self) -> None:
        config = VariableMeasureConfig(
            (VariableMeasureRule(prefix="21", kind="price", value_decimals=2),)
        )
        assert parse_scan("2012345012349", config) == ProductCode("2012345012349")
        assert parse_scan("4006381333931", config) == ProductCode("4006381333931")

    def test_ean8_starting_with_2_is_never_variable(self) -> None:
        code = with_check("2000001")
        assert parse_scan(code, VariableMeasureConfig.default()) == ProductCode(code)

    def test_rule_validation(self) -> None:
        with pytest.raises(DomainError, match="add up to 12"):
            VariableMeasureRule(
                prefix="21", item_digits=5, value_digits=4, kind="price", value_decimals=2
            )
        with pytest.raises(DomainError):
            VariableMeasureRule(prefix="2x", kind="price", value_decimals=2)
        with pytest.raises(DomainError):
            VariableMeasureRule(prefix="21", kind="volume", value_decimals=2)  # type: ignore[arg-type]
        with pytest.raises(DomainError):
            VariableMeasureRule(prefix="21", kind="weight", value_decimals=6)

    def test_overlapping_prefixes_refused(self) -> None:
        with pytest.raises(DomainError, match="overlap"):
            VariableMeasureConfig(
                (
                    VariableMeasureRule(
                        prefix="2", item_digits=6, value_digits=5, kind="price", value_decimals=2
                    ),
                    VariableMeasureRule(prefix="21", kind="price", value_decimals=2),
                )
            )

    def test_default_config_prefixes(self) -> None:
        prefixes = {rule.prefix for rule in VariableMeasureConfig.default().rules}
        assert prefixes == {f"2{d}" for d in range(10)} | {"02"}
        assert all(
            r.kind == "weight" and r.value_decimals == 3
            for r in VariableMeasureConfig.default().rules
        )
