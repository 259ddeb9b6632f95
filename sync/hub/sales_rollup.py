"""The daily sales rollup: sales per day × store × channel × tender × department.

Written in the transaction of what it sums: the ingest of till sales and returns (``record``,
with the applied events of a batch, or a quarantined event head office releases) and the
creation and cancellation of web orders (``record_web_order``). The dashboard and the reports
read the rollup, never the sale lines or the orders (docs/architecture.md §10.1). The same
upsert keeps ``sales_by_department``, the tender rows summed over tender, for the reports by
department.

A sale's departments come from the hub's catalog at ingest (a SKU the hub does not know is
``UNKNOWN_DEPARTMENT``). A sale paid by several tenders is split over them pro rata, in whole
minor units (the till's allocation rule), so every amount adds up to the sale's lines. Change
given in cash is taken off the cash tender first. Returns count with their negative amounts.
Rows are upserted in key order, so two batches cannot deadlock on them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date
from typing import TypeVar

from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError
from pos_app.domain.money import Currency, Money, allocate, currency_by_code
from sync.hub.context import Hub
from sync.hub.db import dialect_insert, insert_rows
from sync.hub.models import IngestedEvent, Product, SalesByDepartment, SalesDaily, WebOrderRow
from sync.protocol import EventKind, SalePayload

STORE_CHANNEL = "store"  # a till sale
WEB_CHANNEL = "web"  # a web order (click and collect, online), by the day it was placed
WEB_PAID, WEB_PAY_IN_STORE = "online", "pay_in_store"  # a web order's "tender"
UNKNOWN_DEPARTMENT = "(unknown)"
NO_TENDER = "(none)"
# The per-sale total row of a (day, store, channel): tender and department both ALL. A sale
# paid two ways counts in two tender rows; the ALL row counts it once.
ALL = "*"
CASH = "cash"
FALLBACK_CURRENCY = "EUR"
REBUILD_BATCH = 2_000
ROLLED_UP_KINDS = (EventKind.SALE_COMPLETED, EventKind.RETURN_COMPLETED)
COUNTED_STATES = ("applied", "released")  # quarantined and rejected events moved nothing

Key = tuple[date, str, str, str, str]  # day, store, channel, tender, department
DepartmentKey = tuple[date, str, str, str]  # day, store, department, channel
AnyKey = TypeVar("AnyKey", Key, DepartmentKey)


@dataclass
class _Cell:
    sales: int = 0
    amount_minor: int = 0


def tender_split(payload: SalePayload) -> list[tuple[str, int]]:
    """What paid the sale, per tender kind, net of cash change; [(NO_TENDER, 1)] if nothing."""
    paid: dict[str, int] = defaultdict(int)
    for tender in payload.tenders:
        paid[tender.kind[:32]] += tender.amount_minor
    if payload.totals.change_minor and CASH in paid:
        paid[CASH] -= payload.totals.change_minor
    parts = [(kind, amount) for kind, amount in sorted(paid.items()) if amount]
    return parts or [(NO_TENDER, 1)]


def split(
    amount: int, tenders: Sequence[tuple[str, int]], currency: Currency
) -> list[tuple[str, int]]:
    """``amount`` over the tenders pro rata, in whole minor units that add up exactly: the
    till's own rule for splitting money (pos_app.domain.money.allocate)."""
    shares = allocate(Money.from_minor(amount, currency), [abs(w) for _, w in tenders])
    return [(name, share.to_minor()) for (name, _), share in zip(tenders, shares, strict=True)]


def _currency(code: str) -> Currency:
    try:
        return currency_by_code(code)
    except DomainError:
        # Splitting counts whole minor units whatever the currency: any one will do.
        return currency_by_code(FALLBACK_CURRENCY)


def _departments(session: Session, skus: set[str]) -> dict[str, str]:
    if not skus:
        return {}
    rows = session.execute(select(Product.sku, Product.department).where(Product.sku.in_(skus)))
    return {sku: department or UNKNOWN_DEPARTMENT for sku, department in rows}


def cells(payloads: Iterable[SalePayload], departments: dict[str, str]) -> dict[Key, _Cell]:
    summed: dict[Key, _Cell] = defaultdict(_Cell)
    for payload in payloads:
        day = payload.created_at.astimezone(UTC).date()
        by_department: dict[str, int] = defaultdict(int)
        for line in payload.lines:
            by_department[departments.get(line.sku, UNKNOWN_DEPARTMENT)[:64]] += line.amount_minor
        tenders = tender_split(payload)
        currency = _currency(payload.currency)
        for department, amount in sorted(by_department.items()):
            for tender, share in split(amount, tenders, currency):
                cell = summed[(day, payload.store_id, STORE_CHANNEL, tender, department)]
                cell.sales += 1
                cell.amount_minor += share
        total = summed[(day, payload.store_id, STORE_CHANNEL, ALL, ALL)]
        total.sales += 1  # one per sale: the exact count when neither tender nor department
        total.amount_minor += sum(by_department.values())
    return summed


