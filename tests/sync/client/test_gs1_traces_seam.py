"""GS1 traces across the seam (issue 17 point 4): a GS1 DataMatrix scanned at a till sells a
line with lot, serial and expiry; the till's sync pushes the sale over real HTTP; head office
finds it with ``omnitill hub traces --lot`` / ``--serial`` (a recall: which stores sold it).

The scans are the GS1 DataMatrix examples of the GS1 General Specifications, as a scanner
transmits them (]d2 symbology identifier, FNC1 as <GS> after a variable-length field):
Figure 4.15.1-1, (01)09504000059101(21)12345678p901(10)1234567p(17)141120(8200)http://www.gs1.org/demo/
(GTIN, serial, lot, expiry 20 Nov 2014, product URL), and Figure 2.6.14-3,
(01)09501101530003(17)150119(10)AB-123 (GTIN, expiry 19 Jan 2015, lot). Both expired long ago:
the till sells them and warns (the GS1 expiry test), so they still make a sale to trace.
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
from sync.hub.context import Hub
from sync.hub.models import Gs1Trace
from tests.helpers.hub import TILL_STORE, EnrolledTill, eventually
from tests.helpers.hub_calls import run_hub
from tests.helpers.returns import MANAGER, do_return, one

GS = "\x1d"
FIGURE_4_15_1_1 = (
    f"]d201095040000591012112345678p901{GS}101234567p{GS}171411208200http://www.gs1.org/demo/"
)
FIGURE_2_6_14_3 = "]d201095011015300031715011910AB-123"


def _traces(hub: Hub) -> int:
    with hub.db.read() as session:
        return len(session.scalars(select(Gs1Trace)).all())


def test_a_gs1_datamatrix_sold_at_a_till_is_found_by_lot_and_serial_at_the_hub(
    enrolled_till: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    with enrolled_till.write.begin() as session:
        for sku, gtin13 in (("MED-1", "9504000059101"), ("MED-2", "9501101530003")):
            session.add(
                Product(sku=sku, name=f"Medicine {sku}", department="health",
                        tax_class="reduced", price_minor=349, sold_by_weight=False, active=True,
                        barcodes=[ProductBarcode(barcode=gtin13)])
            )  # fmt: skip
    with enrolled_till.write.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        catalog = SqlCatalog(session, ctx.currency)
        for scan in (FIGURE_4_15_1_1, FIGURE_2_6_14_3):
            basket.add_by_barcode(scan, catalog, VariableMeasureConfig.default())
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
        {"lot": "1234567p", "serial": "12345678p901", "expiry": "2014-11-20"},
        {"lot": "AB-123", "expiry": "2015-01-19"},
    ]

    enrolled_till.sync().start()
    hub = enrolled_till.hub.hub

    eventually(lambda: _traces(hub) == 2, 15.0, "the sale's GS1 traces at the hub")
    db = enrolled_till.hub.settings.db_url
    code, out, _ = run_hub(capsys, "traces", "--db", db, "--lot", "AB-123")
    assert code == 0
    assert "lot AB-123: sold in 1 store(s)" in out
    assert f"{TILL_STORE}: 1 unit(s) net of returns" in out
    assert f"receipt {done.receipt_no}" in out
    assert "MED-2" in out
    assert "expiry 2015-01-19" in out
    code, out, _ = run_hub(capsys, "traces", "--db", db, "--serial", "12345678p901")
    assert (code, out.count("receipt ")) == (0, 1)
    assert "MED-1" in out
    assert "lot 1234567p" in out

    # The Figure 2.6.14-3 unit comes back: the return carries its lot, the recall nets it.
    back = do_return(enrolled_till.write, done.receipt_no, [one(1000, line_no=2)],
                     cashier=MANAGER)  # fmt: skip
    eventually(lambda: _traces(hub) == 3, 15.0, "the return's GS1 trace at the hub")
    code, out, _ = run_hub(capsys, "traces", "--db", db, "--lot", "AB-123")
    assert f"{TILL_STORE}: 0 unit(s) net of returns" in out
    assert f"receipt {back.receipt_no}" in out
    assert "qty -1" in out

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
        {"lot": "x" * 21},  # AI 10 is X..20 (GS1 General Specifications Figure 3.4.1-1)
        {"lot": "AB 123"},  # a space is not in character set 82 (Figure 7.11-1)
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
    good = till.post("/v1/events", json={"events": [sale({"lot": "AB-123"})]}).json()
    assert good["results"][0]["status"] == "accepted"
