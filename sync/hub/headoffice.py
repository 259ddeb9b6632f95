"""Head-office changes: tax classes, staff, stock counts, promotions, gift cards.

Each is one transaction that also writes the feed rows the tills need, so a till sees the
change exactly when it is committed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.domain.staff.roles import RoleError, parse_role
from sync.hub import credentials, stock_truth
from sync.hub.context import Hub
from sync.hub.db import dialect_insert
from sync.hub.errors import Invalid, NotFound
from sync.hub.feed import PendingChanges, dumps
from sync.hub.models import (
    CHAIN_SCOPE,
    AdminToken,
    Customer,
    Promotion,
    Staff,
    StockLevel,
    StoredValue,
    TaxClass,
)
from sync.hub.promo_check import check_promotion
from sync.hub.tenancy import get_store
from sync.protocol import (
    FeedKind,
    PromotionIn,
    ReturnPolicyIn,
    StoredValueBalance,
    StoredValueIn,
)
from sync.protocol import (
    StockLevel as StockLevelOut,
)

PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")


def set_tax_class(hub: Hub, tax_class: str, rate: str, label: str) -> None:
    with hub.change() as (session, pending):
        set_tax_class_in(session, pending, tax_class, rate, label)


def set_tax_class_in(
    session: Session, pending: PendingChanges, tax_class: str, rate: str, label: str
) -> dict[str, str]:
    """``set_tax_class`` in the caller's transaction; returns what the tills are fed."""
    try:
        value = Decimal(rate)
    except InvalidOperation:
        raise Invalid(f"tax rate {rate!r} is not a number (e.g. 0.20 for 20%)") from None
    if not value.is_finite() or not Decimal(0) <= value < Decimal(1):
        raise Invalid(f"tax rate {rate} must be a fraction between 0 and 1 (e.g. 0.20)")
    stmt = dialect_insert(session, TaxClass).values(
        tax_class=tax_class, rate=str(value), label=label
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["tax_class"],
            set_={"rate": stmt.excluded.rate, "label": stmt.excluded.label},
        )
    )
    data = {"tax_class": tax_class, "rate": str(value), "label": label}
    pending.add(CHAIN_SCOPE, FeedKind.TAX_CLASS, tax_class, data)
    return data


def add_staff(hub: Hub, *, store_id: str, staff_code: str, name: str, role: str, pin: str) -> None:
    """Add or replace a staff member; the PIN is stored (and fed to tills) only as argon2id."""
    _check_staff(role, pin)
    pin_hash = hub.pin_hasher.hash(pin)
    with hub.change() as (session, pending):
        add_staff_in(session, pending, hub, store_id=store_id, staff_code=staff_code, name=name,
                     role=role, pin_hash=pin_hash)  # fmt: skip


def _check_staff(role: str, pin: str) -> None:
    if not PIN_PATTERN.match(pin):
        raise Invalid("a PIN is 4 to 8 digits")
    try:
        parse_role(role)
    except RoleError as exc:
        raise Invalid(str(exc)) from None


def hash_staff_pin(hub: Hub, role: str, pin: str) -> str:
    """A checked PIN's argon2id hash, made before the transaction (hashing is slow)."""
    _check_staff(role, pin)
    return hub.pin_hasher.hash(pin)


def add_staff_in(
    session: Session,
    pending: PendingChanges,
    hub: Hub,
    *,
    store_id: str,
    staff_code: str,
    name: str,
    role: str,
    pin_hash: str,
) -> None:
    """``add_staff`` in the caller's transaction, with the PIN hashed already."""
    get_store(session, store_id)
    values = {
        "store_id": store_id,
        "staff_code": staff_code,
        "name": name,
        "role": role,
        "pin_hash": pin_hash,
        "active": True,
        "updated_at": hub.clock(),
    }
    stmt = dialect_insert(session, Staff).values(values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["store_id", "staff_code"],
            set_={k: stmt.excluded[k] for k in ("name", "role", "pin_hash", "active")},
        )
    )
    data = {k: values[k] for k in ("staff_code", "name", "role", "pin_hash", "active")}
    pending.add(store_id, FeedKind.STAFF, staff_code, data)


def stock_level_out(store_id: str, sku: str, quantity_milli: int) -> StockLevelOut:
    return StockLevelOut(
        store_id=store_id, sku=sku, quantity_milli=quantity_milli, negative=quantity_milli < 0
    )


