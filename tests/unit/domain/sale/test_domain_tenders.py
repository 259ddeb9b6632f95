from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.errors import CurrencyMismatchError, TenderError
from pos_app.domain.money import EUR, USD, Money
from pos_app.domain.sale.tenders import (
    CardReference,
    Settlement,
    Tender,
    TenderKind,
    cash_due,
    settle,
)

STEP = Decimal("0.05")
VISA = CardReference("123456", "1234", "VISA", "T1-0042")


def eur(value: str) -> Money:
    return Money.of(value, EUR)


def cash(value: str) -> Tender:
    return Tender(TenderKind.CASH, eur(value))


def card(value: str) -> Tender:
    return Tender(TenderKind.CARD, eur(value), card=VISA)


def credit(value: str) -> Tender:
    return Tender(TenderKind.STORE_CREDIT, eur(value), account="GC-0001-5678")


class TestCashRounding:
    def test_all_cash_rounds_up_to_the_step(self) -> None:
        s = settle(eur("10.03"), [cash("20.00")], STEP)
        assert s.rounding_adjustment == eur("0.02")
        assert s.amount_due == eur("10.05")
        assert s.change == eur("9.95")
        assert s.remaining == eur("0")
        assert s.paid == eur("20.00")
        assert s.is_complete

    def test_all_cash_rounds_down(self) -> None:
        s = settle(eur("10.02"), [cash("10.00")], STEP)
        assert s.rounding_adjustment == eur("-0.02")
        assert (s.amount_due, s.change, s.is_complete) == (eur("10.00"), eur("0"), True)

    def test_split_rounds_only_the_cash_portion(self) -> None:
        s = settle(eur("10.03"), [card("5.00"), cash("5.05")], STEP)
        assert s.rounding_adjustment == eur("0.02")  # cash portion 5.03 -> 5.05
        assert s.amount_due == eur("10.05")
        assert s.change == eur("0")
        assert s.is_complete

    def test_split_with_change(self) -> None:
        s = settle(eur("10.03"), [card("5.00"), cash("10.00")], STEP)
        assert s.change == eur("4.95")

    def test_card_only_is_never_rounded(self) -> None:
        s = settle(eur("10.03"), [card("10.03")], STEP)
        assert s.rounding_adjustment == eur("0")
        assert s.amount_due == eur("10.03")
        assert s.is_complete

    def test_partial_payment_leaves_remaining(self) -> None:
        s = settle(eur("10.03"), [cash("5.00")], STEP)
        assert s.remaining == eur("5.05")
        assert s.change == eur("0")
        assert not s.is_complete
        s = settle(eur("10.03"), [card("4.00")], STEP)
        assert (s.remaining, s.is_complete) == (eur("6.03"), False)

    def test_tender_order_does_not_matter(self) -> None:
        a = settle(eur("10.03"), [cash("20.00"), card("5.00")], STEP)
        b = settle(eur("10.03"), [card("5.00"), cash("20.00")], STEP)
        assert (a.change, a.rounding_adjustment) == (b.change, b.rounding_adjustment)
        assert a.change == eur("14.95")

    @pytest.mark.parametrize("step", [Decimal(0), Decimal("0.01"), Decimal("0.005")])
    def test_steps_that_do_not_round(self, step: Decimal) -> None:
        s = settle(eur("10.03"), [cash("10.03")], step)
        assert s.rounding_adjustment == eur("0")
        assert s.is_complete

    def test_coarser_step(self) -> None:
        s = settle(eur("10.49"), [cash("20")], Decimal("0.10"))
        assert s.amount_due == eur("10.50")
        s = settle(eur("10.50"), [cash("20")], Decimal("1"))
        assert s.amount_due == eur("11.00")  # half rounds up

    @pytest.mark.parametrize("step", [Decimal("-0.05"), Decimal("0.025")])
    def test_invalid_steps(self, step: Decimal) -> None:
        with pytest.raises(TenderError):
            settle(eur("1.00"), [cash("1.00")], step)

    def test_float_step(self) -> None:
        with pytest.raises(TypeError):
            settle(eur("1.00"), [cash("1.00")], 0.05)  # type: ignore[arg-type]

    def test_cash_due_helper(self) -> None:
        assert cash_due(eur("10.03"), eur("5.00"), STEP) == eur("5.05")
        assert cash_due(eur("10.03"), eur("0"), Decimal(0)) == eur("10.03")
        assert cash_due(eur("10.03"), eur("10.03"), STEP) == eur("0")
        with pytest.raises(TenderError):
            cash_due(eur("10.03"), eur("11.00"), STEP)


