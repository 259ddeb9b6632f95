"""Enrollment, revocation and store scoping (docs/architecture.md §6 Auth, §10)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sync.hub import tenancy


def test_enroll_code_gives_a_device_token_once(running_hub) -> None:
    running_hub.add_store("s1")
    code = running_hub.admin.post("/v1/admin/stores/s1/enroll-codes").json()["code"]
    anonymous = running_hub.client()
    # People type codes: lower case and without dashes works too.
    first = anonymous.post("/v1/enroll", json={"code": code.lower().replace("-", "")})
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["store"]["store_id"] == "s1"
    assert body["till_id"].startswith("s1-T")
    again = anonymous.post("/v1/enroll", json={"code": code})
    assert again.status_code == 403
    assert "already used" in again.json()["detail"]


def test_expired_or_unknown_code_is_refused(running_hub) -> None:
    running_hub.add_store("s1")
    made = tenancy.create_enroll_code(running_hub.hub, "s1", ttl=timedelta(seconds=-1))
    anonymous = running_hub.client()
    assert anonymous.post("/v1/enroll", json={"code": made.code}).status_code == 403
    assert anonymous.post("/v1/enroll", json={"code": "NOPE-NOPE-NOPE"}).status_code == 403


def test_device_token_is_stored_hashed(running_hub) -> None:
    running_hub.add_store("s1")
    till, _ = running_hub.enroll("s1")
    token = till.session.headers["Authorization"].removeprefix("Bearer ")
    with running_hub.hub.db.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT token_hash FROM tills").scalars().all()
    assert token not in stored
    assert len(stored) == 1
    assert len(stored[0]) == 64


def test_revoked_till_is_refused_at_once(running_hub) -> None:
    running_hub.add_store("s1")
    till, till_id = running_hub.enroll("s1")
    assert till.get("/v1/feed").status_code == 200
    answer = running_hub.admin.post(f"/v1/admin/tills/{till_id}/revoke")
    assert answer.status_code == 204
    refused = till.get("/v1/feed")
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert running_hub.admin.post("/v1/admin/tills/nope/revoke").status_code == 404


def test_missing_or_bad_tokens_get_401(running_hub) -> None:
    assert running_hub.client().get("/v1/feed").status_code == 401
    assert running_hub.client("otd_forged").get("/v1/feed").status_code == 401
    assert running_hub.client("ota_forged").get("/v1/lookup/stock/X").status_code == 401


def test_tokens_are_limited_to_their_role(running_hub) -> None:
    running_hub.add_store("s1")
    till, _ = running_hub.enroll("s1")
    # A till cannot do head-office work …
    assert till.put("/v1/admin/stores", json={"store_id": "x", "name": "X"}).status_code == 403
    assert till.post("/v1/admin/stores/s1/enroll-codes").status_code == 403
    assert till.put("/v1/admin/stores/s1/stock/A", json={"quantity_milli": 5}).status_code == 403
    # … and head office has no feed of its own.
    assert running_hub.admin.get("/v1/feed").status_code == 403


def _order(number: str, store: str) -> dict[str, object]:
    return {
        "number": number,
        "pickup_store_id": store,
        "customer": {"email": "ann@example.com", "name": "Ann"},
        "currency": "EUR",
        "payment_status": "paid",
        "lines": [{"sku": "A", "quantity_milli": 1000, "unit_price_minor": 250}],
    }


def test_a_till_never_sees_another_stores_data(running_hub) -> None:
    running_hub.add_store("s1")
    running_hub.add_store("s2")
    till1, _ = running_hub.enroll("s1")
    till2, _ = running_hub.enroll("s2")
    assert running_hub.admin.post("/v1/web-orders", json=_order("W-1", "s1")).status_code == 201
    running_hub.admin.put("/v1/admin/stores/s1/stock/A", json={"quantity_milli": 7000})

    keys1 = {(c["kind"], c["key"]) for c in till1.get("/v1/feed").json()["changes"]}
    keys2 = {(c["kind"], c["key"]) for c in till2.get("/v1/feed").json()["changes"]}
    assert ("web_order", "W-1") in keys1
    assert ("stock", "A") in keys1
    assert ("web_order", "W-1") not in keys2
    assert ("stock", "A") not in keys2
    assert ("store", "s1") not in keys2

    assert till1.get("/v1/lookup/web-orders", params={"number": "W-1"}).status_code == 200
    assert till2.get("/v1/lookup/web-orders", params={"number": "W-1"}).status_code == 404
    by_email = till2.get("/v1/lookup/web-orders", params={"email": "ann@example.com"})
    assert by_email.json() == []


def test_events_for_another_store_are_rejected(running_hub) -> None:
    running_hub.add_store("s1")
    running_hub.add_store("s2")
    till2, _ = running_hub.enroll("s2")
    event = {
        "event_id": str(uuid.uuid4()),
        "kind": "stock.adjusted",
        "payload": {
            "store_id": "s1",
            "reason": "sneaky",
            "stock_movements": [
                {"uuid": str(uuid.uuid4()), "sku": "A", "quantity_delta_milli": 100_000}
            ],
        },
    }
    result = till2.post("/v1/events", json={"events": [event]}).json()["results"][0]
    assert result["status"] == "rejected"
    assert "s2" in result["reason"]
    stock = running_hub.admin.get("/v1/lookup/stock/A").json()
    assert stock["levels"] == []
