"""Shopify webhooks against a real hub over HTTP (SQLite and PostgreSQL), signed like Shopify.

Signatures come from ``openssl`` (tests/helpers/shopify.py), payloads from Shopify's own
samples (shopify_samples/). Money figures are the samples' own totals.
"""

from __future__ import annotations

import json
import threading
import uuid
from decimal import Decimal

import pytest
import requests
from sqlalchemy import func, select

from sync.hub import shopify_webhooks
from sync.hub.models import (
    Product,
    RefundRequestRow,
    ShopifyDelivery,
    ShopifyFlag,
    ShopifyRefund,
    WebOrderRow,
)
from tests.helpers.hub import HubUnderTest
from tests.helpers.shopify import SECRET, SHOP, as_pickup, openssl_signature, sample, send_webhook

STORE = "s1"
LINE_DISCOUNT = "order_1073459981_line_discount.json"  # paid, 181.09 after a 17.91 discount
ORDER_DISCOUNT = "order_450789469_order_discount_partly_refunded.json"
SKUS = ("IPOD2009BLACK", "IPOD2008RED", "IPOD2008GREEN", "IPOD2008BLACK")


@pytest.fixture
def shop_hub(running_hub: HubUnderTest) -> HubUnderTest:
    """A USD store that sells Shopify's sample SKUs, and the shop connected to it."""
    running_hub.add_store(STORE, currency="USD")
    with running_hub.hub.db.write() as session:
        for sku in SKUS:
            session.add(Product(sku=sku, name=sku, department="Audio", tax_class="standard",
                                price_minor=19900, sold_by_weight=False, active=True,
                                barcodes=""))  # fmt: skip
    shopify_webhooks.add_shop(running_hub.hub, shop_domain=SHOP, secret=SECRET, store_id=STORE)
    return running_hub


def counts(hub: HubUnderTest) -> tuple[int, int, int]:
    with hub.hub.db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (WebOrderRow, ShopifyDelivery, ShopifyFlag)
        )


def cents(text: str) -> int:
    return int(Decimal(text) * 100)


# Shopify's own test vector (Shopify/shopify-api-js, lib/webhooks/__tests__/validate.test.ts
# with apiSecretKey "test_secret_key" from lib/__tests__/test-config.ts, commit 9dd92843).
VECTOR_BODY, VECTOR_SECRET = b'{"foo": "bar"}', "test_secret_key"
VECTOR_HMAC = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g="


def test_the_signature_is_shopifys_on_its_own_test_vector(shop_hub: HubUnderTest) -> None:
    assert shopify_webhooks.signature(VECTOR_SECRET, VECTOR_BODY) == VECTOR_HMAC
    shopify_webhooks.add_shop(shop_hub.hub, shop_domain="shop1.myshopify.io",
                              secret=VECTOR_SECRET, store_id=STORE)  # fmt: skip
    answer = send_webhook(shop_hub.base_url, "orders/create", VECTOR_BODY,
                          shop="shop1.myshopify.io", signature=VECTOR_HMAC)  # fmt: skip
    # Past authentication (a wrong signature is a 401): the body is simply not an order.
    assert answer.status_code == 422, answer.text
    assert "not a Shopify orders/create payload" in answer.json()["detail"]


def test_openssl_and_the_hub_sign_alike() -> None:
    body = json.dumps(sample(LINE_DISCOUNT)).encode()
    assert shopify_webhooks.signature(SECRET, body) == openssl_signature(SECRET, body)


