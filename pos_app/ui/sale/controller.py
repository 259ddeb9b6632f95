"""Wires the till's widgets to the services. Slots translate a gesture into one service call
(on the DB lane when it touches the database) and show the outcome; the rules live in the
services and the domain.

What other screens use of the sale screen (its change subscription, scan routing, customer
and prompt) is described in ``screen_links``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.errors import DomainError
from pos_app.domain.money import Money
from pos_app.domain.promotions import PromotionContext
from pos_app.domain.sale.basket import Basket, BasketTotals
from pos_app.domain.sale.gs1_scan import expiry_warning
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.customers.directory import CustomerRef
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.sale.drawer import DrawerOpen, DrawerService
from pos_app.services.sale.in_progress import BasketInProgress, SavedBasket
from pos_app.services.sale.parking import ParkedSummary, ParkingService
from pos_app.services.sale.register import Register
from pos_app.services.sale.screen_pricing import ScreenPrice
from pos_app.services.staff.auth import (
    AuthResult,
    AuthService,
    PermissionDeniedError,
    StaffMember,
)
from pos_app.services.stock.aisle import AisleRequest
from pos_app.services.store.till_context import TillContext
from pos_app.ui import formatting
from pos_app.ui.main_window import TillWindow
from pos_app.ui.runner import DbLane, GuiCatalog, SearchLane
from pos_app.ui.sale.basket_edits import BasketEditsMixin, Pending
from pos_app.ui.sale.basket_model import BasketTableModel
from pos_app.ui.sale.drawer_actions import DrawerActionsMixin
from pos_app.ui.sale.pricing_lane import PricingLane
from pos_app.ui.sale.screen_links import ScreenLinksMixin
from pos_app.ui.sale.tender_panel import PaymentPurpose
from pos_app.ui.scanner import MAX_BURST, TOO_LONG_MARK
from pos_app.ui.staff.idle import IdleWatcher

log = logging.getLogger(__name__)


def masked(code: str) -> str:
    """The first three and last four characters of a scanned code, for the log."""
    return code if len(code) <= 8 else f"{code[:3]}…{code[-4:]}"


def _snapshot(basket: Basket) -> Basket:
    """A copy for the DB lane: the worker never touches the basket the GUI is showing."""
    return basket.copy()


class SaleController(ScreenLinksMixin, BasketEditsMixin, DrawerActionsMixin, QObject):
    signed_in = Signal(object)  # StaffMember
    signed_out = Signal()
    line_added = Signal(int)  # line number
    sale_completed = Signal(object)  # CompletedSale, committed here or on another screen
    drawer_open_recorded = Signal(object)  # DrawerOpen, journaled: the drawer may be kicked
    basket_parked = Signal(object)  # ParkedSummary
    basket_resumed = Signal()
    approval_granted = Signal(object)  # Approval
    # ScreenPrice (services.sale.screen_pricing): the shown basket's totals and hints, from the
    # pricing lane, after every change.
    basket_repriced = Signal(object)
    error_shown = Signal(str)

    def __init__(
        self,
        *,
        window: TillWindow,
        model: BasketTableModel,
        context: TillContext,
        lane: DbLane,
        search: SearchLane,
        catalog: GuiCatalog,
        auth: AuthService,
        checkout: CheckoutService,
        parking: ParkingService,
        idle: IdleWatcher,
        changes: ChangeNotifier,
        drawer: DrawerService | None = None,
        is_offline: Callable[[], bool] = lambda: False,
        price_with: Callable[[bool], PromotionContext | None] = lambda _has_customer: None,
        pricing_lane: PricingLane | None = None,
        in_progress: BasketInProgress | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.model, self.context = window, model, context
        self.lane, self.search_lane, self.catalog = lane, search, catalog
        self.auth, self.checkout, self.parking, self.idle = auth, checkout, parking, idle
        self.drawer = drawer  # None: no cash drawer at this till, so no open is journaled
        self.is_offline = is_offline  # the sync client's view; receipts made offline say so
        # The promotions the screen prices with (given whether a customer is attached: some
        # are for customers only); the checkout prices again at commit time.
        self._price_with = price_with
        self.changes = changes
        # Totals, promotions and hints are computed there, off the GUI thread (issue 18).
        self.pricing_lane = pricing_lane or PricingLane(parent=self)
        self.priced: ScreenPrice | None = None  # the latest pricing the screen shows
        self.register: Register | None = None
        # The basket being rung, saved at each change (services.sale.in_progress).
        self.in_progress = in_progress if in_progress is not None else BasketInProgress()
        self._saved_payload: str | None = None  # what the DB lane was last asked to save
        self._customer: CustomerRef | None = None  # attach_customer (ui.customers.controller)
        # Lines of this sale another store fulfils (endless aisle; ui/stock/controller.py).
        self.aisle_order: AisleRequest | None = None
        # Scans other screens take: see route_scans, claim_scans_first, claim_unknown_scans.
        self._page_scans: dict[QWidget, Callable[[str], None]] = {}
        self._first_claims: list[Callable[[str], bool]] = []
        self._unknown_claims: list[Callable[[str], bool]] = []
        self._weigh_claims: list[Callable[[CatalogItem], bool]] = []  # claim_weighing
        # Another screen taking a payment through the tender panel: (complete, cancel).
        self._tender_for: tuple[Callable[[list[Tender]], None], Callable[[], None]] | None = None
        self._pending: Pending | None = None
        sale, w = window.sale, window

        w.signin.pin_submitted.connect(self.on_signin_pin_submitted)
        sale.search.text_edited.connect(self.search_lane.request)
        self.search_lane.results_ready.connect(sale.search.show_results)
        sale.search.item_chosen.connect(self.on_search_item_chosen)
        sale.search.code_entered.connect(self.on_search_code_entered)
        sale.qty_button.clicked.connect(self.on_qty_button_clicked)
        sale.remove_button.clicked.connect(self.on_remove_button_clicked)
        sale.discount_button.clicked.connect(self.on_discount_button_clicked)
        sale.price_button.clicked.connect(self.on_price_button_clicked)
        sale.basket_discount_button.clicked.connect(self.on_basket_discount_button_clicked)
        sale.park_button.clicked.connect(self.on_park_button_clicked)
        sale.resume_button.clicked.connect(self.on_resume_button_clicked)
        sale.void_button.clicked.connect(self.on_void_button_clicked)
        sale.sign_out_button.clicked.connect(self.on_sign_out_button_clicked)
        sale.pay_button.clicked.connect(self.on_pay_button_clicked)
        sale.prompt.accepted.connect(self.on_prompt_accepted)
        sale.prompt.cancelled.connect(self.on_prompt_cancelled)
        sale.parked.resume_requested.connect(self.on_parked_resume_requested)
        sale.parked.cancelled.connect(sale.show_actions)
        w.tender.complete_requested.connect(self.on_tender_complete_requested)
        w.tender.cancelled.connect(self.on_tender_cancelled)
        w.receipt.new_sale_requested.connect(self.on_receipt_new_sale_requested)
        sale.no_sale_button.clicked.connect(self.on_no_sale_button_clicked)
        lane.busy_changed.connect(w.status.set_busy)
        self.pricing_lane.priced.connect(self.on_pricing_lane_priced)
        self.pricing_lane.pricing_failed.connect(self.show_error)
        idle.idle_timed_out.connect(self.on_idle_idle_timed_out)
        changes.subscribe(self.on_op_changes)
        w.show_page(w.signin)
        w.signin.reset()

    # -- helpers -------------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        page = self.window.current_page
        if page is self.window.signin:
            self.window.signin.message.show_error(text)
        elif page is self.window.tender:
            self.window.tender.message.show_error(text)
        elif self.window.sale.side.currentWidget() is self.window.sale.prompt:
            self.window.sale.prompt.show_error(text)
        else:
            self.window.sale.message.show_error(text)
        self.error_shown.emit(text)

    def show_info(self, text: str) -> None:
        self.window.sale.message.show_info(text)

    def base_pricing(self) -> PromotionContext | None:
        """The screen's promotions for this sale (customer-only ones once a customer is
        attached), without the sale's coupon codes."""
        return self._price_with(self._customer is not None)

    def pricing(self) -> PromotionContext | None:
        """The screen's promotions with the sale's coupon codes (services.sale.register)."""
        context = self.base_pricing()
        if context is None or self.register is None or not self.register.coupons:
            return context
        return replace(context, coupons=context.coupons | self.register.coupons)

    def use_context(self, context: TillContext) -> None:
        """Store settings changed: the next scan, and the basket on screen, use ``context``."""
        self.context = context
        if self.register is not None:
            self.register.use_context(context)
        self.show_basket()

    # -- the basket on screen ------------------------------------------------------------------

    def show_basket(self, select_line: int | None = None) -> None:
        """The register's basket at the current prices in the table and the totals."""
        if self.register is None:
            return
        basket = self.register.basket
        if self.aisle_order is not None and not self.aisle_order.still_in(basket):
            # Its line was removed, voided, parked or sold: nothing is ordered with another sale.
            self.aisle_order = None
            self.window.sale.message.show_info(self.tr("The order from another store was dropped."))
        # The line is shown at once at its own price; the pricing lane brings promotions,
        # the basket discount, the totals and the hints (on_pricing_lane_priced).
        self.model.show_lines(basket)
        if select_line is not None:
            row = self.model.row_of(select_line)
            if row is not None:
                self.window.sale.select_row(row)
        # Asked at once: deferring it until the event loop had painted the row cost ~30 ms
        # before pricing began and saved nothing on the row itself (measured, issue 18).
        self.pricing_lane.request(_snapshot(basket), self.pricing())
        self._save_in_progress(self.register)

    @property
    def pricing_settled(self) -> bool:
        """True when the screen shows the prices of the basket it shows."""
        return self.pricing_lane.settled

    def on_pricing_lane_priced(self, priced: ScreenPrice) -> None:
        if self.register is None:
            return  # signed out while it was being priced
        self.priced = priced
        self.model.refresh(priced.basket, priced.totals)
        self.window.sale.totals.show_totals(priced.totals, self.model.rowCount())
        self.basket_repriced.emit(priced)

    def current_totals(self) -> BasketTotals:
        """The shown basket's totals: the lane's when it has caught up, else priced here (a
        Pay pressed within the few ms after a scan)."""
        assert self.register is not None
        if self.priced is not None and self.pricing_settled:
            return self.priced.totals
        return self.register.basket.totals(self.pricing())

    def _save_in_progress(self, register: Register) -> None:
        """One small write on the DB lane when the basket changed (none when it did not)."""
        payload = self.in_progress.payload(register.basket)
        if payload == self._saved_payload:
            return
        self._saved_payload = payload
        in_progress, cashier, context = self.in_progress, register.cashier.name, self.context
        self.lane.run(
            lambda s: in_progress.save(s, payload, cashier=cashier, context=context),
            None,
            lambda exc: log.error("basket in progress not saved: %s", exc),
        )

    def _parking(
        self, basket: Basket, actor: StaffMember, label: str = ""
    ) -> Callable[[Session], ParkedSummary]:
        """The park op: the basket becomes a parked one and stops being the one in progress,
        in one transaction."""

        promotions = self.pricing()  # the total the cashier saw is the total parked

        def op(session: Session) -> ParkedSummary:
            self.in_progress.clear(session, self.context)
            return self.parking.park(session, basket, actor=actor, context=self.context,
                                     label=label, promotions=promotions)  # fmt: skip

        return op

    def _selected_line(self) -> int | None:
        return self.model.line_no_at(self.window.sale.selected_row())

    # -- sign-in -------------------------------------------------------------------------------

    def on_signin_pin_submitted(self, pin: str) -> None:
        self.lane.run(
            lambda s: self.auth.sign_in(s, pin), self._on_auth_result, self._on_auth_failure
        )

    def sign_in_with_badge(self, badge: str) -> None:
        self.window.signin.set_busy(True)
        self.lane.run(
            lambda s: self.auth.sign_in_badge(s, badge),
            self._on_auth_result,
            self._on_auth_failure,
        )

    def _on_auth_failure(self, exc: Exception) -> None:
        self.window.signin.set_busy(False)
        self.show_error(formatting.error_text(exc))

    def _on_auth_result(self, result: AuthResult) -> None:
        signin = self.window.signin
        if result.staff is None:
            if result.locked_until is not None:
                seconds = (result.locked_until - datetime.now(UTC)).total_seconds()
                signin.show_locked(
                    formatting.message_text(result.message), max(1, int(seconds) + 1)
                )
            else:
                signin.set_busy(False)
                left = result.attempts_left
                suffix = self.tr(" %n attempt(s) left.", "", left) if left else ""
                signin.message.show_error(formatting.message_text(result.message) + suffix)
            self.error_shown.emit(formatting.message_text(result.message))
            return
        self._start_session(result.staff)

    def _start_session(self, staff: StaffMember) -> None:
        self.register = register = Register(self.context, staff)
        self._saved_payload = None  # an empty new basket writes nothing: a saved one stays
        self.window.status.set_user(staff.name, staff.role)
        self.window.signin.message.clear_message()
        self.window.show_page(self.window.sale)
        self.window.sale.show_actions()
        self.window.sale.message.clear_message()
        self.show_basket()
        self.idle.start()
        self.signed_in.emit(staff)
        in_progress, context = self.in_progress, self.context
        self.lane.run(
            lambda s: in_progress.load(s, context),
            lambda saved: self._restore_in_progress(register, saved),
            lambda exc: self.show_error(
                self.tr("The basket in progress could not be restored: %s")
                % formatting.error_text(exc)
            ),
        )

    def _restore_in_progress(self, register: Register, saved: SavedBasket | None) -> None:
        if saved is None or register is not self.register or not register.basket.is_empty:
            return  # nothing saved, signed out again, or the cashier already started ringing
        register.replace_basket(saved.basket)
        self._saved_payload = self.in_progress.payload(saved.basket)
        self.show_basket()
        self.show_info(
            self.tr("The basket in progress is back (%n line(s), rung by %2).", "",
                    len(saved.basket.lines))
            .replace("%2", saved.cashier)
        )  # fmt: skip

    def sign_out(self) -> None:
        register = self.register
        if register is not None and not register.basket.is_empty:
            basket, actor = _snapshot(register.basket), register.cashier
            self.lane.run(
                self._parking(basket, actor, self.tr("at sign-out")),
                lambda summary: self.basket_parked.emit(summary),
                lambda exc: log.error("auto-park at sign-out failed: %s", exc),
            )
        self.register = None
        self.priced = None
        self._saved_payload = None
        self._pending = None
        self._tender_for = None
        self.idle.stop()
        self.model.refresh(self.context.new_basket())
        self.window.status.set_user(None)
        self.window.sale.search.clear()
        self.window.show_page(self.window.signin)
        self.window.signin.reset()
        self.signed_out.emit()

    def on_sign_out_button_clicked(self) -> None:
        self.sign_out()

    def on_idle_idle_timed_out(self) -> None:
        if self.window.current_page is not self.window.tender:  # never mid-payment
            self.sign_out()
            self.window.signin.message.show_info(self.tr("Locked after inactivity."), 0)

    # -- scanning and adding ---------------------------------------------------------------

    def on_scanner_barcode_scanned(self, code: str) -> None:
        page = self.window.current_page
        # Support log: which screen got a scan and its shape, masked (a loyalty card is personal).
        name = page.objectName() if page is not None else "-"
        log.info("scan on %s: %s (%d characters)", name, masked(code), len(code))
        routed = self._page_scans.get(page) if page is not None else None
        if routed is not None:
            routed(code)  # that screen's scan: a pickup code, a receipt barcode
            return
        if page is self.window.signin:
            self.sign_in_with_badge(code)
            return
        if page is self.window.tender:
            self.show_error(self.tr("Finish or go back from the payment before scanning."))
            return
        if code.endswith(TOO_LONG_MARK):  # one burst, far too long for any barcode
            self.show_error(
                self.tr("That scan was too long to be a barcode (over %1 characters); "
                        "nothing was added. Scan the item again.").replace("%1", str(MAX_BURST))
            )  # fmt: skip
            return
        if self._claimed(self._first_claims, code):
            return  # a loyalty card, not a product
        if page is self.window.receipt:
            self.on_receipt_new_sale_requested()  # the next customer's first scan
        if self.window.sale.side.currentWidget() is not self.window.sale.action_pad:
            self.show_error(self.tr("Finish or cancel the open prompt first (Esc)."))
            return
        self._add_code(code)

    def on_search_code_entered(self, code: str) -> None:
        self._add_code(code)

    def _add_code(self, code: str) -> None:
        if self.register is None:
            return
        if self._claimed(self._first_claims, code):
            return  # a loyalty card typed into the search box
        try:
            line = self.register.scan(code, self.catalog)
        except DomainError as exc:
            if self._claimed(self._unknown_claims, code):
                return  # a coupon barcode
            self.show_error(formatting.error_text(exc))
            return
        warning = expiry_warning(line.trace, date.today())  # the store's local date
        if warning is not None:
            self.show_error(warning)  # sold all the same; the cashier decides (issue 17)
        else:
            self.window.sale.message.clear_message()
        self.show_basket(line.line_no)
        self.line_added.emit(line.line_no)

    def on_search_item_chosen(self, item: CatalogItem) -> None:
        if self.register is None:
            return
        if item.sold_by_weight:
            if any(weigh(item) for weigh in self._weigh_claims):
                return  # the scale's weight comes back through add_weighed

            def weigh(value: str, _reason: str) -> None:
                qty = formatting.parse_decimal(value)
                if qty is None:
                    self.show_error(self.tr("Enter the weight in kg, e.g. 0.750."))
                    return
                self._add_item(item, qty)

            self.ask(
                "weight", self.tr("Weight of %s in kg") % item.name, weigh, placeholder="0.000"
            )
            return
        self._add_item(item, None)

    def add_weighed(self, item: CatalogItem, kg: Decimal) -> None:
        """An item sold by weight, with the weight the scale read."""
        if self.register is not None:
            self._add_item(item, kg)

    def _add_item(self, item: CatalogItem, quantity: Decimal | None) -> None:
        assert self.register is not None
        try:
            line = self.register.add_item(item, quantity)
        except DomainError as exc:
            self.show_error(formatting.error_text(exc))
            return
        self.window.sale.show_actions()
        self.show_basket(line.line_no)
        self.line_added.emit(line.line_no)

    # -- park / resume -----------------------------------------------------------------------

    def on_park_button_clicked(self) -> None:
        if self.register is None:
            return
        register = self.register
        try:
            register.check_park()
        except PermissionDeniedError as exc:
            self.show_error(formatting.error_text(exc))
            return
        if register.basket.is_empty:
            self.show_error(self.tr("There is nothing to park: the basket is empty."))
            return
        basket, actor = _snapshot(register.basket), register.cashier

        def parked(summary: ParkedSummary) -> None:
            register.start_new_sale()
            self.show_basket()
            self.show_info(
                self.tr("Basket parked (%s). Resume it with F8.")
                % formatting.money(summary.total, symbol=True)
            )
            self.basket_parked.emit(summary)

        self.lane.run(
            self._parking(basket, actor),
            parked,
            lambda exc: self.show_error(formatting.error_text(exc)),
        )

    def on_resume_button_clicked(self) -> None:
        if self.register is None:
            return
        if not self.register.basket.is_empty:
            self.show_error(self.tr("Park, void or finish this basket before resuming another."))
            return
        self.lane.run(
            lambda s: self.parking.list_parked(s, self.context),
            self._show_parked,
            lambda exc: self.show_error(formatting.error_text(exc)),
        )

    def _show_parked(self, parked: list[ParkedSummary]) -> None:
        self.window.sale.show_parked()
        self.window.sale.parked.show_parked(parked)

    def on_parked_resume_requested(self, parked_id: int) -> None:
        if self.register is None:
            return
        register, actor = self.register, self.register.cashier

        def resumed(basket: Basket) -> None:
            try:
                register.replace_basket(basket)
            except ValueError as exc:
                self.show_error(formatting.error_text(exc))
                return
            self.window.sale.show_actions()
            self.show_basket()
            self.show_info(self.tr("Basket resumed."))
            self.basket_resumed.emit()

        self.lane.run(
            lambda s: self.parking.resume(s, parked_id, actor=actor, context=self.context),
            resumed,
            lambda exc: self.show_error(formatting.error_text(exc)),
        )

    # -- payment -------------------------------------------------------------------------------

    def on_pay_button_clicked(self) -> None:
        if self.register is None or self.register.basket.is_empty:
            self.show_error(self.tr("The basket is empty: scan an item first."))
            return
        if self.window.sale.side.currentWidget() is not self.window.sale.action_pad:
            self.show_error(self.tr("Finish or cancel the open prompt first (Esc)."))
            return
        total = self.current_totals().total
        self.window.show_page(self.window.tender)
        self.window.tender.start(total, self.context.cash_rounding_step)

    def take_payment(
        self,
        total: Money,
        complete: Callable[[list[Tender]], None],
        cancel: Callable[[], None],
        purpose: PaymentPurpose | None = None,
    ) -> None:
        """The normal tender panel for another screen (a pay-in-store collection): the panel's
        complete/cancel go to ``complete``/``cancel`` until ``end_payment``, not to the basket;
        ``purpose`` titles the panel and its buttons for that screen until then."""
        self._tender_for = (complete, cancel)
        self.window.show_page(self.window.tender)
        self.window.tender.start(total, self.context.cash_rounding_step, purpose)

    def end_payment(self) -> None:
        self._tender_for = None
        self.window.tender.set_purpose(None)  # the sale screen's panel again

    def on_tender_cancelled(self) -> None:
        if self._tender_for is not None:
            cancel = self._tender_for[1]
            self.end_payment()
            cancel()
            return
        self.window.show_page(self.window.sale)
        self.window.sale.show_actions()

    def on_tender_complete_requested(self, tenders: list[Tender]) -> None:
        if self._tender_for is not None:
            self._tender_for[0](tenders)  # that screen calls end_payment once it is recorded
            return
        if self.register is None:
            return
        register = self.register
        basket, cashier = _snapshot(register.basket), register.cashier.name
        drawer, till_id = self.drawer, self.context.till_id
        cash = any(t.kind is TenderKind.CASH for t in tenders)
        customer = self._customer
        coupons, checked = register.coupons, register.coupons_checked_online
        aisle = self.aisle_order

        def op(session: Session) -> tuple[CompletedSale, DrawerOpen | None]:
            # One transaction: the sale and the drawer open it causes are journaled together
            # (services.sale.drawer); the kick itself happens after the commit, on the device
            # worker.
            done = self.checkout.complete_sale(
                session,
                basket=basket,
                tenders=tenders,
                cashier=cashier,
                context=self.context,
                offline=self.is_offline(),
                customer_ref=customer.hub_ref if customer is not None else None,
                customer_email=customer.email if customer is not None else None,
                coupons=coupons,
                coupons_checked_online=checked,
                aisle=aisle,
            )
            self.in_progress.clear(session, self.context)  # sold: never comes back
            opened = None
            if drawer is not None:
                opened = drawer.record_sale_open(
                    session, till_id=till_id, cashier=cashier, receipt_no=done.receipt_no,
                    cash=cash,
                )  # fmt: skip
            return done, opened

        def completed(outcome: tuple[CompletedSale, DrawerOpen | None]) -> None:
            done, opened = outcome
            self.aisle_order = None  # ordered with this sale
            register.start_new_sale()
            self.show_basket()
            self.window.receipt.show_receipt(done.receipt)
            self.window.show_page(self.window.receipt)
            # The sale's outbox event is sent now; on_op_changes re-emits sale and drawer open.
            self.changes.publish(
                OpChanges(basket=True, outbox=True, sale=done, drawer_open=opened), origin=self
            )

        def failed(exc: Exception) -> None:
            self.window.tender.set_busy(False)
            self.show_error(self.tr("The sale was not recorded: %s") % formatting.error_text(exc))

        self.lane.run(op, completed, failed)

    def on_receipt_new_sale_requested(self) -> None:
        self.window.show_page(self.window.sale)
        self.window.sale.show_actions()
        self.window.sale.message.clear_message()
