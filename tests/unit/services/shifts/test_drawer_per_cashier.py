"""One drawer per cashier (issue 19 point 1, brief i19 point 2), on a real SQLite file: two
cashiers on one till, each with their own float, shift, X and Z; what each rang goes on their
own Z only; Z numbers stay consecutive per till; the setting is off by default and cannot
change under an open shift."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app import cli
from pos_app.db.models import JournalEntry, Sale, ShiftRow
from pos_app.services.sale.checkout import CheckoutError
from pos_app.services.sale.voids import LINE_VOID_KIND, record_void
from pos_app.services.shifts.service import (
    ShiftError,
    ShiftRules,
    ShiftService,
    load_rules,
    save_rules,
)
from pos_app.services.staff.auth import AuthService, Role
from tests.helpers.returns import do_return, one
from tests.helpers.shift_day import Clock, close, count, open_shift, ring
from tests.unit.services.staff.test_auth import FAST

COFFEE, SHIRT = "4006381333931", "0036000291452"  # 8.99, 15.00


def _move(db: sessionmaker[Session], service: ShiftService, who: str, minor: int) -> None:
    with db.begin() as session:
        service.record_movement(
            session, till_id="till-1", cashier=who, kind="paid_out", amount_minor=minor,
            reason="SUPPLIES",
        )  # fmt: skip


def test_two_cashiers_on_one_till_each_close_a_z_of_their_own_figures(
    seeded: sessionmaker[Session],
) -> None:
    service = ShiftService(clock=Clock())
    auth = AuthService(till_id="till-1", hasher=FAST)
    with seeded.begin() as session:
        assert load_rules(session).drawer_per_cashier is False  # today's behaviour by default
        auth.enroll(session, code="A7", name="Ann", role=Role.ASSOCIATE, pin="1111")
        bob = auth.enroll(session, code="B2", name="Bob", role=Role.ASSOCIATE, pin="2222")
        save_rules(session, ShiftRules(shift_required=True, drawer_per_cashier=True))

    open_shift(seeded, service, count(n5000=1), who="Ann")  # 50.00
    with pytest.raises(CheckoutError, match="Bob: open your own shift"):
        ring(seeded, [COFFEE], cash="10", cashier="Bob")  # Ann's open drawer is not Bob's
    with seeded() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 0
    with pytest.raises(ShiftError, match="Ann already has a shift open"):
        open_shift(seeded, service, count(n1000=1), who="Ann")
    open_shift(seeded, service, count(n2000=1), who="Bob")  # 20.00, the same till

    ring(seeded, [SHIRT], cash="20", cashier="Ann")  # 15.00 cash
    ring(seeded, [COFFEE], card=True, cashier="Ann")  # 8.99 card
    bobs = ring(seeded, [COFFEE, COFFEE], cash="20", cashier="Bob")  # 17.98 cash
    back = do_return(seeded, bobs.receipt_no, [one()], cashier=bob)  # in cash, by Bob
    _move(seeded, service, "Ann", 300)
    _move(seeded, service, "Bob", 100)
    with seeded.begin() as session:
        record_void(
            session, till_id="till-1", kind=LINE_VOID_KIND, cashier="Bob", what="l1", lines=1
        )

    with seeded() as session:  # each X is its own drawer's
        ann_view, ann_x = service.x_report(session, "till-1", "Ann")
        bob_view, bob_x = service.x_report(session, "till-1", "Bob")
    assert (ann_view.opened_by, bob_view.opened_by) == ("Ann", "Bob")
    assert ann_x.expected["cash"] == 5000 + 1500 - 300
    # What the services say went through Bob's drawer (cash rounding included).
    bob_cash = (bobs.settlement.paid - bobs.settlement.change).to_minor() - back.cash_out.to_minor()
    assert bob_x.expected["cash"] == 2000 + bob_cash - 100
    with seeded.begin() as session, pytest.raises(ShiftError, match="Close every open shift"):
        save_rules(session, ShiftRules(shift_required=True, drawer_per_cashier=False))

    bob_counted = count(n1000=2, n200=1, n50=1, n20=2, n5=1, n2=2, n1=1)  # 26.99
    bob_z = close(seeded, service, bob_counted, who="Bob")
    ann_z = close(seeded, service, count(n5000=1, n1000=1, n200=1), who="Ann")
    assert (bob_z.z_no, ann_z.z_no) == (1, 2)  # per till, consecutive, in the order closed
    a, b = ann_z.figures, bob_z.figures
    assert (a.sales_count, a.sales_minor, a.returns_count) == (2, 2399, 0)
    assert (b.sales_count, b.sales_minor) == (1, 1798)
    assert (b.returns_count, b.returns_minor) == (1, -899)  # the return records Bob's code
    assert a.expected["card"] == 899
    assert b.expected["card"] == 0
    assert (a.float_minor, b.float_minor) == (5000, 2000)
    assert a.over_short()["cash"] == 0
    assert b.over_short()["cash"] == bob_counted.total_minor - (2000 + bob_cash - 100)
    assert (a.line_voids, b.line_voids) == (0, 1)
    assert a.reasons == {"paid_out": {"Store supplies": (1, 300)}}
    assert b.reasons == {"paid_out": {"Store supplies": (1, 100)}}
    assert ann_z.grand_total_minor == 1798 - 899 + 2399  # perpetual per till: Bob's Z, then hers

    with pytest.raises(CheckoutError, match="Ann: open your own shift"):
        ring(seeded, [COFFEE], card=True, cashier="Ann")
    again = open_shift(seeded, service, count(n1000=1), who="Ann")
    ring(seeded, [SHIRT], card=True, cashier="Ann")
    with seeded() as session:
        _view, x = service.x_report(session, "till-1", "Ann")
        assert session.scalars(select(ShiftRow.cashier).order_by(ShiftRow.id)).all() == [
            "Ann", "Bob", "Ann"
        ]  # fmt: skip
        assert [e.kind for e in session.scalars(select(JournalEntry))].count("z_report") == 2
    assert again.shift_no == 3
    assert (x.sales_count, x.sales_minor) == (1, 1500)  # nothing of her first shift again


def test_the_shifts_command_turns_drawer_per_cashier_on(
    seeded: sessionmaker[Session], db_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(db_path.parent)]  # type: ignore[attr-defined]
    assert cli.main([*data, "shifts", "settings"]) == cli.EXIT_OK
    assert "drawer per cashier: off" in capsys.readouterr().out
    assert cli.main([*data, "shifts", "settings", "--drawer-per-cashier", "on"]) == cli.EXIT_OK
    assert "drawer per cashier: on" in capsys.readouterr().out
    with seeded() as session:
        assert load_rules(session) == ShiftRules(drawer_per_cashier=True)

    service = ShiftService(clock=Clock())
    open_shift(seeded, service, count(n1000=1), who="Ann")
    refused = cli.main([*data, "shifts", "settings", "--drawer-per-cashier", "off"])
    assert refused == cli.EXIT_FAILED
    assert "Close every open shift" in capsys.readouterr().err
    with seeded() as session:
        assert load_rules(session).drawer_per_cashier is True
