"""Coupon codes as a cashier types or scans them, and which promotion a code unlocks.

A code is letters, digits, ``-`` and ``_`` (3 to 32 characters), compared upper case: what is
printed on a flyer or in an email, never free text. Anything else is refused here with a
message for the inline error, before the basket or the hub sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import msg
from pos_app.domain.promotions.rules import Promotion

__all__ = ["MAX_COUPONS", "CouponError", "coupon_promotion", "parse_coupon_code"]

_CODE: Final = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,31}$")
MAX_COUPONS: Final = 10  # per basket: more is a mistake or someone trying codes


class CouponError(DomainError):
    """A coupon code that cannot be used; the message is for the cashier."""


def parse_coupon_code(text: str) -> str:
    """The code in its canonical form (trimmed, upper case), or CouponError saying why not."""
    code = text.strip().upper()
    if not code:
        raise CouponError(msg("Type or scan the coupon code."))
    if len(code) > 32:
        raise CouponError(msg("A coupon code has at most 32 characters."))
    if not _CODE.match(code):
        raise CouponError(
            msg(
                "{code} is not a coupon code (letters, digits, - and _; at least 3).",
                code=repr(code[:32]),
            )
        )
    return code


def coupon_promotion(promotions: Iterable[Promotion], code: str) -> Promotion | None:
    """The promotion this code unlocks (the lowest id when two share a code), or None."""
    matches = [p for p in promotions if p.coupon is not None and p.coupon == code]
    return min(matches, key=lambda p: p.promo_id) if matches else None
