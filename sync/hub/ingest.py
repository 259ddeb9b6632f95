"""``POST /v1/events``: idempotent ingest of a till's outbox (docs/architecture.md §6).

Each event is validated on its own; a malformed one is rejected alone with the reason. Valid
events are stored under their till-made UUID (unique, kept forever) with their content hash;
the same event again is acknowledged as a duplicate with its original answer, so at-least-once
delivery becomes exactly-once, while the same id with other content or from another till is
refused (sync/hub/event_store.py). A sale or return that fails the trust checks
(sync/hub/event_checks.py) is stored QUARANTINED, answered "accepted" with a warning, and moves
nothing until head office releases it (sync/hub/quarantine.py). Stock
deltas of the newly stored events are applied in the same transaction, summed per SKU and
applied in SKU order (two batches touching the same SKUs lock them in the same order, so they
cannot deadlock). A sale is never refused for stock: a level that goes negative is recorded
and reported as a warning.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import update
from sqlalchemy.orm import Session

from sync.hub import customers, event_store, sales_rollup, stock_truth, traces
from sync.hub.context import Hub
from sync.hub.coupons import record_redemptions
from sync.hub.db import dialect_insert
from sync.hub.endless_aisle import record_aisle_order
from sync.hub.errors import describe
from sync.hub.event_checks import StoreRules, content_reasons, stored_value_reasons
from sync.hub.event_store import NewEvent
from sync.hub.feed import PendingChanges, dumps
from sync.hub.headoffice import feed_stock
from sync.hub.models import StockLevel, Store, StoredValue
from sync.hub.returns_ledger import REVIEW_SUFFIX, LedgerEvent, SaleLedger, record_return
from sync.hub.store_days import record_shift
from sync.hub.tenancy import Principal, authenticate_till
from sync.hub.web_orders import change_status
from sync.protocol import (
    MAX_EVENT_BYTES,
    CollectionStatusPayload,
    CustomerCreatedPayload,
    EventBatchResponse,
    EventEnvelope,
    EventKind,
    EventResult,
    EventStatus,
    ReceiptEmailPayload,
    SalePayload,
    ShiftClosedPayload,
    StockAdjustedPayload,
    StockMovementIn,
)

PAYLOAD_MODELS: dict[EventKind, type[BaseModel]] = {
    EventKind.SALE_COMPLETED: SalePayload,
    EventKind.RETURN_COMPLETED: SalePayload,
    EventKind.STOCK_ADJUSTED: StockAdjustedPayload,
    EventKind.COLLECTION_STATUS_CHANGED: CollectionStatusPayload,
    EventKind.SHIFT_CLOSED: ShiftClosedPayload,
    EventKind.CUSTOMER_CREATED: CustomerCreatedPayload,
    EventKind.RECEIPT_EMAIL_REQUESTED: ReceiptEmailPayload,
}
STORED_VALUE_TENDERS = frozenset({"store_credit", "gift_card"})
HELD = "quarantined by the hub (it moved no money or stock): "


@dataclass
class _Valid:
    index: int
    event_id: str
    kind: EventKind
    payload: BaseModel
    raw_payload: dict[str, Any]
    content_hash: str = ""
    payload_text: str = ""  # canonical JSON, as stored
    reasons: list[str] = field(default_factory=list)  # non-empty: quarantined
    warnings: list[str] = field(default_factory=list)  # kept: repeated for a duplicate
    # Negative stock levels: true at the moment of the answer only, and on most events of a
    # store that does not count stock, so they are not stored for repeats (keeps ingest fast).
    stock_warnings: list[str] = field(default_factory=list)

    def answer_warnings(self) -> list[str]:
        return [*self.warnings, *self.stock_warnings]

    def stored(self) -> NewEvent:
        return NewEvent(
            self.event_id, str(self.kind), self.payload_text, self.content_hash, self.reasons
        )


def _validate(index: int, raw: Any) -> _Valid | EventResult:
    """Parse and check an event on its own (its store is checked once the caller is known)."""
    maybe_id = raw.get("event_id") if isinstance(raw, dict) else None
    event_id = maybe_id if isinstance(maybe_id, str) and len(maybe_id) <= 64 else None
    try:
        envelope = EventEnvelope.model_validate(raw)
        payload = PAYLOAD_MODELS[envelope.kind].model_validate(envelope.payload)
    except ValidationError as exc:
        return _rejected(index, event_id, describe(exc))
    event_id = str(envelope.event_id)
    text = dumps(envelope.payload)
    if len(text) > MAX_EVENT_BYTES:
        return _rejected(
            index, event_id, f"payload of {len(text)} bytes; at most {MAX_EVENT_BYTES}"
        )
    if "\\u0000" in text:
        # PostgreSQL text cannot hold NUL; refuse it here, alone, not as a failed batch.
        return _rejected(index, event_id, "payload contains a NUL character")
    digest = event_store.content_hash(str(envelope.kind), text)
    return _Valid(index, event_id, envelope.kind, payload, envelope.payload, digest, text)


def _of_store(checked: _Valid | EventResult, store_id: str) -> _Valid | EventResult:
    if isinstance(checked, EventResult):
        return checked
    payload_store = getattr(checked.payload, "store_id", None)
    if payload_store != store_id:
        reason = f"event is for store {payload_store!r}; this till belongs to {store_id!r}"
        return _rejected(checked.index, checked.event_id, reason)
    return checked


def _rejected(index: int, event_id: str | None, reason: str) -> EventResult:
    return EventResult(index=index, event_id=event_id, status=EventStatus.REJECTED, reason=reason)


def _movements(event: _Valid) -> Sequence[StockMovementIn]:
    movements: Sequence[StockMovementIn] = getattr(event.payload, "stock_movements", ())
    return movements


def _store_new_events(
    session: Session, events: Sequence[_Valid], store_id: str, till_id: str, hub: Hub
) -> set[str]:
    stored = [e.stored() for e in events]
    return event_store.insert_new(session, stored, store_id, till_id, hub.clock())


def _repeat_result(event: _Valid, stored: event_store.Known | None, till_id: str) -> EventResult:
    """The answer to an id stored before: the original answer, or a refusal."""
    if stored is None:  # cannot happen (it conflicted), but never acknowledge blindly
        return _rejected(event.index, event.event_id, "the hub could not read this event back")
    reason = event_store.refusal(event.event_id, stored, till_id, event.content_hash)
    if reason is not None:
        return _rejected(event.index, event.event_id, reason)
    return EventResult(
        index=event.index,
        event_id=event.event_id,
        status=EventStatus.DUPLICATE,
        warnings=list(stored.warnings),
    )


def _apply_collection_event(
    session: Session, pending: PendingChanges, event: _Valid, store_id: str, till_id: str, hub: Hub
) -> tuple[EventStatus, str | None]:
    """Status changes may be refused, so each runs in a savepoint with its event row."""
    payload = event.payload
    assert isinstance(payload, CollectionStatusPayload)
    savepoint = session.begin_nested()
    if not _store_new_events(session, [event], store_id, till_id, hub):
        savepoint.commit()
        return EventStatus.DUPLICATE, None  # judged by the caller, as other repeats
    reason = change_status(
        session,
        pending,
        store_id=store_id,
        number=payload.order_number,
        status=payload.status,
        hub=hub,
        lines=list(payload.lines),
        source_event_id=event.event_id,
        tracking_ref=payload.tracking_ref,
    )
    if reason is not None:
        savepoint.rollback()
        return EventStatus.REJECTED, reason
    savepoint.commit()
    return EventStatus.ACCEPTED, None


def apply_stock_deltas(
    session: Session, pending: PendingChanges, store_id: str, deltas: dict[str, int], hub: Hub
) -> dict[str, int]:
    """Add the deltas and feed the new levels; returns every SKU's level now below zero.
    Head office's stock adjustments (sync/hub/console/stock.py) go through here too."""
    if not deltas:
        return {}
    now = hub.clock()
    # One statement for the whole batch; rows go in SKU order, so row locks are taken in SKU
    # order too and two batches sharing SKUs queue instead of deadlocking.
    stmt = dialect_insert(session, StockLevel)
    upsert = stmt.on_conflict_do_update(
        index_elements=["store_id", "sku"],
        set_={
            "quantity_milli": StockLevel.quantity_milli + stmt.excluded.quantity_milli,
            "updated_at": stmt.excluded.updated_at,
        },
    ).returning(StockLevel.sku, StockLevel.quantity_milli)
    rows = [
        {"store_id": store_id, "sku": sku, "quantity_milli": deltas[sku], "updated_at": now}
        for sku in sorted(deltas)
    ]
    levels = {row[0]: row[1] for row in session.connection().execute(upsert, rows)}
    stock_truth.touch(session, store_id, levels, now=now)  # the web stores owe an update
    for sku in sorted(levels):
        feed_stock(pending, store_id, sku, levels[sku])
    return {sku: level for sku, level in levels.items() if level < 0}