def test_a_signed_pickup_order_becomes_a_store_order_at_shopifys_total(
    shop_hub: HubUnderTest,
) -> None:
    answer = send_webhook(shop_hub.base_url, "orders/create", as_pickup(sample(LINE_DISCOUNT)))
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "applied"
    assert answer.json()["order_number"] == "SHOP-1002"
    with shop_hub.hub.db.read() as session:
        row = session.scalars(select(WebOrderRow)).one()
    assert (row.store_id, row.source, row.payment_status) == (STORE, "shopify", "paid")
    assert row.total_minor == cents(sample(LINE_DISCOUNT)["current_total_price"])  # 181.09


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        ({"X-Shopify-Hmac-Sha256": "Zm9v"}, 401, "does not match"),
        ({"X-Shopify-Hmac-Sha256": None}, 401, "X-Shopify-Hmac-Sha256"),
        ({"X-Shopify-Shop-Domain": None}, 401, "X-Shopify-Shop-Domain"),
        ({"X-Shopify-Webhook-Id": None}, 401, "X-Shopify-Webhook-Id"),
        ({"X-Shopify-Shop-Domain": "other.myshopify.com"}, 401, "not connected"),
        ({"X-Shopify-Topic": "products/create"}, 422, "not handled"),
    ],
)
def test_bad_deliveries_are_refused_and_change_nothing(
    shop_hub: HubUnderTest, headers: dict[str, str | None], status: int, message: str
) -> None:
    body = json.dumps(as_pickup(sample(LINE_DISCOUNT))).encode()
    sent = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "orders/create",
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-Webhook-Id": str(uuid.uuid4()),
        "X-Shopify-Hmac-Sha256": openssl_signature(SECRET, body),
    }
    for name, value in headers.items():
        sent.pop(name)
        if value is not None:
            sent[name] = value
    # The head-office admin token opens nothing here: only the shop's signature does.
    sent["Authorization"] = f"Bearer {shop_hub.admin_token}"
    answer = requests.post(f"{shop_hub.base_url}/v1/webhooks/shopify", data=body, headers=sent,
                           timeout=10)  # fmt: skip
    assert answer.status_code == status, answer.text
    assert message in answer.json()["detail"]
    assert counts(shop_hub) == (0, 0, 0)


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"{not json", "not JSON"), (b"[1, 2]", "JSON object"), (b'{"id": 5}', "orders/create")],
)
def test_a_signed_body_that_is_not_an_order_is_a_clear_422(
    shop_hub: HubUnderTest, body: bytes, message: str
) -> None:
    answer = send_webhook(shop_hub.base_url, "orders/create", body)
    assert answer.status_code == 422, answer.text
    assert message in answer.json()["detail"]
    assert counts(shop_hub) == (0, 0, 0)


def test_a_repeated_delivery_is_answered_200_and_applied_once(shop_hub: HubUnderTest) -> None:
    body = as_pickup(sample(LINE_DISCOUNT))
    first = send_webhook(shop_hub.base_url, "orders/create", body, webhook_id="wh-1")
    again = send_webhook(shop_hub.base_url, "orders/create", body, webhook_id="wh-1")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["status"] == "duplicate"
    # Another delivery of the same order (orders/updated, nothing changed) is no new order.
    update = send_webhook(shop_hub.base_url, "orders/updated", body, webhook_id="wh-2")
    assert update.json()["status"] == "ignored", update.text
    assert counts(shop_hub) == (1, 2, 0)


def test_concurrent_duplicate_deliveries_all_answer_200(shop_hub: HubUnderTest) -> None:
    raw = json.dumps(as_pickup(sample(LINE_DISCOUNT))).encode()
    signature = openssl_signature(SECRET, raw)
    start = threading.Barrier(8)
    answers: list[requests.Response] = []
    lock = threading.Lock()

    def deliver() -> None:
        start.wait()
        answer = send_webhook(shop_hub.base_url, "orders/create", raw, webhook_id="wh-same",
                              signature=signature)  # fmt: skip
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(a.status_code for a in answers) == [200] * 8, [a.text for a in answers]
    assert sorted(a.json()["status"] for a in answers) == ["applied"] + ["duplicate"] * 7
    assert counts(shop_hub) == (1, 1, 0)


def test_a_cancelled_paid_order_refunds_exactly_what_was_paid(shop_hub: HubUnderTest) -> None:
    order = as_pickup(sample(LINE_DISCOUNT))
    send_webhook(shop_hub.base_url, "orders/create", order)
    cancelled = dict(order, cancelled_at="2024-04-02T10:00:00-05:00", cancel_reason="customer")
    answer = send_webhook(shop_hub.base_url, "orders/cancelled", cancelled)
    assert answer.json()["status"] == "applied", answer.text
    with shop_hub.hub.db.read() as session:
        row = session.scalars(select(WebOrderRow)).one()
        refund = session.scalars(select(RefundRequestRow)).one()
    assert row.status == "cancelled"
    assert refund.amount_minor == cents(sample(LINE_DISCOUNT)["current_total_price"])  # 181.09


