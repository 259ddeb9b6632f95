"""One stock truth at the hub: available-to-sell = on hand − reserved − safety stock, per
location; a web order holds its units from arrival until picking, cancellation or expiry ends
the hold, exactly once. Over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from sync.hub import stock_truth
from tests.helpers.web_orders import STORE, order

OTHER, DEPOT = "s2", "wh"


def status_event(number: str, status: str, moves: dict[str, int] | None = None) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "collection.status_changed",
        "payload": {
            "store_id": STORE,
            "order_number": number,
            "status": status,
            "stock_movements": [
                {"uuid": str(uuid.uuid4()), "sku": sku, "quantity_delta_milli": delta}
                for sku, delta in (moves or {}).items()
            ],
        },
    }


def push(till: Any, *events: dict[str, Any]) -> list[dict[str, Any]]:
    answer = till.post("/v1/events", json={"events": list(events)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def where(till: Any, sku: str) -> dict[str, dict[str, Any]]:
    answer = till.get(f"/v1/lookup/stock/{sku}")
    assert answer.status_code == 200, answer.text
    return {loc["store_id"]: loc for loc in answer.json()["locations"]}


@pytest.fixture
def till(running_hub) -> Any:
    for store in (STORE, OTHER, DEPOT):
        running_hub.add_store(store)
    with running_hub.hub.db.write() as session:
        stock_truth.set_location(
            session, DEPOT, kind="warehouse", region="North", now=running_hub.hub.clock()
        )
    for store, sku, units in ((STORE, "A", 10), (STORE, "B", 4), (OTHER, "A", 3), (DEPOT, "A", 50)):
        put = running_hub.admin.put(
            f"/v1/admin/stores/{store}/stock/{sku}", json={"quantity_milli": units * 1000}
        )
        assert put.status_code == 200, put.text
    client, _ = running_hub.enroll(STORE)
    return client


def test_every_location_shows_on_hand_reserved_and_available(running_hub, till) -> None:
    assert running_hub.admin.post("/v1/web-orders", json=order("W-1")).status_code == 201
    here = where(till, "A")
    assert list(here) == [STORE, OTHER, DEPOT]  # stores by name, the warehouse last
    assert (here[STORE]["on_hand_milli"], here[STORE]["reserved_milli"]) == (10_000, 2_000)
    assert here[STORE]["available_milli"] == 8_000
    assert here[OTHER]["available_milli"] == 3_000
    assert here[DEPOT]["kind"] == "warehouse"
    assert here[DEPOT]["region"] == "North"
    assert here[DEPOT]["available_milli"] == 50_000


def test_safety_stock_per_location_and_per_sku(running_hub, till) -> None:
    hub = running_hub.hub
    with hub.db.write() as session:
        stock_truth.set_location(session, STORE, safety_milli=1_000, now=hub.clock())
        stock_truth.set_sku_safety(session, STORE, "B", 3_000, now=hub.clock())
    assert where(till, "A")[STORE]["available_milli"] == 9_000
    assert where(till, "B")[STORE]["available_milli"] == 1_000
    with hub.db.write() as session:
        stock_truth.set_sku_safety(session, STORE, "B", None, now=hub.clock())
    assert where(till, "B")[STORE]["available_milli"] == 3_000


def test_picking_moves_the_hold_once_and_the_till_movement_takes_it_off_on_hand(
    running_hub, till
) -> None:
    assert running_hub.admin.post("/v1/web-orders", json=order("W-2")).status_code == 201
    push(till, status_event("W-2", "picking"))
    assert where(till, "A")[STORE]["reserved_milli"] == 2_000  # still on the shelf
    ready = status_event("W-2", "ready", {"A": -2_000, "B": -1_000})
    assert [r["status"] for r in push(till, ready)] == ["accepted"]
    after = where(till, "A")[STORE]
    assert (after["on_hand_milli"], after["reserved_milli"], after["available_milli"]) == (
        8_000,
        0,
        8_000,
    )
    # The same event again (a retry) is a duplicate: nothing moves twice.
    assert [r["status"] for r in push(till, ready)] == ["duplicate"]
    assert where(till, "A")[STORE]["available_milli"] == 8_000
    with running_hub.hub.db.read() as session:
        held = stock_truth.reserved_by_order(session, "W-2")
    assert held == {"A": (2_000, "moved"), "B": (1_000, "moved")}
    # Handing over after picking moves nothing more at the hub.
    push(till, status_event("W-2", "collected"))
    assert where(till, "A")[STORE]["available_milli"] == 8_000


def test_cancel_before_picking_releases_the_hold(running_hub, till) -> None:
    assert running_hub.admin.post("/v1/web-orders", json=order("W-3")).status_code == 201
    assert where(till, "B")[STORE]["available_milli"] == 3_000
    cancelled = running_hub.admin.post("/v1/web-orders/W-3/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert where(till, "B")[STORE]["available_milli"] == 4_000
    with running_hub.hub.db.read() as session:
        assert stock_truth.reserved_by_order(session, "W-3") == {
            "A": (2_000, "released"),
            "B": (1_000, "released"),
        }
    # A second cancel is refused; the hold is not released twice.
    assert running_hub.admin.post("/v1/web-orders/W-3/cancel").status_code == 409
    assert where(till, "B")[STORE]["available_milli"] == 4_000


def test_bad_location_settings_are_refused_and_change_nothing(running_hub, till) -> None:
    hub = running_hub.hub
    with pytest.raises(Exception, match="kind must be"), hub.db.write() as session:
        stock_truth.set_location(session, STORE, kind="moon", now=hub.clock())
    with pytest.raises(Exception, match="no store"), hub.db.write() as session:
        stock_truth.set_location(session, "nowhere", safety_milli=1, now=hub.clock())
    with pytest.raises(Exception, match="between 0"), hub.db.write() as session:
        stock_truth.set_sku_safety(session, STORE, "A", -5, now=hub.clock())
    assert where(till, "A")[STORE]["available_milli"] == 10_000


def test_head_office_api_for_locations_safety_stock_and_pushes(running_hub, till) -> None:
    admin = running_hub.admin
    put = admin.put(
        f"/v1/admin/stores/{STORE}/location",
        json={"kind": "store", "region": "South", "safety_milli": 2000, "hold_days": 3},
    )
    assert put.status_code == 200, put.text
    assert put.json() == {
        "store_id": STORE,
        "kind": "store",
        "region": "South",
        "safety_milli": 2000,
        "hold_days": 3,
    }
    assert where(till, "A")[STORE]["available_milli"] == 8_000
    sku = admin.put(f"/v1/admin/stores/{STORE}/safety-stock/A", json={"quantity_milli": 0})
    assert sku.status_code == 204
    assert where(till, "A")[STORE]["available_milli"] == 10_000
    assert admin.get("/v1/admin/stock-pushes").json() == []  # no web store connected
    assert admin.post("/v1/admin/stock-pushes/retry").json() == {"queued": 0}
    # Bad input is refused and changes nothing; a till's token is not head office's.
    for path, body in (
        (f"/v1/admin/stores/{STORE}/location", {"hold_days": 0}),
        (f"/v1/admin/stores/{STORE}/location", {"kind": "moon"}),
        ("/v1/admin/stores/nowhere/location", {"region": "x"}),
        (f"/v1/admin/stores/{STORE}/safety-stock/A", {"quantity_milli": -1}),
    ):
        assert admin.put(path, json=body).status_code in (404, 422), path
    assert till.put(f"/v1/admin/stores/{STORE}/location", json={}).status_code == 403
    assert till.get("/v1/admin/stock-pushes").status_code == 403
    assert where(till, "A")[STORE]["available_milli"] == 10_000
