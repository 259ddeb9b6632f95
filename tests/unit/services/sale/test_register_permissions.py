"""Permissions are enforced by the Register service, whatever the UI shows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.domain.money import Money
from pos_app.domain.sale.basket import Discount
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


def _register(seeded: sessionmaker[Session], who: StaffMember) -> Register:
    with seeded() as s:
        ctx = load_till_context(s)
        register = Register(ctx, who)
        catalog = SqlCatalog(s, ctx.currency)
        register.scan("4006381333931", catalog)
        register.scan("0036000291452", catalog)
    return register


def test_associate_sells_but_needs_approval_for_price_and_discounts(
    seeded: sessionmaker[Session],
) -> None:
    reg = _register(seeded, ANN)
    eur = reg.context.currency
    reg.set_quantity(1, 3)
    reg.remove_line(2)
    with pytest.raises(PermissionDeniedError):
        reg.discount_line(1, Discount("percent", Decimal(10), "x"))
    with pytest.raises(PermissionDeniedError):
        reg.override_price(1, Money.of("1.00", eur), "x")
    with pytest.raises(PermissionDeniedError):
        reg.discount_basket(Discount("amount", Decimal(1), "x"))
    with pytest.raises(PermissionDeniedError):
        reg.void()
    assert reg.basket.lines[0].unit_price == Money.of("8.99", eur)  # nothing changed

    ok = Approval(Permission.PRICE_OVERRIDE, MAX, ANN, "price", "damaged", journal_seq=1)
    reg.override_price(1, Money.of("1.00", eur), "damaged", approval=ok)
    assert reg.basket.lines[0].unit_price == Money.of("1.00", eur)
    forged = Approval(Permission.PRICE_OVERRIDE, SUE, ANN, "price", "x", journal_seq=1)
    with pytest.raises(PermissionDeniedError):  # a supervisor cannot override prices
        reg.override_price(1, Money.of("2.00", eur), "x", approval=forged)
    for_other = Approval(Permission.VOID_BASKET, MAX, SUE, "void", "x", journal_seq=1)
    with pytest.raises(PermissionDeniedError):  # approved for someone else
        reg.void(approval=for_other)


def test_supervisor_and_manager_rights(seeded: sessionmaker[Session]) -> None:
    sue = _register(seeded, SUE)
    sue.discount_line(1, Discount("percent", Decimal(10), "loyalty"))
    with pytest.raises(PermissionDeniedError):
        sue.discount_basket(Discount("amount", Decimal(1), "x"))
    sue.void()
    assert sue.basket.is_empty
    boss = _register(seeded, MAX)
    boss.discount_basket(Discount("amount", Decimal(1), "voucher"))
    boss.override_price(2, Money.of("9.00", boss.context.currency), "promo")


def test_resume_needs_an_empty_basket(seeded: sessionmaker[Session]) -> None:
    reg = _register(seeded, ANN)
    with pytest.raises(ValueError, match="park or void"):
        reg.replace_basket(reg.context.new_basket())
