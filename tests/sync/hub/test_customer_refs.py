"""Opaque customer ids at the hub (issue 16 point 10): every customer gets a random UUID the
API names it by, existing customers are backfilled by hub migration 0014, an id guess (the old
sequential integer, a random UUID) gets 404 and never another customer, and a sale event
queued at a till before the change (naming the customer by the old integer) is still taken."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text

from sync.hub import migrate
from sync.hub.db import HubDatabase
from sync.hub.models import Customer, CustomerLookup, CustomerSale

STORE = "store-1"


def sale_event(**customer: Any) -> dict[str, Any]:
    payload = {
        "sale_uuid": str(uuid.uuid4()), "store_id": STORE, "till_id": "t", "receipt_no": "t-1",
        "created_at": "2026-03-02T10:30:00+00:00", "currency": "EUR",
        "totals": {"total_minor": 100},
        "lines": [{"line_no": 1, "sku": "A", "quantity_milli": 1000, "unit_price_minor": 100,
                   "amount_minor": 100}],
        "tenders": [{"kind": "card", "amount_minor": 100}], "stock_movements": [],
        **customer,
    }  # fmt: skip
    return {"event_id": str(uuid.uuid4()), "kind": "sale.completed", "payload": payload}


def test_ids_are_opaque_and_a_guess_gets_404_not_another_customer(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    made = [
        till.post("/v1/customers", json={"email": f"c{i}@example.com", "name": f"C{i}"}).json()
        for i in range(3)
    ]
    refs = [c["ref"] for c in made]
    assert len(set(refs)) == 3
    assert all(uuid.UUID(r).version == 4 for r in refs)
    assert all("id" not in c for c in made)  # the integer key never leaves the hub
    with running_hub.hub.db.read() as session:
        keys = session.scalars(select(Customer.id)).all()
    for guess in [*map(str, keys), "0", "-1", str(uuid.uuid4()), refs[0][:-1] + "x", "%20"]:
        answer = till.get(f"/v1/lookup/customers/{guess}/history")
        assert answer.status_code == 404, (guess, answer.text)
        assert "@" not in answer.text  # nothing about anybody
    found = till.get(f"/v1/lookup/customers/{refs[1].upper()}/history")
    assert found.status_code == 200, found.text
    assert found.json()["customer"]["ref"] == refs[1]
    with running_hub.hub.db.read() as session:
        logged = session.scalars(select(CustomerLookup.customer_ids)).all()
    # The misses are logged too (a run of them is someone guessing), with nobody shown.
    assert logged.count("") == len(keys) + 5
    assert refs[1] in logged


def test_a_sale_names_its_customer_by_ref_and_a_queued_legacy_integer_is_still_taken(
    running_hub,
) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    ann = till.post("/v1/customers", json={"email": "ann@example.com", "name": "Ann"}).json()
    with running_hub.hub.db.read() as session:
        ann_key = session.scalar(select(Customer.id).where(Customer.public_id == ann["ref"]))
    by_ref, legacy = sale_event(customer_ref=ann["ref"]), sale_event(customer_id=ann_key)
    answer = till.post("/v1/events", json={"events": [by_ref, legacy]})
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [(r["status"], r["warnings"]) for r in results] == [("accepted", [])] * 2
    with running_hub.hub.db.read() as session:
        linked = session.execute(
            select(CustomerSale.sale_uuid, Customer.public_id).join(
                Customer, Customer.id == CustomerSale.customer_id
            )
        ).all()
    assert sorted(linked) == sorted(
        (e["payload"]["sale_uuid"], ann["ref"]) for e in (by_ref, legacy)
    )
    # A ref nobody has: kept without a customer, with a warning (never refused).
    unknown = sale_event(customer_ref=str(uuid.uuid4()))
    [result] = till.post("/v1/events", json={"events": [unknown]}).json()["results"]
    assert result["status"] == "accepted"
    assert "not known" in result["warnings"][0]
    # Not a UUID at all: rejected as malformed, like any bad field, naming the field.
    bad = sale_event(customer_ref="42")
    [result] = till.post("/v1/events", json={"events": [bad]}).json()["results"]
    assert result["status"] == "rejected"
    assert "customer_ref" in result["reason"]


def test_migration_0014_backfills_a_unique_ref_for_every_existing_customer(
    hub_db: HubDatabase,
) -> None:
    migrate.downgrade(hub_db.engine, "0013")
    now = datetime(2026, 3, 2, tzinfo=UTC)
    with hub_db.engine.begin() as conn:
        for i in range(1, 2501):  # more than one backfill batch
            conn.execute(
                text("INSERT INTO customers (id, email, name, created_at) VALUES (:i, :e, :n, :t)"),
                {"i": i, "e": f"c{i}@example.com", "n": f"C{i}", "t": now},
            )
    migrate.upgrade(hub_db.engine)
    with hub_db.engine.connect() as conn:
        refs = [r[0] for r in conn.execute(text("SELECT public_id FROM customers"))]
    assert len(refs) == 2500
    assert len(set(refs)) == 2500
    assert all(uuid.UUID(r).version == 4 for r in refs)