def feed_stock(pending: PendingChanges, store_id: str, sku: str, quantity_milli: int) -> None:
    data = stock_level_out(store_id, sku, quantity_milli).model_dump(mode="json")
    pending.add(store_id, FeedKind.STOCK, sku, data)


def set_stock(hub: Hub, store_id: str, sku: str, quantity_milli: int) -> StockLevelOut:
    """An absolute level from a count at head office (tills only ever send deltas)."""
    with hub.change() as (session, pending):
        get_store(session, store_id)
        stmt = dialect_insert(session, StockLevel).values(
            store_id=store_id, sku=sku, quantity_milli=quantity_milli, updated_at=hub.clock()
        )
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["store_id", "sku"],
                set_={
                    "quantity_milli": stmt.excluded.quantity_milli,
                    "updated_at": stmt.excluded.updated_at,
                },
            )
        )
        stock_truth.touch(session, store_id, [sku], now=hub.clock())
        feed_stock(pending, store_id, sku, quantity_milli)
    return stock_level_out(store_id, sku, quantity_milli)


def set_return_policy(hub: Hub, store_id: str, policy: ReturnPolicyIn) -> None:
    """The store's return rules; the feed keeps the latest (tills store and use it)."""
    with hub.change() as (session, pending):
        set_return_policy_in(session, pending, store_id, policy)


def set_return_policy_in(
    session: Session, pending: PendingChanges, store_id: str, policy: ReturnPolicyIn
) -> None:
    get_store(session, store_id)
    pending.add(store_id, FeedKind.RETURN_POLICY, store_id, policy.model_dump(mode="json"))


def add_promotion(hub: Hub, promo: PromotionIn) -> None:
    with hub.change() as (session, pending):
        add_promotion_in(session, pending, hub, promo)


def add_promotion_in(
    session: Session, pending: PendingChanges, hub: Hub, promo: PromotionIn
) -> dict[str, Any] | None:
    """Store and feed ``promo`` in the caller's transaction (the console adds its audit entry);
    returns the document it replaced, if any."""
    if promo.starts_at and promo.ends_at and promo.ends_at <= promo.starts_at:
        raise Invalid("a promotion must end after it starts")
    document = promo.model_dump(mode="json")
    # The till's own parser, in this transaction: a refused promotion stores nothing.
    check_promotion(session, promo)
    scope = promo.store_id if promo.store_id is not None else CHAIN_SCOPE
    before = session.get(Promotion, promo.promo_id)
    replaced = json.loads(before.data) if before is not None else None
    if before is not None and _scope_of(before) != scope:
        # Moved: the tills of its old scope must drop it (a later upsert wins where the
        # scopes overlap, as positions are in this order).
        _promotion_tombstone(pending, before, hub.clock())
    stmt = dialect_insert(session, Promotion).values(
        promo_id=promo.promo_id,
        store_id=promo.store_id,
        data=dumps(document),
        updated_at=hub.clock(),
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["promo_id"],
            set_={k: stmt.excluded[k] for k in ("store_id", "data", "updated_at")},
        )
    )
    pending.add(scope, FeedKind.PROMOTION, promo.promo_id, document)
    return replaced


def _scope_of(row: Promotion) -> str:
    return row.store_id if row.store_id is not None else CHAIN_SCOPE


def _promotion_tombstone(pending: PendingChanges, row: Promotion, now: datetime) -> None:
    """Feed the removal of ``row`` to its scope's tills.

    The tombstone is the last document with ``removed: true`` and ``ends_at`` now, so a till
    that predates tombstones still stops applying it instead of failing on the change.
    """
    document = {**json.loads(row.data), "removed": True, "ends_at": now.isoformat()}
    pending.add(_scope_of(row), FeedKind.PROMOTION, row.promo_id, document)


def remove_promotion(hub: Hub, promo_id: str) -> None:
    """End a promotion now and remove it from every till that had it."""
    with hub.change() as (session, pending):
        remove_promotion_in(session, pending, hub, promo_id)


def remove_promotion_in(
    session: Session, pending: PendingChanges, hub: Hub, promo_id: str
) -> dict[str, Any]:
    """``remove_promotion`` in the caller's transaction; returns the removed document."""
    row = session.get(Promotion, promo_id)
    if row is None:
        raise NotFound(f"no promotion {promo_id!r}")
    document: dict[str, Any] = json.loads(row.data)
    _promotion_tombstone(pending, row, hub.clock())
    session.delete(row)
    return document


