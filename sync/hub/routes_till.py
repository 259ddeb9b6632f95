"""What tills call: enroll, push events, pull the feed, online look-ups."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from sync.hub import coupons, customers, feed, lookups, returns_ledger, tenancy
from sync.hub.deps import BearerToken, Caller, Services, StaffHeader, TillCaller, name_caller
from sync.hub.ingest import ingest_for_token
from sync.protocol import (
    MAX_FEED_PAGE,
    MAX_FEED_WAIT_SECONDS,
    CouponCheckResult,
    Customer,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    EventBatch,
    EventBatchResponse,
    FeedPage,
    Returnable,
    StockElsewhere,
    StoredValueBalance,
    WebOrder,
)

MAX_POSITION = 2**63 - 1
router = APIRouter(prefix="/v1")


@router.post(
    "/enroll",
    response_model=EnrollResponse,
    tags=["till"],
    responses={429: {"model": ErrorBody, "description": "too many attempts from this address"}},
)
def enroll(request: EnrollRequest, svc: Services, http: Request) -> EnrollResponse:
    """Trade a one-time enrollment code for this till's device token (shown once)."""
    if svc.enroll_limiter is not None:
        svc.enroll_limiter.check(http.client.host if http.client else "unknown")
    return tenancy.enroll(svc.hub, request)


@router.post("/events", response_model=EventBatchResponse, tags=["till"])
def push_events(
    batch: EventBatch, svc: Services, token: BearerToken, http: Request
) -> EventBatchResponse:
    """Store a batch of outbox events; one result per event, in order."""
    # The device token is checked inside the ingest's transaction (sync/hub/ingest.py).
    who, answer = ingest_for_token(svc.hub, token, batch.events)
    name_caller(http, who)
    return answer


EMPTY_PAGE_PREFIX = b'{"changes":[]'


@router.get("/feed", response_model=FeedPage, tags=["till"])
async def pull_feed(
    svc: Services,
    who: TillCaller,
    cursor: Annotated[int, Query(ge=0, le=MAX_POSITION)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_FEED_PAGE)] = 500,
    wait: Annotated[float, Query(ge=0, le=MAX_FEED_WAIT_SECONDS)] = 0,
) -> Response:
    """Changes after ``cursor``; with ``wait`` > 0, hold the request until one arrives."""
    store_id = who.store_id
    assert store_id is not None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    recheck = svc.settings.feed_recheck_seconds

    def read() -> bytes:
        with svc.hub.db.read() as session:
            return feed.read_page_json(session, store_id, cursor, limit)

    while True:
        notifier = svc.notifier
        assert notifier is not None, "the app's lifespan sets the notifier before serving"
        # Take the wake-up event before reading: a commit landing after the read still wakes us.
        woken = notifier.current(store_id)
        page = await run_in_threadpool(read)
        remaining = deadline - loop.time()
        if not page.startswith(EMPTY_PAGE_PREFIX) or remaining <= 0:
            # Already JSON (see feed.read_page_json); the response model documents it.
            return Response(content=page, media_type="application/json")
        await notifier.wait(woken, min(remaining, recheck))


@router.get("/lookup/web-orders", response_model=list[WebOrder], tags=["lookup"])
def find_web_orders(
    svc: Services,
    who: TillCaller,
    number: Annotated[str | None, Query(max_length=64)] = None,
    email: Annotated[str | None, Query(max_length=254)] = None,
) -> list[WebOrder]:
    """This store's web orders by order number (404 when none) or customer email."""
    assert who.store_id is not None
    with svc.hub.db.read() as session:
        return lookups.find_web_orders(session, who.store_id, number=number, email=email)


@router.get("/lookup/customers", response_model=list[Customer], tags=["lookup"])
def find_customers(
    svc: Services,
    who: Caller,
    email: Annotated[str | None, Query(max_length=254)] = None,
    phone: Annotated[str | None, Query(max_length=32)] = None,
    card: Annotated[str | None, Query(max_length=32)] = None,
    staff: StaffHeader = None,
) -> list[Customer]:
    """Customers (chain data) by email, phone or loyalty card number; give exactly one.

    Every look-up is logged with the caller and the signed-in staff the till names."""
    with svc.hub.db.read() as session:
        found = customers.find(session, email=email, phone=phone, card=card)
    query = "email" if email is not None else "phone" if phone is not None else "card"
    ids = [c.ref for c in found if c.ref is not None]
    customers.log_lookup(svc.hub, caller=who.label, staff_code=staff, query=query, customer_ids=ids)
    return found


@router.get("/lookup/stock/{sku}", response_model=StockElsewhere, tags=["lookup"])
def stock_in_stores(
    svc: Services, who: Caller, sku: Annotated[str, Path(min_length=1, max_length=64)]
) -> StockElsewhere:
    """The level of one SKU in every store of the chain."""
    with svc.hub.db.read() as session:
        return lookups.stock_in_stores(session, sku)


@router.get("/lookup/stored-value/{code}", response_model=StoredValueBalance, tags=["lookup"])
def stored_value_balance(
    svc: Services, who: Caller, code: Annotated[str, Path(min_length=1, max_length=64)]
) -> StoredValueBalance:
    """A gift card's or store credit account's balance."""
    with svc.hub.db.read() as session:
        return lookups.stored_value_balance(session, code)


@router.get("/lookup/returnable", response_model=Returnable, tags=["lookup"])
def returnable(
    svc: Services,
    who: TillCaller,
    sale_uuid: Annotated[str | None, Query(max_length=64)] = None,
    order_number: Annotated[str | None, Query(max_length=64)] = None,
    receipt_no: Annotated[str | None, Query(max_length=64)] = None,
) -> Returnable:
    """Per line: bought, returned in every store and channel, still returnable.

    Chain-wide: a customer may return an in-store sale or a web order in any store. Give one
    of ``sale_uuid``, ``order_number`` or ``receipt_no`` (the receipt barcode of any till).
    """
    with svc.hub.db.read() as session:
        return returns_ledger.returnable(
            session, sale_uuid=sale_uuid, order_number=order_number, receipt_no=receipt_no
        )


@router.get("/lookup/returnable-orders", response_model=list[Returnable], tags=["lookup"])
def returnable_orders(
    svc: Services,
    who: TillCaller,
    email: Annotated[str, Query(min_length=3, max_length=254)],
) -> list[Returnable]:
    """A customer's web orders (any store, newest first) with what can still come back."""
    with svc.hub.db.read() as session:
        return returns_ledger.returnable_orders(session, email=email)


@router.post("/coupons/{code}/check", response_model=CouponCheckResult, tags=["lookup"])
def check_coupon(
    svc: Services,
    who: TillCaller,
    code: Annotated[str, Path(pattern=r"^[A-Z0-9][A-Z0-9_-]{2,31}$")],
) -> CouponCheckResult:
    """Whether a coupon code is valid here, already used (single-use) or unknown."""
    assert who.store_id is not None
    with svc.hub.db.read() as session:
        return coupons.check_coupon(session, who.store_id, code, svc.hub.clock())


@router.get("/health", tags=["ops"])
def health(svc: Services) -> dict[str, str]:
    """Liveness: the database answers."""
    with svc.hub.db.read() as session:
        feed.head_position(session)
    return {"status": "ok"}
