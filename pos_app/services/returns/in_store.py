"""Returns of in-store sales: look up, price, complete in one transaction (docs/architecture.md §8).

Like checkout, the caller owns the session and the transaction; this service only adds rows, so
a refused or failed return leaves nothing behind. A completed return is:

- a ``sales`` row of kind "return" with negative amounts, whose lines name the original sale
  line (``original_sale_uuid`` / ``original_line_no``), the reason, condition and disposition;
- its refund tenders (negative amounts: money going back);
- stock movements: every returned unit comes back in ("return"); a damaged one is written off
  again ("return_damaged") and a faulty one set aside for the supplier ("return_to_vendor"),
  so only sellable returns raise the sellable stock, and the hub sees every step;
- one journal entry (kind "return", with the original receipt and any approval);
- one outbox event ``return.completed`` for the hub.

Tax-exclusive stores: each original line is refunded net + its share of the tax its class was
charged (the class tax split pro rata over its lines, to the cent); the return rows keep net
amounts like exclusive sales, and its tax lines carry the refunded tax.

Returned quantity per original line is counted from this till's own return lines (the hub is
the authority across tills and rejects an over-return there).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from pos_app.db.models import OutboxEvent, Sale, SaleLine, SaleTaxLine, SaleTender, StockMovement
from pos_app.domain.l10n.messages import Message, msg
from pos_app.domain.money import (
    Money,
    sum_money,
)
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.returns.rules import (
    EXCHANGE_TENDER,
    CustomerIdNote,
    Disposition,
    RefundMethod,
    ReturnAssessment,
    ReturnError,
    ReturnItem,
    ReturnPolicy,
    assess_return,
)
from pos_app.domain.sale.tenders import CardReference
from pos_app.domain.tax import TaxMode, compute_tax
from pos_app.services.returns.originals import (
    ReturnableLine,
    ReturnableSale,
    find_sale,
    receiptless_sale,
)
from pos_app.services.returns.records import (
    event_payload,
    journal_body,
    return_receipt,
    trace_returned_units,
)
from pos_app.services.returns.store_credit import PENDING_CREDIT, new_store_credit_code
from pos_app.services.returns.tax_exclusive import (
    exclusive_net_parts,
    exclusive_tax_lines,
)
from pos_app.services.sale.checkout import utc_now
from pos_app.services.shifts.service import ShiftError, require_open_shift
from pos_app.services.staff.auth import Approval, Permission, StaffMember
from pos_app.services.store import journal
from pos_app.services.store.receipt_series import next_receipt_no
from pos_app.services.store.till_context import TillContext

RETURN_EVENT = "return.completed"

_WRITE_OFF_REASON = {
    Disposition.DAMAGED: "return_damaged",
    Disposition.RETURN_TO_VENDOR: "return_to_vendor",
}


class ReturnApprovalRequiredError(ReturnError):
    """The return needs a manager's approval first; ``reasons`` says why."""

    def __init__(self, reasons: Sequence[Message]) -> None:
        super().__init__(
            msg("A manager must approve this return: {reasons}.", reasons=tuple(reasons))
        )
        self.reasons = tuple(reasons)


@dataclass(frozen=True)
class ExchangeLink:
    """The sale an exchange's return pays for, written in the same transaction."""

    sale_uuid: str
    receipt_no: str
    credit: Money  # the part of the refund that pays for the new items (never paid out)


@dataclass(frozen=True)
class CompletedReturn:
    sale_uuid: str
    receipt_no: str
    original_receipt_no: str
    journal_seq: int
    journal_hash: str
    outbox_event_id: str
    assessment: ReturnAssessment
    cash_out: Money  # what leaves the drawer (after cash rounding)
    receipt: ReceiptDocument
    store_credit_code: str | None = None  # the code printed for a store credit refund