def _apply_tenders(session: Session, event: _Valid, hub: Hub) -> None:
    """Gift card / store credit tenders draw on the hub's balance (a refund adds to it)."""
    payload = event.payload
    if not isinstance(payload, SalePayload):
        return
    for tender in payload.tenders:
        if tender.kind not in STORED_VALUE_TENDERS or not tender.account:
            continue
        if tender.kind == "store_credit" and tender.amount_minor < 0:
            _credit_store_account(session, payload, tender.account, -tender.amount_minor, hub)
            continue
        balance = session.execute(
            update(StoredValue)
            .where(StoredValue.code == tender.account)
            .values(balance_minor=StoredValue.balance_minor - tender.amount_minor)
            .returning(StoredValue.balance_minor)
        ).scalar_one_or_none()
        if balance is None:
            event.warnings.append(f"no {tender.kind} account {tender.account!r} at the hub")
        elif balance < 0:
            event.warnings.append(f"{tender.kind} {tender.account} is now overdrawn: {balance}")


def _credit_store_account(
    session: Session, payload: SalePayload, code: str, amount: int, hub: Hub
) -> None:
    """A store-credit refund: the till made the code, the hub opens the account or adds to it.

    Runs only for a newly stored event, so a duplicate never credits twice.
    """
    stmt = dialect_insert(session, StoredValue).values(
        code=code,
        kind="store_credit",
        currency=payload.currency,
        balance_minor=amount,
        customer_id=None,
        updated_at=hub.clock(),
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["code"],
            set_={
                "balance_minor": StoredValue.balance_minor + stmt.excluded.balance_minor,
                "updated_at": stmt.excluded.updated_at,
            },
        )
    )