class TestOverpayAndValidation:
    def test_card_overpay_refused(self) -> None:
        with pytest.raises(TenderError, match=r"card payment of 10\.04 EUR"):
            settle(eur("10.03"), [card("10.04")], STEP)

    def test_non_cash_overpay_is_cumulative(self) -> None:
        with pytest.raises(TenderError, match="store credit"):
            settle(eur("10.00"), [card("6.00"), credit("4.01")], STEP)
        s = settle(eur("10.00"), [card("6.00"), credit("4.00")], STEP)
        assert s.is_complete

    def test_zero_total(self) -> None:
        s = settle(eur("0"), [], STEP)
        assert s.is_complete
        assert s.amount_due == eur("0")

    def test_negative_or_unrounded_total(self) -> None:
        with pytest.raises(TenderError):
            settle(eur("-1.00"), [], STEP)
        with pytest.raises(TenderError):
            settle(eur("1.001"), [], STEP)

    def test_currency_mismatch(self) -> None:
        with pytest.raises(CurrencyMismatchError):
            settle(eur("1.00"), [Tender(TenderKind.CASH, Money.of("1", USD))], STEP)

    def test_tender_rules(self) -> None:
        with pytest.raises(TenderError, match="more than zero"):
            cash("0")
        with pytest.raises(TenderError):
            cash("1.001")
        with pytest.raises(TenderError, match="approval"):
            Tender(TenderKind.CARD, eur("1"))
        with pytest.raises(TenderError):
            Tender(TenderKind.CASH, eur("1"), card=VISA)
        with pytest.raises(TenderError, match="account"):
            Tender(TenderKind.STORE_CREDIT, eur("1"), account=" ")
        with pytest.raises(TenderError):
            Tender(TenderKind.CARD, eur("1"), card=VISA, account="x")

    def test_kind_given_as_text_is_normalised(self) -> None:
        tender = Tender("cash", eur("1"))  # type: ignore[arg-type]
        assert tender.kind is TenderKind.CASH
        assert tender.is_cash

    def test_settlement_keeps_the_tenders(self) -> None:
        tenders = [card("1.00"), cash("5.00")]
        s = settle(eur("3.00"), tenders, STEP)
        assert isinstance(s, Settlement)
        assert s.tenders == tuple(tenders)


class TestCardReference:
    def test_valid(self) -> None:
        ref = CardReference("A1B2C3", "0042", "MASTERCARD", "RRN 12345678901")
        assert ref.last4 == "0042"

    @pytest.mark.parametrize("last4", ["123", "12345", "12a4", "", "١٢٣٤"])
    def test_last4_exactly_four_digits(self, last4: str) -> None:
        with pytest.raises(TenderError, match="last 4"):
            CardReference("123456", last4, "VISA")

    @pytest.mark.parametrize("code", ["", "1234567890ABC", "12-345", "12 34"])
    def test_approval_code(self, code: str) -> None:
        with pytest.raises(TenderError, match="approval"):
            CardReference(code, "1234", "VISA")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("approval_code", "411111111111"),
            ("scheme", "VISA 4111111111111111"),
            ("terminal_ref", "4111 1111 1111 1111"),
            ("terminal_ref", "pan=5500-0000-0000-0004"),
        ],
    )
    def test_anything_like_a_card_number_is_refused(self, field: str, value: str) -> None:
        kwargs = {"approval_code": "123456", "last4": "1111", "scheme": "VISA"}
        kwargs[field] = value
        with pytest.raises(TenderError, match="card number") as info:
            CardReference(**kwargs)
        digits = "".join(c for c in value if c.isdigit())
        assert digits not in "".join(c for c in str(info.value) if c.isdigit())

    def test_scheme_required(self) -> None:
        with pytest.raises(TenderError, match="scheme"):
            CardReference("123456", "1234", " ")
