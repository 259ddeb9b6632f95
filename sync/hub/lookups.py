"""Online look-ups a till makes while a customer waits (docs/architecture.md §6): short, indexed
reads.

Web orders are store data: a till sees only orders for its own store, and another store's
order is "not found" (its existence is not confirmed). Customers, gift cards and stock levels
across stores are chain data, which is exactly what a till asks the hub for.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub import stock_truth
from sync.hub.errors import Invalid, NotFound
from sync.hub.headoffice import stock_level_out
from sync.hub.models import Customer, StockLevel, StoredValue, WebOrderRow
from sync.hub.web_orders import order_out
from sync.protocol import (
    StockElsewhere,
    StoredValueBalance,
    StoredValueKind,
    WebOrder,
)

MAX_RESULTS = 50


def find_web_orders(
    session: Session, store_id: str, *, number: str | None, email: str | None
) -> list[WebOrder]:
    if (number is None) == (email is None):
        raise Invalid("give exactly one of number or email")
    query = (
        select(WebOrderRow, Customer)
        .join(Customer, Customer.id == WebOrderRow.customer_id)
        .where(WebOrderRow.store_id == store_id)
        .order_by(WebOrderRow.created_at.desc(), WebOrderRow.id.desc())
        .limit(MAX_RESULTS)
    )
    if number is not None:
        query = query.where(WebOrderRow.number == number)
    else:
        assert email is not None
        query = query.where(Customer.email == email.strip().lower())
    orders = [order_out(row, customer) for row, customer in session.execute(query).all()]
    if number is not None and not orders:
        raise NotFound.problem("web_order.not_found", number=number)
    return orders


def stock_in_stores(session: Session, sku: str) -> StockElsewhere:
    rows = session.execute(
        select(StockLevel.store_id, StockLevel.quantity_milli)
        .where(StockLevel.sku == sku)
        .order_by(StockLevel.store_id)
    ).all()
    return StockElsewhere(
        sku=sku,
        levels=[stock_level_out(store, sku, quantity) for store, quantity in rows],
        locations=stock_truth.stock_everywhere(session, sku),
    )


def stored_value_balance(session: Session, code: str) -> StoredValueBalance:
    account = session.get(StoredValue, code)
    if account is None:
        raise NotFound.problem("account.not_found", code=code)
    return StoredValueBalance(
        code=account.code,
        kind=StoredValueKind(account.kind),
        currency=account.currency,
        balance_minor=account.balance_minor,
    )
