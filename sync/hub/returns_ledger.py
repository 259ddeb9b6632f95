"""Returned quantities per original line, across tills, stores and channels
(docs/architecture.md §8).

The hub is the authority on what can still come back. Ingesting a sale records its lines
(bought); ingesting a return adds to the returned quantity of each line it names, in the same
transaction as the event row, so a duplicate event (not newly stored) changes nothing.

A return is never refused here: the money already left the till. An over-return (more than
bought − already returned, counted over every till) is stored, answered with a warning the till
shows its manager, and written to ``return_reviews`` for head office. A web order refunded
online becomes a ``return_refunds`` row the web store pays out; an offline web-order return is
flagged for review too.

Rows are upserted in key order (sorted), so two batches touching the same lines queue instead
of deadlocking on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from sync.hub.db import dialect_insert, insert_rows
from sync.hub.errors import Invalid, NotFound
from sync.hub.models import (
    Customer,
    ReturnableLineRow,
    ReturnableSaleRow,
    ReturnRefund,
    ReturnReview,
    Store,
    WebOrderRow,
)
from sync.protocol import (
    OriginalKind,
    PaymentStatus,
    Returnable,
    ReturnableLine,
    ReturnableTender,
    SalePayload,
)

WEB_REFUND_TENDER = "web_refund"
MAX_ORDERS = 20
# Ends every warning head office follows up; the till shows those to its manager.
REVIEW_SUFFIX = " — head office will review"


@dataclass(frozen=True)
class LedgerEvent:
    event_id: str
    till_id: str
    payload: SalePayload


def _qty(milli: int) -> str:
    return f"{milli / 1000:g}"


class SaleLedger:
    """What the sales of one ingest batch bought, written in one statement.

    One row per sold line is the bulk of the ledger's work (every sale, few returns), so the
    rows of consecutive sales are gathered and upserted together (``flush``); the ingest
    flushes before each return so a return sees the sales sent before it in the same batch.
    """

    def __init__(self, session: Session, now: datetime) -> None:
        self._session, self._now = session, now
        self._rows: list[dict[str, object]] = []
        self._sales: list[dict[str, object]] = []  # returnable_sales: found by receipt number
        self._events: dict[str, LedgerEvent] = {}
        self.warnings: dict[str, list[str]] = {}  # per event id: returns that came first

    def add(self, event: LedgerEvent) -> None:
        payload = event.payload
        ref = str(payload.sale_uuid)
        self._events[ref] = event
        # Endless-aisle lines come back by their order's number (a web order, returnable in any
        # store once handed over), never by this receipt too: one refund per unit.
        ordered = {ln.line_no for ln in payload.aisle_order.lines} if payload.aisle_order else set()
        self._rows.extend(
            {
                "original_kind": str(OriginalKind.SALE),
                "original_ref": ref,
                "line_no": line.line_no,
                "store_id": payload.store_id,
                "sku": line.sku,
                "name": line.name,
                "bought_milli": line.quantity_milli,
                "amount_minor": line.amount_minor,
                "returned_milli": 0,
                "updated_at": self._now,
            }
            for line in payload.lines
            if line.quantity_milli > 0 and line.line_no not in ordered
        )
        self._sales.append(
            {
                "sale_uuid": ref,
                "receipt_no": payload.receipt_no,
                "store_id": payload.store_id,
                "till_id": event.till_id,
                "created_at": payload.created_at,
                "tenders": json.dumps(_paid_by(payload)),
            }
        )

    def flush(self) -> None:
        """Write the gathered lines; a return that came first and was too big: ``warnings``."""
        if self._sales:
            sales = sorted(self._sales, key=lambda r: str(r["sale_uuid"]))
            self._sales = []
            header = dialect_insert(self._session, ReturnableSaleRow).on_conflict_do_nothing(
                index_elements=["sale_uuid"]
            )
            insert_rows(self._session, header, sales)
        if not self._rows:
            self._events.clear()
            return
        session, events = self._session, dict(self._events)
        # One row per key (the same sale sent twice under two event ids: the later wins, as
        # it did row by row), in key order: two batches upserting the same lines lock them in
        # the same order.
        keyed = {(str(r["original_ref"]), int(str(r["line_no"]))): r for r in self._rows}
        rows = [keyed[key] for key in sorted(keyed)]
        self._rows, self._events = [], {}
        stmt = dialect_insert(session, ReturnableLineRow)
        upsert = stmt.on_conflict_do_update(
            index_elements=["original_kind", "original_ref", "line_no"],
            set_={
                "store_id": stmt.excluded.store_id,
                "sku": stmt.excluded.sku,
                "name": stmt.excluded.name,
                "bought_milli": stmt.excluded.bought_milli,
                "amount_minor": stmt.excluded.amount_minor,
                "updated_at": stmt.excluded.updated_at,
            },
        )
        # The upsert returns the lines as they now stand: a return that reached the hub
        # before its sale shows as returned > bought, with no second statement to find it.
        written = insert_rows(
            session,
            upsert,
            rows,
            ReturnableLineRow.original_ref,
            ReturnableLineRow.line_no,
            ReturnableLineRow.bought_milli,
            ReturnableLineRow.returned_milli,
        ).all()
        late = sorted((ref, no, bought, returned) for ref, no, bought, returned in written
                      if bought is not None and returned > bought)  # fmt: skip
        for ref, no, bought, returned in late:
            event = events[ref]
            text = (
                f"Sale {event.payload.receipt_no}: line {no} was returned before the sale reached"
                f" the hub and more than bought (bought {_qty(bought or 0)},"
                f" returned {_qty(returned)} in all){REVIEW_SUFFIX}"
            )
            _review(session, event, [text], self._now)
            self.warnings.setdefault(event.event_id, []).append(text)


def _paid_by(payload: SalePayload) -> list[dict[str, object]]:
    """Amount per tender kind, in the order first used, summing to the sale's total.

    A cash tender carries what the customer handed over; the change given back is what the
    tenders exceed the total by, so it comes off cash (the only tender that gives change).
    """
    paid: dict[str, int] = {}
    for tender in payload.tenders:
        paid[tender.kind] = paid.get(tender.kind, 0) + tender.amount_minor
    change = sum(paid.values()) - payload.totals.total_minor
    if change > 0 and "cash" in paid:
        paid["cash"] -= min(change, paid["cash"])
    return [{"kind": k, "amount_minor": v} for k, v in paid.items() if v > 0]


def _review(session: Session, event: LedgerEvent, reasons: Sequence[str], now: datetime) -> None:
    for reason in reasons:
        session.add(
            ReturnReview(
                event_id=event.event_id,
                store_id=event.payload.store_id,
                till_id=event.till_id,
                receipt_no=event.payload.receipt_no,
                reason=reason,
                created_at=now,
            )
        )


def _order_lines(session: Session, number: str) -> dict[int, tuple[str, str, int, int]] | None:
    row = session.execute(select(WebOrderRow.lines).where(WebOrderRow.number == number)).first()
    if row is None:
        return None
    return {
        no: (ln["sku"], ln["name"], ln["quantity_milli"], _line_amount(ln))
        for no, ln in enumerate(json.loads(row[0]), start=1)
    }


def _line_amount(line: dict[str, int]) -> int:
    # The same sum the order's total was made of (web_orders.create_web_order).
    return line["unit_price_minor"] * line["quantity_milli"] // 1000


def record_return(session: Session, event: LedgerEvent, now: datetime) -> list[str]:
    """Add a return's quantities to its original lines; returns the warnings for the till."""
    payload = event.payload
    warnings: list[str] = []
    reviews: list[str] = []
    keyed = []
    for line in payload.lines:
        if line.original_line_no is None or line.quantity_milli >= 0:
            continue
        if line.original_order_number is not None:
            keyed.append((OriginalKind.WEB_ORDER, line.original_order_number, line))
        elif line.original_sale_uuid is not None:
            keyed.append((OriginalKind.SALE, str(line.original_sale_uuid), line))
    orders: dict[str, dict[int, tuple[str, str, int, int]] | None] = {}
    for kind, ref, line in sorted(keyed, key=lambda k: (k[0], k[1], k[2].original_line_no or 0)):
        assert line.original_line_no is not None
        bought: int | None = None
        amount: int | None = None
        if kind is OriginalKind.WEB_ORDER:
            if ref not in orders:
                orders[ref] = _order_lines(session, ref)
            known = orders[ref]
            if known is None or line.original_line_no not in known:
                reviews.append(f"line {line.original_line_no} of web order {ref} is unknown")
            else:
                _, _, bought, amount = known[line.original_line_no]
        stmt = dialect_insert(session, ReturnableLineRow).values(
            original_kind=str(kind),
            original_ref=ref,
            line_no=line.original_line_no,
            store_id=None,
            sku=line.sku,
            name=line.name,
            bought_milli=bought,
            amount_minor=amount,
            returned_milli=-line.quantity_milli,
            updated_at=now,
        )
        upsert = stmt.on_conflict_do_update(
            index_elements=["original_kind", "original_ref", "line_no"],
            set_={
                "returned_milli": ReturnableLineRow.returned_milli + stmt.excluded.returned_milli,
                "bought_milli": func.coalesce(
                    ReturnableLineRow.bought_milli, stmt.excluded.bought_milli
                ),
                "amount_minor": func.coalesce(
                    ReturnableLineRow.amount_minor, stmt.excluded.amount_minor
                ),
                "updated_at": stmt.excluded.updated_at,
            },
        ).returning(ReturnableLineRow.bought_milli, ReturnableLineRow.returned_milli)
        total_bought, total_returned = session.execute(upsert).one()
        if total_bought is not None and total_returned > total_bought:
            what = "returned twice" if total_returned == 2 * total_bought else "over-returned"
            text = (
                f"Return {payload.receipt_no}: line {line.original_line_no}"
                f" ({line.name or line.sku}) was {what} (bought {_qty(total_bought)},"
                f" returned {_qty(total_returned)} in all){REVIEW_SUFFIX}"
            )
            warnings.append(text)
            reviews.append(text)
    if payload.offline_web_return:
        presented = f" (customer presented {payload.presented!r})" if payload.presented else ""
        reviews.append(
            f"web-order return {payload.receipt_no} made offline with a manager override"
            + presented
        )
    _review(session, event, reviews, now)
    _record_web_refunds(session, event, now, warnings)
    return warnings


