from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

import pytest

from pos_app.domain.errors import CurrencyMismatchError, DomainError, MoneyError
from pos_app.domain.money import (
    EUR,
    GBP,
    JPY,
    USD,
    Currency,
    Money,
    allocate,
    currency_by_code,
    round_half_up,
    sum_money,
)


def eur(value: str) -> Money:
    return Money.of(value, EUR)


class TestCurrency:
    def test_quantum_follows_minor_units(self) -> None:
        assert EUR.quantum == Decimal("0.01")
        assert str(EUR.quantum) == "0.01"
        assert JPY.quantum == Decimal(1)
        assert Currency("KWD", 3).quantum == Decimal("0.001")

    def test_lookup_by_code_is_case_insensitive(self) -> None:
        assert currency_by_code("usd") is USD
        assert currency_by_code(" GBP ") is GBP
        assert currency_by_code("JPY").minor_units == 0

    def test_unknown_code(self) -> None:
        with pytest.raises(MoneyError, match="XYZ"):
            currency_by_code("XYZ")

    @pytest.mark.parametrize(("code", "minor"), [("EU", 2), ("eur", 2), ("E1R", 2), ("EUR", 5)])
    def test_invalid_currency(self, code: str, minor: int) -> None:
        with pytest.raises(MoneyError):
            Currency(code, minor)


class TestConstruction:
    def test_float_is_refused_everywhere(self) -> None:
        with pytest.raises(TypeError):
            Money(0.1, EUR)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            Money.of(0.1, EUR)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            eur("1.00") * 1.5

    def test_int_and_bool_amount_refused_by_constructor(self) -> None:
        with pytest.raises(TypeError, match=r"Money\.of"):
            Money(5, EUR)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            Money.of(True, EUR)

    def test_of_accepts_str_int_decimal(self) -> None:
        assert Money.of("12.30", EUR).amount == Decimal("12.30")
        assert Money.of(" 7 ", EUR).amount == Decimal(7)
        assert Money.of(12, EUR).amount == Decimal(12)
        assert Money.of(Decimal("0.5"), EUR).amount == Decimal("0.5")

    @pytest.mark.parametrize("text", ["abc", "", "1,50", "NaN", "Infinity", "1" * 41])
    def test_of_rejects_junk_text(self, text: str) -> None:
        with pytest.raises(MoneyError):
            Money.of(text, EUR)

    def test_absurd_magnitude_refused(self) -> None:
        with pytest.raises(MoneyError, match="larger"):
            Money.of("1000000000000000", EUR)

    def test_zero_and_minor_units(self) -> None:
        assert str(Money.zero(EUR)) == "0.00 EUR"
        assert Money.from_minor(1234, EUR).amount == Decimal("12.34")
        assert Money.from_minor(-5, EUR) == eur("-0.05")
        assert Money.from_minor(500, JPY).amount == Decimal(500)
        assert eur("12.30").to_minor() == 1230
        assert eur("-0.07").to_minor() == -7
        assert Money.of(500, JPY).to_minor() == 500

    def test_to_minor_requires_rounded_amount(self) -> None:
        with pytest.raises(MoneyError, match="round it first"):
            eur("1.005").to_minor()

    def test_negative_zero_is_plain_zero(self) -> None:
        rounded = eur("-0.001").rounded()
        assert str(rounded) == "0.00 EUR"
        assert not rounded.is_negative()


