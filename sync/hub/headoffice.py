"""Head-office changes: tax classes, staff, stock counts, promotions, gift cards.

Each is one transaction that also writes the feed rows the tills need, so a till sees the
change exactly when it is committed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub import credentials
from sync.hub.context import Hub
from sync.hub.db import dialect_insert
from sync.hub.errors import Invalid
from sync.hub.feed import PendingChanges, dumps
from sync.hub.models import (
    CHAIN_SCOPE,
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
    StoredValueBalance,
    StoredValueIn,
)
from sync.protocol import (
    StockLevel as StockLevelOut,
)

PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
STAFF_ROLES = ("associate", "fulfilment", "manager")


def set_tax_class(hub: Hub, tax_class: str, rate: str, label: str) -> None:
    try:
        value = Decimal(rate)
    except InvalidOperation:
        raise Invalid(f"tax rate {rate!r} is not a number (e.g. 0.20 for 20%)") from None
    if not Decimal(0) <= value < Decimal(1):
        raise Invalid(f"tax rate {rate} must be a fraction between 0 and 1 (e.g. 0.20)")
    with hub.change() as (session, pending):
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


def add_staff(hub: Hub, *, store_id: str, staff_code: str, name: str, role: str, pin: str) -> None:
    """Add or replace a staff member; the PIN is stored (and fed to tills) only as scrypt."""
    if not PIN_PATTERN.match(pin):
        raise Invalid("a PIN is 4 to 8 digits")
    if role not in STAFF_ROLES:
        raise Invalid(f"role must be one of {', '.join(STAFF_ROLES)}")
    pin_hash = credentials.hash_pin(pin)
    with hub.change() as (session, pending):
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
        feed_stock(pending, store_id, sku, quantity_milli)
    return stock_level_out(store_id, sku, quantity_milli)


def add_promotion(hub: Hub, promo: PromotionIn) -> None:
    if promo.starts_at and promo.ends_at and promo.ends_at <= promo.starts_at:
        raise Invalid("a promotion must end after it starts")
    document = promo.model_dump(mode="json")
    with hub.change() as (session, pending):
        # The till's own parser, in this transaction: a refused promotion stores nothing.
        check_promotion(session, promo)
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
        scope = promo.store_id if promo.store_id is not None else CHAIN_SCOPE
        pending.add(scope, FeedKind.PROMOTION, promo.promo_id, document)


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
