"""Head office's side of web-store stock (docs/architecture.md §7b): connect a shop's locations
for publishing, list the updates still owed (pending) or refused (failed), queue the failed
ones again. The publisher itself is ``stock_publish``; the rules are ``stock_truth``'s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.hub import stock_truth
from sync.hub.db import dialect_insert
from sync.hub.models import ShopifyLocation, ShopifyPublish, StockPush
from sync.hub.shopify_admin import default_endpoint


@dataclass(frozen=True)
class PushRow:
    shop: str
    store_id: str
    sku: str
    status: str
    version: int
    sent_version: int
    sent_level: int | None
    attempts: int
    last_error: str | None
    changed_at: datetime
    due_at: datetime
    sent_at: datetime | None


def list_pushes(session: Session, *, status: str | None = None, limit: int = 100) -> list[PushRow]:
    """Updates the web stores are owed (pending) or could not take (failed), oldest first."""
    wanted = [status] if status else [stock_truth.PENDING, stock_truth.FAILED]
    rows = session.scalars(
        select(StockPush)
        .where(StockPush.status.in_(wanted))
        .order_by(StockPush.changed_at, StockPush.id)
        .limit(limit)
    )
    return [
        PushRow(
            r.shop_domain,
            r.store_id,
            r.sku,
            r.status,
            r.version,
            r.sent_version,
            r.sent_level,
            r.attempts,
            r.last_error,
            r.changed_at,
            r.due_at,
            r.sent_at,
        )
        for r in rows
    ]


def retry_failed(session: Session, *, now: datetime) -> int:
    """Queue every failed update again (after fixing the shop's mapping, say)."""
    result = session.execute(
        update(StockPush)
        .where(StockPush.status == stock_truth.FAILED)
        .values(status=stock_truth.PENDING, attempts=0, due_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- connecting a shop --------------------------------------------------------------------------


def connect_shop(
    session: Session,
    *,
    shop_domain: str,
    access_token: str,
    locations: dict[str, str],
    now: datetime,
    endpoint: str | None = None,
) -> int:
    """Publish ATS of ``locations`` ({store id: Shopify location gid}) to a connected shop;
    every SKU those stores count is queued at once. The number of updates queued."""
    from sync.hub.errors import Invalid
    from sync.hub.models import ShopifyShop, StockLevel, Store

    if session.get(ShopifyShop, shop_domain) is None:
        raise Invalid(f"shop {shop_domain!r} is not connected (hub add-shop first)")
    if not access_token.strip():
        raise Invalid("the shop's Admin API access token is empty")
    for store_id, gid in locations.items():
        if session.get(Store, store_id) is None:
            raise Invalid(f"no store {store_id!r}")
        if not gid.startswith("gid://shopify/Location/") or len(gid) > 100:
            raise Invalid(f"{gid!r} is not a Shopify location id (gid://shopify/Location/…)")
    values = {
        "shop_domain": shop_domain,
        "access_token": access_token.strip(),
        "endpoint": endpoint or default_endpoint(shop_domain),
        "created_at": now,
    }
    stmt = dialect_insert(session, ShopifyPublish).values(values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["shop_domain"],
            set_={"access_token": stmt.excluded.access_token, "endpoint": stmt.excluded.endpoint},
        )
    )
    queued = 0
    for store_id, gid in sorted(locations.items()):
        loc = dialect_insert(session, ShopifyLocation).values(
            shop_domain=shop_domain, store_id=store_id, location_gid=gid
        )
        session.execute(
            loc.on_conflict_do_update(
                index_elements=["shop_domain", "store_id"],
                set_={"location_gid": loc.excluded.location_gid},
            )
        )
        skus = list(session.scalars(select(StockLevel.sku).where(StockLevel.store_id == store_id)))
        queued += stock_truth.touch(session, store_id, skus, now=now)
    return queued
