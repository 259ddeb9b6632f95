"""POST /v1/events: idempotent, per-event results, stock deltas, never refusing a sale."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from sqlalchemy import func, select

from sync.hub import headoffice
from sync.hub.models import IngestedEvent, StockLevel
from sync.protocol import StoredValueIn
from tests.helpers.catalog import STORE
from tests.helpers.events import sale as sale_event
from tests.helpers.till_db import outbox


def stock_adjustment(sku: str, delta_milli: int, store: str = STORE) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "stock.adjusted",
        "payload": {
            "store_id": store,
            "reason": "delivery",
            "stock_movements": [
                {"uuid": str(uuid.uuid4()), "sku": sku, "quantity_delta_milli": delta_milli}
            ],
        },
    }


def level(hub, sku: str, store: str = STORE) -> int | None:
    with hub.db.read() as session:
        return session.execute(
            select(StockLevel.quantity_milli).where(
                StockLevel.store_id == store, StockLevel.sku == sku
            )
        ).scalar_one_or_none()


def stored_events(hub) -> int:
    with hub.db.read() as session:
        return session.execute(select(func.count()).select_from(IngestedEvent)).scalar_one()


def test_real_till_sales_are_accepted_and_move_stock(running_hub, sell, seeded) -> None:
    sell(["4006381333931", "4006381333931", "96385074"])  # 2 coffee, 1 milk
    sell(["96385074"])
    running_hub.add_store(STORE)
    headoffice.set_stock(running_hub.hub, STORE, "COF-1", 10_000)
    till, _ = running_hub.enroll(STORE)
    events = outbox(seeded)
    assert [e["kind"] for e in events] == ["sale.completed", "sale.completed"]

    answer = till.post("/v1/events", json={"events": events})
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["accepted", "accepted"]
    assert level(running_hub.hub, "COF-1") == 8_000
    # Milk had no level at the hub: the sale is recorded anyway and the negative is flagged.
    assert level(running_hub.hub, "MLK-1") == -2_000
    warnings = answer.json()["results"][1]["warnings"]
    assert any("MLK-1" in w and "negative" in w for w in warnings)


def test_duplicates_are_acknowledged_and_applied_once(running_hub, sell, seeded) -> None:
    sell(["4006381333931"])
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    events = outbox(seeded)
    first = till.post("/v1/events", json={"events": events + events}).json()["results"]
    assert [r["status"] for r in first] == ["accepted", "duplicate"]
    again = till.post("/v1/events", json={"events": events}).json()["results"]
    assert [r["status"] for r in again] == ["duplicate"]
    assert level(running_hub.hub, "COF-1") == -1_000
    assert stored_events(running_hub.hub) == 1


def test_out_of_order_batches_give_the_same_result(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    batch1 = [stock_adjustment("A", 5_000), stock_adjustment("A", -1_000)]
    batch2 = [stock_adjustment("A", -3_000), stock_adjustment("B", 2_000)]
    for batch in (batch2, batch1, batch2):  # late, early, then a re-send of the late one
        assert till.post("/v1/events", json={"events": batch}).status_code == 200
    assert level(running_hub.hub, "A") == 1_000
    assert level(running_hub.hub, "B") == 2_000
    assert stored_events(running_hub.hub) == 4


def test_a_malformed_event_is_rejected_alone(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    good1, good2 = stock_adjustment("A", 1_000), stock_adjustment("A", 2_000)
    bad_payload = stock_adjustment("A", 5_000)
    bad_payload["payload"]["stock_movements"][0]["quantity_delta_milli"] = "lots"
    events = [
        good1,
        {"event_id": "not-a-uuid", "kind": "stock.adjusted", "payload": {}},
        bad_payload,
        {"event_id": str(uuid.uuid4()), "kind": "teleport", "payload": {}},
        "not even an object",
        good2,
    ]
    answer = till.post("/v1/events", json={"events": events})
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [
        "accepted",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "accepted",
    ]
    assert results[1]["event_id"] == "not-a-uuid"
    assert "event_id" in results[1]["reason"]
    assert "quantity_delta_milli" in results[2]["reason"]
    assert "kind" in results[3]["reason"]
    assert [r["index"] for r in results] == list(range(6))
    assert level(running_hub.hub, "A") == 3_000
    # A rejected event is not stored: fixed and re-sent under the same id, it is accepted.
    bad_payload["payload"]["stock_movements"][0]["quantity_delta_milli"] = 5_000
    fixed = till.post("/v1/events", json={"events": [bad_payload]}).json()["results"]
    assert fixed[0]["status"] == "accepted"


def test_a_batch_over_the_limit_is_a_clear_422(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    answer = till.post("/v1/events", json={"events": [{}] * 501})
    assert answer.status_code == 422
    assert "500" in json.dumps(answer.json()["detail"])


def test_concurrent_resends_of_one_batch_apply_once(running_hub) -> None:
    """A till that timed out and re-sent while the first request still ran: exactly once."""
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    batch = [stock_adjustment(f"SKU-{i % 5}", -1_000) for i in range(40)]
    statuses: list[list[str]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def push() -> None:
        try:
            client = running_hub.client(till.session.headers["Authorization"][7:])
            start.wait(timeout=10)
            answer = client.post("/v1/events", json={"events": batch})
            assert answer.status_code == 200, answer.text
            statuses.append([r["status"] for r in answer.json()["results"]])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    accepted = [sum(s[i] == "accepted" for s in statuses) for i in range(len(batch))]
    assert accepted == [1] * len(batch)
    for sku in range(5):
        assert level(running_hub.hub, f"SKU-{sku}") == -8_000


def test_gift_card_tender_draws_on_the_hub_balance(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    headoffice.issue_stored_value(
        running_hub.hub,
        StoredValueIn(code="GC-1234", kind="gift_card", currency="EUR", balance_minor=2_000),
    )
    sale = sale_event(price=1_500, sku="A", store=STORE)
    sale["payload"]["tenders"] = [
        {"kind": "gift_card", "amount_minor": 1_500, "account": "GC-1234"}
    ]
    result = till.post("/v1/events", json={"events": [sale]}).json()["results"][0]
    assert result["status"] == "accepted", result
    balance = till.get("/v1/lookup/stored-value/GC-1234").json()
    assert balance["balance_minor"] == 500
