"""Coupons at the till: which codes a sale used, and the per-till offline rule.

The rule (shown to the cashier when it applies): a single-use code is checked with the hub
before it is accepted. When the hub cannot be reached, the till accepts it ONCE (it remembers
every code it has taken, in ``coupon_uses``) and marks it "checked later"; the hub records the
redemption when the sale arrives and flags a second use of the code (two tills offline at the
same time). A code used before at this till is refused offline and online alike.

Qt-free. ``record_uses`` runs inside the sale's own transaction (services.sale.checkout), so the
sale and the codes it used are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import CouponUse
from pos_app.domain.pricing import BasketTotals
from pos_app.domain.promotions import Promotion
from pos_app.domain.promotions.coupons import MAX_COUPONS, CouponError, coupon_promotion
from sync.client.errors import HubError

if TYPE_CHECKING:
    # The hub client and its pydantic wire models load only when a coupon is checked
    # online (~0.4 s of the till's start-up otherwise, docs/architecture.md, start-up).
    from sync.client.lookups import HubLookups

OFFLINE_RULE = (
    "Hub offline: coupon {code} accepted once at this till and checked later "
    "(a second use elsewhere is flagged)."
)


class CouponCheck(StrEnum):
    ONLINE = "online"  # the hub said the code was unused just before the sale
    LATER = "later"  # the hub was unreachable: accepted once at this till, checked on arrival
    NONE = "none"  # a code anyone may use any number of times


def used_here(session: Session, code: str) -> datetime | None:
    """When this till last took a single-use ``code`` in a sale, or None."""
    return session.scalar(
        select(CouponUse.used_at)
        .where(CouponUse.code == code, CouponUse.single_use.is_(True))
        .order_by(CouponUse.used_at.desc())
        .limit(1)
    )


def applied_coupons(
    totals: BasketTotals, promotions: Iterable[Promotion], coupons: Iterable[str]
) -> list[tuple[str, Promotion]]:
    """The given codes whose promotion actually discounted the basket, by code."""
    applied = {p.promo_id for line in totals.lines for p in line.promotions}
    known = list(promotions)
    found: list[tuple[str, Promotion]] = []
    for code in sorted(set(coupons)):
        promo = coupon_promotion(known, code)
        if promo is not None and promo.promo_id in applied:
            found.append((code, promo))
    return found


def record_uses(
    session: Session,
    *,
    sale_uuid: str,
    now: datetime,
    used: list[tuple[str, Promotion]],
    checked_online: frozenset[str],
) -> list[dict[str, Any]]:
    """Store the codes a sale used; returns them for the sale event (``coupons``).

    Raises CouponError for a single-use code this till already took: the rule holds even if
    the screen let it through (two baskets holding one flyer).
    """
    entries: list[dict[str, Any]] = []
    for code, promo in used:
        if promo.coupon_single_use:
            if used_here(session, code) is not None:
                raise CouponError(f"Coupon {code} was already used at this till.")
            checked = CouponCheck.ONLINE if code in checked_online else CouponCheck.LATER
        else:
            checked = CouponCheck.NONE
        session.add(
            CouponUse(
                sale_uuid=sale_uuid,
                code=code,
                promo_id=promo.promo_id,
                single_use=promo.coupon_single_use,
                checked=checked.value,
                used_at=now,
            )
        )
        entries.append(
            {
                "code": code,
                "promo_id": promo.promo_id,
                "single_use": promo.coupon_single_use,
                "checked": checked.value,
            }
        )
    return entries


@dataclass(frozen=True)
class AcceptedCoupon:
    code: str
    promo: Promotion
    checked: CouponCheck
    message: str


class CouponDesk:
    """Decides whether the basket may take a code; runs on a worker thread (DB read, HTTP).

    ``lookups`` makes a hub client for the calling thread (None: a till with no hub, so every
    single-use code follows the offline rule); ``is_offline`` skips the call when the sync
    client already knows the hub is away, so the cashier does not wait for a timeout.
    """

    def __init__(
        self,
        read: sessionmaker[Session],
        lookups: Callable[[], HubLookups] | None = None,
        is_offline: Callable[[], bool] = lambda: False,
    ) -> None:
        self._read, self._make_lookups, self._is_offline = read, lookups, is_offline
        self._lookups: HubLookups | None = None  # one per desk; a desk lives on one thread

    def check(
        self, code: str, promotions: Iterable[Promotion], in_basket: Iterable[str]
    ) -> AcceptedCoupon:
        """The code accepted, with how it was checked; CouponError with the reason if not."""
        taken = set(in_basket)
        if code in taken:
            raise CouponError(f"Coupon {code} is already in this basket.")
        if len(taken) >= MAX_COUPONS:
            raise CouponError(f"At most {MAX_COUPONS} coupons in one basket.")
        promo = coupon_promotion(promotions, code)
        if promo is None:
            raise CouponError(f"Unknown coupon {code}: no current promotion has this code.")
        if not promo.coupon_single_use:
            return AcceptedCoupon(code, promo, CouponCheck.NONE, f"Coupon {code}: {promo.name}.")
        with self._read() as session:
            if used_here(session, code) is not None:
                raise CouponError(f"Coupon {code} was already used at this till.")
        answer = None
        if self._make_lookups is not None and not self._is_offline():
            try:
                if self._lookups is None:
                    self._lookups = self._make_lookups()
                answer = self._lookups.check_coupon(code)
            except HubError:
                answer = None  # unreachable or refused: the offline rule decides
        if answer is None:
            return AcceptedCoupon(code, promo, CouponCheck.LATER, OFFLINE_RULE.format(code=code))
        from sync.protocol import CouponStatus  # loaded already: the answer is one of its models

        if answer.status is CouponStatus.USED:
            when = f" on {answer.redeemed_at:%d/%m/%Y}" if answer.redeemed_at else ""
            where = f" at store {answer.redeemed_store_id}" if answer.redeemed_store_id else ""
            raise CouponError(f"Coupon {code} was already used{when}{where}.")
        if answer.status is CouponStatus.UNKNOWN:
            raise CouponError(f"The hub does not know coupon {code} (ended or withdrawn).")
        return AcceptedCoupon(code, promo, CouponCheck.ONLINE, f"Coupon {code}: {promo.name}.")

    def close(self) -> None:
        if self._lookups is not None:
            self._lookups.close()
