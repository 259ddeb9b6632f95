"""Web orders (API and Shopify webhook), click-and-collect status, online look-ups."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest

from sync.hub import headoffice
from tests.helpers.web_orders import STORE, order

# Trimmed from Shopify's documented "orders/create" webhook example: the fields we map plus
# a few of the many we ignore.
SHOPIFY_ORDER: dict[str, Any] = {
    "id": 820982911946154508,
    "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
    "name": "#9999",
    "order_number": 1234,
    "email": "jon@example.com",
    "contact_email": "jon@example.com",
    "created_at": "2021-12-31T19:00:00-05:00",
    "currency": "EUR",
    "financial_status": "paid",
    "fulfillment_status": None,
    "total_price": "403.00",
    "customer": {
        "id": 115310627314723954,
        "email": "jon@example.com",
        "first_name": "John",
        "last_name": "Smith",
        "phone": "+33 6 12 34 56 78",
        "state": "disabled",
    },
    "line_items": [
        {
            "id": 866550311766439020,
            "sku": "IPOD2008BLACK",
            "title": "IPod Nano - 8GB",
            "name": "IPod Nano - 8GB - black",
            "quantity": 1,
            "price": "199.00",
            "variant_id": 808950810,
            "requires_shipping": True,
        },
        {
            "id": 141249953214522974,
            "sku": "IPOD2008PINK",
            "title": "IPod Nano - 8GB",
            "name": "IPod Nano - 8GB - pink",
            "quantity": 2,
            "price": "102.00",
        },
    ],
    "note_attributes": [{"name": "pickup_store", "value": STORE}],
    "shipping_lines": [],
}


def status_event(number: str, status: str) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "collection.status_changed",
        "payload": {"store_id": STORE, "order_number": number, "status": status},
    }


@pytest.fixture
def store_till(running_hub) -> Any:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    return till


def test_web_order_reaches_the_store_feed_with_a_pickup_code(running_hub, store_till) -> None:
    answer = running_hub.admin.post("/v1/web-orders", json=order("W-100"))
    assert answer.status_code == 201, answer.text
    created = answer.json()["order"]
    assert created["total_minor"] == 620
    assert len(created["pickup_code"]) == 8
    assert created["status"] == "new"
    assert created["customer_email"] == "ann@example.com"
    changes = store_till.get("/v1/feed").json()["changes"]
    fed = [c["data"] for c in changes if c["kind"] == "web_order"]
    assert fed == [created]


def test_same_number_twice_is_a_conflict_and_external_id_is_idempotent(running_hub) -> None:
    running_hub.add_store(STORE)
    first = running_hub.admin.post("/v1/web-orders", json=order("W-1", external_id="web:1"))
    assert first.status_code == 201
    again = running_hub.admin.post("/v1/web-orders", json=order("W-1", external_id="web:1"))
    assert again.status_code == 200
    assert again.json() == {"created": False, "order": first.json()["order"]}
    clash = running_hub.admin.post("/v1/web-orders", json=order("W-1"))
    assert clash.status_code == 409
    assert "already exists" in clash.json()["detail"]
    unknown_store = running_hub.admin.post(
        "/v1/web-orders", json=order("W-2", pickup_store_id="zz")
    )
    assert unknown_store.status_code == 404


def test_shopify_order_is_mapped(running_hub, store_till) -> None:
    answer = running_hub.admin.post("/v1/web-orders/shopify", json=SHOPIFY_ORDER)
    assert answer.status_code == 201, answer.text
    mapped = answer.json()["order"]
    assert mapped["number"] == "SHOP-9999"
    assert mapped["pickup_store_id"] == STORE
    assert mapped["payment_status"] == "paid"
    assert mapped["customer_name"] == "John Smith"
    assert mapped["customer_phone"] == "+33 6 12 34 56 78"
    assert mapped["source"] == "shopify"
    assert [
        (ln["sku"], ln["quantity_milli"], ln["unit_price_minor"]) for ln in mapped["lines"]
    ] == [
        ("IPOD2008BLACK", 1000, 19900),
        ("IPOD2008PINK", 2000, 10200),
    ]
    assert mapped["total_minor"] == 40300
    # Shopify retries webhooks: the same order id is the same order.
    retried = running_hub.admin.post("/v1/web-orders/shopify", json=SHOPIFY_ORDER)
    assert retried.status_code == 200
    assert retried.json()["created"] is False
    found = store_till.get("/v1/lookup/web-orders", params={"number": "SHOP-9999"})
    assert found.json()[0]["pickup_code"] == mapped["pickup_code"]


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"financial_status": "pending"}, 201, None),
        ({"financial_status": "refunded"}, 422, "financial_status"),
        ({"note_attributes": []}, 422, "pickup store"),
        ({"line_items": [{"title": "Gift wrap", "quantity": 1, "price": "2.00"}]}, 422, "no SKU"),
        ({"line_items": [{"sku": "X", "quantity": 1, "price": "2.001"}]}, 422, "price"),
        ({"line_items": [{"sku": "X", "quantity": 1, "price": "two"}]}, 422, "not a decimal"),
        ({"customer": None, "email": None, "contact_email": None}, 422, "email"),
        ({"line_items": []}, 422, "line_items"),
    ],
)
def test_shopify_payload_problems_are_clear_422s(
    running_hub, change: dict[str, Any], status: int, message: str | None
) -> None:
    running_hub.add_store(STORE)
    payload = copy.deepcopy(SHOPIFY_ORDER)
    payload.update(change)
    answer = running_hub.admin.post("/v1/web-orders/shopify", json=payload)
    assert answer.status_code == status, answer.text
    if message is not None:
        assert message in str(answer.json()["detail"])
    else:
        assert answer.json()["order"]["payment_status"] == "pay_in_store"


def test_pickup_store_query_parameter_wins(running_hub) -> None:
    running_hub.add_store(STORE)
    running_hub.add_store("s2")
    answer = running_hub.admin.post(
        "/v1/web-orders/shopify", params={"pickup_store": "s2"}, json=SHOPIFY_ORDER
    )
    assert answer.json()["order"]["pickup_store_id"] == "s2"


def test_collection_moves_through_its_states_and_refuses_impossible_ones(
    running_hub, store_till
) -> None:
    running_hub.admin.post("/v1/web-orders", json=order("W-7"))
    steps = [("picking", "accepted"), ("ready", "accepted"), ("picking", "rejected")]
    for status, expected in steps:
        result = store_till.post("/v1/events", json={"events": [status_event("W-7", status)]})
        assert result.json()["results"][0]["status"] == expected, result.text
    # Collected at this till; another till's late "cancelled" is refused with the reason.
    batch = [status_event("W-7", "collected"), status_event("W-7", "cancelled")]
    results = store_till.post("/v1/events", json={"events": batch}).json()["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert "collected" in results[1]["reason"]
    current = store_till.get("/v1/lookup/web-orders", params={"number": "W-7"}).json()[0]
    assert current["status"] == "collected"
    latest = [c for c in store_till.get("/v1/feed").json()["changes"] if c["key"] == "W-7"]
    assert latest[-1]["data"]["status"] == "collected"
    unknown = store_till.post("/v1/events", json={"events": [status_event("W-404", "ready")]})
    assert "no web order" in unknown.json()["results"][0]["reason"]


def test_a_partly_collected_order_may_be_collected_in_several_visits(
    running_hub, store_till
) -> None:
    running_hub.admin.post("/v1/web-orders", json=order("W-8"))
    steps = ["picking", "ready", "partially_collected", "partially_collected", "collected"]
    batch = [status_event("W-8", status) for status in steps]
    results = store_till.post("/v1/events", json={"events": batch}).json()["results"]
    assert [r["status"] for r in results] == ["accepted"] * 5
    late = store_till.post("/v1/events", json={"events": [status_event("W-8", "picking")]})
    assert late.json()["results"][0]["status"] == "rejected"


def test_lookups(running_hub, store_till) -> None:
    running_hub.add_store("s2")
    running_hub.admin.post("/v1/web-orders", json=order("W-1"))
    running_hub.admin.post("/v1/web-orders", json=order("W-2"))
    by_email = store_till.get("/v1/lookup/web-orders", params={"email": " ANN@example.com "})
    assert [o["number"] for o in by_email.json()] == ["W-2", "W-1"]
    both = store_till.get("/v1/lookup/web-orders", params={"number": "W-1", "email": "a@b.c"})
    assert both.status_code == 422

    customers = store_till.get("/v1/lookup/customers", params={"phone": "+44 20 7946 0000"})
    assert customers.json() == [
        {
            "email": "ann@example.com",
            "name": "Ann",
            "phone": "+44 20 7946 0000",
            "id": customers.json()[0]["id"],
            "loyalty_card": None,
        }
    ]
    assert store_till.get("/v1/lookup/customers", params={"email": "x@y.z"}).json() == []

    headoffice.set_stock(running_hub.hub, STORE, "A", 3000)
    headoffice.set_stock(running_hub.hub, "s2", "A", -1000)
    levels = store_till.get("/v1/lookup/stock/A").json()["levels"]
    assert [(lv["store_id"], lv["quantity_milli"], lv["negative"]) for lv in levels] == [
        ("s1", 3000, False),
        ("s2", -1000, True),
    ]
    assert store_till.get("/v1/lookup/stored-value/GC-NOPE").status_code == 404


def test_admin_endpoints_for_promotions_and_stored_value(running_hub, store_till) -> None:
    promo = {
        "promo_id": "SUMMER-10",
        "name": "10% off drinks",
        "store_id": STORE,
        "starts_at": "2026-06-01T00:00:00Z",
        "ends_at": "2026-09-01T00:00:00Z",
        "rules": {"kind": "percent", "value": "10", "departments": ["beverages"]},
    }
    assert running_hub.admin.put("/v1/admin/promotions", json=promo).status_code == 204
    backwards = dict(promo, ends_at="2026-01-01T00:00:00Z")
    assert running_hub.admin.put("/v1/admin/promotions", json=backwards).status_code == 422
    fed = [
        c["data"] for c in store_till.get("/v1/feed").json()["changes"] if c["kind"] == "promotion"
    ]
    assert fed[0]["rules"] == promo["rules"]
    card = {"code": "GC-777", "kind": "gift_card", "currency": "EUR", "balance_minor": 5000}
    assert running_hub.admin.put("/v1/admin/stored-value", json=card).status_code == 200
    assert store_till.get("/v1/lookup/stored-value/GC-777").json()["balance_minor"] == 5000