def _record_returns(
    session: Session, event: _Valid, till_id: str, hub: Hub, sales: SaleLedger
) -> None:
    """Bought and returned quantities per original line, in the event's own transaction."""
    payload = event.payload
    if not isinstance(payload, SalePayload):
        return
    ledger_event = LedgerEvent(event.event_id, till_id, payload)
    # An exchange may come as either kind: negative lines naming an original are returned,
    # positive lines are bought (under this event's sale UUID), whatever the event kind.
    returns_something = any(
        ln.quantity_milli < 0 and ln.original_line_no is not None for ln in payload.lines
    )
    if event.kind is EventKind.RETURN_COMPLETED or returns_something:
        sales.flush()  # the sales sent before it count first
        event.warnings.extend(record_return(session, ledger_event, hub.clock()))
    sales.add(ledger_event)  # written in bulk by sales.flush()


def _apply_customer_parts(session: Session, event: _Valid, hub: Hub) -> None:
    """Customers and emailed receipts (sync.hub.customers), in outbox order: a customer created
    offline is in the database before a later sale of the same batch names it."""
    payload = event.payload
    warning = None
    if isinstance(payload, CustomerCreatedPayload):
        warning = customers.apply_created(session, payload, hub.clock())
    elif isinstance(payload, ReceiptEmailPayload):
        customers.queue_receipt_email(session, event.event_id, payload, hub.clock())
    elif isinstance(payload, SalePayload):
        kind = "return" if event.kind is EventKind.RETURN_COMPLETED else "sale"
        warning = customers.link_sale(session, payload, kind)
    if warning is not None:
        event.warnings.append(warning)


