"""The hub checks the money a till asserts (issue 16 point 2), over HTTP against a real hub.

Each attack named in the issue is one event a till token can send; each is stored but
quarantined: it moves no stored value, no stock and no returns ledger, and the answer says so
in a warning the till keeps in front of its manager. Head office releases or rejects it.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy import func, select

from sync.hub import headoffice
from sync.hub.models import IngestedEvent, ReturnableLineRow, StockLevel, StoredValue
from tests.helpers.events import sale
from tests.helpers.hub import HubUnderTest
from tests.helpers.hub_calls import run_hub as run

STORE = "store-1"
HELD = "quarantined by the hub"


@pytest.fixture
def till(running_hub: HubUnderTest) -> Any:
    running_hub.add_store(STORE)
    headoffice.set_stock(running_hub.hub, STORE, "MUG-1", 10_000)
    api, _ = running_hub.enroll(STORE)
    return api


def push(till: Any, event: dict[str, Any]) -> dict[str, Any]:
    answer = till.post("/v1/events", json={"events": [event]})
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    return dict(result)


def stock(hub: HubUnderTest, sku: str = "MUG-1") -> int | None:
    with hub.hub.db.read() as session:
        return session.scalar(
            select(StockLevel.quantity_milli).where(
                StockLevel.store_id == STORE, StockLevel.sku == sku
            )
        )


def ledger_lines(hub: HubUnderTest) -> int:
    with hub.hub.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ReturnableLineRow)) or 0)


def balance(hub: HubUnderTest, code: str) -> int | None:
    with hub.hub.db.read() as session:
        return session.scalar(select(StoredValue.balance_minor).where(StoredValue.code == code))


def assert_held(result: dict[str, Any], reason: str, status: str = "accepted") -> None:
    assert result["status"] == status  # never refused: the money has left the till
    [warning] = [w for w in result["warnings"] if HELD in w]
    assert reason in warning
    assert warning.endswith("head office will review")


def test_a_sound_sale_moves_stock_and_is_not_held(running_hub: HubUnderTest, till: Any) -> None:
    result = push(till, sale())
    assert (result["status"], result["warnings"]) == ("accepted", [])
    assert stock(running_hub) == 9_000
    assert ledger_lines(running_hub) == 1


def test_store_credit_made_up_by_a_sale_is_held(running_hub: HubUnderTest, till: Any) -> None:
    event = sale()
    event["payload"]["tenders"] = [
        {"kind": "store_credit", "amount_minor": -(10**12), "account": "MADE-UP-1"},
        {"kind": "cash", "amount_minor": 10**12},
        {"kind": "card", "amount_minor": 500},
    ]
    assert_held(push(till, event), "store credit comes only from a refund")
    assert balance(running_hub, "MADE-UP-1") is None
    assert (stock(running_hub), ledger_lines(running_hub)) == (10_000, 0)


def test_a_gift_card_topped_up_at_a_till_is_held(running_hub: HubUnderTest, till: Any) -> None:
    card = {"code": "GC-0001", "kind": "gift_card", "currency": "EUR", "balance_minor": 1000}
    assert running_hub.admin.put("/v1/admin/stored-value", json=card).status_code == 200
    event = sale()
    event["payload"]["tenders"] = [
        {"kind": "gift_card", "amount_minor": -5000, "account": "GC-0001"},
        {"kind": "cash", "amount_minor": 5500},
    ]
    assert_held(push(till, event), "gift cards are issued by head office")
    assert balance(running_hub, "GC-0001") == 1000


def test_a_sale_that_adds_a_million_units_of_stock_is_held(
    running_hub: HubUnderTest, till: Any
) -> None:
    event = sale()
    event["payload"]["stock_movements"][0]["quantity_delta_milli"] = 10**9
    assert_held(push(till, event), "stock movement of MUG-1 is 1e+06")
    assert stock(running_hub) == 10_000


def test_a_total_of_1_for_a_huge_line_is_held(running_hub: HubUnderTest, till: Any) -> None:
    event = sale(price=10**12)
    event["payload"]["totals"]["total_minor"] = 1
    event["payload"]["tenders"] = [{"kind": "cash", "amount_minor": 1}]
    assert_held(push(till, event), f"the lines add up to {10**12}")
    assert (stock(running_hub), ledger_lines(running_hub)) == (10_000, 0)


def test_a_tender_of_1_against_500_is_held(running_hub: HubUnderTest, till: Any) -> None:
    event = sale()
    event["payload"]["tenders"] = [{"kind": "cash", "amount_minor": 1}]
    assert_held(push(till, event), "do not pay the 500 due")
    assert stock(running_hub) == 10_000


def test_change_from_a_card_is_held(running_hub: HubUnderTest, till: Any) -> None:
    event = sale(change_minor=9_500)
    event["payload"]["tenders"] = [{"kind": "card", "amount_minor": 10_000}]
    assert_held(push(till, event), "only cash gives change")


def test_a_negative_quantity_on_a_sale_is_held(running_hub: HubUnderTest, till: Any) -> None:
    event = sale(qty=-1000)
    event["payload"]["stock_movements"][0]["quantity_delta_milli"] = 1000
    assert_held(push(till, event), "negative quantity on a sale")
    assert stock(running_hub) == 10_000


def test_yen_in_a_euro_store_is_held(running_hub: HubUnderTest, till: Any) -> None:
    event = sale()
    event["payload"]["currency"] = "JPY"
    assert_held(push(till, event), "currency JPY; the store sells in EUR")
    assert stock(running_hub) == 10_000


def test_a_sale_in_year_1_is_held(running_hub: HubUnderTest, till: Any) -> None:
    event = sale()
    event["payload"]["created_at"] = "0001-01-01T00:00:00+00:00"
    assert_held(push(till, event), "not a believable time")


def test_store_credit_spent_beyond_its_balance_is_held(
    running_hub: HubUnderTest, till: Any
) -> None:
    credit = {"code": "SC-0001", "kind": "store_credit", "currency": "EUR", "balance_minor": 300}
    assert running_hub.admin.put("/v1/admin/stored-value", json=credit).status_code == 200
    first, second = sale(price=200), sale(price=200)
    for event in (first, second):
        event["payload"]["tenders"] = [
            {"kind": "store_credit", "amount_minor": 200, "account": "SC-0001"}
        ]
    answer = till.post("/v1/events", json={"events": [first, second]}).json()["results"]
    assert answer[0]["warnings"] == []  # the first fits the balance
    assert_held(answer[1], "holds 100; 200 was taken")
    assert balance(running_hub, "SC-0001") == 100


def test_head_office_releases_or_rejects_held_events(
    capsys: Any, running_hub: HubUnderTest, till: Any, hub_db_url: str
) -> None:
    odd, bad = sale(), sale()
    odd["payload"]["created_at"] = "2019-01-01T00:00:00+00:00"  # a till clock years off
    bad["payload"]["tenders"] = [{"kind": "cash", "amount_minor": 1}]
    for event in (odd, bad):
        assert_held(push(till, event), "")
    admin = running_hub.admin
    held = admin.get("/v1/admin/quarantine", params={"store": STORE}).json()
    assert [h["event_id"] for h in held] == [odd["event_id"], bad["event_id"]]
    assert "not a believable time" in held[0]["reasons"][0]
    code, out, err = run(capsys, "quarantine", "list", "--db", hub_db_url)
    assert code == 0, err
    assert out.splitlines()[0] == "2 event(s) quarantined"
    assert "do not pay the 500 due" in out

    released = admin.post(
        f"/v1/admin/quarantine/{odd['event_id']}/release", json={"note": "till clock was off"}
    )
    assert released.status_code == 200, released.text
    assert released.json()["state"] == "released"
    assert released.json()["reviewed_by"].startswith("admin ")
    assert stock(running_hub) == 9_000  # applied now, once
    assert ledger_lines(running_hub) == 1
    again = admin.post(f"/v1/admin/quarantine/{odd['event_id']}/release", json={"note": "x"})
    assert again.status_code == 422
    assert stock(running_hub) == 9_000

    code, out, err = run(
        capsys, "quarantine", "reject", bad["event_id"], "--note", "no such payment",
        "--db", hub_db_url,
    )  # fmt: skip
    assert code == 0, err
    assert "rejected" in out
    assert stock(running_hub) == 9_000
    assert admin.get("/v1/admin/quarantine").json() == []
    with running_hub.hub.db.read() as session:
        states = dict(session.execute(select(IngestedEvent.event_id, IngestedEvent.state)).all())
    assert states == {odd["event_id"]: "released", bad["event_id"]: "rejected"}
    # The till sending the held event again gets its original answer: still the warning.
    assert_held(push(till, copy.deepcopy(bad)), "do not pay the 500 due", "duplicate")
    assert running_hub.client().get("/v1/admin/quarantine").status_code == 401
