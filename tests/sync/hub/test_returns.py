"""The hub counts returned quantities across tills and channels, and keeps store credit.

Real till databases make the sale and the first return (their outbox is what a till sends);
the returns of "another till" are the same wire events sent with that till's own token.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.sale.checkout import CompletedSale
from sync.hub import headoffice
from sync.hub.models import ReturnReview, StockLevel
from tests.helpers.catalog import COFFEE, STORE
from tests.helpers.hub_calls import run_hub
from tests.helpers.returns import return_at_till
from tests.helpers.till_db import outbox


def again_elsewhere(event: dict[str, Any], qty_milli: int, till: str, **payload: Any) -> Any:
    """The same return made at another till: new ids, its own receipt, ``qty_milli`` back."""
    other = copy.deepcopy(event)
    other["event_id"] = str(uuid.uuid4())
    body = other["payload"]
    body.update(sale_uuid=str(uuid.uuid4()), till_id=till, receipt_no=f"{till}-000001")
    body["lines"][0]["quantity_milli"] = -qty_milli
    for movement in body["stock_movements"]:
        movement["uuid"] = str(uuid.uuid4())
        movement["quantity_delta_milli"] = qty_milli
    body.update(payload)
    return other


def reviews(hub: Any) -> list[str]:
    with hub.db.read() as session:
        return list(session.scalars(select(ReturnReview.reason).order_by(ReturnReview.id)))


def test_returns_across_tills_and_an_over_return_flagged_not_refused(
    running_hub: Any, seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE, COFFEE, COFFEE])
    return_at_till(seeded, sale.receipt_no, 1000)
    running_hub.add_store(STORE)
    till_a, _ = running_hub.enroll(STORE)
    till_b, till_b_id = running_hub.enroll(STORE)
    sale_event, first_return = outbox(seeded)
    results = till_a.post("/v1/events", json={"events": [sale_event, first_return]}).json()
    assert [r["status"] for r in results["results"]] == ["accepted", "accepted"]

    def returnable() -> dict[str, Any]:
        answer = till_b.get("/v1/lookup/returnable", params={"sale_uuid": sale.sale_uuid})
        assert answer.status_code == 200, answer.text
        return answer.json()

    line = returnable()["lines"][0]
    assert (line["bought_milli"], line["returned_milli"], line["returnable_milli"]) == (
        3000,
        1000,
        2000,
    )
    rest = again_elsewhere(first_return, 2000, till_b_id)
    answer = till_b.post("/v1/events", json={"events": [rest]}).json()["results"][0]
    assert (answer["status"], answer["warnings"]) == ("accepted", [])
    assert returnable()["lines"][0]["returnable_milli"] == 0

    # A third till-B return of one more: recorded (the money left the till), but flagged.
    over = again_elsewhere(first_return, 1000, till_b_id)
    over["payload"]["receipt_no"] = "R-9"
    answer = till_b.post("/v1/events", json={"events": [over]}).json()["results"][0]
    assert answer["status"] == "accepted"
    assert answer["warnings"] == [
        "Return R-9: line 1 (Arabica Coffee Beans 500 g) was over-returned"
        " (bought 3, returned 4 in all) — head office will review"
    ]
    assert reviews(running_hub.hub) == answer["warnings"]
    line = returnable()["lines"][0]
    assert (line["returned_milli"], line["returnable_milli"]) == (4000, 0)

    # The same event again (a lost acknowledgement) changes nothing.
    again = till_b.post("/v1/events", json={"events": [over, rest]}).json()["results"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert returnable()["lines"][0]["returned_milli"] == 4000
    assert len(reviews(running_hub.hub)) == 1
    with running_hub.hub.db.read() as session:
        level = session.scalar(select(StockLevel.quantity_milli).where(StockLevel.sku == "COF-1"))
    assert level == -3000 + 1000 + 2000 + 1000  # every return brought its units back


def test_a_return_that_arrives_before_its_sale_is_checked_when_the_sale_comes(
    running_hub: Any, seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE])
    return_at_till(seeded, sale.receipt_no, 1000)
    running_hub.add_store(STORE)
    till_a, _ = running_hub.enroll(STORE)
    till_b, till_b_id = running_hub.enroll(STORE)
    sale_event, first_return = outbox(seeded)
    # Till B's copy first (till A is still offline), then till A's own sale and return.
    early = till_b.post(
        "/v1/events", json={"events": [again_elsewhere(first_return, 1000, till_b_id)]}
    )
    assert early.json()["results"][0]["warnings"] == []
    unknown = till_b.get("/v1/lookup/returnable", params={"sale_uuid": sale.sale_uuid})
    assert unknown.status_code == 404
    results = till_a.post("/v1/events", json={"events": [sale_event, first_return]}).json()
    assert [r["status"] for r in results["results"]] == ["accepted", "accepted"]
    assert "returned twice (bought 1, returned 2 in all)" in results["results"][1]["warnings"][0]
    assert len(reviews(running_hub.hub)) == 1


def as_store_credit(event: dict[str, Any], account: str) -> dict[str, Any]:
    """The same return refunded as store credit on ``account`` instead of cash."""
    credit = copy.deepcopy(event)
    body = credit["payload"]
    body["totals"]["rounding_minor"] = 0  # no cash: no cash rounding
    amount = body["totals"]["total_minor"]
    body["tenders"] = [{"kind": "store_credit", "amount_minor": amount, "account": account}]
    return credit


def test_store_credit_refund_opens_the_account_once(
    running_hub: Any, seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE, COFFEE])
    return_at_till(seeded, sale.receipt_no, 1000)
    running_hub.add_store(STORE)
    till, till_id = running_hub.enroll(STORE)
    sale_event, cash_return = outbox(seeded)
    credit = as_store_credit(cash_return, "SC-7F3K-22")
    headoffice.set_stock(running_hub.hub, STORE, "COF-1", 5_000)  # no negative-stock warning
    more = as_store_credit(again_elsewhere(cash_return, 1000, till_id), "SC-7F3K-22")
    first = till.post("/v1/events", json={"events": [sale_event, credit]}).json()["results"]
    assert [r["status"] for r in first] == ["accepted", "accepted"]
    assert first[1]["warnings"] == []
    assert till.post("/v1/events", json={"events": [credit]}).json()["results"][0]["status"] == (
        "duplicate"
    )
    balance = till.get("/v1/lookup/stored-value/SC-7F3K-22").json()
    assert balance == {
        "code": "SC-7F3K-22",
        "kind": "store_credit",
        "currency": "EUR",
        "balance_minor": 899,
    }
    till.post("/v1/events", json={"events": [more, more]})
    assert till.get("/v1/lookup/stored-value/SC-7F3K-22").json()["balance_minor"] == 1798


def test_returnable_lookup_refuses_bad_questions_clearly(running_hub: Any) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    both = till.get("/v1/lookup/returnable", params={"sale_uuid": "x", "order_number": "W-1"})
    assert both.status_code == 422
    assert "exactly one" in both.json()["detail"]
    assert till.get("/v1/lookup/returnable").status_code == 422
    missing = till.get("/v1/lookup/returnable", params={"order_number": "W-404"})
    assert (missing.status_code, missing.json()["detail"]) == (404, "no web order 'W-404'")
    nobody = till.get("/v1/lookup/returnable-orders", params={"email": "no@body.example"})
    assert nobody.status_code == 404
    assert running_hub.client().get("/v1/lookup/returnable").status_code == 401
    with running_hub.hub.db.read() as session:
        assert session.scalar(select(func.count()).select_from(ReturnReview)) == 0


def test_head_office_lists_what_to_review(
    capsys: Any,
    running_hub: Any,
    hub_db_url: str,
    seeded: sessionmaker[Session],
    sell: Callable[..., CompletedSale],
) -> None:
    sale = sell([COFFEE])
    return_at_till(seeded, sale.receipt_no, 1000)
    running_hub.add_store(STORE)
    till, till_id = running_hub.enroll(STORE)
    sale_event, first_return = outbox(seeded)
    twice = again_elsewhere(first_return, 1000, till_id)
    till.post("/v1/events", json={"events": [sale_event, first_return, twice]})
    code, out, err = run_hub(capsys, "returns-review", "--db", hub_db_url, "--store", STORE)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "1 return(s) to review"
    assert "line 1 (Arabica Coffee Beans 500 g) was returned twice" in lines[1]
    assert lines[2] == "0 web refund(s) to pay back online"


def test_an_exchange_counts_its_returned_and_its_new_lines(
    running_hub: Any, seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE, COFFEE])
    return_at_till(seeded, sale.receipt_no, 1000)
    running_hub.add_store(STORE)
    till, till_id = running_hub.enroll(STORE)
    sale_event, first_return = outbox(seeded)
    # One basket: the other coffee back, a T-shirt bought (as a sale event with both lines).
    exchange = again_elsewhere(first_return, 1000, till_id)
    exchange["kind"] = "sale.completed"
    new_line = dict(exchange["payload"]["lines"][0], line_no=2, sku="TSH-1", name="T-shirt",
                    quantity_milli=1000, amount_minor=1500, original_sale_uuid=None,
                    original_line_no=None)  # fmt: skip
    exchange["payload"]["lines"].append(new_line)
    # The customer pays the difference (15.00 - 8.99) by card.
    exchange["payload"]["totals"].update(total_minor=601, rounding_minor=0, change_minor=0)
    exchange["payload"]["tenders"] = [{"kind": "card", "amount_minor": 601}]
    results = till.post("/v1/events", json={"events": [sale_event, first_return, exchange]})
    assert [r["warnings"] for r in results.json()["results"]] == [[], [], []]
    original = till.get("/v1/lookup/returnable", params={"sale_uuid": sale.sale_uuid}).json()
    assert original["lines"][0]["returnable_milli"] == 0
    bought = till.get(
        "/v1/lookup/returnable", params={"sale_uuid": exchange["payload"]["sale_uuid"]}
    ).json()
    assert [(ln["line_no"], ln["sku"], ln["returnable_milli"]) for ln in bought["lines"]] == [
        (2, "TSH-1", 1000)
    ]
