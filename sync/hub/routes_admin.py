"""What head office (and the web store) call, with an admin token."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from sync.hub import (
    headoffice,
    notifications,
    quarantine,
    reason_codes,
    store_days,
    tenancy,
    web_orders,
)
from sync.hub.deps import Admin, Services
from sync.hub.errors import Invalid
from sync.hub.models import Store
from sync.protocol import (
    CollectionStatus,
    CustomerNotification,
    EnrollCodeResponse,
    NotificationStatus,
    PromotionIn,
    QuarantinedEvent,
    QuarantineReview,
    QuarantineState,
    ReasonCodesIn,
    RefundRequest,
    StockLevel,
    StockLevelIn,
    StoreDay,
    StoredValueBalance,
    StoredValueIn,
    StoreIn,
    StoreInfo,
    WebOrder,
    WebOrderCreated,
    WebOrderIn,
)

OrderNumberPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.#-]{0,63}$")]
StoreIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
router = APIRouter(prefix="/v1")


@router.put("/admin/stores", response_model=StoreInfo, tags=["admin"])
def put_store(spec: StoreIn, svc: Services, _: Admin) -> StoreInfo:
    """Create or update a store."""
    return tenancy.upsert_store(svc.hub, spec)


@router.post(
    "/admin/stores/{store_id}/enroll-codes", response_model=EnrollCodeResponse, tags=["admin"]
)
def new_enroll_code(store_id: StoreIdPath, svc: Services, _: Admin) -> EnrollCodeResponse:
    """A one-time code a till of this store trades for its device token."""
    return tenancy.create_enroll_code(svc.hub, store_id, svc.settings.enroll_code_ttl)


@router.post(
    "/admin/tills/{till_id}/revoke", status_code=status.HTTP_204_NO_CONTENT, tags=["admin"]
)
def revoke_till(till_id: Annotated[str, Path(max_length=80)], svc: Services, _: Admin) -> Response:
    """Revoke a till's device token at once (a stolen or replaced till)."""
    tenancy.revoke_till(svc.hub, till_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/admin/stores/{store_id}/stock/{sku}", response_model=StockLevel, tags=["admin"])
def put_stock(
    store_id: StoreIdPath,
    sku: Annotated[str, Path(min_length=1, max_length=64, pattern=r"^\S+$")],
    level: StockLevelIn,
    svc: Services,
    _: Admin,
) -> StockLevel:
    """Set a counted stock level (tills only ever send deltas)."""
    return headoffice.set_stock(svc.hub, store_id, sku, level.quantity_milli)


@router.put("/admin/promotions", status_code=status.HTTP_204_NO_CONTENT, tags=["admin"])
def put_promotion(promo: PromotionIn, svc: Services, _: Admin) -> Response:
    headoffice.add_promotion(svc.hub, promo)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/admin/promotions/{promo_id}", status_code=status.HTTP_204_NO_CONTENT, tags=["admin"]
)
def delete_promotion(
    promo_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")],
    svc: Services,
    _: Admin,
) -> Response:
    """End a promotion now; the tills that had it drop it through the feed."""
    headoffice.remove_promotion(svc.hub, promo_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/admin/reason-codes", response_model=ReasonCodesIn, tags=["admin"])
def get_reason_codes(svc: Services, _: Admin) -> ReasonCodesIn:
    """The chain's preset reasons; an empty set: the tills use their defaults."""
    return reason_codes.get_reason_codes(svc.hub)


@router.put("/admin/reason-codes", response_model=ReasonCodesIn, tags=["admin"])
def put_reason_codes(spec: ReasonCodesIn, svc: Services, _: Admin) -> ReasonCodesIn:
    """Replace the chain's preset reasons (whole); every till gets them in the feed."""
    return reason_codes.set_reason_codes(svc.hub, spec)


@router.put("/admin/stored-value", response_model=StoredValueBalance, tags=["admin"])
def put_stored_value(spec: StoredValueIn, svc: Services, _: Admin) -> StoredValueBalance:
    """Issue a gift card or set a store credit account's balance."""
    return headoffice.issue_stored_value(svc.hub, spec)


@router.post(
    "/web-orders",
    response_model=WebOrderCreated,
    status_code=status.HTTP_201_CREATED,
    tags=["web orders"],
    responses={200: {"model": WebOrderCreated, "description": "already ingested"}},
)
def post_web_order(
    spec: WebOrderIn, response: Response, svc: Services, _: Admin
) -> WebOrderCreated:
    """A click-and-collect order from the web store; it goes to the pickup store's feed."""
    created = web_orders.create_web_order(svc.hub, spec)
    if not created.created:
        response.status_code = status.HTTP_200_OK
    return created


@router.post(
    "/web-orders/{number}/cancel",
    response_model=WebOrder,
    tags=["web orders"],
    responses={404: {"description": "no such order"}, 409: {"description": "already closed"}},
)
def cancel_web_order(number: OrderNumberPath, svc: Services, _: Admin) -> WebOrder:
    """The customer or head office cancelled the order online; the pickup store's tills hear
    it through the feed (a till holding its goods in a bag puts them back on stock)."""
    return web_orders.close_web_order(svc.hub, number, CollectionStatus.CANCELLED)


StoreFilter = Annotated[
    str | None,
    Query(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", description="only this store's"),
]
Limit = Annotated[int, Query(ge=1, le=1000)]


def _known_store(svc: Services, store: str | None) -> None:
    """A filter naming no store is a typo, not "nothing to show": say so."""
    if store is None:
        return
    with svc.hub.db.read() as session:
        if session.get(Store, store) is None:
            raise Invalid(f"store: no store {store!r}")


@router.get("/admin/notifications", response_model=list[CustomerNotification], tags=["admin"])
def get_notifications(
    svc: Services,
    _: Admin,
    store: StoreFilter = None,
    status: Annotated[NotificationStatus | None, Query()] = None,
    limit: Limit = 100,
) -> list[CustomerNotification]:
    """Customer e-mails the hub queued (ready for pickup, cancelled, expired), newest first."""
    _known_store(svc, store)
    with svc.hub.db.read() as session:
        return notifications.list_notifications(session, store_id=store, status=status, limit=limit)


@router.get("/admin/refund-requests", response_model=list[RefundRequest], tags=["admin"])
def get_refund_requests(
    svc: Services, _: Admin, store: StoreFilter = None, limit: Limit = 100
) -> list[RefundRequest]:
    """Refunds owed for paid orders cancelled or expired with goods not handed over."""
    _known_store(svc, store)
    with svc.hub.db.read() as session:
        return notifications.list_refund_requests(session, store_id=store, limit=limit)


@router.get("/admin/store-days", response_model=list[StoreDay], tags=["admin"])
def get_store_days(
    svc: Services,
    _: Admin,
    store: StoreFilter = None,
    day: Annotated[date | None, Query(description="only this business day")] = None,
    limit: Limit = 100,
) -> list[StoreDay]:
    """Store days, newest first: each the sum of its tills' Z reports (shift.closed)."""
    _known_store(svc, store)
    with svc.hub.db.read() as session:
        return store_days.store_days(session, store_id=store, day=day, limit=limit)


EventIdPath = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/admin/quarantine", response_model=list[QuarantinedEvent], tags=["admin"])
def get_quarantine(
    svc: Services,
    _: Admin,
    store: Annotated[str | None, Query(max_length=64)] = None,
    state: QuarantineState = QuarantineState.QUARANTINED,
) -> list[QuarantinedEvent]:
    """Till events held for review (failed the hub's checks), oldest first."""
    with svc.hub.db.read() as session:
        return quarantine.list_events(session, store_id=store, state=str(state))


@router.post(
    "/admin/quarantine/{event_id}/release", response_model=QuarantinedEvent, tags=["admin"]
)
def release_event(
    event_id: EventIdPath, review: QuarantineReview, svc: Services, who: Admin
) -> QuarantinedEvent:
    """Apply a held event now (stored value, stock, returns), as if just received."""
    return quarantine.release(svc.hub, event_id, by=who.label, note=review.note)


@router.post("/admin/quarantine/{event_id}/reject", response_model=QuarantinedEvent, tags=["admin"])
def reject_event(
    event_id: EventIdPath, review: QuarantineReview, svc: Services, who: Admin
) -> QuarantinedEvent:
    """Keep a held event for the record; it never moves money or stock."""
    return quarantine.reject(svc.hub, event_id, by=who.label, note=review.note)
