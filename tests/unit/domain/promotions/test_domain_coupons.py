"""Coupon codes as typed or scanned, and the single-use flag in promotion rules."""

from __future__ import annotations

import pytest

from pos_app.domain.money import EUR
from pos_app.domain.promotions import PromotionError, parse_promotion
from pos_app.domain.promotions.coupons import CouponError, coupon_promotion, parse_coupon_code

PERCENT = {"kind": "percent", "value": "10", "sku": "A"}


@pytest.mark.parametrize(
    ("typed", "code"),
    [(" spring10 ", "SPRING10"), ("web-5_x", "WEB-5_X"), ("A1B", "A1B"), ("x" * 32, "X" * 32)],
)
def test_codes_are_trimmed_and_upper_cased(typed: str, code: str) -> None:
    assert parse_coupon_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type or scan"),
        ("   ", "Type or scan"),
        ("AB", "not a coupon code"),
        ("SPRING 10", "not a coupon code"),
        ("-SPRING", "not a coupon code"),
        ("ÉTÉ2026", "not a coupon code"),
        ("DROP;TABLE", "not a coupon code"),
        ("\x00\x1bABC", "not a coupon code"),
        ("A" * 33, "at most 32"),
        ("9" * 10_000, "at most 32"),
    ],
)
def test_garbage_is_refused_with_a_message(typed: str, message: str) -> None:
    with pytest.raises(CouponError, match=message):
        parse_coupon_code(typed)


def test_single_use_flag_is_parsed_and_old_rules_stay_valid() -> None:
    old = parse_promotion("P1", "Old", {**PERCENT, "coupon": "spring10"}, EUR)
    assert (old.coupon, old.coupon_single_use) == ("SPRING10", False)
    new = parse_promotion(
        "P2", "New", {**PERCENT, "coupon": "once1", "coupon_single_use": True}, EUR
    )
    assert (new.coupon, new.coupon_single_use) == ("ONCE1", True)
    assert coupon_promotion([new, old], "ONCE1") is new
    assert coupon_promotion([new, old], "NOPE") is None


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({**PERCENT, "coupon_single_use": True}, "'coupon_single_use' needs a 'coupon'"),
        ({**PERCENT, "coupon": "X1Y", "coupon_single_use": "yes"}, "must be true or false"),
    ],
)
def test_bad_single_use_flags_are_refused(rules: dict[str, object], message: str) -> None:
    with pytest.raises(PromotionError, match=message):
        parse_promotion("P1", "Bad", rules, EUR)
