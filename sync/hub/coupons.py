"""Single-use coupon codes at the hub: the till's check before a sale, and redemptions.

The hub is the one place that sees every till, so it keeps which sale used each single-use code
first (``coupon_redemptions``, unique on code). A till asks ``check`` before accepting a code
while online. Offline, a till accepts a code once (services.promotions.coupons at the till);
when that sale arrives here the redemption is recorded, and if another sale got there first the
sale is still accepted (it happened) and the second use is flagged in ``coupon_double_uses``
with a warning in the ingest result. Ingest is idempotent per event, and a redemption by the
same sale is recognised, so each sale redeems a code exactly once.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.hub.db import dialect_insert
from sync.hub.models import CouponDoubleUse, CouponRedemption, Promotion
from sync.protocol import CouponCheckResult, CouponStatus, SalePayload


def _coupon_rules(session: Session, store_id: str, code: str, now: datetime) -> dict[str, Any]:
    """The ``rules`` and id of the current promotion of this store with this code, or {}."""
    rows = session.scalars(
        select(Promotion)
        .where(or_(Promotion.store_id.is_(None), Promotion.store_id == store_id))
        .order_by(Promotion.promo_id)
    )
    for row in rows:
        document = json.loads(row.data)
        rules = document.get("rules") or {}
        coupon = rules.get("coupon")
        if not isinstance(coupon, str) or coupon.strip().upper() != code:
            continue
        ends = document.get("ends_at")
        if ends is not None and datetime.fromisoformat(ends) <= now:
            continue  # ended: the till would not apply it either
        return {"promo_id": row.promo_id, **rules}
    return {}


def check_coupon(session: Session, store_id: str, code: str, now: datetime) -> CouponCheckResult:
    rules = _coupon_rules(session, store_id, code, now)
    if not rules:
        return CouponCheckResult(code=code, status=CouponStatus.UNKNOWN)
    single_use = rules.get("coupon_single_use") is True
    redeemed = (
        session.scalars(select(CouponRedemption).where(CouponRedemption.code == code)).first()
        if single_use
        else None
    )
    return CouponCheckResult(
        code=code,
        status=CouponStatus.USED if redeemed is not None else CouponStatus.VALID,
        promo_id=str(rules["promo_id"]),
        single_use=single_use,
        redeemed_at=redeemed.redeemed_at if redeemed is not None else None,
        redeemed_store_id=redeemed.store_id if redeemed is not None else None,
    )


def record_redemptions(
    session: Session, payload: SalePayload, store_id: str, now: datetime
) -> list[str]:
    """Redeem the sale's single-use codes; warnings for codes another sale redeemed first."""
    warnings: list[str] = []
    sale_uuid = str(payload.sale_uuid)
    for use in payload.coupons:
        if not use.single_use:
            continue
        first = session.execute(
            dialect_insert(session, CouponRedemption)
            .values(
                code=use.code,
                promo_id=use.promo_id,
                sale_uuid=sale_uuid,
                store_id=store_id,
                redeemed_at=now,
            )
            .on_conflict_do_nothing(index_elements=["code"])
            .returning(CouponRedemption.id)
        ).scalar_one_or_none()
        if first is not None:
            continue
        earlier = session.scalars(
            select(CouponRedemption).where(CouponRedemption.code == use.code)
        ).one()
        if earlier.sale_uuid == sale_uuid:
            continue  # this sale's own redemption (the same code twice in one payload)
        session.execute(
            dialect_insert(session, CouponDoubleUse)
            .values(
                code=use.code,
                promo_id=use.promo_id,
                sale_uuid=sale_uuid,
                store_id=store_id,
                first_sale_uuid=earlier.sale_uuid,
                flagged_at=now,
            )
            .on_conflict_do_nothing(index_elements=["code", "sale_uuid"])
        )
        warnings.append(
            f"coupon {use.code} was already redeemed by sale {earlier.sale_uuid} "
            f"(store {earlier.store_id}); this second use ({use.checked}) is accepted and flagged"
        )
    return warnings