def _record_web_refunds(
    session: Session, event: LedgerEvent, now: datetime, warnings: list[str]
) -> None:
    payload = event.payload
    owed = -sum(t.amount_minor for t in payload.tenders if t.kind == WEB_REFUND_TENDER)
    if owed == 0:
        return
    numbers = sorted({ln.original_order_number for ln in payload.lines if ln.original_order_number})
    if len(numbers) != 1:
        # A web refund must go back to one online payment; say so rather than guess.
        warnings.append(f"web refund of return {payload.receipt_no} names no single web order")
        numbers = numbers[:1] or ["?"]
    session.add(
        ReturnRefund(
            event_id=event.event_id,
            order_number=numbers[0],
            store_id=payload.store_id,
            receipt_no=payload.receipt_no,
            amount_minor=owed,
            currency=payload.currency,
            status="requested",
            created_at=now,
        )
    )


# --- head office ----------------------------------------------------------------------------


def open_reviews(session: Session, store_id: str | None = None) -> list[ReturnReview]:
    """Returns flagged for head office and not resolved yet, oldest first."""
    query = select(ReturnReview).where(ReturnReview.resolved_at.is_(None))
    if store_id is not None:
        query = query.where(ReturnReview.store_id == store_id)
    return list(session.scalars(query.order_by(ReturnReview.id)))


