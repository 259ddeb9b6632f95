"""Removing a rung line is a line void behind a limit (issue 15 defect 7): an associate removes
a line up to the limit (20.00 by default) alone; above it a supervisor or a manager may, or
approves it; the limit is the Register's to set (None: no limit)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.domain.money import Money, currency_by_code
from pos_app.domain.sale.limits import line_void_over_limit
from pos_app.services.sale.register import Register
from pos_app.services.staff.auth import (
    Approval,
    Permission,
    PermissionDeniedError,
    Role,
    StaffMember,
)
from pos_app.services.store.till_context import load_till_context

ANN = StaffMember(1, "A1", "Ann", Role.ASSOCIATE)
SUE = StaffMember(2, "S1", "Sue", Role.SUPERVISOR)
MAX = StaffMember(3, "M1", "Max", Role.MANAGER)
COFFEE, TSHIRT = "4006381333931", "0036000291452"  # 8.99, 15.00


def rung(seeded: sessionmaker[Session], who: StaffMember, **kw: int | None) -> Register:
    """Coffee (8.99) on line 1 and two T-shirts (30.00) on line 2."""
    with seeded() as s:
        ctx = load_till_context(s)
        register = Register(ctx, who, **kw)  # type: ignore[arg-type]
        catalog = SqlCatalog(s, ctx.currency)
        register.scan(COFFEE, catalog)
        register.scan(TSHIRT, catalog)
    register.set_quantity(2, Decimal(2))
    return register


def test_an_associate_removes_a_small_line_but_not_one_above_the_limit(
    seeded: sessionmaker[Session],
) -> None:
    reg = rung(seeded, ANN)
    reg.remove_line(1)  # 8.99: within 20.00
    with pytest.raises(PermissionDeniedError, match="above the line-void limit"):
        reg.remove_line(2)  # 30.00
    assert [ln.line_no for ln in reg.basket.lines] == [2]  # nothing removed
    ok = Approval(Permission.LINE_VOID_OVER_LIMIT, MAX, ANN, "remove line 2", "wrong", 1)
    reg.remove_line(2, ok)
    assert not reg.basket.lines


def test_a_supervisor_removes_any_line_and_the_limit_is_configurable(
    seeded: sessionmaker[Session],
) -> None:
    rung(seeded, SUE).remove_line(2)
    strict = rung(seeded, ANN, line_void_limit_minor=500)
    with pytest.raises(PermissionDeniedError):
        strict.remove_line(1)  # 8.99 above a 5.00 limit
    rung(seeded, ANN, line_void_limit_minor=None).remove_line(2)  # no limit


def test_the_limit_compares_the_rounded_amount() -> None:
    eur = currency_by_code("EUR")
    assert not line_void_over_limit(Money.of("20.00", eur), 2000)
    assert line_void_over_limit(Money.of("20.01", eur), 2000)
    assert line_void_over_limit(Money.of("-20.01", eur), 2000)  # a negative line too
    assert not line_void_over_limit(Money.of("999.99", eur), None)
