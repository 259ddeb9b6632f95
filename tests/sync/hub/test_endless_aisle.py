"""Endless aisle at the hub, over real HTTP (SQLite and PostgreSQL): a till's sale carrying an
``aisle_order`` becomes one paid web order at the fulfilling location (however often the event
is sent), reserves stock there, queues the confirmation e-mail, and is answered with a warning,
never refused, when the location is short or the order cannot be made as sent."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from sync.hub import headoffice, stock_truth
from sync.hub.models import AisleOrderRow, CustomerNotificationRow, WebOrderRow

HERE, THERE = "s1", "s2"


def sale(number: str, *, mode: str = "pickup", units: int = 1, **aisle: Any) -> dict[str, Any]:
    sale_uuid = str(uuid.uuid4())
    amount = 899 * units
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "sale.completed",
        "payload": {
            "sale_uuid": sale_uuid,
            "store_id": HERE,
            "till_id": "t1",
            "receipt_no": f"R-{number}",
            "created_at": "2026-12-05T09:00:00+00:00",
            "currency": "EUR",
            "totals": {"total_minor": amount, "tax_minor": 0},
            "lines": [
                {
                    "line_no": 1,
                    "sku": "COF",
                    "name": "Coffee",
                    "quantity_milli": units * 1000,
                    "unit_price_minor": 899,
                    "amount_minor": amount,
                }
            ],
            "tenders": [{"kind": "card", "amount_minor": amount}],
            "stock_movements": [],
            "aisle_order": {
                "number": number,
                "fulfil_store_id": THERE,
                "mode": mode,
                "customer_email": "Ann@Example.com",
                "customer_name": "Ann",
                "lines": [
                    {
                        "line_no": 1,
                        "sku": "COF",
                        "name": "Coffee",
                        "quantity_milli": units * 1000,
                        "unit_price_minor": 899,
                    }
                ],
                **aisle,
            },
        },
    }


@pytest.fixture
def till(running_hub) -> Any:
    running_hub.add_store(HERE)
    running_hub.add_store(THERE)
    headoffice.set_stock(running_hub.hub, THERE, "COF", 3_000)
    client, _ = running_hub.enroll(HERE)
    return client


def push(till: Any, event: dict[str, Any]) -> dict[str, Any]:
    answer = till.post("/v1/events", json={"events": [event]})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()["results"][0]
    return result


def test_one_paid_order_at_the_fulfilling_store_however_often_sent(running_hub, till) -> None:
    event = sale("A-1", units=2)
    first = push(till, event)
    assert (first["status"], first["warnings"]) == ("accepted", [])
    assert push(till, event)["status"] == "duplicate"
    hub = running_hub.hub
    with hub.db.read() as session:
        rows = session.scalars(select(WebOrderRow).where(WebOrderRow.number == "A-1")).all()
        assert len(rows) == 1
        assert (rows[0].store_id, rows[0].payment_status, rows[0].total_minor) == (
            THERE,
            "paid",
            1798,
        )
        assert stock_truth.reserved_by_order(session, "A-1") == {"COF": (2000, "held")}
        assert stock_truth.available_at(session, THERE, ["COF"]) == {"COF": 1000}
        kinds = session.scalars(
            select(CustomerNotificationRow.kind).where(
                CustomerNotificationRow.order_number == "A-1"
            )
        ).all()
        assert kinds == ["order_confirmed"]
        assert session.get(AisleOrderRow, "A-1") is not None
    # The fulfilling store's tills get it in their queue; the selling store's do not.
    there, _ = running_hub.enroll(THERE)
    fed = [c for c in there.get("/v1/feed").json()["changes"] if c["kind"] == "web_order"]
    assert [c["key"] for c in fed] == ["A-1"]
    fed_here = [c for c in till.get("/v1/feed").json()["changes"] if c["kind"] == "web_order"]
    assert fed_here == []


def test_short_stock_and_bad_orders_are_warnings_never_refusals(running_hub, till) -> None:
    short = push(till, sale("A-2", units=5, checked_online=False))
    assert short["status"] == "accepted"
    assert any("short of COF by 2" in w for w in short["warnings"])
    no_address = push(till, sale("A-3", mode="delivery"))
    assert no_address["status"] == "accepted"
    assert any("no delivery address" in w for w in no_address["warnings"])
    nowhere = push(till, sale("A-4", fulfil_store_id="zz"))
    assert any("no store 'zz'" in w for w in nowhere["warnings"])
    delivered = push(till, sale("A-5", mode="delivery", delivery_address="1 High St, Town"))
    assert delivered["status"] == "accepted"
    with running_hub.hub.db.read() as session:
        made = session.scalar(select(func.count()).select_from(AisleOrderRow))
        mode = session.get(AisleOrderRow, "A-5")
    assert made == 2  # A-2 (short, but paid) and A-5
    assert mode is not None
    assert (mode.mode, mode.delivery_address) == ("delivery", "1 High St, Town")
    # The fulfilling store's tills are told it is a delivery, and where to (issue 21 point 1).
    there, _ = running_hub.enroll(THERE)
    fed = [c["data"] for c in there.get("/v1/feed").json()["changes"] if c["key"] == "A-5"]
    assert [(o["fulfilment"], o["deliver_to"]) for o in fed] == [("delivery", "1 High St, Town")]
    pickup = [c["data"] for c in there.get("/v1/feed").json()["changes"] if c["key"] == "A-2"]
    assert [(o["fulfilment"], o["deliver_to"]) for o in pickup] == [("pickup", None)]


def test_an_aisle_line_is_returned_by_its_order_not_by_the_receipt_too(running_hub, till) -> None:
    event = sale("A-7")
    payload = event["payload"]  # a basket of two: the ordered coffee and a bag sold here
    payload["lines"].append(
        {
            "line_no": 2,
            "sku": "BAG",
            "name": "Bag",
            "quantity_milli": 1000,
            "unit_price_minor": 100,
            "amount_minor": 100,
        }
    )
    payload["totals"]["total_minor"] += 100
    payload["tenders"][0]["amount_minor"] += 100
    payload["stock_movements"] = [
        {"uuid": str(uuid.uuid4()), "sku": "BAG", "quantity_delta_milli": -1000}
    ]
    headoffice.set_stock(running_hub.hub, HERE, "BAG", 10_000)
    result = push(till, event)
    assert (result["status"], result["warnings"]) == ("accepted", [])
    by_receipt = till.get("/v1/lookup/returnable", params={"receipt_no": "R-A-7"})
    assert by_receipt.status_code == 200, by_receipt.text
    assert [ln["sku"] for ln in by_receipt.json()["lines"]] == ["BAG"]  # one refund per unit
    by_order = till.get("/v1/lookup/returnable", params={"order_number": "A-7"})
    assert by_order.status_code == 200, by_order.text
    assert [ln["sku"] for ln in by_order.json()["lines"]] == ["COF"]