def test_a_shopify_refund_is_recorded_exactly_and_flagged_while_the_store_holds_the_goods(
    shop_hub: HubUnderTest,
) -> None:
    send_webhook(shop_hub.base_url, "orders/create", as_pickup(sample(ORDER_DISCOUNT)))
    refund = sample("refund_929361466.json")  # the red iPod, 41.94 paid back
    answer = send_webhook(shop_hub.base_url, "refunds/create", refund)
    assert answer.json()["status"] == "flagged", answer.text
    assert "do not hand them over" in answer.json()["detail"]
    with shop_hub.hub.db.read() as session:
        recorded = session.scalars(select(ShopifyRefund)).one()
    assert recorded.amount_minor == cents(refund["transactions"][0]["amount"])
    assert recorded.order_number == "SHOP-1001"
    assert json.loads(recorded.quantities) == {"IPOD2008RED": 1}


@pytest.mark.parametrize(
    ("case", "reason"),
    [("euro store", "store eu sells in EUR"), ("unknown sku", "not in the hub's catalog")],
)
def test_an_order_the_store_cannot_take_is_kept_for_head_office(
    shop_hub: HubUnderTest, case: str, reason: str
) -> None:
    if case == "euro store":  # the checkout chose a store that sells in another currency
        shop_hub.add_store("eu", currency="EUR")
        order = as_pickup(sample(LINE_DISCOUNT), store_id="eu")
    else:
        order = as_pickup(sample(LINE_DISCOUNT))
        order["line_items"] = [dict(order["line_items"][0], sku="NOT-IN-CATALOG")]
    answer = send_webhook(shop_hub.base_url, "orders/create", order)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "flagged"
    assert counts(shop_hub) == (0, 1, 1)
    listed = shop_hub.admin.get("/v1/admin/shopify/flags").json()
    assert [f["shopify_id"] for f in listed] == [str(order["id"])]
    assert reason in listed[0]["reason"]


def test_a_shipped_order_without_a_warehouse_is_kept_for_head_office(
    shop_hub: HubUnderTest,
) -> None:
    shipped = sample("order_6200354537772_line_discount_shipping.json")
    answer = send_webhook(shop_hub.base_url, "orders/create", shipped)
    assert answer.json()["status"] == "flagged", answer.text
    assert "no location is marked warehouse" in answer.json()["detail"]
    assert counts(shop_hub) == (0, 1, 1)


def test_an_update_marks_a_pay_in_store_order_paid_and_an_edit_is_flagged(
    shop_hub: HubUnderTest,
) -> None:
    order = as_pickup(dict(sample(LINE_DISCOUNT), financial_status="pending"))
    send_webhook(shop_hub.base_url, "orders/create", order)
    paid = send_webhook(shop_hub.base_url, "orders/updated", dict(order, financial_status="paid"))
    assert paid.json()["status"] == "applied", paid.text
    with shop_hub.hub.db.read() as session:
        assert session.scalars(select(WebOrderRow.payment_status)).one() == "paid"
    edited = dict(order, financial_status="paid")
    edited["line_items"] = [dict(order["line_items"][0], quantity=2, current_quantity=2)]
    edited["current_total_price"] = edited["total_price"] = "380.09"  # 2 × 199.00 − 17.91
    edited.pop("current_total_price_set")
    edited.pop("total_price_set")
    answer = send_webhook(shop_hub.base_url, "orders/updated", edited)
    assert answer.json()["status"] == "flagged", answer.text
    assert "edited in Shopify" in answer.json()["detail"]
    with shop_hub.hub.db.read() as session:
        row = session.scalars(select(WebOrderRow)).one()
    assert row.total_minor == cents(sample(LINE_DISCOUNT)["current_total_price"])  # unchanged
