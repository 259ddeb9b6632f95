"""Completing a sale: one transaction, all or nothing (docs/architecture.md §3).

The caller owns the session and the transaction (`with session_factory.begin() as s:`); this
service only adds rows, so a failure anywhere before the commit leaves no sale, no journal
entry, no stock movement and no outbox event. The drawer and printer act on the returned
`CompletedSale`, i.e. only after the commit.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from pos_app.db.models import Base
from pos_app.domain.l10n.messages import msg
from pos_app.domain.promotions import PromotionContext
from pos_app.domain.receipt import ReceiptDocument, build_receipt
from pos_app.domain.sale.basket import Basket, BasketTotals
from pos_app.domain.sale.tenders import Settlement, Tender, settle
from pos_app.services.promotions.coupons import applied_coupons, record_uses
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale import sale_rows
from pos_app.services.shifts.service import ShiftError, require_open_shift
from pos_app.services.stock.aisle import (
    AisleError,
    AisleRequest,
    aisle_payload,
    aisle_receipt_lines,
)
from pos_app.services.store import journal
from pos_app.services.store.receipt_series import next_receipt_no
from pos_app.services.store.till_context import TillContext

SALE_EVENT = "sale.completed"
SALE_EVENT_VERSION = sale_rows.SALE_EVENT_VERSION
# Built once: constant Core statements, so a sale pays only their cached execution.
_SALES, _LINES, _TENDERS, _TAX_LINES, _MOVEMENTS, _OUTBOX = (
    insert(Base.metadata.tables[name])
    for name in (
        "sales",
        "sale_lines",
        "sale_tenders",
        "sale_tax_lines",
        "stock_movements",
        "outbox_events",
    )
)


class CheckoutError(Exception):
    """The sale cannot be completed as asked; nothing was written."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CompletedSale:
    sale_uuid: str
    receipt_no: str
    journal_seq: int
    journal_hash: str
    outbox_event_id: str
    totals: BasketTotals
    settlement: Settlement
    receipt: ReceiptDocument