def _check_trust(event: _Valid, rules: StoreRules, hub: Hub) -> None:
    if isinstance(event.payload, SalePayload):
        event.reasons.extend(content_reasons(event.kind, event.payload, rules, hub.clock()))


def _held_by_state(session: Session, event: _Valid, currency: str) -> bool:
    """Stored-value checks against the accounts as they stand now; True: quarantined."""
    if not event.reasons and isinstance(event.payload, SalePayload):
        reasons = stored_value_reasons(session, event.kind, event.payload, currency)
        if reasons:
            event.reasons.extend(reasons)
            event_store.quarantine(session, event.event_id, event.reasons)
    if event.reasons:
        # The suffix makes the till keep it in front of its manager (returns/reviews.py).
        event.warnings.append(HELD + "; ".join(event.reasons) + REVIEW_SUFFIX)
    return bool(event.reasons)


def apply_event(
    session: Session,
    event: _Valid,
    store_id: str,
    till_id: str,
    hub: Hub,
    sales: SaleLedger,
    pending: PendingChanges | None = None,
) -> None:
    """What an accepted (or released) event moves, except stock (``apply_stock``); feed rows
    it makes (an endless-aisle order) go to ``pending``."""
    _apply_tenders(session, event, hub)
    _record_returns(session, event, till_id, hub, sales)
    _apply_customer_parts(session, event, hub)
    if event.kind is EventKind.SALE_COMPLETED and isinstance(event.payload, SalePayload):
        event.warnings.extend(record_redemptions(session, event.payload, store_id, hub.clock()))
        if event.payload.aisle_order is not None:
            feed = pending if pending is not None else PendingChanges()
            event.warnings.extend(record_aisle_order(session, feed, hub, event.payload))
    if isinstance(event.payload, ShiftClosedPayload):
        event.warnings.extend(record_shift(session, event.event_id, event.payload, hub.clock()))


def apply_stock_of(
    session: Session,
    pending: PendingChanges,
    applied: Sequence[_Valid],
    store_id: str,
    hub: Hub,
    sales: SaleLedger,
) -> None:
    """The ledger's bulk write, the summed stock deltas of ``applied`` (with warnings) and the
    daily sales rollup."""
    sales.flush()
    for event in applied:
        event.warnings.extend(sales.warnings.get(event.event_id, ()))
    deltas: dict[str, int] = defaultdict(int)
    for event in applied:
        for movement in _movements(event):
            deltas[movement.sku] += movement.quantity_delta_milli
    negative = apply_stock_deltas(session, pending, store_id, deltas, hub)
    # The daily sales rollup (dashboard, reports) in this same transaction.
    sales_rollup.record(
        session,
        [
            e.payload
            for e in applied
            if e.kind in sales_rollup.ROLLED_UP_KINDS and isinstance(e.payload, SalePayload)
        ],
    )
    for event in applied:
        skus = {m.sku for m in _movements(event)} & negative.keys()
        event.stock_warnings.extend(
            f"stock of {sku} is now {negative[sku] / 1000:g} (negative; recorded anyway)"
            for sku in sorted(skus)
        )


def parse_stored(event_id: str, kind: str, payload: str) -> _Valid:
    """An event as stored, for head office's release of a quarantined one."""
    raw = {"event_id": event_id, "kind": kind, "payload": json.loads(payload)}
    envelope = EventEnvelope.model_validate(raw)
    model = PAYLOAD_MODELS[envelope.kind].model_validate(envelope.payload)
    return _Valid(0, event_id, envelope.kind, model, envelope.payload)


