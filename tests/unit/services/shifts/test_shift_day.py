"""Shifts per till on a real SQLite file: float, cash movements, X, blind close, Z (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app import cli
from pos_app.db.models import CashMovementRow, JournalEntry, OutboxEvent, ShiftRow
from pos_app.domain.shifts.denominations import CashCount, CountError
from pos_app.domain.shifts.figures import MovementKind
from pos_app.domain.shifts.report_text import ReportHeader, render_report
from pos_app.services.sale.checkout import CheckoutError
from pos_app.services.sale.drawer import DrawerReason, DrawerService
from pos_app.services.sale.voids import LINE_VOID_KIND, VOID_KIND, record_void
from pos_app.services.shifts.archive import export_csv, export_pdf, list_z, load_z
from pos_app.services.shifts.service import (
    OverShortApprovalRequiredError,
    ShiftError,
    ShiftRules,
    ShiftService,
    load_rules,
    movement_reasons,
    save_rules,
)
from pos_app.services.staff.auth import AuthService, Permission, Role
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context
from pos_app.services.sync.feed_apply import apply_changes
from sync.protocol import FeedChange, FeedKind, ShiftClosedPayload
from tests.helpers.shift_day import Clock, close, count, open_shift, ring
from tests.unit.services.staff.test_auth import FAST

COFFEE, SHIRT = "4006381333931", "0036000291452"  # 8.99 (reduced VAT), 15.00 (standard)


def _move(
    db: sessionmaker[Session],
    service: ShiftService,
    kind: str,
    minor: int,
    reason: str,
    note: str = "",
) -> None:
    with db.begin() as session:
        service.record_movement(
            session, till_id="till-1", cashier="Ann", kind=kind, amount_minor=minor,
            reason=reason, note=note,
        )  # fmt: skip


def test_a_day_float_sales_cash_movements_x_then_blind_close_and_z(
    seeded: sessionmaker[Session],
) -> None:
    service = ShiftService(clock=Clock())
    with seeded.begin() as session:
        save_rules(session, ShiftRules(shift_required=True, over_short_threshold_minor=500))
    with pytest.raises(CheckoutError, match="Open a shift"):
        ring(seeded, [SHIRT], cash="20")

    shift = open_shift(seeded, service, count(n5000=1, n2000=2, n1000=1))  # 100.00
    assert (shift.shift_no, shift.float_minor) == (1, 10000)
    ring(seeded, [SHIRT], cash="20")  # 15.00 in cash, 5.00 change
    ring(seeded, [COFFEE], card=True)  # 8.99 on the card
    _move(seeded, service, "paid_in", 1000, "FLOAT_TOP_UP")
    _move(seeded, service, "paid_out", 350, "SUPPLIES")
    _move(seeded, service, "safe_drop", 5000, "BANKING")
    _move(seeded, service, "no_sale", 0, "CHANGE")
    with seeded.begin() as session:  # the sale screen's own no-sale key (Ctrl+D) counts too
        DrawerService(may_open_no_sale=lambda _who: True).record_open(
            session, till_id="till-1", cashier="Ann", reason=DrawerReason.NO_SALE, note="coins"
        )

    with seeded.begin() as session:  # what the sale screen journals when it voids
        record_void(session, till_id="till-1", kind=VOID_KIND, cashier="Ann", what="void", lines=3)
        record_void(
            session, till_id="till-1", kind=LINE_VOID_KIND, cashier="Ann", what="l2", lines=1
        )
    with seeded() as session:
        _view, x = service.x_report(session, "till-1")
    assert (x.voids, x.line_voids) == (1, 1)
    expected_cash = 10000 + 1500 + 1000 - 350 - 5000
    assert x.expected["cash"] == expected_cash
    assert x.expected["card"] == 899
    assert (x.sales_count, x.sales_minor) == (2, 2399)
    assert x.movements["no_sale"] == (2, 0)
    assert x.reasons == {  # by the label the till offered (defaults: reasons.py)
        "paid_in": {"Float top-up": (1, 1000)},
        "paid_out": {"Store supplies": (1, 350)},
        "safe_drop": {"Cash for the bank": (1, 5000)},
    }
    assert x.counted == {}  # an X resets nothing and counts nothing
    assert x.departments == {"clothing": 1500, "grocery": 899}
    assert [t[:2] for t in x.tax] == [("VAT 20%", "0.20"), ("VAT 5.5%", "0.055")]

    done = close(seeded, service, count(n5000=1, n1000=2, n100=1, n50=1))  # 71.50
    assert done.z_no == 1
    with seeded() as session:  # the Z, reprinted from what was stored, lists them too
        z_text = load_z(session, till_id="till-1", store_name="S", z_no=1).text(42)
    assert "  Store supplies (1)" in z_text
    assert done.figures.over_short()["cash"] == 0
    assert done.grand_total_minor == 2399
    with seeded() as session:
        assert journal.verify_journal(session).ok
        z_entry = session.scalars(select(JournalEntry).where(JournalEntry.kind == "z_report")).one()
        body = json.loads(z_entry.payload)["body"]
        assert body["figures"]["expected"]["cash"] == expected_cash
        assert body["z_no"] == 1
        event = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "shift.closed")).one()
        wire = ShiftClosedPayload.model_validate_json(event.payload)
        assert wire.journal.hash == z_entry.hash
        assert session.scalars(select(ShiftRow.status)).all() == ["closed"]
    with pytest.raises(ShiftError, match="No shift is open"):
        _move(seeded, service, "paid_in", 100, "FLOAT_TOP_UP")
    with pytest.raises(CheckoutError, match="Open a shift"):
        ring(seeded, [SHIRT], cash="20")


def test_over_short_beyond_the_threshold_needs_a_manager_with_a_reason(
    seeded: sessionmaker[Session],
) -> None:
    service = ShiftService(clock=Clock())
    auth = AuthService(till_id="till-1", hasher=FAST)
    with seeded.begin() as session:
        cashier = auth.enroll(session, code="A7", name="Ann", role=Role.ASSOCIATE, pin="1111")
        auth.enroll(session, code="M1", name="Max", role=Role.MANAGER, pin="9999")
    open_shift(seeded, service, count(n2000=1))
    ring(seeded, [SHIRT], cash="15")

    short = count(n2000=1, n500=1)  # 25.00 where 35.00 is expected: 10.00 short
    with pytest.raises(OverShortApprovalRequiredError) as refused:
        close(seeded, service, short)
    assert refused.value.over_short_minor == -1000
    with seeded() as session:  # nothing was written
        assert session.scalars(select(ShiftRow.status)).all() == ["open"]

    with seeded.begin() as session:
        result = auth.approve(
            session, pin="9999", permission=Permission.CASH_OVER_SHORT, requested_by=cashier,
            what="close shift 1 short 10.00", reason="till float miscounted at open",
        )  # fmt: skip
    assert result.approval is not None
    done = close(seeded, service, short, approval=result.approval)
    assert done.figures.over_short()["cash"] == -1000
    assert done.figures.approvals == {"Max": 1}


def test_z_numbers_grand_total_reprint_copy_csv_and_pdf(seeded: sessionmaker[Session]) -> None:
    service = ShiftService(clock=Clock())
    open_shift(seeded, service, count(n1000=1))
    ring(seeded, [SHIRT], card=True)
    close(seeded, service, count(n1000=1))
    second = open_shift(seeded, service, count(n1000=1))
    assert second.shift_no == 2
    ring(seeded, [COFFEE], card=True)
    ring(seeded, [COFFEE], card=True)
    done = close(seeded, service, count(n1000=1))
    assert done.z_no == 2
    assert done.figures.sales_count == 2  # the second Z covers only its own shift
    assert done.grand_total_minor == 1500 + 2 * 899  # perpetual: never reset

    with seeded() as session:
        assert [z for z, _at, _t in list_z(session, "till-1")] == [2, 1]
        first = load_z(session, till_id="till-1", store_name="Test Store", z_no=1)
    text = first.text(42)
    assert "*** COPY ***" in text
    assert "Z REPORT #1" in text
    assert "Sales (1)" in text
    csv_text = export_csv(first)
    assert "sales,Sales,1,15.00" in csv_text
    assert "grand_total,Perpetual grand total,,15.00" in csv_text
    assert export_pdf(first).startswith(b"%PDF-")
    with seeded() as session, pytest.raises(ShiftError, match="no Z report #9"):
        load_z(session, till_id="till-1", store_name="Test Store", z_no=9)


def test_bad_counts_and_movements_are_refused_and_change_nothing(
    seeded: sessionmaker[Session],
) -> None:
    service = ShiftService(clock=Clock())
    with pytest.raises(CountError):
        CashCount("EUR", {2000: -1})
    with pytest.raises(CountError):
        CashCount("EUR", {3000: 1})  # no 30-euro note
    open_shift(seeded, service, count(n1000=1))
    with pytest.raises(ShiftError, match="already open"):
        open_shift(seeded, service, count(n1000=1))
    with pytest.raises(ShiftError, match="greater than zero"):
        _move(seeded, service, "paid_out", 0, "SUPPLIES")
    with pytest.raises(ShiftError, match="LUNCH is not a reason for a paid out"):
        _move(seeded, service, "paid_out", 100, "LUNCH")
    with pytest.raises(ShiftError, match="FLOAT_TOP_UP is not a reason for a paid out"):
        _move(seeded, service, "paid_out", 100, "FLOAT_TOP_UP")  # a paid-in's code
    with pytest.raises(ShiftError, match="Other: say what the reason is"):
        _move(seeded, service, "paid_out", 100, "OTHER", note="   ")
    with seeded() as session:
        assert [e.kind for e in session.scalars(select(JournalEntry))] == ["shift_open"]


def test_the_shifts_command_sets_the_rules_and_reprints_and_exports_a_past_z(
    seeded: sessionmaker[Session], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(db_path.parent)]
    assert cli.main([*data, "shifts", "settings", "--require-shift", "on",
                     "--over-short-threshold", "2.50"]) == cli.EXIT_OK  # fmt: skip
    assert "needs an open shift: on; over/short threshold: 2.50 EUR" in capsys.readouterr().out
    with pytest.raises(CheckoutError, match="Open a shift"):
        ring(seeded, [SHIRT], card=True)
    bad = cli.main([*data, "shifts", "settings", "--over-short-threshold", "lots"])
    assert bad == cli.EXIT_FAILED
    assert "omnitill:" in capsys.readouterr().err
    with seeded() as session:
        assert load_rules(session).over_short_threshold_minor == 250  # unchanged

    service = ShiftService(clock=Clock())
    open_shift(seeded, service, count(n1000=1))
    ring(seeded, [SHIRT], card=True)
    close(seeded, service, count(n1000=1))
    assert cli.main([*data, "shifts", "z-list"]) == cli.EXIT_OK
    assert capsys.readouterr().out.startswith("Z     1  ")
    assert cli.main([*data, "shifts", "z-print", "1", "--width", "32"]) == cli.EXIT_OK
    printed = capsys.readouterr().out
    assert "*** COPY ***" in printed
    assert max(len(line) for line in printed.splitlines()) <= 32
    pdf = db_path.parent / "z1.pdf"
    assert (
        cli.main([*data, "shifts", "z-export", "1", "--format", "pdf", "--output", str(pdf)]) == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert cli.main([*data, "shifts", "z-print", "7"]) == cli.EXIT_FAILED
    assert "no Z report #7" in capsys.readouterr().err


def test_cash_movements_take_the_codes_head_office_set_and_refuse_others(
    seeded: sessionmaker[Session],
) -> None:
    """Brief i19 point 1: the reason is one of the till's codes of the movement's kind (the
    hub's set, from the feed); an unknown code is refused and nothing is written; the journal
    keeps code, label and note; an entry from before codes (the old fixed list) still reads."""
    service = ShiftService(clock=Clock())
    hub_set = [
        {"code": "WINDOW", "kind": "paid_out", "label": "Window cleaner"},
        {"code": "ODD", "kind": "paid_out", "label": "Something else", "needs_text": True},
    ]
    with seeded.begin() as session:
        feed = FeedChange(
            position=3, kind=FeedKind.REASON_CODE, key="reason_codes", data={"codes": hub_set}
        )
        apply_changes(session, [feed])  # what the sync client does with the hub's feed
    open_shift(seeded, service, count(n5000=1))
    with seeded() as session:
        offered = movement_reasons(session, MovementKind.PAID_OUT)
        assert [c.code for c in offered] == ["WINDOW", "ODD"]
        # A kind the set does not name keeps its defaults.
        assert movement_reasons(session, MovementKind.SAFE_DROP)[0].code == "DRAWER_LIMIT"

    def journaled() -> list[str]:
        with seeded() as session:
            return [
                e.kind for e in session.scalars(select(JournalEntry).order_by(JournalEntry.seq))
            ]

    before = journaled()
    for code, note in (("SUPPLIES", ""), ("ODD", "")):  # a default the hub replaced; no words
        with pytest.raises(ShiftError):
            _move(seeded, service, "paid_out", 500, code, note)
    assert journaled() == before
    with seeded() as session:
        assert session.scalars(select(CashMovementRow)).all() == []

    _move(seeded, service, "paid_out", 1200, "WINDOW", note="  March,   front ")
    with seeded() as session:
        entry = session.scalars(
            select(JournalEntry).where(JournalEntry.kind == "cash_movement")
        ).one()
        body = json.loads(entry.payload)["body"]
        assert (body["reason"], body["reason_label"], body["note"]) == (
            "WINDOW",
            "Window cleaner",
            "March, front",
        )
        row = session.scalars(select(CashMovementRow)).one()
        assert (row.reason, row.amount_minor, row.journal_seq) == ("WINDOW", -1200, entry.seq)
        shift = session.scalars(select(ShiftRow)).one()
        # An entry as the fixed list wrote it before reason codes: a reason, no label.
        old = journal.append_entry(
            session, till_id="till-1", kind="cash_movement", created_at=entry.created_at,
            body={"shift_uuid": shift.uuid, "kind": "paid_out", "amount_minor": 300,
                  "reason": "petty_cash", "note": "", "cashier": "Ann"},
        )  # fmt: skip
        session.add(
            CashMovementRow(
                uuid="old-1", shift_id=shift.id, kind="paid_out", amount_minor=-300,
                reason="petty_cash", note="", cashier="Ann", created_at=entry.created_at,
                journal_seq=old.seq,
            )
        )  # fmt: skip
        session.commit()
    with seeded() as session:
        _view, x = service.x_report(session, "till-1")
    assert x.reasons["paid_out"] == {"Petty cash": (1, 300), "Window cleaner": (1, 1200)}
    assert x.expected["cash"] == 5000 - 1200 - 300
    with seeded() as session:
        x_lines = render_report(
            ReportHeader("X", "S", "till-1", 1, entry.created_at, "Ann", entry.created_at,
                         load_till_context(session).currency),
            x,
        )  # fmt: skip
    assert any(
        line.startswith("  Window cleaner (1)") and line.endswith("12.00") for line in x_lines
    )