class ReturnsService:
    def __init__(
        self,
        policy: ReturnPolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
        new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
        new_credit_code: Callable[[], str] = new_store_credit_code,
    ) -> None:
        self._policy = policy if policy is not None else ReturnPolicy()
        self._clock = clock
        self._new_uuid = new_uuid
        self._new_credit_code = new_credit_code

    def use_policy(self, policy: ReturnPolicy) -> None:
        """The store's policy from the hub (pos_app.services.returns.policy), not the defaults."""
        self._policy = policy

    # -- look-up (pos_app.services.returns.originals) -------------------------------------------

    def find_sale(self, session: Session, receipt_no: str) -> ReturnableSale:
        """An in-store sale of this till's database by receipt number (the receipt barcode)."""
        return find_sale(session, receipt_no)

    def receiptless_sale(
        self, session: Session, entries: Sequence[tuple[str, int]], context: TillContext
    ) -> ReturnableSale:
        """Items brought back without a receipt, priced at today's catalog price."""
        return receiptless_sale(session, entries, context, self._clock())

    # -- pricing -----------------------------------------------------------------------------

    def assess(
        self,
        original: ReturnableSale,
        items: Sequence[ReturnItem],
        *,
        cashier: StaffMember,
        context: TillContext,
        prefer: RefundMethod | None = None,
        store_credit_account: str | None = None,
        exchanged: Money | None = None,
    ) -> ReturnAssessment:
        """Price the return and list what needs approval (nothing is written)."""
        if original.currency != context.currency.code:
            raise ReturnError(
                msg("The sale was in {currency}; this till is not.", currency=original.currency)
            )
        return assess_return(
            lines=[line.original for line in original.lines],
            items=items,
            tenders=original.tenders,
            policy=self._policy,
            currency=context.currency,
            sold_at=None if original.receiptless else original.created_at,
            receiptless=original.receiptless,
            now=self._clock(),
            role=str(cashier.role),
            prefer=prefer,
            store_credit_account=store_credit_account or PENDING_CREDIT,
            exchanged=exchanged,
        )

    # -- completing --------------------------------------------------------------------------

    def complete_return(
        self,
        session: Session,
        *,
        receipt_no: str,
        items: Sequence[ReturnItem],
        cashier: StaffMember,
        context: TillContext,
        approval: Approval | None = None,
        card: CardReference | None = None,
        prefer: RefundMethod | None = None,
        store_credit_account: str | None = None,
        offline: bool = False,
        exchange: ExchangeLink | None = None,
        return_uuid: str | None = None,
        receiptless: Sequence[tuple[str, int]] | None = None,
        customer_id: CustomerIdNote | None = None,
        found: ReturnableSale | None = None,
    ) -> CompletedReturn:
        """``exchange``: this return pays (part of) that sale; ``return_uuid`` as it announced.

        ``receiptless``: no receipt (``receipt_no`` is ignored): these (SKU, quantity) lines,
        store credit only, a manager's approval and the customer's ``customer_id`` noted.
        ``found``: an original looked up elsewhere (a web order, from the hub).
        """
        if receiptless is not None:
            if customer_id is None:
                raise ReturnError(msg("A return without a receipt needs the customer's ID noted."))
            original = self.receiptless_sale(session, receiptless, context)
            prefer = RefundMethod.STORE_CREDIT
        elif found is not None:
            original = found
        else:
            original = self.find_sale(session, receipt_no)
        if not store_credit_account and (
            prefer is RefundMethod.STORE_CREDIT
            or any(t.kind == EXCHANGE_TENDER for t in original.tenders)
        ):
            # A new store credit may be needed (it is only used if the plan says so).
            store_credit_account = self._new_credit_code()
        assessment = self.assess(
            original,
            items,
            cashier=cashier,
            context=context,
            prefer=prefer,
            store_credit_account=store_credit_account,
            exchanged=exchange.credit if exchange is not None else None,
        )
        if assessment.total.is_zero():
            raise ReturnError(msg("Nothing to refund: choose the lines and quantities to return."))
        if assessment.needs_approval:
            _check_approval(cashier, approval, assessment.approval_reasons)
        if any(p.method is RefundMethod.CARD for p in assessment.refund) and card is None:
            raise ReturnError(
                msg(
                    "Refund the card on the payment terminal first, then enter "
                    "its approval details."
                )
            )

        try:
            # A refund moves the drawer's cash too (the cashier's own, if each has one).
            require_open_shift(session, context.till_id, cashier.name)
        except ShiftError as exc:
            raise ReturnError(*exc.args) from exc  # keeps the message id
        now = self._clock()
        currency = context.currency
        position = journal.next_position(session, context.till_id)
        receipt_no_new = next_receipt_no(session, context.till_id)
        return_uuid = return_uuid or str(self._new_uuid())
        by_no = {line.original.line_no: line for line in original.lines}

        rows: list[SaleLine] = []
        for new_no, item in enumerate(items, start=1):
            src = by_no[item.line_no]
            refund = assessment.refunds_minor[item.line_no]
            rows.append(
                SaleLine(
                    line_no=new_no,
                    sku=src.original.sku,
                    name=src.original.name,
                    department=src.original.department,
                    scanned_code=None,
                    tax_class=src.tax_class,
                    quantity_milli=-item.quantity_milli,
                    unit_price_minor=src.unit_price_minor,
                    gross_minor=-refund,
                    line_discount_minor=0,
                    basket_discount_minor=0,
                    amount_minor=-refund,
                    price_override_reason=None,
                    discount_reasons="",
                    promotion_discount_minor=0,
                    promotions="[]",
                    original_sale_uuid=None
                    if original.order_number
                    else (original.sale_uuid or None),
                    original_order_number=original.order_number,
                    original_line_no=None if original.receiptless else item.line_no,
                    return_reason=str(item.reason),
                    return_condition=str(item.condition),
                    disposition=str(item.disposition),
                )
            )

        trace_returned_units(session, rows)  # GS1 lot/serial for recalls
        amounts_by_class: dict[str, Money] = defaultdict(lambda: Money.zero(currency))
        for row in rows:
            amounts_by_class[row.tax_class] += Money.from_minor(row.amount_minor, currency)
        rates = {r.tax_class: r for r in original.tax_rates}
        rates.update({k: v for k, v in context.tax_rates.items() if k not in rates})
        mode = TaxMode(original.tax_mode)
        if mode is TaxMode.EXCLUSIVE:
            # The refund is net + tax as charged on the original line; the rows keep net
            # amounts (as exclusive sales do) and the tax lines carry the refunded tax.
            nets = exclusive_net_parts(by_no, items)
            for row, item in zip(rows, items, strict=True):
                row.amount_minor = row.gross_minor = -nets[item.line_no]
            tax_lines = exclusive_tax_lines(rows, items, assessment, nets, rates, currency)
        else:
            tax_lines = compute_tax(amounts_by_class, rates, mode)
        tax = sum_money((t.tax for t in tax_lines), currency)
        total = -assessment.total

        cash_exact = sum_money(
            (p.amount for p in assessment.refund if p.method is RefundMethod.CASH), currency
        )
        # The rounding the returns screen showed before Refund was pressed (one home for it).
        cash_out = cash_exact + assessment.cash_rounding(context.cash_rounding_step)
        tenders = [
            SaleTender(
                seq=seq,
                kind=str(part.method),
                amount_minor=-(
                    cash_out if part.method is RefundMethod.CASH else part.amount
                ).to_minor(),
                approval_code=card.approval_code
                if card and part.method is RefundMethod.CARD
                else None,
                card_last4=card.last4 if card and part.method is RefundMethod.CARD else None,
                card_scheme=card.scheme if card and part.method is RefundMethod.CARD else None,
                terminal_ref=card.terminal_ref
                if card and part.method is RefundMethod.CARD
                else None,
                account=part.account if part.method is RefundMethod.STORE_CREDIT else None,
            )
            for seq, part in enumerate(assessment.refund, start=2 if exchange else 1)
        ]
        if exchange is not None:
            # The value that stays in the till and pays the exchange's sale (its receipt).
            tenders.insert(
                0,
                SaleTender(
                    seq=1,
                    kind="exchange",
                    amount_minor=-exchange.credit.to_minor(),
                    account=exchange.receipt_no,
                ),
            )
        rounding = -(cash_out - cash_exact)
        sale = Sale(
            uuid=return_uuid,
            kind="return",
            store_id=context.store_id,
            till_id=context.till_id,
            receipt_no=receipt_no_new,
            journal_seq=position.seq,
            created_at=now,
            cashier=cashier.code,
            currency=currency.code,
            tax_mode=str(mode),
            subtotal_minor=sum(row.amount_minor for row in rows),
            discount_minor=0,
            tax_minor=tax.to_minor(),
            total_minor=total.to_minor(),
            rounding_minor=rounding.to_minor(),
            paid_minor=sum(t.amount_minor for t in tenders),
            change_minor=0,
            offline=offline,
        )
        sale.lines = rows
        sale.tenders = tenders
        sale.tax_lines = [
            SaleTaxLine(
                tax_class=t.tax_class,
                label=t.label,
                rate=str(t.rate),
                net_minor=t.net.to_minor(),
                tax_minor=t.tax.to_minor(),
                gross_minor=t.gross.to_minor(),
            )
            for t in tax_lines
        ]
        session.add(sale)

        movements: list[StockMovement] = []
        for row in rows:
            back_in = -row.quantity_milli
            movements.append(self._movement(row.sku, back_in, "return", sale, now))
            write_off = _WRITE_OFF_REASON.get(Disposition(row.disposition or "sellable"))
            if write_off is not None:
                movements.append(self._movement(row.sku, -back_in, write_off, sale, now))
        session.add_all(movements)

        body = journal_body(sale, original.receipt_no, approval, assessment)
        if original.receiptless:
            body["original_receipt_no"] = None
            body["receiptless"] = True
            body["customer_id"] = customer_id.as_dict() if customer_id else None
        if exchange is not None:
            body["exchange"] = {
                "sale_uuid": exchange.sale_uuid,
                "sale_receipt_no": exchange.receipt_no,
            }
        entry = journal.append_entry(
            session,
            till_id=context.till_id,
            kind="return",
            created_at=now,
            body=body,
            position=position,
        )
        event_id = str(self._new_uuid())
        payload = event_payload(sale, original.receipt_no, movements, entry.seq, entry.hash)
        payload["approval"] = body.get("approval")
        if original.receiptless:  # the ID note stays in the till's journal
            payload["original_receipt_no"] = None
            payload["receiptless"] = True
        session.add(
            OutboxEvent(
                event_id=event_id,
                kind=RETURN_EVENT,
                payload=json.dumps(payload, sort_keys=True, separators=(",", ":")),
                created_at=now,
                attempts=0,
                rejected=False,
            )
        )
        session.flush()

        receipt = return_receipt(sale, original.receipt_no, context, tax_lines, mode)
        return CompletedReturn(
            sale_uuid=return_uuid,
            receipt_no=receipt_no_new,
            original_receipt_no=original.receipt_no,
            journal_seq=entry.seq,
            journal_hash=entry.hash,
            outbox_event_id=event_id,
            assessment=assessment,
            cash_out=cash_out,
            receipt=receipt,
            store_credit_code=next(
                (p.account for p in assessment.refund if p.method is RefundMethod.STORE_CREDIT),
                None,
            ),
        )

    def _movement(
        self, sku: str, delta: int, reason: str, sale: Sale, now: datetime
    ) -> StockMovement:
        return StockMovement(
            uuid=str(self._new_uuid()),
            sku=sku,
            quantity_delta_milli=delta,
            reason=reason,
            sale=sale,
            created_at=now,
        )


def _check_approval(
    cashier: StaffMember, approval: Approval | None, reasons: Sequence[Message]
) -> None:
    if cashier.can(Permission.RETURN_OVERRIDE):
        return
    if approval is None:
        raise ReturnApprovalRequiredError(reasons)
    if (
        approval.permission is not Permission.RETURN_OVERRIDE
        or approval.requested_by.staff_id != cashier.staff_id
        or not approval.approver.can(Permission.RETURN_OVERRIDE)
    ):
        raise ReturnError(msg("That approval is not for this return; ask a manager to approve it."))
    if approval.approver.staff_id == cashier.staff_id:
        raise ReturnError(msg("Someone else must approve your own return."))


__all__ = [
    "RETURN_EVENT",
    "CompletedReturn",
    "ExchangeLink",
    "ReturnApprovalRequiredError",
    "ReturnableLine",
    "ReturnableSale",
    "ReturnsService",
    "new_store_credit_code",
]
