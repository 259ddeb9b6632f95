"""What a completed return leaves behind: its journal body, its event for the hub, its receipt.

Built from the rows ``pos_app.services.returns.in_store`` has just written, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.models import Sale, SaleLine, SaleTender, StockMovement
from pos_app.domain.money import Money
from pos_app.domain.receipt import ReceiptDocument, ReceiptLine
from pos_app.domain.returns.rules import (
    RefundMethod,
    ReturnAssessment,
)
from pos_app.domain.tax import TaxMode
from pos_app.services.staff.auth import Approval
from pos_app.services.store.till_context import TillContext
from pos_app.services.sync.event_payloads import (
    gs1_of,
    movements_of,
    sale_envelope,
    tenders_of,
    values_of,
)

RETURN_EVENT_VERSION = 1


def journal_body(
    sale: Sale, original_receipt_no: str, approval: Approval | None, assessment: ReturnAssessment
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "receipt_no": sale.receipt_no,
        "sale_uuid": sale.uuid,
        "original_receipt_no": original_receipt_no,
        "store_id": sale.store_id,
        "cashier": sale.cashier,
        "currency": sale.currency,
        "offline": sale.offline,
        "total_minor": sale.total_minor,
        "tax_minor": sale.tax_minor,
        "rounding_minor": sale.rounding_minor,
        "lines": [
            [
                ln.original_sale_uuid or ln.original_order_number,
                ln.original_line_no,
                ln.sku,
                ln.quantity_milli,
                ln.amount_minor,
                ln.return_reason,
                ln.disposition,
            ]
            for ln in sale.lines
        ],
        "tenders": [[t.kind, t.amount_minor] for t in sale.tenders],
    }
    if assessment.needs_approval:
        body["approval_reasons"] = [str(r) for r in assessment.approval_reasons]  # English
    if approval is not None:
        body["approval"] = {
            "approver": approval.approver.code,
            "journal_seq": approval.journal_seq,
            "reason": approval.reason,
        }
    return body


def trace_returned_units(session: Session, rows: Sequence[SaleLine]) -> None:
    """A returned unit keeps the GS1 lot/serial/expiry its sale line recorded, so the hub's
    recall search counts it back (sync/hub/traces.py). Only for sales made at this till."""
    wanted = {(r.original_sale_uuid, r.original_line_no) for r in rows if r.original_sale_uuid}
    if not wanted:
        return
    found = session.execute(
        select(Sale.uuid, SaleLine.line_no, SaleLine.gs1_lot, SaleLine.gs1_serial,
               SaleLine.gs1_expiry)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.uuid.in_({uuid for uuid, _ in wanted}))
    ).all()  # fmt: skip
    traces = {(f.uuid, f.line_no): (f.gs1_lot, f.gs1_serial, f.gs1_expiry) for f in found}
    for row in rows:
        trace = traces.get((row.original_sale_uuid, row.original_line_no))
        if trace is not None:
            row.gs1_lot, row.gs1_serial, row.gs1_expiry = trace


def event_payload(
    sale: Sale,
    original_receipt_no: str,
    movements: Sequence[StockMovement],
    seq: int,
    digest: str,
) -> dict[str, Any]:
    return {
        "version": RETURN_EVENT_VERSION,
        **sale_envelope(values_of(sale)),
        "kind": "return",
        "original_receipt_no": original_receipt_no,
        "lines": [
            {
                "line_no": ln.line_no,
                "sku": ln.sku,
                "name": ln.name,
                "quantity_milli": ln.quantity_milli,
                "unit_price_minor": ln.unit_price_minor,
                "amount_minor": ln.amount_minor,
                "tax_class": ln.tax_class,
                "original_sale_uuid": ln.original_sale_uuid,
                "original_order_number": ln.original_order_number,
                "original_line_no": ln.original_line_no,
                "reason": ln.return_reason,
                "condition": ln.return_condition,
                "disposition": ln.disposition,
                **gs1_of(ln.gs1_lot, ln.gs1_serial, ln.gs1_expiry),
            }
            for ln in sale.lines
        ],
        "tenders": tenders_of(values_of(t) for t in sale.tenders),
        "stock_movements": movements_of((values_of(m) for m in movements), with_reason=True),
        "journal": {"seq": seq, "hash": digest},
    }


_METHOD_LABEL = {
    RefundMethod.CASH: "Refund cash",
    RefundMethod.CARD: "Refund card",
    RefundMethod.STORE_CREDIT: "Refund store credit",
    RefundMethod.WEB_REFUND: "Refund to the card used online",
}


def _tender_label(t: SaleTender) -> str:
    if t.kind == "exchange":
        return f"Towards exchange sale {t.account}"
    label = _METHOD_LABEL.get(RefundMethod(t.kind), "Refund")
    if t.card_last4:
        label += f" {t.card_scheme} ****{t.card_last4} (auth {t.approval_code})"
    if t.account:
        # In full: the customer redeems a store credit with this code (also as a barcode).
        label += f" {t.account}"
    return label


def return_receipt(
    sale: Sale,
    original_receipt_no: str,
    context: TillContext,
    tax_lines: Sequence[Any],
    mode: TaxMode,
) -> ReceiptDocument:
    """The return receipt: negative lines, refund breakdown, original reference in the footer."""
    currency = context.currency
    credits = tuple(
        t.account for t in sale.tenders if t.kind == RefundMethod.STORE_CREDIT and t.account
    )
    lines = tuple(
        ReceiptLine(
            name=f"{ln.name} ({ln.return_reason}, {ln.disposition})",
            quantity=Decimal(ln.quantity_milli).scaleb(-3),
            unit_price=Money.from_minor(ln.unit_price_minor, currency),
            amount=Money.from_minor(ln.amount_minor, currency),
        )
        for ln in sale.lines
    )
    return ReceiptDocument(
        kind="return",
        locale=context.locale,
        store_name=context.store_name,
        store_lines=context.store_lines,
        till_id=sale.till_id,
        receipt_no=sale.receipt_no,
        issued_at=sale.created_at,
        cashier=sale.cashier,
        lines=lines,
        subtotal=Money.from_minor(sale.subtotal_minor, currency),
        discount_total=Money.zero(currency),
        tax_lines=tuple(tax_lines),
        tax_mode=mode,
        total=Money.from_minor(sale.total_minor, currency),
        rounding_adjustment=Money.from_minor(sale.rounding_minor, currency),
        tenders=tuple(
            (_tender_label(t), Money.from_minor(t.amount_minor, currency)) for t in sale.tenders
        ),
        change=Money.zero(currency),
        footer=(
            f"Refund for receipt {original_receipt_no}"
            if original_receipt_no
            else "Return without receipt",
            *(f"Store credit code: {code}" for code in credits),
            *context.footer,
        ),
        offline=sale.offline,
        barcode=sale.receipt_no,
        extra_barcodes=credits,
    )
