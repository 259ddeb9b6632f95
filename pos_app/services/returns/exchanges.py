"""Exchanges: a return and a new sale in one basket, one transaction (docs/architecture.md §8).

What a retailer expects, and what this does:

- The customer brings items back and takes others. The returned value pays for the new items
  first ("exchange credit": it never leaves the till); only the difference moves money.
- New items cost more: the customer pays the difference through the normal tender flow (cash,
  card, split), with cash rounding on the cash part only.
- New items cost less: the difference is refunded by the return rules (original tender first:
  card via the terminal, else cash; or store credit), and only that difference counts against
  the cash limit and the approval threshold. An even exchange moves no money and opens no
  drawer.
- Both halves are written in ONE transaction: the sale (kind "sale", tendered partly by an
  ``exchange`` tender naming the return's receipt) and the return (kind "return", refunded
  partly by an ``exchange`` tender naming the sale's receipt). Each journal entry names the
  other (``exchange``), so an auditor sees the pair; each is a normal event for the hub
  (stock out for the new items, stock back by disposition for the returned ones).
- One exchange receipt shows both parts and the net; its barcode is the new sale's receipt
  number (what a later return of the new items scans).

The sale takes the next receipt number of the till's series and the return the one after
(services.store.receipt_series); both numbers are announced before either is written and
checked after, so the links can never point wrong.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.returns.rules import RefundMethod, ReturnAssessment, ReturnError, ReturnItem
from pos_app.domain.sale.basket import Basket
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.domain.tax import TaxLine
from pos_app.services.returns.in_store import (
    CompletedReturn,
    ExchangeLink,
    ReturnableSale,
    ReturnsService,
)
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.staff.auth import Approval, StaffMember
from pos_app.services.store.receipt_series import peek_receipt_no
from pos_app.services.store.till_context import TillContext


@dataclass(frozen=True)
class ExchangeQuote:
    """What an exchange comes to before anything is written."""

    returned: Money  # the value of the items coming back
    new_total: Money  # the new items' total
    assessment: ReturnAssessment  # the return, with the difference planned over tenders

    @property
    def net(self) -> Money:
        """> 0: the customer pays this; < 0: the customer gets this back; 0: even."""
        return self.new_total - self.returned

    @property
    def credit(self) -> Money:
        return min(self.returned, self.new_total)


@dataclass(frozen=True)
class CompletedExchange:
    sale: CompletedSale
    returned: CompletedReturn
    net: Money
    receipt: ReceiptDocument

    @property
    def cash_moved(self) -> bool:
        """Cash came in (the difference) or went out (a refund of it): the drawer opens."""
        paid_cash = any(t.kind is TenderKind.CASH for t in self.sale.settlement.tenders)
        return paid_cash or not self.returned.cash_out.is_zero()


class ExchangeService:
    def __init__(
        self,
        returns: ReturnsService,
        checkout: CheckoutService,
        new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
    ) -> None:
        self._returns = returns
        self._checkout = checkout
        self._new_uuid = new_uuid

    def quote(
        self,
        session: Session,
        *,
        original: ReturnableSale,
        items: Sequence[ReturnItem],
        basket: Basket,
        cashier: StaffMember,
        context: TillContext,
        prefer: RefundMethod | None = None,
    ) -> ExchangeQuote:
        if basket.is_empty:
            raise ReturnError(msg("Scan the new items the customer takes in exchange."))
        plain = self._returns.assess(original, items, cashier=cashier, context=context)
        new_total = self._checkout.price(session, basket, context).total
        credit = min(plain.total, new_total)
        assessment = self._returns.assess(
            original, items, cashier=cashier, context=context, prefer=prefer, exchanged=credit
        )
        return ExchangeQuote(plain.total, new_total, assessment)

    def complete_exchange(
        self,
        session: Session,
        *,
        receipt_no: str,
        items: Sequence[ReturnItem],
        basket: Basket,
        payments: Sequence[Tender],
        cashier: StaffMember,
        context: TillContext,
        approval: Approval | None = None,
        card: CardReference | None = None,
        prefer: RefundMethod | None = None,
        offline: bool = False,
        found: ReturnableSale | None = None,
    ) -> CompletedExchange:
        """``payments``: what the customer pays of the difference (none when it is refunded).

        ``found``: the original counted with the hub (pos_app.services.returns.hub_receipts), e.g.
        another till's sale, instead of this till's database."""
        original = found if found is not None else self._returns.find_sale(session, receipt_no)
        quote = self.quote(
            session, original=original, items=items, basket=basket, cashier=cashier,
            context=context, prefer=prefer,
        )  # fmt: skip
        if quote.returned.is_zero():
            raise ReturnError(msg("Nothing comes back: choose the lines and quantities to return."))
        if payments and not quote.net.is_positive():
            raise ReturnError(msg("The customer owes nothing on this exchange: take no payment."))
        # Both halves take consecutive numbers of the receipt series: the sale first.
        sale_receipt = peek_receipt_no(session, context.till_id, 1)
        return_receipt = peek_receipt_no(session, context.till_id, 2)
        return_uuid = str(self._new_uuid())
        credit = Tender(TenderKind.EXCHANGE, quote.credit, account=return_receipt)
        sale = self._checkout.complete_sale(
            session, basket=basket, tenders=[credit, *payments], cashier=cashier.name,
            context=context, offline=offline,
            journal_extra={
                "exchange": {"return_uuid": return_uuid, "return_receipt_no": return_receipt}
            },
        )  # fmt: skip
        if sale.receipt_no != sale_receipt:  # pragma: no cover - a broken journal invariant
            raise ReturnError(
                msg("The receipt series moved while the exchange was written; try again.")
            )
        returned = self._returns.complete_return(
            session, receipt_no=receipt_no, items=items, cashier=cashier, context=context,
            approval=approval, card=card, prefer=prefer, offline=offline,
            exchange=ExchangeLink(sale.sale_uuid, sale.receipt_no, quote.credit),
            return_uuid=return_uuid, found=found,
        )  # fmt: skip
        if returned.receipt_no != return_receipt:  # pragma: no cover - as above
            raise ReturnError(
                msg("The receipt series moved while the exchange was written; try again.")
            )
        receipt = exchange_receipt(sale, returned, quote.net)
        return CompletedExchange(sale=sale, returned=returned, net=quote.net, receipt=receipt)


def exchange_receipt(sale: CompletedSale, returned: CompletedReturn, net: Money) -> ReceiptDocument:
    """Both halves on one receipt: what came back (negative), what was taken, and the net."""
    back, new = returned.receipt, sale.receipt
    money_tenders = tuple(
        (label, amount)
        for label, amount in (*new.tenders, *back.tenders)
        if not label.startswith(("Exchange credit", "Towards exchange"))
    )
    rates: dict[str, list[TaxLine]] = defaultdict(list)
    for t in (*new.tax_lines, *back.tax_lines):
        rates[t.tax_class].append(t)
    tax_lines = tuple(
        TaxLine(
            tax_class=cls,
            label=group[0].label,
            rate=group[0].rate,
            net=sum((t.net for t in group[1:]), group[0].net),
            tax=sum((t.tax for t in group[1:]), group[0].tax),
            gross=sum((t.gross for t in group[1:]), group[0].gross),
        )
        for cls, group in rates.items()
    )
    rounding = new.rounding_adjustment + back.rounding_adjustment
    return ReceiptDocument(
        kind="exchange",
        locale=new.locale,
        store_name=new.store_name,
        store_lines=new.store_lines,
        till_id=new.till_id,
        receipt_no=new.receipt_no,
        issued_at=new.issued_at,
        cashier=new.cashier,
        # The return receipt's "(reason, disposition)" suffix is for the back office; here the
        # customer reads which items came back.
        lines=(
            *(replace(ln, name="Back: " + ln.name.rsplit(" (", 1)[0]) for ln in back.lines),
            *new.lines,
        ),
        subtotal=back.subtotal + new.subtotal,
        discount_total=new.discount_total,
        tax_lines=tax_lines,
        tax_mode=new.tax_mode,
        total=net,
        rounding_adjustment=rounding,
        tenders=money_tenders,
        change=new.change,
        footer=(
            f"Return {back.receipt_no}",
            f"of receipt {returned.original_receipt_no}",
            f"New items: sale {new.receipt_no}",
            *back.footer[1:],
        ),
        offline=new.offline,
        barcode=new.receipt_no,
        extra_barcodes=back.extra_barcodes,
    )


__all__ = ["CompletedExchange", "ExchangeQuote", "ExchangeService", "exchange_receipt"]
