"""GS1 traces across the seam (issue 17 point 4): a GS1 DataMatrix scanned at a till sells a
line with lot, serial and expiry; the till's sync pushes the sale over real HTTP; head office
finds it with ``omnitill hub traces --lot`` / ``--serial`` (a recall: which stores sold it).

The scan is an element string as a scanner transmits it (]d2 symbology identifier, FNC1 as
<GS>), with GS1's example GTIN 09501101530003 (GS1 General Specifications, GS1 Company
Prefix 950 reserved for examples) and AI 17 / 10 / 21 in their General Specifications formats.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import OutboxEvent, Product, ProductBarcode
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.store.till_context import load_till_context
from sync.hub.models import Gs1Trace
from tests.helpers.hub import TILL_STORE, EnrolledTill, eventually
from tests.helpers.hub_calls import run_hub

GS = "\x1d"
SCAN = f"]d20109501101530003{GS}10ABC123{GS}17271231{GS}21SN-0042"  # 17271231: 31 Dec 2027


def test_a_gs1_datamatrix_sold_at_a_till_is_found_by_lot_and_serial_at_the_hub(
    enrolled_till: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    with enrolled_till.write.begin() as session:
        session.add(
            Product(sku="MED-1", name="Plasters 20", department="health", tax_class="reduced",
                    price_minor=349, sold_by_weight=False, active=True,
                    barcodes=[ProductBarcode(barcode="9501101530003")])
        )  # fmt: skip
    with enrolled_till.write.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        catalog = SqlCatalog(session, ctx.currency)
        basket.add_by_barcode(SCAN, catalog, VariableMeasureConfig.default())
        basket.add_by_barcode(f"]d20109501101530003{GS}21SN-0043", catalog,
                              VariableMeasureConfig.default())  # fmt: skip
        done = CheckoutService().complete_sale(
            session, basket=basket, cashier="alice", context=ctx,
            tenders=[Tender(TenderKind.CASH, Money.of("20", ctx.currency))],
        )  # fmt: skip
    with enrolled_till.read() as session:
        payload = json.loads(
            session.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "sale.completed"))
            .one()
        )  # fmt: skip
    assert [ln.get("gs1") for ln in payload["lines"]] == [
        {"lot": "ABC123", "serial": "SN-0042", "expiry": "2027-12-31"},
        {"serial": "SN-0043"},
    ]

    enrolled_till.sync().start()
    hub = enrolled_till.hub.hub

    def traced() -> bool:
        with hub.db.read() as session:
            return len(session.scalars(select(Gs1Trace)).all()) == 2

    eventually(traced, 15.0, "the sale's GS1 traces at the hub")
    db = enrolled_till.hub.settings.db_url
    code, out, _ = run_hub(capsys, "traces", "--db", db, "--lot", "ABC123")
    assert code == 0
    assert "lot ABC123: sold in 1 store(s)" in out
    assert f"{TILL_STORE}: 1 unit(s) net of returns" in out
    assert f"receipt {done.receipt_no}" in out
    assert "serial SN-0042" in out
    assert "expiry 2027-12-31" in out
    code, out, _ = run_hub(capsys, "traces", "--db", db, "--serial", "SN-0043")
    assert (code, out.count("receipt ")) == (0, 1)
    code, out, _ = run_hub(capsys, "traces", "--db", db, "--lot", "NOPE")
    assert (code, out.strip()) == (0, "no sale of lot NOPE recorded at the hub")
    with pytest.raises(SystemExit) as usage:  # neither a lot nor a serial: argparse says so
        run_hub(capsys, "traces", "--db", db)
    assert usage.value.code == 2
    assert "--lot" in capsys.readouterr().err


def test_a_bad_gs1_trace_in_a_sale_event_is_rejected_and_stores_nothing(
    running_hub, capsys: pytest.CaptureFixture[str]
) -> None:
    running_hub.add_store(TILL_STORE)
    till, _ = running_hub.enroll(TILL_STORE)

    def sale(gs1: object) -> dict[str, object]:
        payload = {
            "sale_uuid": str(uuid.uuid4()), "store_id": TILL_STORE, "till_id": "t",
            "receipt_no": "t-1", "created_at": "2026-03-02T10:30:00+00:00", "currency": "EUR",
            "totals": {"total_minor": 100},
            "lines": [{"line_no": 1, "sku": "A", "quantity_milli": 1000,
                       "unit_price_minor": 100, "amount_minor": 100, "gs1": gs1}],
            "tenders": [{"kind": "card", "amount_minor": 100}], "stock_movements": [],
        }  # fmt: skip
        return {"event_id": str(uuid.uuid4()), "kind": "sale.completed", "payload": payload}

    bad = [
        {"lot": "x" * 21},  # AI 10 is X..20
        {"lot": "ABC 123"},  # a space is not in character set 82
        {"serial": "SN1", "expiry": "2027-13-01"},
        {},  # names nothing
        {"lot": "ABC123", "colour": "red"},  # a typo is an error, not ignored
    ]
    answer = till.post("/v1/events", json={"events": [sale(g) for g in bad]})
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * len(bad)
    assert all("gs1" in r["reason"] for r in results)
    with running_hub.hub.db.read() as session:
        assert session.scalars(select(Gs1Trace)).all() == []
    good = till.post("/v1/events", json={"events": [sale({"lot": "ABC123"})]}).json()
    assert good["results"][0]["status"] == "accepted"
