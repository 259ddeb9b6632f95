"""A past receipt rebuilt from the sale rows, for a reprint when the print queue no longer holds
it (printed jobs are pruned after ``[printer] keep_days``: services/devices/print_jobs.py).

The amounts, lines, tax and tenders are the stored ones, so the copy says what was sold; the
store header and footer are the store's current ones (the rows do not keep them). A return is
rendered by the returns' own receipt builder (services/returns/records.py).
docs/architecture.md §5 (reprints).
"""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.models import Product, Sale, SaleLine, SaleTaxLine, SaleTender
from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, Money
from pos_app.domain.receipt import ReceiptDocument, ReceiptLine, tender_label
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.domain.tax import TaxLine, TaxMode
from pos_app.services.returns.records import return_receipt
from pos_app.services.store.till_context import TillContext

__all__ = ["receipt_from_rows"]


def receipt_from_rows(session: Session, receipt_no: str, context: TillContext) -> ReceiptDocument:
    """The receipt ``receipt_no`` of this till as its rows say; LookupError when there is no
    such sale here."""
    sale = session.scalars(
        select(Sale).where(Sale.receipt_no == receipt_no, Sale.till_id == context.till_id)
    ).first()
    if sale is None:
        raise LookupError(msg("There is no receipt {receipt} at this till.", receipt=receipt_no))
    currency = context.currency
    taxes = tuple(_tax_line(t, currency) for t in sale.tax_lines)
    mode = TaxMode(sale.tax_mode)
    skus = {ln.sku for ln in sale.lines}
    weighed = set(
        session.scalars(select(Product.sku).where(Product.sku.in_(skus), Product.sold_by_weight))
    )
    if sale.kind == "return":
        return return_receipt(sale, _original_receipt_no(session, sale), context, taxes, mode)
    return ReceiptDocument(
        kind=sale.kind,
        store_name=context.store_name,
        store_lines=context.store_lines,
        till_id=sale.till_id,
        receipt_no=sale.receipt_no,
        issued_at=sale.created_at,
        cashier=sale.cashier,
        lines=tuple(_line(ln, currency, ln.sku in weighed) for ln in sale.lines),
        subtotal=Money.from_minor(sale.subtotal_minor, currency),
        discount_total=Money.from_minor(sale.discount_minor, currency),
        tax_lines=taxes,
        tax_mode=mode,
        total=Money.from_minor(sale.total_minor, currency),
        rounding_adjustment=Money.from_minor(sale.rounding_minor, currency),
        tenders=tuple(_tender(t, currency) for t in sale.tenders),
        change=Money.from_minor(sale.change_minor, currency),
        footer=context.footer,
        offline=sale.offline,
        barcode=sale.receipt_no,
        locale=context.locale,  # a copy speaks the store's language, like the original
    )


def _line(line: SaleLine, currency: Currency, by_weight: bool) -> ReceiptLine:
    notes: list[tuple[str, Money]] = [
        (p["name"], -Money.from_minor(int(p["amount_minor"]), currency))
        for p in json.loads(line.promotions or "[]")
    ]
    if line.line_discount_minor:
        why = line.discount_reasons.replace("\n", "; ") or "Discount"
        notes.append((why, -Money.from_minor(line.line_discount_minor, currency)))
    return ReceiptLine(
        name=line.name,
        quantity=Decimal(line.quantity_milli).scaleb(-3),
        unit_price=Money.from_minor(line.unit_price_minor, currency),
        amount=Money.from_minor(line.gross_minor, currency),
        notes=tuple(notes),
        sold_by_weight=by_weight,
    )


def _tender(row: SaleTender, currency: Currency) -> tuple[str, Money]:
    amount = Money.from_minor(row.amount_minor, currency)
    card = None
    if row.card_last4 and row.approval_code and row.card_scheme:
        card = CardReference(row.approval_code, row.card_last4, row.card_scheme)
    try:  # the label rule has one home: domain.receipt.tender_label
        label = tender_label(Tender(TenderKind(row.kind), amount, card=card, account=row.account))
    except (DomainError, ValueError):
        label = row.kind.replace("_", " ").capitalize()
    return label, amount


def _tax_line(row: SaleTaxLine, currency: Currency) -> TaxLine:
    return TaxLine(
        tax_class=row.tax_class,
        label=row.label,
        rate=Decimal(row.rate),
        net=Money.from_minor(row.net_minor, currency),
        tax=Money.from_minor(row.tax_minor, currency),
        gross=Money.from_minor(row.gross_minor, currency),
    )


def _original_receipt_no(session: Session, sale: Sale) -> str:
    original = next((ln.original_sale_uuid for ln in sale.lines if ln.original_sale_uuid), None)
    if original is None:
        return next((ln.original_order_number or "" for ln in sale.lines), "")
    return session.scalar(select(Sale.receipt_no).where(Sale.uuid == original)) or ""
