"""What can come back: an original sale of this till looked up by its receipt number, or the
items of a receipt-less return priced from today's catalog (docs/architecture.md §8).

Returned quantities and refunds are counted from this till's own return lines (the hub is the
authority across tills: pos_app.services.returns.hub_receipts and web_returns build the same
``ReturnableSale`` from its numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import Sale, SaleLine, SaleTaxLine, SaleTender
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money
from pos_app.domain.returns.rules import OriginalLine, OriginalTender, ReturnError
from pos_app.domain.tax import TaxMode, TaxRate
from pos_app.services.returns.tax_exclusive import with_tax_charged
from pos_app.services.store.till_context import TillContext


@dataclass(frozen=True)
class ReturnableLine:
    original: OriginalLine
    unit_price_minor: int
    tax_class: str
    # Tax-exclusive sales: the line's net amount; ``original.amount_minor`` is then net + the
    # line's share of the tax charged, i.e. what the customer paid for it.
    net_minor: int | None = None

    @property
    def returnable_milli(self) -> int:
        return self.original.returnable_milli


@dataclass(frozen=True)
class ReturnableSale:
    """An original sale as the returns screen shows it: each line with what can still return."""

    sale_uuid: str
    receipt_no: str
    created_at: datetime
    currency: str
    tax_mode: str
    lines: tuple[ReturnableLine, ...]
    tenders: tuple[OriginalTender, ...]
    tax_rates: tuple[TaxRate, ...]
    # No receipt: lines priced from today's catalog, store credit only, always approved.
    receiptless: bool = False
    # A web order returned in store (services.returns.web_orders): its lines name the order.
    order_number: str | None = None
    # Returned quantities counted with the hub (services.returns.hub_receipts): completed with
    # this very original (``found=``), not re-read from this till's database.
    hub_counted: bool = False
    # A sale of another till, from the hub: "till X at store Y" for the screen's title.
    sold_elsewhere: str | None = None

    @property
    def fully_returned(self) -> bool:
        return all(line.returnable_milli == 0 for line in self.lines)


def find_sale(session: Session, receipt_no: str) -> ReturnableSale:
    """An in-store sale of this till's database by receipt number (the receipt barcode)."""
    code = receipt_no.strip()
    sale = session.scalar(
        select(Sale)
        .where(Sale.receipt_no == code, Sale.kind == "sale")
        .options(selectinload(Sale.lines), selectinload(Sale.tenders))
    )
    if sale is None:
        raise ReturnError(msg("No sale with receipt number {code} at this till.", code=code[:64]))
    returned = returned_milli(session, sale.uuid)
    refunded = refunded_by_tender(session, sale.uuid)
    lines = tuple(
        ReturnableLine(
            original=OriginalLine(
                line_no=ln.line_no,
                sku=ln.sku,
                name=ln.name,
                department=ln.department,
                quantity_milli=ln.quantity_milli,
                amount_minor=ln.amount_minor,
                returned_milli=returned.get(ln.line_no, 0),
            ),
            unit_price_minor=ln.unit_price_minor,
            tax_class=ln.tax_class,
        )
        for ln in sale.lines
        if ln.quantity_milli > 0
    )
    tenders = _original_tenders(sale.tenders, refunded)
    tax_rows = list(session.scalars(select(SaleTaxLine).where(SaleTaxLine.sale_id == sale.id)))
    rates = tuple(
        TaxRate(tax_class=t.tax_class, rate=Decimal(t.rate), label=t.label) for t in tax_rows
    )
    if TaxMode(sale.tax_mode) is TaxMode.EXCLUSIVE:
        lines = with_tax_charged(lines, tax_rows, sale.currency)
    return ReturnableSale(
        sale_uuid=sale.uuid,
        receipt_no=sale.receipt_no,
        created_at=sale.created_at,
        currency=sale.currency,
        tax_mode=sale.tax_mode,
        lines=lines,
        tenders=tenders,
        tax_rates=rates,
    )


def receiptless_sale(
    session: Session, entries: Sequence[tuple[str, int]], context: TillContext, now: datetime
) -> ReturnableSale:
    """Items brought back without a receipt, as (SKU, quantity in thousandths), priced at
    today's catalog price (the most the store can know the customer paid)."""
    if not entries:
        raise ReturnError(msg("Scan the items the customer brings back."))
    catalog = SqlCatalog(session, context.currency)
    lines: list[ReturnableLine] = []
    for line_no, (sku, quantity_milli) in enumerate(entries, start=1):
        item = catalog.by_sku(sku)
        if item is None:
            raise ReturnError(msg("No product has the SKU {sku}.", sku=sku[:40]))
        exact = item.unit_price.amount * Decimal(quantity_milli).scaleb(-3)
        amount = Money(exact, context.currency).rounded()
        lines.append(
            ReturnableLine(
                original=OriginalLine(
                    line_no=line_no,
                    sku=item.sku,
                    name=item.name,
                    department=item.department,
                    quantity_milli=quantity_milli,
                    amount_minor=amount.to_minor(),
                ),
                unit_price_minor=item.unit_price.to_minor(),
                tax_class=item.tax_class,
            )
        )
    return ReturnableSale(
        sale_uuid="",
        receipt_no="",
        created_at=now,
        currency=context.currency.code,
        tax_mode=str(context.tax_mode),
        lines=tuple(lines),
        tenders=(),
        tax_rates=tuple(context.tax_rates.values()),
        receiptless=True,
    )


def returned_milli(session: Session, sale_uuid: str) -> dict[int, int]:
    rows = session.execute(
        select(SaleLine.original_line_no, func.sum(SaleLine.quantity_milli))
        .where(SaleLine.original_sale_uuid == sale_uuid)
        .group_by(SaleLine.original_line_no)
    ).all()
    return {int(no): -int(total) for no, total in rows if no is not None}


def refunded_by_tender(session: Session, sale_uuid: str) -> dict[tuple[str, str | None], int]:
    returns = (
        select(SaleLine.sale_id)
        .where(SaleLine.original_sale_uuid == sale_uuid)
        .distinct()
        .scalar_subquery()
    )
    rows = session.execute(
        select(SaleTender.kind, SaleTender.account, func.sum(SaleTender.amount_minor))
        .where(SaleTender.sale_id.in_(returns))
        .group_by(SaleTender.kind, SaleTender.account)
    ).all()
    return {(kind, account): -int(total) for kind, account, total in rows}


def _original_tenders(
    tenders: Sequence[SaleTender], refunded: dict[tuple[str, str | None], int]
) -> tuple[OriginalTender, ...]:
    left = dict(refunded)
    out: list[OriginalTender] = []
    for t in tenders:
        key = (t.kind, t.account if t.kind == "store_credit" else None)
        # Cash paid includes change given; what it paid for is the amount minus change, which
        # the plan does not need (cash takes whatever is left).
        done = min(left.get(key, 0), t.amount_minor)
        left[key] = left.get(key, 0) - done
        out.append(OriginalTender(t.kind, t.amount_minor, done, t.account))
    return tuple(out)
