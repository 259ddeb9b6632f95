"""Read side of click-and-collect: the queue, an order's pick list, search, conflicts.

Plain frozen dataclasses come out, never ORM rows (docs/architecture.md §4). An order's *state* at
this till is its local state when this till has worked on it, else the hub's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from pos_app.db.models import (
    CollectionOrderRow,
    OutboxEvent,
    Product,
    WebOrderLineRow,
    WebOrderRow,
)
from pos_app.domain.click_collect.orders import ACTIVE, CollectionError, OrderState, describe
from pos_app.domain.click_collect.states import DEFAULT_HOLD_DAYS as DEFAULT_HOLD_DAYS
from pos_app.domain.click_collect.states import DELIVERY, PICKUP, expires_uncollected
from pos_app.domain.l10n.messages import Label, Message, msg, restored

COLLECTION_EVENT = "collection.status_changed"
QUEUE_LIMIT = 500
QUEUE_ORDER = (
    OrderState.NEW,
    OrderState.PICKING,
    OrderState.READY,
    OrderState.PARTIALLY_COLLECTED,
    OrderState.COLLECTED,
    OrderState.SHIPPED,
    OrderState.CANCELLED,
    OrderState.EXPIRED,
)


@dataclass(frozen=True)
class OrderSummary:
    number: str
    state: OrderState
    hub_state: OrderState
    customer_name: str
    customer_email: str
    customer_phone: str | None
    pickup_code: str
    paid: bool
    currency: str
    total_minor: int
    item_count: int
    created_at: datetime
    due_by: datetime
    overdue: bool
    claimed_by: str | None
    needs_review: bool
    # What the manager is told, rendered in the reader's language (formatting.message_text);
    # plain English text for a flag stored before flags were message ids.
    review_reason: Message | str | None
    fulfilment: str = PICKUP  # pickup | delivery (docs/architecture.md §7b)
    deliver_to: str | None = None  # a delivery's address, one line as the hub sent it

    @property
    def delivery(self) -> bool:
        return self.fulfilment == DELIVERY


@dataclass(frozen=True)
class PickLine:
    line_no: int
    sku: str
    name: str
    department: str
    ordered_milli: int
    unit_price_minor: int
    picked_milli: int = 0
    short_milli: int = 0
    collected_milli: int = 0

    @property
    def to_pick_milli(self) -> int:
        return self.ordered_milli - self.picked_milli - self.short_milli

    @property
    def waiting_milli(self) -> int:
        """Picked and in the bag, not yet handed over."""
        return self.picked_milli - self.collected_milli


@dataclass(frozen=True)
class OrderDetail:
    summary: OrderSummary
    lines: tuple[PickLine, ...]  # by department, then line number: the walk through the store
    identity_note: str | None
    offline_handover: bool
    bag_count: int
    tracking_ref: str | None = None  # the parcel's reference, once a delivery is shipped

    @property
    def fully_picked(self) -> bool:
        return all(line.to_pick_milli == 0 for line in self.lines)


@dataclass(frozen=True)
class Queue:
    counts: dict[OrderState, int]
    orders: tuple[OrderSummary, ...]
    review_count: int

    def in_state(self, state: OrderState) -> tuple[OrderSummary, ...]:
        return tuple(o for o in self.orders if o.state is state)


def walk_order(line: PickLine) -> tuple[str, str, int]:
    """The walk through the store: by department, then name; the screen and the paper pick
    list both use it, so the associate can follow either."""
    return (line.department.casefold(), line.name.casefold(), line.line_no)


class CollectionsView:
    def __init__(self, hold_days: int = DEFAULT_HOLD_DAYS) -> None:
        if hold_days < 1:
            raise ValueError("the hold period is at least one day")
        self.hold = timedelta(days=hold_days)

    def summary(
        self, order: WebOrderRow, local: CollectionOrderRow | None, now: datetime
    ) -> OrderSummary:
        hub_state = OrderState(order.status)
        state = OrderState(local.local_status) if local is not None else hub_state
        due_by = order.created_at + self.hold
        claimed = local.claimed_by if local is not None else None
        if claimed is None and hub_state is OrderState.PICKING:
            claimed = "another till"
        return OrderSummary(
            number=order.number,
            state=state,
            hub_state=hub_state,
            customer_name=order.customer_name,
            customer_email=order.customer_email,
            customer_phone=order.customer_phone,
            pickup_code=order.pickup_code,
            paid=order.payment_status == "paid",
            currency=order.currency,
            total_minor=order.total_minor,
            item_count=sum(line.quantity_milli for line in order.lines) // 1000,
            created_at=order.created_at,
            due_by=due_by,
            # A delivery waits for the carrier, not the customer: never overdue.
            overdue=state in ACTIVE and now > due_by and expires_uncollected(order.fulfilment),
            claimed_by=claimed,
            needs_review=bool(local and local.needs_review),
            review_reason=restored(local.review_reason)
            if local is not None and local.review_reason is not None
            else None,
            fulfilment=DELIVERY if order.fulfilment == DELIVERY else PICKUP,
            deliver_to=order.deliver_to,
        )

    def _rows(
        self, session: Session, where: Sequence[object] = (), limit: int = QUEUE_LIMIT
    ) -> list[tuple[WebOrderRow, CollectionOrderRow | None]]:
        stmt = (
            select(WebOrderRow, CollectionOrderRow)
            .outerjoin(CollectionOrderRow, CollectionOrderRow.order_number == WebOrderRow.number)
            .options(selectinload(WebOrderRow.lines))
            .where(*where)  # type: ignore[arg-type]
            .order_by(WebOrderRow.created_at, WebOrderRow.number)
            .limit(limit)
        )
        return [(row[0], row[1]) for row in session.execute(stmt)]

    def queue(self, session: Session, now: datetime) -> Queue:
        """Active orders oldest first; finished ones only from today (cancelled, expired too)."""
        start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        finished = select(CollectionOrderRow.order_number).where(
            CollectionOrderRow.updated_at >= start_of_day
        )
        state = func.coalesce(CollectionOrderRow.local_status, WebOrderRow.status)
        rows = self._rows(
            session,
            [
                or_(
                    state.in_([str(s) for s in ACTIVE]),
                    WebOrderRow.number.in_(finished),
                    CollectionOrderRow.needs_review.is_(True),
                    WebOrderRow.created_at >= start_of_day,
                )
            ],
        )
        orders = tuple(self.summary(order, local, now) for order, local in rows)
        counts = dict.fromkeys(QUEUE_ORDER, 0)
        for o in orders:
            counts[o.state] += 1
        return Queue(counts, orders, sum(1 for o in orders if o.needs_review))

    def detail(self, session: Session, number: str, now: datetime) -> OrderDetail:
        found = self._rows(session, [WebOrderRow.number == number], limit=1)
        if not found:
            raise CollectionError(
                msg("There is no web order {number} for this store.", number=number)
            )
        order, local = found[0]
        progress = {line.line_no: line for line in (local.lines if local else [])}
        departments: dict[str, str] = dict(
            session.execute(
                select(Product.sku, Product.department).where(
                    Product.sku.in_([line.sku for line in order.lines])
                )
            ).all()
        )
        lines = []
        for line in order.lines:
            done = progress.get(line.line_no)
            lines.append(
                PickLine(
                    line_no=line.line_no,
                    sku=line.sku,
                    name=line.name or line.sku,
                    department=departments.get(line.sku, "unknown"),
                    ordered_milli=line.quantity_milli,
                    unit_price_minor=line.unit_price_minor,
                    picked_milli=done.picked_milli if done else 0,
                    short_milli=done.short_milli if done else 0,
                    collected_milli=done.collected_milli if done else 0,
                )
            )
        lines.sort(key=walk_order)
        return OrderDetail(
            summary=self.summary(order, local, now),
            lines=tuple(lines),
            identity_note=local.identity_note if local else None,
            offline_handover=bool(local and local.offline_handover),
            bag_count=local.bag_count if local else 0,
            tracking_ref=local.tracking_ref if local else None,
        )

    def find(self, session: Session, text: str, now: datetime) -> list[OrderSummary]:
        """By pickup code (the QR text), order number, or customer name / email / phone."""
        query = text.strip()[:200]
        if not query:
            return []
        code = query.rsplit("/", 1)[-1].rsplit("=", 1)[-1].upper()  # a QR may carry a URL
        like = f"%{query.lower()}%"
        digits = "".join(ch for ch in query if ch.isdigit())
        conditions = [
            WebOrderRow.pickup_code == code,
            func.lower(WebOrderRow.number) == query.lower(),
            func.lower(WebOrderRow.customer_name).like(like),
            func.lower(WebOrderRow.customer_email) == query.lower(),
        ]
        if len(digits) >= 4:
            phone = func.replace(func.replace(WebOrderRow.customer_phone, " ", ""), "-", "")
            conditions.append(phone.like(f"%{digits}"))
        rows = self._rows(session, [or_(*conditions)], limit=50)
        exact = [r for r in rows if r[0].pickup_code == code or r[0].number == query]
        return [self.summary(o, local, now) for o, local in (exact or rows)]


def rejected_collection_events(session: Session) -> dict[str, list[tuple[int, str, str]]]:
    """Per order: (outbox row id, status asked for, the hub's reason) of refused events."""
    rows = session.execute(
        select(OutboxEvent.id, OutboxEvent.payload, OutboxEvent.last_error)
        .where(
            OutboxEvent.kind == COLLECTION_EVENT,
            OutboxEvent.rejected.is_(True),
            OutboxEvent.sent_at.is_(None),
        )
        .order_by(OutboxEvent.id)
    ).all()
    out: dict[str, list[tuple[int, str, str]]] = {}
    for row_id, payload, reason in rows:
        try:
            data = json.loads(payload)
            number, status = str(data["order_number"]), str(data["status"])
        except (ValueError, KeyError, TypeError):
            continue
        out.setdefault(number, []).append((row_id, status, reason or "refused by the hub"))
    return out


def plain_rejection(number: str, asked: str, reason: str, hub_state: OrderState) -> Message:
    """Say what happened in a store associate's words, keeping the hub's reason (its English
    text: the hub gives no code for a refused event)."""
    try:
        wanted: Label | str = Label(describe(OrderState(asked)))
    except ValueError:
        wanted = asked
    said = reason.lower()
    if asked == OrderState.PICKING and (hub_state is OrderState.PICKING or "is picking" in said):
        lead = msg("Another till is already picking order {number}.", number=number)
    elif hub_state is OrderState.CANCELLED or "is cancelled" in said:
        lead = msg("Order {number} was cancelled online.", number=number)
    elif hub_state is OrderState.COLLECTED or "is collected" in said:
        lead = msg("Order {number} was collected at another till.", number=number)
    else:
        lead = msg("The hub refused to mark order {number} {state}.", number=number, state=wanted)
    return msg("{what} (Hub: {reason})", what=lead, reason=reason[:500])


def local_lines_sku(session: Session, number: str) -> dict[int, WebOrderLineRow]:
    rows = session.scalars(
        select(WebOrderLineRow).where(WebOrderLineRow.order_number == number)
    ).all()
    return {row.line_no: row for row in rows}