def record(session: Session, payloads: Sequence[SalePayload]) -> None:
    """Add these applied sales and returns to the rollup, in the caller's transaction."""
    if not payloads:
        return
    skus = {line.sku for payload in payloads for line in payload.lines}
    _upsert(session, cells(payloads, _departments(session, skus)))


def record_web_order(session: Session, order: WebOrderRow, sign: int) -> None:
    """A web order placed (``sign`` 1) or cancelled / expired (-1), in the transaction that
    creates or closes it: channel ``web`` on the day it was placed, tender ``online`` when
    paid online, else ``pay_in_store``; split by department like a till sale."""
    _upsert(session, _web_cells(session, [order], sign))


def _web_cells(session: Session, orders: Sequence[WebOrderRow], sign: int) -> dict[Key, _Cell]:
    parsed = [(order, json.loads(order.lines)) for order in orders]
    skus = {str(line["sku"]) for _, lines in parsed for line in lines}
    departments = _departments(session, skus)
    summed: dict[Key, _Cell] = defaultdict(_Cell)
    for order, lines in parsed:
        by_department: dict[str, int] = defaultdict(int)
        for line in lines:
            amount = int(line["unit_price_minor"]) * int(line["quantity_milli"]) // 1000
            by_department[departments.get(str(line["sku"]), UNKNOWN_DEPARTMENT)[:64]] += amount
        day = order.created_at.astimezone(UTC).date()
        tender = WEB_PAID if order.payment_status == "paid" else WEB_PAY_IN_STORE
        for department, amount in by_department.items():
            cell = summed[(day, order.store_id, WEB_CHANNEL, tender, department)]
            cell.sales += sign
            cell.amount_minor += sign * amount
        total = summed[(day, order.store_id, WEB_CHANNEL, ALL, ALL)]
        total.sales += sign
        total.amount_minor += sign * order.total_minor
    return summed


def rebuild(hub: Hub, batch: int = REBUILD_BATCH) -> tuple[int, int]:
    """The rollup worked out again from every applied (or released) sale and return and every
    web order not cancelled or expired: for a hub upgraded past migration 0017 with history,
    or to check it. One transaction; run it with the hub stopped (``omnitill hub
    rebuild-sales-rollup``). Returns (till events, web orders) summed."""
    E, W = IngestedEvent, WebOrderRow
    events = orders = 0
    with hub.change() as (session, _):
        session.execute(delete(SalesDaily))
        session.execute(delete(SalesByDepartment))
        query = (
            select(E.payload)
            .where(E.kind.in_([str(k) for k in ROLLED_UP_KINDS]), E.state.in_(COUNTED_STATES))
            .order_by(E.id)
            .execution_options(yield_per=batch)
        )
        for chunk in session.execute(query).scalars().partitions(batch):
            payloads = []
            for text in chunk:
                try:
                    payloads.append(SalePayload.model_validate_json(text))
                except ValidationError:
                    continue  # stored before today's checks and never applied as a sale
            record(session, payloads)
            events += len(payloads)
        sold = select(W).where(W.status.not_in(["cancelled", "expired"])).order_by(W.id)
        for rows in (
            session.execute(sold.execution_options(yield_per=batch)).scalars().partitions(batch)
        ):
            _upsert(session, _web_cells(session, rows, 1))
            orders += len(rows)
    return events, orders


def by_department(summed: dict[Key, _Cell]) -> dict[DepartmentKey, _Cell]:
    """The tender rows of ``summed`` added up over tender: the ``sales_by_department`` cells
    (the per-sale ALL rows are not department rows)."""
    out: dict[DepartmentKey, _Cell] = defaultdict(_Cell)
    for (day, store, channel, tender, department), cell in summed.items():
        if tender != ALL:
            total = out[(day, store, department, channel)]
            total.sales += cell.sales
            total.amount_minor += cell.amount_minor
    return out


def _upsert(session: Session, summed: dict[Key, _Cell]) -> None:
    """Both rollup tables, each in key order and always sales_daily first: two batches take
    their row locks in the same order, so they cannot deadlock."""
    _add(session, SalesDaily, ("day", "store_id", "channel", "tender", "department"), summed)
    _add(session, SalesByDepartment, ("day", "store_id", "department", "channel"),
         by_department(summed))  # fmt: skip


def _add(
    session: Session,
    table: type[SalesDaily] | type[SalesByDepartment],
    key: tuple[str, ...],
    summed: Mapping[AnyKey, _Cell],
) -> None:
    if not summed:
        return
    stmt = dialect_insert(session, table)
    upsert = stmt.on_conflict_do_update(
        index_elements=list(key),
        set_={
            "sales": table.sales + stmt.excluded.sales,
            "amount_minor": table.amount_minor + stmt.excluded.amount_minor,
        },
    )
    rows = [
        {**dict(zip(key, values, strict=True)), "sales": cell.sales,
         "amount_minor": cell.amount_minor}
        for values, cell in sorted(summed.items())
    ]  # fmt: skip
    insert_rows(session, upsert, rows)