class TestArithmetic:
    def test_add_sub_neg(self) -> None:
        assert eur("1.10") + eur("2.20") == eur("3.30")
        assert eur("1.10") - eur("2.20") == eur("-1.10")
        assert -eur("1.10") == eur("-1.10")

    def test_currency_mismatch(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="EUR and USD"):
            eur("1") + Money.of("1", USD)
        with pytest.raises(DomainError):
            eur("1") < Money.of("1", USD)  # noqa: B015

    def test_multiplication_is_exact(self) -> None:
        assert (eur("2.99") * Decimal("1.234")).amount == Decimal("3.68966")
        assert (3 * eur("0.10")).amount == Decimal("0.30")

    def test_rounding_is_half_away_from_zero(self) -> None:
        assert eur("0.125").rounded() == eur("0.13")
        assert eur("-0.125").rounded() == eur("-0.13")
        assert eur("0.124").rounded() == eur("0.12")
        assert eur("0.129").rounded(ROUND_DOWN) == eur("0.12")
        assert Money.of("2.5", JPY).rounded() == Money.of(3, JPY)

    def test_comparisons_and_predicates(self) -> None:
        assert eur("1.00") < eur("1.01") <= eur("1.01")
        assert eur("2") > eur("1.99") >= eur("1.99")
        assert eur("1.0") == eur("1.00")
        assert eur("0.00").is_zero()
        assert eur("-0.01").is_negative()
        assert not eur("0").is_negative()

    def test_money_has_no_truthiness_override(self) -> None:
        assert "__bool__" not in vars(Money)

    def test_str(self) -> None:
        assert str(eur("12.3")) == "12.30 EUR"
        assert str(Money.of(1500, JPY)) == "1500 JPY"
        assert str(eur("1.005")) == "1.005 EUR"

    def test_sum_money(self) -> None:
        assert sum_money([], EUR) == eur("0")
        assert sum_money([eur("1.01"), eur("2.02")], EUR) == eur("3.03")


class TestRoundHalfUp:
    def test_exact_fraction_ties(self) -> None:
        assert round_half_up(Fraction(1, 200), Decimal("0.01")) == Decimal("0.01")
        assert round_half_up(Fraction(-1, 200), Decimal("0.01")) == Decimal("-0.01")
        assert round_half_up(Fraction(1, 3), Decimal("0.01")) == Decimal("0.33")

    def test_to_a_cash_step(self) -> None:
        assert round_half_up(Decimal("10.03"), Decimal("0.05")) == Decimal("10.05")
        assert round_half_up(Decimal("10.02"), Decimal("0.05")) == Decimal("10.00")
        assert round_half_up(Decimal("10.025"), Decimal("0.05")) == Decimal("10.05")


class TestAllocate:
    def test_even_split_remainder_to_first_of_tied_largest(self) -> None:
        shares = allocate(eur("10.00"), [Decimal(1), Decimal(1), Decimal(1)])
        assert shares == [eur("3.34"), eur("3.33"), eur("3.33")]

    def test_remainder_goes_to_largest_weight(self) -> None:
        shares = allocate(eur("1.00"), [Decimal(1), Decimal(5), Decimal(1)])
        # exact: 0.142857, 0.714285, 0.142857 -> floors 0.14, 0.71, 0.14, remainder 0.01
        assert shares == [eur("0.14"), eur("0.72"), eur("0.14")]

    def test_negative_total_is_symmetric(self) -> None:
        positive = allocate(eur("1.00"), [Decimal(1), Decimal(5), Decimal(1)])
        negative = allocate(eur("-1.00"), [Decimal(1), Decimal(5), Decimal(1)])
        assert negative == [-share for share in positive]

    def test_zero_weights(self) -> None:
        assert allocate(eur("5.00"), [Decimal(0), Decimal(2)]) == [eur("0"), eur("5.00")]
        assert allocate(eur("5.00"), [Decimal(0), Decimal(0)]) == [eur("5.00"), eur("0")]

    def test_zero_total(self) -> None:
        assert allocate(eur("0"), [Decimal(3), Decimal(1)]) == [eur("0"), eur("0")]

    def test_jpy_whole_units(self) -> None:
        shares = allocate(Money.of(100, JPY), [Decimal(1), Decimal(1), Decimal(1)])
        assert [s.amount for s in shares] == [Decimal(34), Decimal(33), Decimal(33)]

    def test_refuses_bad_input(self) -> None:
        with pytest.raises(MoneyError):
            allocate(eur("1.00"), [])
        with pytest.raises(MoneyError):
            allocate(eur("1.00"), [Decimal(-1), Decimal(2)])
        with pytest.raises(MoneyError):
            allocate(eur("1.005"), [Decimal(1)])
        with pytest.raises(TypeError):
            allocate(eur("1.00"), [0.5, 0.5])  # type: ignore[list-item]
