"""Closed shifts travel from a real till to a real hub over HTTP; head office lists store days
and exports them as balanced journals (issue 19). SQLite, and PostgreSQL when configured."""

from __future__ import annotations

import csv
import io
import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app import cli
from pos_app.db.models import OutboxEvent
from pos_app.services.shifts.service import ShiftService
from pos_app.services.store.till_context import load_till_context
from sync.hub import tenancy
from sync.hub.context import Hub
from sync.hub.ingest import ingest_batch
from sync.hub.models import ShiftClosure
from sync.protocol import StoreIn
from tests.helpers.hub import EnrolledTill, StatusRecorder
from tests.helpers.returns import do_return, one
from tests.helpers.shift_day import Clock, close, count, open_shift, ring, shift_closed_payload

SHIRT, COFFEE = "0036000291452", "4006381333931"


def _day_at_the_till(till: EnrolledTill) -> None:
    """Offline (nothing is pushed yet): two shifts, each closed with a Z."""
    service = ShiftService(clock=Clock())
    db = till.write
    open_shift(db, service, count(n5000=1))  # 50.00 float
    shirt = ring(db, [SHIRT], cash="20")  # 15.00, 5.00 change
    ring(db, [COFFEE], card=True)  # 8.99 card
    with db.begin() as session:
        till_id = load_till_context(session).till_id  # the id the hub gave at enrollment
        service.record_movement(session, till_id=till_id, cashier="Ann", kind="paid_out",
                                amount_minor=300, reason="SUPPLIES")  # fmt: skip
    do_return(db, shirt.receipt_no, [one()])  # 15.00 back in cash
    close(db, service, count(n5000=1, n100=2))  # 52.00 where 47.00 is expected: 5.00 over
    open_shift(db, service, count(n2000=1))
    ring(db, [SHIRT], card=True)
    close(db, service, count(n2000=1))


def _push_all(till: EnrolledTill) -> None:
    sync = till.sync()
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    status = recorder.wait_for(lambda s: s.queued == 0 and s.online is True)
    assert status.rejected == 0


def _hub_cli(capsys: pytest.CaptureFixture[str], till: EnrolledTill, *argv: str) -> str:
    db_url = till.hub.settings.db_url
    assert cli.main(["hub", argv[0], "--db", db_url, *argv[1:]]) == cli.EXIT_OK
    return capsys.readouterr().out


def test_z_reports_reach_the_hub_once_and_make_a_balanced_store_day(
    enrolled_till: EnrolledTill, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _day_at_the_till(enrolled_till)
    _push_all(enrolled_till)
    hub = enrolled_till.hub
    with hub.hub.db.read() as session:
        assert session.scalar(select(func.count()).select_from(ShiftClosure)) == 2
    # Sent again (a lost acknowledgement): still two Zs, the day's sums unchanged.
    with enrolled_till.write.begin() as session:
        for row in session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "shift.closed")):
            row.sent_at = None
    _push_all(enrolled_till)
    with hub.hub.db.read() as session:
        assert session.scalar(select(func.count()).select_from(ShiftClosure)) == 2

    answer = hub.admin.get("/v1/admin/store-days", params={"store": "store-1"})
    assert answer.status_code == 200, answer.text
    [day] = answer.json()
    figures = day["figures"]
    assert [z.split("/")[1] for z in day["z_reports"]] == ["Z1", "Z2"]
    assert figures["sales"] == [3, 1500 + 899 + 1500]
    assert figures["returns"] == [1, -1500]
    assert figures["expected"]["card"] == 899 + 1500
    assert figures["over_short"]["cash"] == 500
    assert hub.admin.get("/v1/admin/store-days", params={"store": "nope"}).status_code == 422

    listed = _hub_cli(capsys, enrolled_till, "shifts", "--store", "store-1")
    assert "store-1  2 Z  sales 3" in listed
    assert "over/short 5.00 EUR" in listed

    mapping = tmp_path / "accounts.toml"
    mapping.write_text('[accounts]\ncash = "530"\ncard = "511"\n', encoding="utf-8")
    out = tmp_path / "ledger.csv"
    _hub_cli(capsys, enrolled_till, "accounting-export", "--store", "store-1",
             "--mapping", str(mapping), "--output", str(out))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    debit = sum(Decimal(r["debit"] or 0) for r in rows)
    credit = sum(Decimal(r["credit"] or 0) for r in rows)
    assert debit == credit
    by_account = {r["account"]: r for r in rows if r["description"].startswith(("Cash", "Card"))}
    assert by_account["530"]["debit"] == "72.00"  # 52.00 + 20.00 counted
    assert by_account["511"]["debit"] == "23.99"
    assert by_account["6900"]["credit"] == "5.00"  # cash over: a gain


def test_a_bad_mapping_file_is_refused_and_writes_nothing(
    enrolled_till: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "accounts.json"
    mapping.write_text(json.dumps({"accounts": {"cahs": "530"}}), encoding="utf-8")
    out = tmp_path / "ledger.csv"
    db_url = enrolled_till.hub.settings.db_url
    argv = [
        "hub",
        "accounting-export",
        "--db",
        db_url,
        "--mapping",
        str(mapping),
        "--output",
        str(out),
    ]
    assert cli.main(argv) != cli.EXIT_OK
    assert "unknown account key 'cahs'" in capsys.readouterr().err
    assert not out.exists()


def test_a_z_that_does_not_add_up_is_kept_with_warnings_and_a_z_number_once(hub: Hub) -> None:
    tenancy.upsert_store(hub, StoreIn(store_id="store-1", name="One", currency="EUR"))
    good = shift_closed_payload("store-1", z_no=4)
    odd = shift_closed_payload("store-1", z_no=5)
    odd["currency"] = "GBP"
    odd["figures"]["net_sales_minor"] = 999
    odd["figures"]["counted"]["cash"] = 100
    again = dict(good, shift_id="other")  # the same till's Z 4 under another event id
    events = [
        {"event_id": str(uuid.uuid4()), "kind": "shift.closed", "payload": p}
        for p in (good, odd, again)
    ]
    answer = ingest_batch(hub, store_id="store-1", till_id="till-1", raw_events=events)
    assert [r.status for r in answer.results] == ["accepted"] * 3
    assert answer.results[0].warnings == []
    odd_warnings = " | ".join(answer.results[1].warnings)
    assert "GBP; the store counts in EUR" in odd_warnings
    assert "net sales differ" in odd_warnings
    assert "cash: over/short differs" in odd_warnings
    assert "already received" in " ".join(answer.results[2].warnings)
    with hub.db.read() as session:
        assert sorted(session.scalars(select(ShiftClosure.z_no))) == [4, 5]