def ingest_batch(
    hub: Hub, *, store_id: str, till_id: str, raw_events: Sequence[Any]
) -> EventBatchResponse:
    """Ingest for a caller already known (tests, tools, benches)."""
    checked = [_validate(index, raw) for index, raw in enumerate(raw_events)]
    with hub.change() as (session, pending):
        store = session.get(Store, store_id)
        return _ingest(session, pending, hub, store_id, till_id, store, checked)


def ingest_for_token(
    hub: Hub, token: str, raw_events: Sequence[Any]
) -> tuple[Principal, EventBatchResponse]:
    """``POST /v1/events``: the device token is checked in the ingest's own transaction, in
    the statement that reads the till's store (issue 18: one round trip, not a session)."""
    # Parsed before the transaction: no connection is held while pydantic works.
    checked = [_validate(index, raw) for index, raw in enumerate(raw_events)]
    with hub.change() as (session, pending):
        who, store = authenticate_till(session, token)
        assert who.store_id is not None
        assert who.till_id is not None
        answer = _ingest(session, pending, hub, who.store_id, who.till_id, store, checked)
    return who, answer


def _ingest(
    session: Session,
    pending: PendingChanges,
    hub: Hub,
    store_id: str,
    till_id: str,
    store: Store | None,
    checked: Sequence[_Valid | EventResult],
) -> EventBatchResponse:
    results: dict[int, EventResult] = {}
    valid: list[_Valid] = []
    seen: dict[str, str] = {}
    for index, parsed in enumerate(checked):
        event = _of_store(parsed, store_id)
        if isinstance(event, EventResult):
            results[index] = event
        elif event.event_id in seen:  # the same event twice in one batch
            same = seen[event.event_id] == event.content_hash
            results[index] = (
                EventResult(index=index, event_id=event.event_id, status=EventStatus.DUPLICATE)
                if same
                else _rejected(
                    index,
                    event.event_id,
                    "the same event id twice in one batch "
                    "with different content; the second was not recorded",
                )
            )
        else:
            seen[event.event_id] = event.content_hash
            valid.append(event)

    rules = StoreRules.of(store) if store is not None else None
    if rules is not None:
        for event in valid:
            _check_trust(event, rules, hub)
    plain = [e for e in valid if e.kind is not EventKind.COLLECTION_STATUS_CHANGED]
    new_ids = _store_new_events(session, plain, store_id, till_id, hub)
    applied: list[_Valid] = []
    answered: list[_Valid] = []
    repeats: list[_Valid] = []
    sales = SaleLedger(session, hub.clock())
    for event in valid:
        reason = None
        if event.kind is EventKind.COLLECTION_STATUS_CHANGED:
            status, reason = _apply_collection_event(
                session, pending, event, store_id, till_id, hub
            )
        elif event.event_id in new_ids:
            status = EventStatus.ACCEPTED
        else:
            status = EventStatus.DUPLICATE
        if reason is not None:
            results[event.index] = _rejected(event.index, event.event_id, reason)
            continue
        if status is EventStatus.DUPLICATE:
            repeats.append(event)
            continue
        answered.append(event)
        if isinstance(event.payload, SalePayload):  # held or not: a recall needs it
            traces.record(session, event.event_id, event.payload, store_id, till_id)
        if not _held_by_state(session, event, rules.currency if rules else ""):
            applied.append(event)
            apply_event(session, event, store_id, till_id, hub, sales, pending)
        results[event.index] = EventResult(
            index=event.index, event_id=event.event_id, status=status
        )

    stored = event_store.known(session, (e.event_id for e in repeats))
    for event in repeats:
        results[event.index] = _repeat_result(event, stored.get(event.event_id), till_id)
    apply_stock_of(session, pending, applied, store_id, hub, sales)
    for event in answered:
        warnings = event.answer_warnings()
        if warnings:
            results[event.index] = results[event.index].model_copy(update={"warnings": warnings})
    event_store.keep_answers(session, {e.event_id: e.warnings for e in answered})
    return EventBatchResponse(results=[results[i] for i in range(len(checked))])
