"""Bad input gets a 4xx with a message that says what is wrong; never a 500
(docs/architecture.md §10)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

STORE = "s1"


@pytest.fixture
def till(running_hub) -> Any:
    running_hub.add_store(STORE)
    return running_hub.enroll(STORE)[0]


def test_schema_errors_are_422_naming_the_field(running_hub) -> None:
    answer = running_hub.admin.put("/v1/admin/stores", json={"store_id": "s 1", "name": ""})
    assert answer.status_code == 422
    fields = {tuple(item["loc"]) for item in answer.json()["detail"]}
    assert ("body", "store_id") in fields
    assert ("body", "name") in fields
    assert all(item["msg"] for item in answer.json()["detail"])


def test_not_json_and_wrong_shapes_are_422(running_hub, till) -> None:
    raw = till.post("/v1/events", data=b"{not json", headers={"Content-Type": "application/json"})
    assert raw.status_code == 422
    assert till.post("/v1/events", json=[1, 2]).status_code == 422
    assert till.post("/v1/events", json={"events": "many"}).status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": -1},
        {"cursor": 2**70},
        {"limit": 0},
        {"limit": 10**6},
        {"wait": 3600},
        {"wait": "soon"},
    ],
)
def test_feed_parameters_out_of_range_are_422(till, params: dict[str, Any]) -> None:
    answer = till.get("/v1/feed", params=params)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][-1] in params


def test_nul_characters_and_huge_numbers_never_reach_the_database(running_hub, till) -> None:
    order = {
        "number": "W-1",
        "pickup_store_id": STORE,
        "customer": {"email": "a@b.co", "name": "Nul\x00Name"},
        "currency": "EUR",
        "payment_status": "paid",
        "lines": [{"sku": "A", "quantity_milli": 1000, "unit_price_minor": 10**30}],
    }
    assert running_hub.admin.post("/v1/web-orders", json=order).status_code == 422
    order["lines"][0]["unit_price_minor"] = 100
    answer = running_hub.admin.post("/v1/web-orders", json=order)
    assert answer.status_code in (201, 422)  # SQLite stores a NUL; PostgreSQL refuses it: 422
    event = {
        "event_id": str(uuid.uuid4()),
        "kind": "stock.adjusted",
        "payload": {
            "store_id": STORE,
            "reason": "x",
            "stock_movements": [
                {"uuid": str(uuid.uuid4()), "sku": "A\x00B", "quantity_delta_milli": 1}
            ],
        },
    }
    result = till.post("/v1/events", json={"events": [event]})
    assert result.status_code == 200
    assert result.json()["results"][0]["status"] == "rejected"
    assert "NUL" in result.json()["results"][0]["reason"]
    assert till.get("/v1/lookup/stock/A%00B").status_code in (200, 404, 422)


def test_unknown_routes_and_methods_are_4xx(running_hub) -> None:
    assert running_hub.admin.get("/v1/nothing-here").status_code == 404
    assert running_hub.admin.request("DELETE", "/v1/feed").status_code == 405
