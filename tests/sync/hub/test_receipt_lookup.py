"""A receipt from any till of the chain is found at the hub by its barcode (receipt number).

Real till database makes the sale (its outbox is what till A sends); tills B (same store) and
C (another store) look it up over HTTP with their own tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.sale.checkout import CompletedSale
from tests.helpers.catalog import COFFEE, STORE
from tests.helpers.returns import return_at_till
from tests.helpers.till_db import outbox


def test_a_sale_from_till_a_is_found_by_receipt_at_other_tills_and_stores(
    running_hub: Any, seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    sale = sell([COFFEE, COFFEE, COFFEE])
    return_at_till(seeded, sale.receipt_no, 1000)
    running_hub.add_store(STORE)
    running_hub.add_store("store-2")
    till_a, till_a_id = running_hub.enroll(STORE)
    till_b, _ = running_hub.enroll(STORE)
    till_c, _ = running_hub.enroll("store-2")
    sale_event, first_return = outbox(seeded)
    results = till_a.post("/v1/events", json={"events": [sale_event, first_return]}).json()
    assert [r["status"] for r in results["results"]] == ["accepted", "accepted"]

    for till in (till_b, till_c):
        answer = till.get("/v1/lookup/returnable", params={"receipt_no": f" {sale.receipt_no} "})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["original_kind"], body["ref"], body["store_id"]) == (
            "sale",
            sale.sale_uuid,
            STORE,
        )
        assert (body["receipt_no"], body["till_id"]) == (sale.receipt_no, till_a_id)
        assert body["created_at"] is not None
        line = body["lines"][0]
        assert (line["bought_milli"], line["returned_milli"], line["returnable_milli"]) == (
            3000,
            1000,
            2000,
        )
        assert line["amount_minor"] == sale_event["payload"]["lines"][0]["amount_minor"]
        # Paid 100.00 in cash: the change is not what paid the sale.
        paid = sale_event["payload"]["totals"]["total_minor"]
        assert sale_event["payload"]["tenders"][0]["amount_minor"] == 10000 > paid
        assert body["tenders"] == [{"kind": "cash", "amount_minor": paid}]

    # The sale uuid look-up gives the same header.
    by_uuid = till_b.get("/v1/lookup/returnable", params={"sale_uuid": sale.sale_uuid}).json()
    assert by_uuid["receipt_no"] == sale.receipt_no


def test_receipt_lookup_refuses_unknown_and_bad_questions_clearly(running_hub: Any) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    unknown = till.get("/v1/lookup/returnable", params={"receipt_no": "till-9-000001"})
    assert unknown.status_code == 404
    assert "receipt number 'till-9-000001'" in unknown.text
    for params in (
        {},
        {"receipt_no": "till-1-000001", "sale_uuid": "x"},
        {"receipt_no": "   "},
        {"receipt_no": "x" * 65},
    ):
        answer = till.get("/v1/lookup/returnable", params=params)
        assert answer.status_code == 422, (params, answer.text)
