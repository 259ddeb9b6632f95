"""What web stores call: Shopify's webhooks, authenticated by the shop's own signature."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from sync.hub import shopify_webhooks
from sync.hub.deps import Admin, Services

router = APIRouter(prefix="/v1")


class WebhookAnswer(BaseModel):
    status: str
    detail: str
    order_number: str | None = None


ShopifyHeader = Annotated[str | None, Header(max_length=200)]


@router.post(
    "/webhooks/shopify",
    response_model=WebhookAnswer,
    tags=["web orders"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
async def shopify_webhook(
    request: Request,
    svc: Services,
    x_shopify_hmac_sha256: ShopifyHeader = None,
    x_shopify_shop_domain: ShopifyHeader = None,
    x_shopify_topic: ShopifyHeader = None,
    x_shopify_webhook_id: ShopifyHeader = None,
) -> WebhookAnswer:
    """A Shopify webhook (orders/create, orders/updated, orders/cancelled, refunds/create).

    Signed by the shop (X-Shopify-Hmac-Sha256 over the raw body with the secret given to
    `omnitill hub add-shop`); no admin token. A repeated X-Shopify-Webhook-Id answers 200 with
    status "duplicate"; an order the hub will not take as sent answers 200 "flagged" and waits
    for head office (`omnitill hub shopify-flags`)."""
    body = await request.body()  # the raw bytes: the signature covers them, not a re-encoding
    delivery = shopify_webhooks.Delivery(
        hmac=x_shopify_hmac_sha256,
        shop_domain=x_shopify_shop_domain,
        topic=x_shopify_topic,
        webhook_id=x_shopify_webhook_id,
    )
    outcome = await run_in_threadpool(shopify_webhooks.receive, svc.hub, delivery, body)
    return WebhookAnswer(
        status=outcome.status, detail=outcome.detail, order_number=outcome.order_number
    )


@router.get("/admin/shopify/flags", response_model=list[shopify_webhooks.Flag], tags=["admin"])
def shopify_flags(
    svc: Services, _: Admin, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[shopify_webhooks.Flag]:
    """Shopify webhooks the hub kept for head office (unknown SKU, other currency …)."""
    with svc.hub.db.read() as session:
        return shopify_webhooks.list_flags(session, limit=limit)
