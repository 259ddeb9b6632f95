"""Web orders (head-office API), click-and-collect status, online look-ups (Shopify webhooks:
test_shopify_webhooks.py)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from sync.hub import headoffice
from tests.helpers.web_orders import STORE, order


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


def test_an_order_in_another_currency_than_its_store_is_refused(running_hub) -> None:
    running_hub.add_store(STORE)  # sells in EUR
    answer = running_hub.admin.post("/v1/web-orders", json=order("W-CHF", currency="CHF"))
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["code"] == "web_order.wrong_currency"
    assert body["detail"] == (f"store {STORE} sells in EUR: it cannot take web order W-CHF in CHF")
    lookup = running_hub.admin.post("/v1/web-orders", json=order("W-CHF"))
    assert lookup.status_code == 201  # nothing was kept of the refused one: the number is free


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
            "ref": customers.json()[0]["ref"],
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
