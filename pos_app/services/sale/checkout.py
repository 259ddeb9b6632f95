"""Completing a sale: one transaction, all or nothing (DESIGN §3).

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
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from pos_app.db.models import (
    OutboxEvent,
    Sale,
    SaleLine,
    SaleTaxLine,
    SaleTender,
    StockMovement,
)
from pos_app.domain.promotions import PromotionContext
from pos_app.domain.receipt import ReceiptDocument, build_receipt
from pos_app.domain.sale.basket import Basket, BasketLine, BasketTotals, LineTotals
from pos_app.domain.sale.tenders import Settlement, Tender, TenderKind, settle
from pos_app.services.promotions.coupons import applied_coupons, record_uses
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.shifts.service import ShiftError, require_open_shift
from pos_app.services.store import journal
from pos_app.services.store.receipt_series import next_receipt_no
from pos_app.services.store.till_context import TillContext
from pos_app.services.sync.event_payloads import movements_of, sale_envelope, tenders_of

SALE_EVENT = "sale.completed"
SALE_EVENT_VERSION = 1


class CheckoutError(Exception):
    """The sale cannot be completed as asked; nothing was written."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def quantity_milli(quantity: Decimal) -> int:
    milli = quantity * 1000
    if milli != milli.to_integral_value():
        raise CheckoutError(f"quantity {quantity} has more than 3 decimals")
    return int(milli)


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
        customer_id: int | None = None,
        customer_email: str | None = None,
        coupons_checked_online: frozenset[str] = frozenset(),
    ) -> CompletedSale:
        """``journal_extra``: more keys for the journal body (an exchange names its return).

        ``customer_id`` / ``customer_email``: the attached customer (services.customers.directory),
        recorded on the sale and its event; either one makes customer-only promotions apply."""
        if basket.is_empty:
            raise CheckoutError("the basket is empty")
        try:
            require_open_shift(session, context.till_id)  # the store's rule, checked here
        except ShiftError as exc:
            raise CheckoutError(str(exc)) from exc
        has_customer = has_customer or customer_id is not None or customer_email is not None
        now = self._clock()
        promotions = self._promotion_context(session, context, now, coupons, has_customer)
        totals = basket.totals(promotions)
        settlement = settle(totals.total, tenders, context.cash_rounding_step)
        if not settlement.is_complete:
            raise CheckoutError(f"{settlement.remaining} is still due")
        position = journal.next_position(session, context.till_id)
        receipt_no = next_receipt_no(session, context.till_id)
        sale_uuid = str(self._new_uuid())
        lines = list(basket.lines)

        sale = self._sale_row(
            sale_uuid, receipt_no, position.seq, now, cashier, context, totals, settlement, offline
        )
        sale.lines = [_line_row(line, lt) for line, lt in zip(lines, totals.lines, strict=True)]
        sale.tenders = [_tender_row(i, t) for i, t in enumerate(settlement.tenders, start=1)]
        sale.tax_lines = [
            SaleTaxLine(
                tax_class=t.tax_class,
                label=t.label,
                rate=str(t.rate),
                net_minor=t.net.to_minor(),
                tax_minor=t.tax.to_minor(),
                gross_minor=t.gross.to_minor(),
            )
            for t in totals.tax_lines
        ]
        sale.customer_id, sale.customer_email = customer_id, customer_email
        session.add(sale)
        coupon_uses = record_uses(
            session,
            sale_uuid=sale_uuid,
            now=now,
            used=applied_coupons(totals, promotions.promotions if promotions else (), coupons),
            checked_online=coupons_checked_online,
        )

        movements = [
            StockMovement(
                uuid=str(self._new_uuid()),
                sku=row.sku,
                quantity_delta_milli=-row.quantity_milli,
                reason="sale",
                sale=sale,
                created_at=now,
            )
            for row in sale.lines
        ]
        session.add_all(movements)

        entry = journal.append_entry(
            session,
            till_id=context.till_id,
            kind="sale",
            created_at=now,
            body={**_journal_body(sale), **(journal_extra or {})},
            position=position,
        )
        event_id = str(self._new_uuid())
        payload = _event_payload(sale, movements, entry.seq, entry.hash)
        if coupon_uses:  # optional on the wire: the hub records single-use redemptions
            payload["coupons"] = coupon_uses
        session.add(
            OutboxEvent(
                event_id=event_id,
                kind=SALE_EVENT,
                payload=json.dumps(
                    payload,
                    sort_keys=True,
                    separators=(",", ":"),
                ),
                created_at=now,
                attempts=0,
                rejected=False,
            )
        )
        # One flush for the whole sale: the ORM orders the inserts by their foreign keys, and a
        # constraint failure surfaces here, before the caller commits, rather than at COMMIT.
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
            footer=context.footer,
            offline=offline,
            kind="sale",
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

    @staticmethod
    def _sale_row(
        sale_uuid: str,
        receipt_no: str,
        seq: int,
        now: datetime,
        cashier: str,
        context: TillContext,
        totals: BasketTotals,
        settlement: Settlement,
        offline: bool,
    ) -> Sale:
        return Sale(
            uuid=sale_uuid,
            kind="sale",
            store_id=context.store_id,
            till_id=context.till_id,
            receipt_no=receipt_no,
            journal_seq=seq,
            created_at=now,
            cashier=cashier,
            currency=context.currency.code,
            tax_mode=str(context.tax_mode),
            subtotal_minor=totals.subtotal.to_minor(),
            discount_minor=totals.discount_total.to_minor(),
            tax_minor=totals.tax_total.to_minor(),
            total_minor=totals.total.to_minor(),
            rounding_minor=settlement.rounding_adjustment.to_minor(),
            paid_minor=settlement.paid.to_minor(),
            change_minor=settlement.change.to_minor(),
            offline=offline,
        )


