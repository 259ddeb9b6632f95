"""Web orders as the web store sends them to the hub, and tills' status events about them."""

from __future__ import annotations

import uuid
from typing import Any

STORE = "s1"  # the pickup store of these orders (each test adds it to its hub)
T_SHIRT_MINOR, COFFEE_MINOR = 1500, 899


def order(number: str, **changes: Any) -> dict[str, Any]:
    """POST /v1/web-orders body: two apples and a bread for pickup at STORE, paid."""
    body: dict[str, Any] = {
        "number": number,
        "pickup_store_id": STORE,
        "customer": {"email": "Ann@Example.com", "name": "Ann", "phone": "+44 20 7946 0000"},
        "currency": "EUR",
        "payment_status": "paid",
        "lines": [
            {"sku": "A", "name": "Apple", "quantity_milli": 2000, "unit_price_minor": 150},
            {"sku": "B", "name": "Bread", "quantity_milli": 1000, "unit_price_minor": 320},
        ],
    }
    body.update(changes)
    return body


def event(number: str, status: str, collected: tuple[int, int] = (0, 0)) -> dict[str, Any]:
    """A till's status event for an order of web_order(), with its lines as the till sends
    them."""
    lines = [
        {"line_no": 1, "sku": "TSH-1", "picked_milli": 2000, "collected_milli": collected[0]},
        {"line_no": 2, "sku": "COF-1", "picked_milli": 1000, "collected_milli": collected[1]},
    ]
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "collection.status_changed",
        "payload": {"store_id": STORE, "order_number": number, "status": status, "lines": lines},
    }


def web_order(running_hub: Any, number: str, **changes: Any) -> dict[str, Any]:
    """Two T-shirts and a coffee ordered on the web for pickup at STORE; the hub's order."""
    lines = [
        {
            "sku": "TSH-1",
            "name": "T-Shirt",
            "quantity_milli": 2000,
            "unit_price_minor": T_SHIRT_MINOR,
        },
        {
            "sku": "COF-1",
            "name": "Coffee",
            "quantity_milli": 1000,
            "unit_price_minor": COFFEE_MINOR,
        },
    ]
    answer = running_hub.admin.post("/v1/web-orders", json=order(number, lines=lines, **changes))
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()["order"]
    return created