def remove_staff(hub: Hub, *, store_id: str, staff_code: str) -> None:
    """A person leaves the store (or moves to another): its tills stop signing them in."""
    with hub.change() as (session, pending):
        remove_staff_in(session, pending, hub, store_id=store_id, staff_code=staff_code)


def remove_staff_in(
    session: Session, pending: PendingChanges, hub: Hub, *, store_id: str, staff_code: str
) -> None:
    row = session.scalars(
        select(Staff).where(Staff.store_id == store_id, Staff.staff_code == staff_code)
    ).one_or_none()
    if row is None:
        raise NotFound(f"no staff {staff_code!r} at store {store_id!r}")
    row.active, row.updated_at = False, hub.clock()
    data = {"staff_code": row.staff_code, "name": row.name, "role": row.role,
            "pin_hash": row.pin_hash, "active": False}  # fmt: skip
    pending.add(store_id, FeedKind.STAFF, staff_code, data)


def customer_by_email(session: Session, email: str) -> Customer | None:
    return session.execute(
        select(Customer).where(Customer.email == email.lower())
    ).scalar_one_or_none()


def issue_stored_value(hub: Hub, spec: StoredValueIn) -> StoredValueBalance:
    with hub.change() as (session, _):
        customer_id = None
        if spec.customer_email is not None:
            customer = customer_by_email(session, spec.customer_email)
            if customer is None:
                raise Invalid(f"no customer with email {spec.customer_email!r}")
            customer_id = customer.id
        stmt = dialect_insert(session, StoredValue).values(
            code=spec.code,
            kind=str(spec.kind),
            currency=spec.currency,
            balance_minor=spec.balance_minor,
            customer_id=customer_id,
            updated_at=hub.clock(),
        )
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["code"],
                set_={
                    k: stmt.excluded[k]
                    for k in ("kind", "currency", "balance_minor", "customer_id", "updated_at")
                },
            )
        )
    return StoredValueBalance(
        code=spec.code, kind=spec.kind, currency=spec.currency, balance_minor=spec.balance_minor
    )


# -- admin tokens ----------------------------------------------------------------------------

MIN_TOKEN_PREFIX = 6


@dataclass(frozen=True)
class AdminTokenInfo:
    """An admin token as head office sees it: never the token, only its id (a digest prefix)."""

    token_id: str
    label: str
    created_at: datetime
    revoked_at: datetime | None


def _admin_info(row: AdminToken) -> AdminTokenInfo:
    return AdminTokenInfo(credentials.admin_token_id(row.token_hash), row.label, row.created_at,
                          row.revoked_at)  # fmt: skip


def list_admin_tokens(hub: Hub) -> list[AdminTokenInfo]:
    with hub.db.read() as session:
        rows = session.execute(select(AdminToken).order_by(AdminToken.created_at)).scalars()
        return [_admin_info(row) for row in rows]


def revoke_admin_token(hub: Hub, ref: str) -> tuple[AdminTokenInfo, bool]:
    """Revoke the admin token named by its id (or a prefix of it, at least 6 hex digits) or by
    the token itself. Returns the token and whether this call revoked it (False: it already
    was). Unknown or ambiguous references raise NotFound / Invalid and change nothing."""
    ref = ref.strip()
    if ref.startswith(credentials.ADMIN_TOKEN_PREFIX):
        prefix = credentials.token_digest(ref)
    else:
        prefix = ref.lower()
        if len(prefix) < MIN_TOKEN_PREFIX or not re.fullmatch(r"[0-9a-f]+", prefix):
            raise Invalid(
                f"{ref[:40]!r} is not an admin token id: give the id from "
                f"`omnitill hub admin-token list` (at least {MIN_TOKEN_PREFIX} hex digits)"
            )
    with hub.change() as (session, _):
        # The prefix is hex only, so LIKE needs no escaping.
        rows = list(
            session.execute(
                select(AdminToken).where(AdminToken.token_hash.like(f"{prefix}%")).limit(2)
            ).scalars()
        )
        if not rows:
            raise NotFound(
                f"no admin token {ref[:40]!r}; `omnitill hub admin-token list` shows them"
            )
        if len(rows) > 1:
            raise Invalid(f"{ref!r} matches more than one admin token: give more of its id")
        row = rows[0]
        if row.revoked_at is not None:
            return _admin_info(row), False
        row.revoked_at = hub.clock()
        session.flush()
        return _admin_info(row), True