def _line_row(line: BasketLine, lt: LineTotals) -> SaleLine:
    reasons = [d.reason for d in line.discounts]
    return SaleLine(
        line_no=line.line_no,
        sku=line.item.sku,
        name=line.item.name,
        department=line.item.department,
        scanned_code=line.scanned_code,
        tax_class=line.item.tax_class,
        quantity_milli=quantity_milli(line.quantity),
        unit_price_minor=line.unit_price.to_minor(),
        gross_minor=lt.gross.to_minor(),
        line_discount_minor=lt.line_discount.to_minor(),
        basket_discount_minor=lt.basket_discount_share.to_minor(),
        amount_minor=lt.amount.to_minor(),
        price_override_reason=line.price_override_reason,
        discount_reasons="\n".join(reasons),
        promotion_discount_minor=lt.promotion_discount.to_minor(),
        promotions=json.dumps(
            [
                {"promo_id": p.promo_id, "name": p.name, "amount_minor": p.amount.to_minor()}
                for p in lt.promotions
            ],
            sort_keys=True,
            separators=(",", ":"),
        ),
    )


def _tender_row(seq: int, tender: Tender) -> SaleTender:
    card = tender.card if tender.kind is TenderKind.CARD else None
    return SaleTender(
        seq=seq,
        kind=str(tender.kind),
        amount_minor=tender.amount.to_minor(),
        approval_code=card.approval_code if card else None,
        card_last4=card.last4 if card else None,
        card_scheme=card.scheme if card else None,
        terminal_ref=card.terminal_ref if card else None,
        account=tender.account,
    )


def _journal_body(sale: Sale) -> dict[str, Any]:
    body: dict[str, Any] = {
        "receipt_no": sale.receipt_no,
        "sale_uuid": sale.uuid,
        "store_id": sale.store_id,
        "cashier": sale.cashier,
        "currency": sale.currency,
        "offline": sale.offline,
        "total_minor": sale.total_minor,
        "tax_minor": sale.tax_minor,
        "rounding_minor": sale.rounding_minor,
        "lines": [[ln.sku, ln.quantity_milli, ln.amount_minor, ln.tax_class] for ln in sale.lines],
        "tenders": [[t.kind, t.amount_minor] for t in sale.tenders],
        "tax": [[t.tax_class, t.rate, t.net_minor, t.tax_minor] for t in sale.tax_lines],
    }
    promoted = [
        [ln.line_no, p["promo_id"], p["amount_minor"]]
        for ln in sale.lines
        for p in json.loads(ln.promotions)
    ]
    if promoted:
        # Only when there are some, so a sale without promotions serialises (and hashes) as
        # it always did.
        body["promotions"] = promoted
    return body


def _event_payload(
    sale: Sale, movements: Sequence[StockMovement], seq: int, digest: str
) -> dict[str, Any]:
    customer = {
        key: value
        for key, value in (
            ("customer_id", sale.customer_id),
            ("customer_email", sale.customer_email),
        )
        if value is not None
    }  # only when a customer is attached: other sales' events stay as they were
    return {
        **customer,
        "version": SALE_EVENT_VERSION,
        **sale_envelope(sale),
        "lines": [
            {
                "line_no": ln.line_no,
                "sku": ln.sku,
                "name": ln.name,
                "quantity_milli": ln.quantity_milli,
                "unit_price_minor": ln.unit_price_minor,
                "gross_minor": ln.gross_minor,
                "line_discount_minor": ln.line_discount_minor,
                "basket_discount_minor": ln.basket_discount_minor,
                "promotion_discount_minor": ln.promotion_discount_minor,
                "promotions": json.loads(ln.promotions),
                "amount_minor": ln.amount_minor,
                "tax_class": ln.tax_class,
                "price_override_reason": ln.price_override_reason,
            }
            for ln in sale.lines
        ],
        "tenders": tenders_of(sale),
        "tax_lines": [
            {
                "tax_class": t.tax_class,
                "rate": t.rate,
                "net_minor": t.net_minor,
                "tax_minor": t.tax_minor,
                "gross_minor": t.gross_minor,
            }
            for t in sale.tax_lines
        ],
        "stock_movements": movements_of(movements),
        "journal": {"seq": seq, "hash": digest},
    }
