"""Store staff (per store: add, reset a PIN, remove), tax classes and return policies, as the
console changes them: through the head-office functions (sync/hub/headoffice.py, the one home
of their rules and feed rows), each with its audit entry in the same transaction.

A PIN made here is random (six digits), shown once to whoever reset it, and stored and fed only
as its argon2id hash, like ``omnitill hub add-staff``.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub import headoffice
from sync.hub.console.accounts import ConsoleIdentity, audit
from sync.hub.context import Hub
from sync.hub.errors import Invalid, NotFound, describe
from sync.hub.models import FeedRow, Staff, TaxClass
from sync.protocol import FeedKind, ReturnPolicyIn

PIN_DIGITS = 6
CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TAX_CLASS = re.compile(r"^[a-z0-9_-]{1,32}$")


def new_pin() -> str:
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


SHOWN = 200  # staff rows on the page (two forms each): choose a store for the rest


def staff(session: Session, stores: Sequence[str] | None, store: str = "") -> list[Staff]:
    query = select(Staff).order_by(Staff.store_id, Staff.active.desc(), Staff.staff_code)
    if stores is not None:
        query = query.where(Staff.store_id.in_(stores))
    if store:
        query = query.where(Staff.store_id == store)
    return list(session.scalars(query.limit(SHOWN)))


def _member(session: Session, who: ConsoleIdentity, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id, with_for_update=True)
    if row is None or not who.sees_store(row.store_id):
        raise NotFound(f"no staff member {staff_id}")
    return row


def add(hub: Hub, who: ConsoleIdentity, store_id: str, code: str, name: str, role: str) -> str:
    """A new staff member of ``store_id``; returns their first PIN (shown once)."""
    code, name = code.strip(), " ".join(name.split())
    if not CODE.match(code):
        raise Invalid("staff code: 1 to 64 letters, digits, - or _")
    if not 1 <= len(name) <= 200:
        raise Invalid("name: 1 to 200 characters")
    if not who.sees_store(store_id):
        raise NotFound(f"no store {store_id!r}")
    pin = new_pin()
    pin_hash = headoffice.hash_staff_pin(hub, role, pin)
    with hub.change() as (session, pending):
        exists = session.scalars(
            select(Staff).where(Staff.store_id == store_id, Staff.staff_code == code)
        ).first()
        if exists is not None and exists.active:
            raise Invalid(f"staff code {code!r} is taken at store {store_id}")
        headoffice.add_staff_in(session, pending, hub, store_id=store_id, staff_code=code,
                                name=name, role=role, pin_hash=pin_hash)  # fmt: skip
        audit(session, who.email, "staff.add", f"staff {code} at {store_id}", None,
              {"name": name, "role": role}, hub.clock())  # fmt: skip
    return pin


def reset_pin(hub: Hub, who: ConsoleIdentity, staff_id: int) -> tuple[Staff, str]:
    """A new PIN for a staff member (the old one stops working at every till of the store)."""
    pin = new_pin()
    with hub.db.read() as session:
        role = _member(session, who, staff_id).role
    pin_hash = headoffice.hash_staff_pin(hub, role, pin)
    with hub.change() as (session, pending):
        row = _member(session, who, staff_id)
        headoffice.add_staff_in(session, pending, hub, store_id=row.store_id,
                                staff_code=row.staff_code, name=row.name, role=row.role,
                                pin_hash=pin_hash)  # fmt: skip
        audit(session, who.email, "staff.reset_pin", f"staff {row.staff_code} at {row.store_id}",
              None, None, hub.clock())  # fmt: skip
        session.refresh(row)
        return row, pin


def remove(hub: Hub, who: ConsoleIdentity, staff_id: int) -> None:
    with hub.change() as (session, pending):
        row = _member(session, who, staff_id)
        headoffice.remove_staff_in(session, pending, hub, store_id=row.store_id,
                                   staff_code=row.staff_code)  # fmt: skip
        audit(session, who.email, "staff.remove", f"staff {row.staff_code} at {row.store_id}",
              {"active": True}, {"active": False}, hub.clock())  # fmt: skip


def tax_classes(session: Session) -> list[TaxClass]:
    return list(session.scalars(select(TaxClass).order_by(TaxClass.tax_class)))


def set_tax_class(hub: Hub, who: ConsoleIdentity, tax_class: str, rate: str, label: str) -> None:
    tax_class, label = tax_class.strip().lower(), " ".join(label.split())
    if not TAX_CLASS.match(tax_class):
        raise Invalid("tax class: 1 to 32 lower-case letters, digits, - or _")
    if not 1 <= len(label) <= 64:
        raise Invalid("label: 1 to 64 characters")
    with hub.change() as (session, pending):
        before = session.get(TaxClass, tax_class)
        was = {"rate": before.rate, "label": before.label} if before is not None else None
        after = headoffice.set_tax_class_in(session, pending, tax_class, rate.strip(), label)
        audit(session, who.email, "tax_class.set", f"tax class {tax_class}", was, after,
              hub.clock())  # fmt: skip


def return_policy(session: Session, store_id: str) -> ReturnPolicyIn:
    """The store's policy as last fed to its tills (the defaults if none was set)."""
    data = session.scalars(
        select(FeedRow.data)
        .where(FeedRow.scope == store_id, FeedRow.kind == str(FeedKind.RETURN_POLICY))
        .order_by(FeedRow.position.desc())
        .limit(1)
    ).first()
    return ReturnPolicyIn.model_validate_json(data) if data else ReturnPolicyIn()


def set_return_policy(hub: Hub, who: ConsoleIdentity, store_id: str, text: str) -> None:
    try:
        policy = ReturnPolicyIn.model_validate_json(text)
    except ValidationError as exc:
        raise Invalid("return policy: " + describe(exc)) from None
    with hub.change() as (session, pending):
        before = return_policy(session, store_id).model_dump(mode="json")
        headoffice.set_return_policy_in(session, pending, store_id, policy)
        audit(session, who.email, "return_policy.set", f"store {store_id}", before,
              policy.model_dump(mode="json"), hub.clock())  # fmt: skip


def policy_text(policy: ReturnPolicyIn) -> str:
    return json.dumps(policy.model_dump(mode="json"), indent=2, sort_keys=True)
