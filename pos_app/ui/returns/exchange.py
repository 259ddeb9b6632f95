"""Exchanges on the returns screen (F8): a mixin of ``ReturnsController``.

The lines chosen to come back stay on top, and scans now add the new items (a ``Register`` of
its own, so the sale screen's basket is untouched). The quote (back, new, difference) is priced
on the DB lane; F12 takes the difference through the till's normal tender panel
(``SaleController.take_payment``), or refunds it by the return rules (card reference, cash
limit, F9 for store credit), or just completes an even exchange. A manager approves before any
money is taken when the return part needs it. ``ExchangeService`` writes both halves in one
transaction, with the drawer open only when cash moved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError
from pos_app.domain.returns.rules import RefundMethod, ReturnError, ReturnItem
from pos_app.domain.sale.basket import Basket
from pos_app.domain.sale.tenders import CardReference, Tender
from pos_app.services.changes import OpChanges
from pos_app.services.returns.exchanges import CompletedExchange, ExchangeQuote
from pos_app.services.returns.in_store import ReturnApprovalRequiredError
from pos_app.services.sale.drawer import DrawerOpen
from pos_app.services.sale.register import Register
from pos_app.services.staff.auth import Approval, Permission, PermissionDeniedError
from pos_app.ui import formatting
from pos_app.ui.returns.parts import ReturnsControllerParts

if TYPE_CHECKING:
    pass


def _snapshot(basket: Basket) -> Basket:
    """A copy for the DB lane: the worker never touches the basket the page is showing."""
    return Basket.restore(
        basket.currency, basket.tax_mode, basket.tax_rates, basket.lines, basket.basket_discount
    )


class ExchangeMixin(ReturnsControllerParts):
    def on_exchange_button_clicked(self) -> None:
        register = self.sales.register
        if self.current is None or register is None or self.receiptless is not None:
            self._failed(ReturnError(self.tr("Scan the receipt first.")))
            return
        if not self.page.return_items():
            self._failed(ReturnError(self.tr("Set the quantity coming back on a line first.")))
            return
        self.exchange = Register(self.context, register.cashier)
        self.quote = None
        self.page.show_exchange([])
        self.page.card_box.hide()
        self.page.plan_label.setText(self.tr("Exchange: scan the new items"))
        self.page.message.show_info(self.tr("Scan the new items the customer takes."))
        self.page.receipt_edit.clear()  # its placeholder now says what to scan
        self.page.receipt_edit.setFocus()

    def _add_new_item(self, code: str) -> None:
        if self.exchange is None:
            return
        try:  # the sale screen's own scan path: an indexed look-up on the GUI thread
            self.exchange.scan(code, self.sales.catalog)
        except (DomainError, ValueError, PermissionDeniedError) as exc:
            self._failed(exc)
            return
        self.page.message.clear_message()
        self._show_new_items()

    def on_remove_new_button_clicked(self) -> None:
        if self.exchange is None or self.exchange.basket.is_empty:
            return
        try:
            self.exchange.remove_line(self.exchange.basket.lines[-1].line_no)
        except (DomainError, ValueError, PermissionDeniedError) as exc:
            self._failed(exc)
            return
        self._show_new_items()

    def _show_new_items(self) -> None:
        if self.exchange is None:
            return
        lines = [
            (line.item.name, f"{line.quantity:g}", (line.unit_price * line.quantity).rounded())
            for line in self.exchange.basket.lines
        ]
        self.page.show_exchange(lines)
        if not lines:
            self.quote = None
            self.page.plan_label.setText(self.tr("Exchange: scan the new items"))
            return
        self._requote()

    def _requote(self) -> None:
        register, original = self.sales.register, self.current
        if self.exchange is None or register is None or original is None:
            return
        items = self.page.return_items()
        if not items or self.exchange.basket.is_empty:
            self.quote = None
            return
        basket = _snapshot(self.exchange.basket)  # the lane never touches the shown one
        svc, ctx, cashier = self.exchanges, self.context, register.cashier

        def quoted(quote: ExchangeQuote) -> None:
            self.quote = quote
            self.page.show_exchange_quote(
                quote.returned, quote.new_total, quote.assessment, self.context.cash_rounding_step
            )
            self.exchange_quoted.emit(quote)

        self.lane.run(
            lambda s: svc.quote(
                s, original=original, items=items, basket=basket, cashier=cashier, context=ctx
            ),
            quoted,
            self._failed,
        )

    def _start_exchange(self, prefer: RefundMethod | None) -> None:
        register, quote, original = self.sales.register, self.quote, self.current
        if self.exchange is None or register is None or original is None:
            return
        if quote is None or self.exchange.basket.is_empty:
            self._failed(ReturnError(self.tr("Scan the new items the customer takes first.")))
            return
        items = self.page.return_items()
        card: CardReference | None = None
        if not quote.net.is_positive():
            try:
                plan = self.service.assess(
                    original, items, cashier=register.cashier, context=self.context,
                    prefer=prefer, exchanged=quote.credit,
                )  # fmt: skip
                if any(p.method is RefundMethod.CARD for p in plan.refund):
                    card = self.page.card_reference()
            except (DomainError, ValueError) as exc:
                self.page.card_approval.setFocus()
                self._failed(exc)
                return
        basket = _snapshot(self.exchange.basket)

        def go(approval: Approval | None) -> None:
            if quote.net.is_positive():
                self.sales.take_payment(
                    quote.net,
                    lambda tenders: self._exchange(
                        original.receipt_no, items, basket, tenders, approval, prefer, card
                    ),
                    lambda: self._show_page(self.page),
                )
            else:
                self._exchange(original.receipt_no, items, basket, [], approval, prefer, card)

        reasons = quote.assessment.approval_reasons
        if reasons and not register.cashier.can(Permission.RETURN_OVERRIDE):
            # Asked before any payment is taken: a refused exchange must not have taken money.
            self._ask_approval(ReturnApprovalRequiredError(reasons), original.receipt_no, go)
            return
        go(None)

    def _exchange(
        self,
        receipt_no: str,
        items: list[ReturnItem],
        basket: Basket,
        payments: list[Tender],
        approval: Approval | None,
        prefer: RefundMethod | None,
        card: CardReference | None,
    ) -> None:
        register = self.sales.register
        if register is None:
            return
        cashier, svc, ctx, offline = (
            register.cashier,
            self.exchanges,
            self.context,
            self.is_offline(),
        )
        drawer, sales = self.sales.drawer, self.sales
        # Counted with the hub (returns_hub.py): exchange against these very counts.
        found = self.current if self.current is not None and self.current.hub_counted else None

        def op(s: Session) -> tuple[CompletedExchange, DrawerOpen | None]:
            done = svc.complete_exchange(
                s, receipt_no=receipt_no, items=items, basket=basket, payments=payments,
                cashier=cashier, context=ctx, approval=approval, card=card, prefer=prefer,
                offline=offline, found=found,
            )  # fmt: skip
            opened = None
            if drawer is not None:  # cash in (the difference) or out (its refund) only
                opened = drawer.record_sale_open(
                    s, till_id=ctx.till_id, cashier=cashier.name,
                    receipt_no=done.sale.receipt_no, cash=done.cash_moved,
                )  # fmt: skip
            return done, opened

        def exchanged(outcome: tuple[CompletedExchange, DrawerOpen | None]) -> None:
            done, opened = outcome
            if payments:
                sales.end_payment()
                self._show_page(self.page)
            self.current, self.exchange, self.quote = None, None, None
            self.page.show_actions()
            self.page.show_sale(None)
            self.page.show_exchange(None)
            self.page.show_receipt(done.receipt)
            self.page.message.show_info(self._exchanged_text(done), 0)
            self.changes.publish(OpChanges(outbox=True, drawer_open=opened), origin=self)
            self.receipt_ready.emit(done.receipt)
            self.exchange_completed.emit(done)

        def failed(exc: Exception) -> None:
            if payments:  # stay on the payment: fix it or go back
                tender = sales.window.tender
                tender.set_busy(False)
                tender.message.show_error(
                    self.tr("Not recorded: %1").replace("%1", formatting.error_text(exc))
                )
                self.error_shown.emit(formatting.error_text(exc))
                return
            self._failed(exc)

        self.lane.run(op, exchanged, failed)

    def _exchanged_text(self, done: CompletedExchange) -> str:
        money = formatting.money
        if done.net.is_positive():
            what = self.tr("customer paid %1").replace("%1", money(done.net, symbol=True))
        elif done.net.is_zero():
            what = self.tr("even, no money changed hands")
        else:
            # As the quote said it: the cash part rounded as the drawer paid it.
            back = -done.net + done.returned.assessment.cash_rounding(
                self.context.cash_rounding_step
            )
            what = self.tr("%1 back to the customer").replace("%1", money(back, symbol=True))
        return (
            self.tr("Exchange done: %1 (sale %2, return %3).")
            .replace("%1", what)
            .replace("%2", done.sale.receipt_no)
            .replace("%3", done.returned.receipt_no)
        )
