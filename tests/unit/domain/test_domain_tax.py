from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.errors import CurrencyMismatchError, DomainError, TaxError
from pos_app.domain.money import EUR, USD, Money
from pos_app.domain.tax import TaxLine, TaxMode, TaxRate, compute_tax


def eur(value: str) -> Money:
    return Money.of(value, EUR)


def rate(tax_class: str, value: str, label: str = "") -> TaxRate:
    return TaxRate(tax_class, Decimal(value), label or f"Tax {value}")


def one(amount: Money, r: TaxRate, mode: TaxMode) -> TaxLine:
    (line,) = compute_tax({r.tax_class: amount}, {r.tax_class: r}, mode)
    return line


class TestInclusive:
    def test_hand_computed_20_percent(self) -> None:
        line = one(eur("12.00"), rate("std", "0.20", "VAT 20%"), TaxMode.INCLUSIVE)
        assert line == TaxLine(
            "std", "VAT 20%", Decimal("0.20"), eur("10.00"), eur("2.00"), eur("12.00")
        )

    def test_hand_computed_5_5_percent(self) -> None:
        # 10.00 x 0.055 / 1.055 = 0.52132... -> 0.52
        line = one(eur("10.00"), rate("red", "0.055"), TaxMode.INCLUSIVE)
        assert (line.net, line.tax, line.gross) == (eur("9.48"), eur("0.52"), eur("10.00"))

    def test_zero_rate(self) -> None:
        line = one(eur("7.77"), rate("zero", "0"), TaxMode.INCLUSIVE)
        assert (line.net, line.tax) == (eur("7.77"), eur("0.00"))


class TestExclusive:
    def test_hand_computed_20_percent(self) -> None:
        line = one(eur("10.00"), rate("std", "0.20"), TaxMode.EXCLUSIVE)
        assert (line.net, line.tax, line.gross) == (eur("10.00"), eur("2.00"), eur("12.00"))

    def test_hand_computed_sales_tax(self) -> None:
        # 10.00 x 8.875 % = 0.8875 -> 0.89
        line = one(Money.of("10.00", USD), rate("ny", "0.08875"), TaxMode.EXCLUSIVE)
        assert line.tax == Money.of("0.89", USD)
        assert line.gross == Money.of("10.89", USD)

    def test_half_cent_rounds_up_and_returns_round_symmetrically(self) -> None:
        five = rate("r5", "0.05")
        assert one(eur("0.10"), five, TaxMode.EXCLUSIVE).tax == eur("0.01")
        assert one(eur("-0.10"), five, TaxMode.EXCLUSIVE).tax == eur("-0.01")
        assert one(eur("0.30"), five, TaxMode.EXCLUSIVE).tax == eur("0.02")  # 0.015
        assert one(eur("-0.30"), five, TaxMode.EXCLUSIVE).tax == eur("-0.02")


class TestComputeTax:
    def test_tax_once_per_class_on_the_sum(self) -> None:
        # Three 0.10 lines at 5 %: per-line rounding would give 3 x 0.01 = 0.03; on the sum
        # 0.30 x 5 % = 0.015 -> 0.02.
        line = one(eur("0.10") + eur("0.10") + eur("0.10"), rate("r5", "0.05"), TaxMode.EXCLUSIVE)
        assert line.tax == eur("0.02")

    def test_sorted_by_tax_class(self) -> None:
        rates = {c: rate(c, "0.10") for c in ("b", "a", "c")}
        lines = compute_tax({"c": eur("1"), "a": eur("2"), "b": eur("3")}, rates, TaxMode.INCLUSIVE)
        assert [t.tax_class for t in lines] == ["a", "b", "c"]

    def test_empty(self) -> None:
        assert compute_tax({}, {}, TaxMode.EXCLUSIVE) == []

    def test_unknown_tax_class(self) -> None:
        with pytest.raises(DomainError, match="'food'"):
            compute_tax({"food": eur("1.00")}, {"std": rate("std", "0.2")}, TaxMode.INCLUSIVE)

    def test_rate_filed_under_the_wrong_class(self) -> None:
        with pytest.raises(TaxError):
            compute_tax({"a": eur("1.00")}, {"a": rate("b", "0.2")}, TaxMode.INCLUSIVE)

    def test_mixed_currencies(self) -> None:
        rates = {"a": rate("a", "0.1"), "b": rate("b", "0.1")}
        with pytest.raises(CurrencyMismatchError):
            compute_tax({"a": eur("1"), "b": Money.of("1", USD)}, rates, TaxMode.INCLUSIVE)

    def test_unrounded_amount_refused(self) -> None:
        with pytest.raises(TaxError, match="minor unit"):
            one(eur("1.001"), rate("a", "0.1"), TaxMode.INCLUSIVE)

    def test_accepts_mode_as_string(self) -> None:
        line = compute_tax({"a": eur("10.00")}, {"a": rate("a", "0.2")}, "exclusive")  # type: ignore[arg-type]
        assert line[0].gross == eur("12.00")


class TestTaxRate:
    def test_percent(self) -> None:
        assert rate("a", "0.055").percent == Decimal("5.5")

    @pytest.mark.parametrize("value", ["20", "1", "-0.1"])
    def test_invalid_rates(self, value: str) -> None:
        with pytest.raises(TaxError):
            rate("a", value)

    def test_float_rate(self) -> None:
        with pytest.raises(TypeError):
            TaxRate("a", 0.2, "VAT")  # type: ignore[arg-type]

    def test_needs_class_and_label(self) -> None:
        with pytest.raises(TaxError):
            TaxRate("", Decimal("0.1"), "x")
        with pytest.raises(TaxError):
            TaxRate("a", Decimal("0.1"), " ")