class CheckoutService:
    def __init__(
        self,
        clock: Callable[[], datetime] = utc_now,
        new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
        promotions: PromotionService | None = None,
    ) -> None:
        self._clock = clock
        self._new_uuid = new_uuid
        # None: no promotions apply (the caller priced the basket without them too).
        self._promotions = promotions

    def complete_sale(
        self,
        session: Session,
        *,
        basket: Basket,
        tenders: Sequence[Tender],
        cashier: str,
        context: TillContext,
        offline: bool = False,
        coupons: frozenset[str] = frozenset(),
        has_customer: bool = False,
        journal_extra: Mapping[str, Any] | None = None,
        customer_ref: str | None = None,
        customer_email: str | None = None,
        coupons_checked_online: frozenset[str] = frozenset(),
        aisle: AisleRequest | None = None,
    ) -> CompletedSale:
        """``journal_extra``: more keys for the journal body (an exchange names its return).

        ``customer_ref`` / ``customer_email``: the attached customer (services.customers.directory),
        recorded on the sale and its event; either one makes customer-only promotions apply.

        ``aisle``: lines another store or the warehouse fulfils (endless aisle,
        services/stock/aisle.py): they move no stock here and the order rides in the sale's
        own outbox event."""
        if basket.is_empty:
            raise CheckoutError(msg("Scan an item first: the basket is empty."))
        try:
            # The store's rule, checked here (the cashier's own drawer if each has one).
            require_open_shift(session, context.till_id, cashier)
        except ShiftError as exc:
            raise CheckoutError(*exc.args) from exc
        has_customer = has_customer or customer_ref is not None or customer_email is not None
        now = self._clock()
        promotions = self._promotion_context(session, context, now, coupons, has_customer)
        totals = basket.totals(promotions)
        settlement = settle(totals.total, tenders, context.cash_rounding_step)
        if not settlement.is_complete:
            raise CheckoutError(
                msg(
                    "{amount} is still due: take the rest of the payment.",
                    amount=settlement.remaining,
                )
            )
        position = journal.next_position(session, context.till_id)
        receipt_no = next_receipt_no(session, context.till_id)
        sale_uuid = str(self._new_uuid())
        lines = list(basket.lines)

        sale = sale_rows.sale_row(
            sale_uuid=sale_uuid,
            receipt_no=receipt_no,
            seq=position.seq,
            now=now,
            cashier=cashier,
            context=context,
            totals=totals,
            settlement=settlement,
            offline=offline,
            customer_ref=customer_ref,
            customer_email=customer_email,
        )
        try:
            line_rows = [
                sale_rows.line_row(line, lt) for line, lt in zip(lines, totals.lines, strict=True)
            ]
        except sale_rows.QuantityError as exc:
            raise CheckoutError(*exc.args) from exc
        try:
            aisle_order = aisle_payload(aisle, receipt_no, line_rows) if aisle else None
        except AisleError as exc:
            raise CheckoutError(*exc.args) from exc
        tender_rows = [sale_rows.tender_row(i, t) for i, t in enumerate(settlement.tenders, 1)]
        tax_rows = sale_rows.tax_rows(totals)
        movements = [
            {
                "uuid": str(self._new_uuid()),
                "sku": row["sku"],
                "quantity_delta_milli": -row["quantity_milli"],
                "reason": "sale",
                "created_at": now,
            }
            for row in line_rows
            if aisle is None or row["line_no"] not in aisle.line_nos
        ]
        coupon_uses = record_uses(
            session,
            sale_uuid=sale_uuid,
            now=now,
            used=applied_coupons(totals, promotions.promotions if promotions else (), coupons),
            checked_online=coupons_checked_online,
        )
        # One Core statement per table, child rows as executemany: the whole sale in six
        # statements (plus the journal's two) instead of an ORM flush of a dozen objects.
        conn = session.connection()
        sale_id = conn.execute(_SALES, sale).lastrowid
        conn.execute(_LINES, [sale_rows.stored_line(sale_id, ln) for ln in line_rows])
        conn.execute(_TENDERS, [{**t, "sale_id": sale_id} for t in tender_rows])
        if tax_rows:
            conn.execute(_TAX_LINES, [{**t, "sale_id": sale_id} for t in tax_rows])
        if movements:
            conn.execute(_MOVEMENTS, [{**m, "sale_id": sale_id} for m in movements])

        entry = journal.append_entry(
            session,
            till_id=context.till_id,
            kind="sale",
            created_at=now,
            body={
                **sale_rows.journal_body(sale, line_rows, tender_rows, tax_rows),
                **(journal_extra or {}),
                **({"aisle_order": aisle_order} if aisle_order else {}),
            },
            position=position,
        )
        event_id = str(self._new_uuid())
        payload = sale_rows.event_payload(
            sale, line_rows, tender_rows, tax_rows, movements, (entry.seq, entry.hash)
        )
        if coupon_uses:  # optional on the wire: the hub records single-use redemptions
            payload["coupons"] = coupon_uses
        if aisle_order is not None:  # optional on the wire: the hub makes it a web order
            payload["aisle_order"] = aisle_order
        conn.execute(
            _OUTBOX,
            {
                "event_id": event_id,
                "kind": SALE_EVENT,
                "payload": json.dumps(payload, sort_keys=True, separators=(",", ":")),
                "created_at": now,
                "attempts": 0,
                "rejected": False,
            },
        )
        # The coupon rows (ORM, rare); a constraint failure surfaces here, before the commit.
        session.flush()

        receipt = build_receipt(
            basket_totals=totals,
            lines=lines,
            settlement=settlement,
            store_name=context.store_name,
            store_lines=context.store_lines,
            till_id=context.till_id,
            receipt_no=receipt_no,
            issued_at=now,
            cashier=cashier,
            footer=(*aisle_receipt_lines(aisle_order), *context.footer),
            offline=offline,
            kind="sale",
            locale=context.locale,
        )
        return CompletedSale(
            sale_uuid=sale_uuid,
            receipt_no=receipt_no,
            journal_seq=entry.seq,
            journal_hash=entry.hash,
            outbox_event_id=event_id,
            totals=totals,
            settlement=settlement,
            receipt=receipt,
        )

    def price(
        self,
        session: Session,
        basket: Basket,
        context: TillContext,
        *,
        now: datetime | None = None,
        coupons: frozenset[str] = frozenset(),
        has_customer: bool = False,
    ) -> BasketTotals:
        """The basket's totals as ``complete_sale`` will charge them (nothing is written)."""
        when = self._clock() if now is None else now
        return basket.totals(self._promotion_context(session, context, when, coupons, has_customer))

    def _promotion_context(
        self,
        session: Session,
        context: TillContext,
        now: datetime,
        coupons: frozenset[str],
        has_customer: bool,
    ) -> PromotionContext | None:
        # Priced again at the sale's own time, from the promotions in this transaction: one
        # that ended while the customer queued does not apply, offline or not.
        if self._promotions is None:
            return None
        return self._promotions.context(
            session,
            now,
            context.store_id,
            context.currency,
            has_customer=has_customer,
            coupons=coupons,
        )
