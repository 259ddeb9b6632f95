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
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import CouponUse
from pos_app.domain.l10n.messages import N_, Message, msg
from pos_app.domain.pricing import BasketTotals
from pos_app.domain.promotions import Promotion
from pos_app.domain.promotions.coupons import MAX_COUPONS, CouponError, coupon_promotion
from sync.client.errors import HubError

if TYPE_CHECKING:
    # The hub client and its pydantic wire models load only when a coupon is checked
    # online (~0.4 s of the till's start-up otherwise, docs/architecture.md, start-up).
    from sync.client.lookups import HubLookups

OFFLINE_RULE = N_(
    "Hub offline: coupon {code} accepted once at this till and checked later "
    "(a second use elsewhere is flagged)."
)
_ACCEPTED = N_("Coupon {code}: {promotion}.")


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
                raise CouponError(_used_here(code))
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
    message: Message  # for the cashier, in the store's language


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
            raise CouponError(msg("Coupon {code} is already in this basket.", code=code))
        if len(taken) >= MAX_COUPONS:
            raise CouponError(msg("At most {count} coupons in one basket.", count=MAX_COUPONS))
        promo = coupon_promotion(promotions, code)
        if promo is None:
            raise CouponError(
                msg(
                    "Unknown coupon {code}: no current promotion has this code. Check the code "
                    "or hand the coupon back.",
                    code=code,
                )
            )
        if not promo.coupon_single_use:
            return AcceptedCoupon(code, promo, CouponCheck.NONE, _accepted(code, promo))
        with self._read() as session:
            if used_here(session, code) is not None:
                raise CouponError(_used_here(code))
        answer = None
        if self._make_lookups is not None and not self._is_offline():
            try:
                if self._lookups is None:
                    self._lookups = self._make_lookups()
                answer = self._lookups.check_coupon(code)
            except HubError:
                answer = None  # unreachable or refused: the offline rule decides
        if answer is None:
            later = Message(OFFLINE_RULE, {"code": code})
            return AcceptedCoupon(code, promo, CouponCheck.LATER, later)
        from sync.protocol import CouponStatus  # loaded already: the answer is one of its models

        if answer.status is CouponStatus.USED:
            day, store = answer.redeemed_at, answer.redeemed_store_id
            raise CouponError(_used_elsewhere(code, day.date() if day else None, store))
        if answer.status is CouponStatus.UNKNOWN:
            raise CouponError(
                msg(
                    "The hub does not know coupon {code} (ended or withdrawn): hand it back.",
                    code=code,
                )
            )
        return AcceptedCoupon(code, promo, CouponCheck.ONLINE, _accepted(code, promo))

    def close(self) -> None:
        if self._lookups is not None:
            self._lookups.close()


def _accepted(code: str, promo: Promotion) -> Message:
    return Message(_ACCEPTED, {"code": code, "promotion": promo.name})


def _used_here(code: str) -> Message:
    return msg("Coupon {code} was already used at this till: hand it back.", code=code)


def _used_elsewhere(code: str, day: date | None, store: str | None) -> Message:
    """Where and when the hub says the code was used, as much as it knows."""
    if day is not None and store is not None:
        return msg(
            "Coupon {code} was already used on {day} at store {store}: hand it back.",
            code=code,
            day=day,
            store=store,
        )
    if day is not None:
        return msg("Coupon {code} was already used on {day}: hand it back.", code=code, day=day)
    if store is not None:
        return msg(
            "Coupon {code} was already used at store {store}: hand it back.",
            code=code,
            store=store,
        )
    return msg("Coupon {code} was already used: hand it back.", code=code)