def requested_refunds(session: Session) -> list[ReturnRefund]:
    """Web-order refunds the web store still has to pay back, oldest first."""
    return list(
        session.scalars(
            select(ReturnRefund).where(ReturnRefund.status == "requested").order_by(ReturnRefund.id)
        )
    )


# --- the look-up ----------------------------------------------------------------------------


def _returned(
    session: Session, kind: OriginalKind, refs: Sequence[str]
) -> dict[tuple[str, int], int]:
    if not refs:
        return {}
    rows = session.execute(
        select(
            ReturnableLineRow.original_ref,
            ReturnableLineRow.line_no,
            ReturnableLineRow.returned_milli,
        ).where(
            tuple_(ReturnableLineRow.original_kind, ReturnableLineRow.original_ref).in_(
                [(str(kind), ref) for ref in refs]
            )
        )
    ).all()
    return {(ref, no): returned for ref, no, returned in rows}


def _line(no: int, sku: str, name: str, bought: int, amount: int, returned: int) -> ReturnableLine:
    return ReturnableLine(
        line_no=no,
        sku=sku,
        name=name,
        bought_milli=bought,
        returned_milli=returned,
        returnable_milli=max(bought - returned, 0),
        amount_minor=amount,
    )


def returnable_sale(session: Session, sale_uuid: str) -> Returnable:
    rows = (
        session.execute(
            select(ReturnableLineRow)
            .where(
                ReturnableLineRow.original_kind == str(OriginalKind.SALE),
                ReturnableLineRow.original_ref == sale_uuid,
                ReturnableLineRow.bought_milli.is_not(None),
            )
            .order_by(ReturnableLineRow.line_no)
        )
        .scalars()
        .all()
    )
    if not rows or rows[0].store_id is None:
        raise NotFound(f"the hub has no sale {sale_uuid!r} (yet)")
    store = session.get(Store, rows[0].store_id)
    # Absent for a sale ingested before returnable_sales existed: lines only, as before.
    header = session.get(ReturnableSaleRow, sale_uuid)
    return Returnable(
        original_kind=OriginalKind.SALE,
        ref=sale_uuid,
        store_id=rows[0].store_id,
        currency=store.currency if store is not None else "",
        created_at=header.created_at if header is not None else None,
        paid_online=False,
        receipt_no=header.receipt_no if header is not None else None,
        till_id=header.till_id if header is not None else None,
        tenders=[ReturnableTender.model_validate(t) for t in json.loads(header.tenders)]
        if header is not None
        else [],
        lines=[
            _line(
                r.line_no, r.sku, r.name, r.bought_milli or 0, r.amount_minor or 0, r.returned_milli
            )
            for r in rows
        ],
    )


