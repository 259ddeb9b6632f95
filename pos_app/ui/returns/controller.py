"""Wires the returns screen to ``ReturnsService``: look-up and refund are DbLane ops.

Refund methods: by default the money goes back the way it came, as the domain plans it (card
first via the external terminal — the associate types the terminal's approval reference into
the page — then cash); "Store credit instead" (F9) refunds everything as a new store credit
whose code is shown and printed. The plan is priced on the GUI thread as quantities change
(pure domain arithmetic, no I/O). The return, and the drawer open only cash calls for, are one
transaction. A return above the cashier's limits raises
``ReturnApprovalRequiredError``: the inline prompt shows why and asks for a manager's PIN and a
reason, and the refund is retried with that approval. The return receipt is previewed on the
page and handed to the printer (``receipt_ready``).

Exchanges (F8) and returns without a receipt (F7) live in the mixins of ``returns_exchange`` and
``returns_no_receipt``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError
from pos_app.domain.returns.rules import (
    CustomerIdNote,
    RefundMethod,
    ReturnAssessment,
    ReturnError,
    ReturnItem,
)
from pos_app.domain.sale.tenders import CardReference
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.returns.exchanges import ExchangeQuote, ExchangeService
from pos_app.services.returns.in_store import (
    CompletedReturn,
    ReturnableSale,
    ReturnApprovalRequiredError,
    ReturnsService,
)
from pos_app.services.sale.drawer import DrawerOpen
from pos_app.services.sale.register import Register
from pos_app.services.staff.auth import Approval, Permission
from pos_app.services.store.till_context import TillContext
from pos_app.ui import formatting
from pos_app.ui.manager_approval import ManagerApprovalMixin
from pos_app.ui.returns.exchange import ExchangeMixin
from pos_app.ui.returns.no_receipt import NoReceiptMixin
from pos_app.ui.returns.page import ReturnsPage
from pos_app.ui.runner import DbLane
from pos_app.ui.sale.controller import SaleController

if TYPE_CHECKING:
    from pos_app.ui.returns.web_orders import WebReturnsController


class ReturnsController(ExchangeMixin, NoReceiptMixin, ManagerApprovalMixin, QObject):
    sale_found = Signal(object)  # ReturnableSale
    return_completed = Signal(object)  # CompletedReturn, once committed
    receipt_ready = Signal(object)  # ReceiptDocument: the return receipt, to be printed
    approval_granted = Signal(object)  # Approval
    exchange_quoted = Signal(object)  # ExchangeQuote: the new items and the difference shown
    exchange_completed = Signal(object)  # CompletedExchange, once committed
    error_shown = Signal(str)

    def __init__(
        self,
        *,
        page: ReturnsPage,
        open_button: QPushButton,
        lane: DbLane,
        service: ReturnsService,
        context: TillContext,
        sales: SaleController,
        changes: ChangeNotifier,
        show_page: Callable[[QWidget], None],
        back: Callable[[], None],
        is_offline: Callable[[], bool] = lambda: False,
        exchanges: ExchangeService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self.lane, self.service, self.context = page, lane, service, context
        self.sales, self._show_page, self._back = sales, show_page, back
        self.changes = changes
        self.is_offline = is_offline
        self.current: ReturnableSale | None = None
        self._approve: Callable[[str, str], None] | None = None
        self.exchanges = exchanges or ExchangeService(service, sales.checkout)
        self.exchange: Register | None = None  # the new items while an exchange is rung
        self.quote: ExchangeQuote | None = None
        self.receiptless: Register | None = None  # the items brought back without a receipt
        # Parts of this screen that take over a key or the receipt field: claim_refunds,
        # claim_receipts. The composition root keeps the parts here (it shuts them down).
        self._refund_claims: list[Callable[[], bool]] = []
        self._receipt_claims: list[Callable[[str], bool]] = []
        self.web: WebReturnsController | None = None
        self.hub_receipts: QObject | None = None
        page.receipt_entered.connect(self.on_page_receipt_entered)
        page.refund_button.clicked.connect(self.on_refund_button_clicked)
        page.store_credit_button.clicked.connect(self.on_store_credit_button_clicked)
        page.items_changed.connect(self.on_page_items_changed)
        page.exchange_button.clicked.connect(self.on_exchange_button_clicked)
        page.no_receipt_button.clicked.connect(self.on_no_receipt_button_clicked)
        page.remove_new_button.clicked.connect(self.on_remove_new_button_clicked)
        page.back_button.clicked.connect(self.on_back_button_clicked)
        page.prompt.accepted.connect(self.on_prompt_accepted)
        page.prompt.cancelled.connect(self.on_prompt_cancelled)
        open_button.clicked.connect(self.open)

    def claim_refunds(self, claim: Callable[[], bool]) -> None:
        """Offer the refund key to ``claim`` first; True: it refunded (web-order returns)."""
        self._refund_claims.append(claim)

    def claim_receipts(self, claim: Callable[[str], bool]) -> None:
        """Offer each receipt number entered to ``claim`` first; True: it looks it up
        (receipt look-ups with the hub)."""
        self._receipt_claims.append(claim)

    def open(self) -> None:
        if self.sales.register is None:
            return
        if self.sales.window.sale.side.currentWidget() is not self.sales.window.sale.action_pad:
            self.sales.show_error(self.tr("Finish or cancel the open prompt first (Esc)."))
            return
        self.current, self._approve = None, None
        self.exchange, self.quote, self.receiptless = None, None, None
        self.page.reset()
        self._show_page(self.page)
        self.page.receipt_edit.setFocus()

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, (DomainError, ValueError)):
            exc = ReturnError(
                self.tr("Could not do that: %1").replace("%1", formatting.error_text(exc))
            )
        self.page.message.show_error(formatting.error_text(exc))
        self.error_shown.emit(formatting.error_text(exc))

    # -- look-up ---------------------------------------------------------------------------

    def on_page_receipt_entered(self, text: str) -> None:
        code = text.strip()
        if self.exchange is not None and code:
            self.page.receipt_edit.clear()
            self._add_new_item(code)
            return
        if self.receiptless is not None and code:
            self.page.receipt_edit.clear()
            self._add_receiptless_item(code)
            return
        if not code:
            self._failed(ReturnError(self.tr("Scan or type the receipt number.")))
            return
        if any(claim(code) for claim in self._receipt_claims):
            return  # looked up by that part (with the hub)
        service = self.service
        self.lane.run(lambda s: service.find_sale(s, code), self.show_found, self._failed)

    def show_found(self, sale: ReturnableSale) -> None:
        """Show the original to return from (this till's, or from the hub)."""
        self.current = sale
        self.exchange, self.quote = None, None
        self.page.show_exchange(None)
        self.page.show_receiptless(False)
        self.page.receipt_preview.hide()
        self.page.show_actions()
        self.page.show_sale(sale)
        if sale.fully_returned:
            self.page.message.show_info(self.tr("Everything on this receipt came back."))
        elif sale.sold_elsewhere:
            self.page.message.show_info(
                self.tr("Checked with the hub: the items come back into this store's stock."), 0
            )
        else:
            self.page.message.clear_message()
        self.sale_found.emit(sale)

    def on_scanner_barcode_scanned(self, code: str) -> None:
        """While this screen is shown a scan is a receipt barcode, or an exchange's new item."""
        if self.exchange is not None:
            self._add_new_item(code)
            return
        if self.receiptless is not None:
            self._add_receiptless_item(code)
            return
        self.page.receipt_edit.setText(code)
        self.on_page_receipt_entered(code)

    # -- refund ----------------------------------------------------------------------------

    def _assess(self, prefer: RefundMethod | None = None) -> ReturnAssessment | None:
        """The return as the page says, priced (pure, no I/O); None when nothing is chosen."""
        register = self.sales.register
        if self.current is None or register is None:
            return None
        items = self.page.return_items()
        if not items:
            return None
        return self.service.assess(
            self.current, items, cashier=register.cashier, context=self.context, prefer=prefer
        )

    def on_page_items_changed(self) -> None:
        if self.exchange is not None:
            self._requote()
            return
        try:
            self.page.show_plan(self._assess(), self.context.cash_rounding_step)
        except (DomainError, ValueError) as exc:
            self.page.show_plan(None)
            self._failed(exc)

    def on_refund_button_clicked(self) -> None:
        if any(claim() for claim in self._refund_claims):
            return  # refunded by that part (a web order is shown)
        if self.exchange is not None:
            self._start_exchange(None)
            return
        self._start_refund(None)

    def on_store_credit_button_clicked(self) -> None:
        if self.exchange is not None:
            self._start_exchange(RefundMethod.STORE_CREDIT)
            return
        self._start_refund(RefundMethod.STORE_CREDIT)

    def _start_refund(self, prefer: RefundMethod | None) -> None:
        if self.current is None:
            self._failed(ReturnError(self.tr("Scan the receipt first.")))
            return
        items = self.page.return_items()
        if not items:
            self._failed(ReturnError(self.tr("Set the quantity to return on a line first.")))
            return
        if self.receiptless is not None:
            self._refund_receiptless(items)
            return
        card: CardReference | None = None
        try:
            plan = self._assess(prefer)
            if plan is not None and any(p.method is RefundMethod.CARD for p in plan.refund):
                card = self.page.card_reference()
        except (DomainError, ValueError) as exc:
            self.page.show_plan(self._safe_plan(), self.context.cash_rounding_step)
            self.page.card_approval.setFocus()
            self._failed(exc)
            return
        # Counted with the hub: complete with these very counts (not this till's alone).
        found = self.current if self.current.hub_counted else None
        self._refund(self.current.receipt_no, items, None, prefer, card, found=found)

    def _safe_plan(self) -> ReturnAssessment | None:
        try:
            return self._assess()
        except (DomainError, ValueError):
            return None

    def _refund(
        self,
        receipt_no: str,
        items: list[ReturnItem],
        approval: Approval | None,
        prefer: RefundMethod | None = RefundMethod.CASH,
        card: CardReference | None = None,
        receiptless: list[tuple[str, int]] | None = None,
        customer_id: CustomerIdNote | None = None,
        found: ReturnableSale | None = None,
    ) -> None:
        register = self.sales.register
        if register is None:
            self._failed(ReturnError(self.tr("Sign in first.")))
            return
        cashier, svc, ctx, offline = register.cashier, self.service, self.context, self.is_offline()
        drawer = self.sales.drawer

        def op(s: Session) -> tuple[CompletedReturn, DrawerOpen | None]:
            done = svc.complete_return(
                s, receipt_no=receipt_no, items=items, cashier=cashier, context=ctx,
                approval=approval, prefer=prefer, card=card, offline=offline,
                receiptless=receiptless, customer_id=customer_id, found=found,
            )  # fmt: skip
            opened = None
            if drawer is not None:  # journaled with the return; only cash going out opens it
                opened = drawer.record_sale_open(
                    s, till_id=ctx.till_id, cashier=cashier.name, receipt_no=done.receipt_no,
                    cash=not done.cash_out.is_zero(),
                )  # fmt: skip
            return done, opened

        def refunded(outcome: tuple[CompletedReturn, DrawerOpen | None]) -> None:
            done, opened = outcome
            self.current, self.receiptless = None, None
            self.page.show_actions()
            self.page.show_sale(None)
            self.page.show_receiptless(False)
            self.page.card_approval.clear()
            self.page.card_last4.clear()
            self.page.show_receipt(done.receipt)
            self.page.message.show_info(self._refunded_text(done), 0)
            self.changes.publish(OpChanges(outbox=True, drawer_open=opened), origin=self)
            self.receipt_ready.emit(done.receipt)
            self.return_completed.emit(done)

        def failed(exc: Exception) -> None:
            if isinstance(exc, ReturnApprovalRequiredError) and approval is None:
                self._ask_approval(
                    exc,
                    receipt_no or self.tr("no receipt"),
                    lambda ok: self._refund(
                        receipt_no, items, ok, prefer, card, receiptless, customer_id, found
                    ),
                )
            else:
                self._failed(exc)

        self.lane.run(op, refunded, failed)

    def _refunded_text(self, done: CompletedReturn) -> str:
        parts: list[str] = []
        for part in done.assessment.refund:
            amount = done.cash_out if part.method is RefundMethod.CASH else part.amount
            shown = formatting.money(amount, symbol=True)
            if part.method is RefundMethod.CASH:
                parts.append(self.tr("%1 in cash (drawer open)").replace("%1", shown))
            elif part.method is RefundMethod.CARD:
                parts.append(self.tr("%1 to the card").replace("%1", shown))
            else:
                parts.append(
                    self.tr("%1 as store credit %2")
                    .replace("%1", shown)
                    .replace("%2", part.account or "")
                )
        text = self.tr("Refunded %1 (return %2).").replace("%1", ", ".join(parts))
        return text.replace("%2", done.receipt_no)

    # -- manager approval ------------------------------------------------------------------

    def _ask_approval(
        self,
        denied: ReturnApprovalRequiredError,
        receipt_no: str,
        retry: Callable[[Approval], None],
    ) -> None:
        register = self.sales.register
        if register is None:
            self._failed(denied)
            return
        actor, auth, prompt = register.cashier, self.sales.auth, self.page.prompt
        what = self.tr("Return on receipt %1").replace("%1", receipt_no)

        self._approve = self._approval_step(auth, Permission.RETURN_OVERRIDE, actor, what, retry)
        self.page.show_prompt()
        prompt.ask(
            self.tr("A manager must approve this return"),
            placeholder=self.tr("Manager PIN"),
            masked=True,
            needs_reason=True,
        )
        prompt.show_error(formatting.error_text(denied))
        self.page.message.clear_message()  # said once, in the prompt, next to the PIN
        self.error_shown.emit(formatting.error_text(denied))

    def on_prompt_accepted(self, pin: str, reason: str) -> None:
        if self._approve is not None:
            self._approve(pin, reason)

    def on_prompt_cancelled(self) -> None:
        self._approve = None
        self.page.show_actions()
        self.page.message.show_info(self.tr("Not approved: nothing was refunded."))

    def on_back_button_clicked(self) -> None:
        self._back()
