"""Head office's stock-truth API (docs/architecture.md §7b): locations and safety stock, and
the web-store stock updates still owed or refused. The rules live in ``stock_truth`` and
``stock_publish``; these routes only check the token and shape the answers."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response, status

from sync.hub import stock_truth, web_stock
from sync.hub.deps import Admin, Services
from sync.protocol import SafetyStockIn, StockLocationIn, StockLocationOut, StockPushOut

StoreIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
SkuPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^\S+$")]
router = APIRouter(prefix="/v1/admin", tags=["stock"])


@router.put("/stores/{store_id}/location", response_model=StockLocationOut)
def put_location(
    store_id: StoreIdPath, spec: StockLocationIn, svc: Services, _: Admin
) -> StockLocationOut:
    """Shop or warehouse, region, safety stock, hold period (a new safety stock re-publishes
    every SKU of the store to the web stores)."""
    hub = svc.hub
    with hub.db.write() as session:
        rules = stock_truth.set_location(
            session,
            store_id,
            now=hub.clock(),
            kind=spec.kind,
            region=spec.region,
            safety_milli=spec.safety_milli,
            hold_days=spec.hold_days,
        )
    return StockLocationOut(
        store_id=store_id,
        kind="warehouse" if rules.kind == "warehouse" else "store",
        region=rules.region,
        safety_milli=rules.safety_milli,
        hold_days=rules.hold_days,
    )


@router.put("/stores/{store_id}/safety-stock/{sku}", status_code=status.HTTP_204_NO_CONTENT)
def put_safety_stock(
    store_id: StoreIdPath, sku: SkuPath, spec: SafetyStockIn, svc: Services, _: Admin
) -> Response:
    """One SKU's safety stock at a store (null: the store's default)."""
    hub = svc.hub
    with hub.db.write() as session:
        stock_truth.set_sku_safety(session, store_id, sku, spec.quantity_milli, now=hub.clock())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/stock-pushes", response_model=list[StockPushOut])
def get_stock_pushes(
    svc: Services,
    _: Admin,
    state: Annotated[Literal["pending", "failed"] | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[StockPushOut]:
    """Web-store stock updates still owed (pending) or refused (failed), oldest first."""
    with svc.hub.db.read() as session:
        rows = web_stock.list_pushes(session, status=state, limit=limit)
    return [
        StockPushOut(
            shop_domain=r.shop,
            store_id=r.store_id,
            sku=r.sku,
            status="failed" if r.status == stock_truth.FAILED else "pending",
            last_sent_level=r.sent_level,
            attempts=r.attempts,
            last_error=r.last_error,
            changed_at=r.changed_at,
        )
        for r in rows
    ]


@router.post("/stock-pushes/retry")
def retry_stock_pushes(svc: Services, _: Admin) -> dict[str, int]:
    """Queue every failed update again (after fixing the shop's items or locations)."""
    hub = svc.hub
    with hub.db.write() as session:
        return {"queued": web_stock.retry_failed(session, now=hub.clock())}
