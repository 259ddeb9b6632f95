"""Customers at the hub over real HTTP: create (409 on a known email), find by email, phone or
loyalty card, history across channels with store credit, and customers/sales a till pushes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.customers import directory as till_customers
from pos_app.services.customers.directory import CustomerCache, CustomerRef
from pos_app.services.promotions.store_promotions import PromotionService
from tests.helpers.promotions import sell_to
from tests.helpers.till_db import outbox

STORE = "store-1"  # the seeded till's store


def test_create_then_find_by_email_phone_and_card(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    spec = {"email": "Ann@Example.com", "name": "Ann Lee", "phone": "+44 20 7946 0000",
            "loyalty_card": "LOY00012345"}  # fmt: skip
    created = till.post("/v1/customers", json=spec)
    assert created.status_code == 201, created.text
    ann = created.json()
    assert ann["email"] == "ann@example.com"
    assert uuid.UUID(ann["ref"]).version == 4  # opaque, not a sequential key

    again = till.post("/v1/customers", json=dict(spec, loyalty_card=None, name="Other"))
    assert again.status_code == 409
    assert "already exists" in again.json()["detail"]
    assert till.post("/v1/customers", json={"email": "no", "name": "X"}).status_code == 422

    for params in ({"email": " ANN@example.com"}, {"phone": "+44 20 7946 0000"},
                   {"card": "LOY00012345"}):  # fmt: skip
        found = till.get("/v1/lookup/customers", params=params)
        assert found.status_code == 200, found.text
        assert found.json() == [ann]
    both = till.get("/v1/lookup/customers", params={"email": "a@b.c", "card": "LOY00012345"})
    assert both.status_code == 422
    assert till.get("/v1/lookup/customers/999999/history").status_code == 404


def push(till, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    answer = till.post("/v1/events", json={"events": events})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["results"])


def test_history_shows_web_orders_in_store_sales_and_store_credit(
    running_hub, seeded: sessionmaker[Session]
) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    order = {
        "number": "W-77", "pickup_store_id": STORE, "currency": "EUR",
        "customer": {"email": "ann@example.com", "name": "Ann"}, "payment_status": "paid",
        "lines": [{"sku": "A", "name": "Apple", "quantity_milli": 1000, "unit_price_minor": 250}],
    }  # fmt: skip
    assert running_hub.admin.post("/v1/web-orders", json=order).status_code == 201
    ann = till.get("/v1/lookup/customers", params={"email": "ann@example.com"}).json()[0]
    credit = {"code": "SC-ANN-1", "kind": "store_credit", "currency": "EUR",
              "balance_minor": 1250, "customer_email": "ann@example.com"}  # fmt: skip
    assert running_hub.admin.put("/v1/admin/stored-value", json=credit).status_code == 200

    sale = sell_to(seeded, CustomerRef(email=ann["email"], name="Ann", hub_ref=ann["ref"]),
                 PromotionService())  # fmt: skip
    results = push(till, outbox(seeded))
    assert [r["status"] for r in results] == ["accepted"]

    history = till.get(f"/v1/lookup/customers/{ann['ref']}/history")
    assert history.status_code == 200, history.text
    body = history.json()
    # Newest first: the web order is from today, the till sale from the test clock's March.
    assert [(o["channel"], o["reference"]) for o in body["orders"]] == [
        ("web", "W-77"),
        ("store", sale.receipt_no),
    ]
    assert body["orders"][1]["total_minor"] == sale.totals.total.to_minor()
    assert [(c["code"], c["balance_minor"]) for c in body["store_credit"]] == [("SC-ANN-1", 1250)]


def test_a_customer_created_offline_is_created_or_linked_when_it_syncs(
    running_hub, seeded: sessionmaker[Session]
) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    existing = {"email": "bo@example.com", "name": "Bo (web)"}
    assert till.post("/v1/customers", json=existing).status_code == 201
    cache, now = CustomerCache(), datetime.now(UTC)
    with seeded.begin() as session:
        for name, email in (("Cy", "cy@example.com"), ("Bo", "BO@example.com")):
            new = till_customers.new_customer(name, email, "", "LOY00055555")
            till_customers.queue_created(session, new, store_id=STORE, now=now, cache=cache)
    cy = CustomerRef(email="cy@example.com", name="Cy", pending=True)  # no hub id yet
    sell_to(seeded, cy, PromotionService())
    results = push(till, outbox(seeded))
    assert [r["status"] for r in results] == ["accepted"] * 3
    assert "linked" in results[1]["warnings"][0]
    cy_hub = till.get("/v1/lookup/customers", params={"card": "LOY00055555"}).json()
    assert [(c["name"], c["email"]) for c in cy_hub] == [("Cy", "cy@example.com")]
    bo_hub = till.get("/v1/lookup/customers", params={"email": "bo@example.com"}).json()
    assert [c["name"] for c in bo_hub] == ["Bo (web)"]  # one customer, not a duplicate
    history = till.get(f"/v1/lookup/customers/{cy_hub[0]['ref']}/history").json()
    assert [o["channel"] for o in history["orders"]] == ["store"]  # linked by email
    # The same events again: duplicates, nothing created twice.
    assert {r["status"] for r in push(till, outbox(seeded))} == {"duplicate"}


def test_a_sale_naming_an_unknown_customer_is_kept_with_a_warning(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    payload = {
        "sale_uuid": str(uuid.uuid4()), "store_id": STORE, "till_id": "t", "receipt_no": "t-1",
        "created_at": "2026-03-02T10:30:00+00:00", "currency": "EUR",
        "totals": {"total_minor": 100},
        "lines": [{"line_no": 1, "sku": "A", "quantity_milli": 1000, "unit_price_minor": 100,
                   "amount_minor": 100}],
        "tenders": [{"kind": "card", "amount_minor": 100}], "stock_movements": [],
        "customer_ref": str(uuid.uuid4()),
    }  # fmt: skip
    event = {"event_id": str(uuid.uuid4()), "kind": "sale.completed", "payload": payload}
    [result] = push(till, [event])
    assert result["status"] == "accepted"
    assert "not known" in result["warnings"][0]