def _order_returnable(
    row: WebOrderRow, customer: Customer, returned: dict[tuple[str, int], int]
) -> Returnable:
    lines = json.loads(row.lines)
    return Returnable(
        original_kind=OriginalKind.WEB_ORDER,
        ref=row.number,
        store_id=row.store_id,
        currency=row.currency,
        created_at=row.created_at,
        paid_online=row.payment_status == PaymentStatus.PAID,
        customer_email=customer.email,
        lines=[
            _line(
                no,
                ln["sku"],
                ln["name"],
                ln["quantity_milli"],
                _line_amount(ln),
                returned.get((row.number, no), 0),
            )
            for no, ln in enumerate(lines, start=1)
        ],
    )


def returnable_orders(
    session: Session, *, number: str | None = None, email: str | None = None
) -> list[Returnable]:
    """Web orders of any store of the chain (a customer may return in any store)."""
    if (number is None) == (email is None):
        raise Invalid("give exactly one of order_number or email")
    query = (
        select(WebOrderRow, Customer)
        .join(Customer, Customer.id == WebOrderRow.customer_id)
        .order_by(WebOrderRow.created_at.desc(), WebOrderRow.id.desc())
        .limit(MAX_ORDERS)
    )
    if number is not None:
        query = query.where(WebOrderRow.number == number.strip())
    else:
        assert email is not None
        query = query.where(Customer.email == email.strip().lower())
    found = session.execute(query).all()
    returned = _returned(session, OriginalKind.WEB_ORDER, [row.number for row, _ in found])
    orders = [_order_returnable(row, customer, returned) for row, customer in found]
    if not orders:
        what = f"web order {number!r}" if number is not None else f"web order for {email!r}"
        raise NotFound(f"no {what}")
    return orders


def returnable_receipt(session: Session, receipt_no: str) -> Returnable:
    """An in-store sale of any till of the chain by its receipt number (the receipt barcode)."""
    code = receipt_no.strip()
    if not code:
        raise Invalid("receipt_no is empty")
    sale_uuid = session.scalar(
        select(ReturnableSaleRow.sale_uuid)
        .where(ReturnableSaleRow.receipt_no == code)
        .order_by(ReturnableSaleRow.created_at.desc())
        .limit(1)
    )
    if sale_uuid is None:
        raise NotFound.problem("sale.not_found", receipt=code)
    return returnable_sale(session, sale_uuid)


def returnable(
    session: Session,
    *,
    sale_uuid: str | None,
    order_number: str | None,
    receipt_no: str | None = None,
) -> Returnable:
    if sum(v is not None for v in (sale_uuid, order_number, receipt_no)) != 1:
        raise Invalid("give exactly one of sale_uuid, order_number or receipt_no")
    if sale_uuid is not None:
        return returnable_sale(session, sale_uuid.strip().lower())
    if receipt_no is not None:
        return returnable_receipt(session, receipt_no)
    return returnable_orders(session, number=order_number)[0]
