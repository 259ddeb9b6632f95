"""Wires the collections screen to the service: every action is a DbLane op with callbacks.

The sync client's feed listener is re-emitted as a Qt signal (it fires on the sync thread);
a new web order flashes the sale screen's Collections button (``cue.py``: the X bell is
silent on most tills) and updates its badge.

Hand-over gives what the Give now boxes say (all that waits, by default). A pay-in-store order
first goes through the till's normal tender panel (``SaleController.take_payment``) for the
amount the service prices those lines at; the checkout and the hand-over are one transaction,
after which the sale receipt prints through the till's usual path (``sale_completed``), the
collection receipt is printed (``receipt_ready``) and previewed, and the screen comes back.
Expiring late orders and clearing a review need a manager: on ``PermissionDeniedError`` the
inline prompt asks for a manager's PIN and a reason, and the action is retried with the approval.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget
from sqlalchemy.orm import Session

from pos_app.domain.click_collect.orders import CollectionError, OrderState
from pos_app.domain.money import Money
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.click_collect.queue import OrderDetail, OrderSummary, Queue
from pos_app.services.click_collect.steps import CollectionsService, HandOver, Ready
from pos_app.services.sale.drawer import DrawerOpen
from pos_app.services.store.till_context import TillContext
from pos_app.ui import formatting
from pos_app.ui.click_collect.approvals import ApprovalsMixin
from pos_app.ui.click_collect.cue import NewOrderCue
from pos_app.ui.click_collect.page import CollectionsPage
from pos_app.ui.runner import DbLane
from pos_app.ui.sale.controller import SaleController
from pos_app.ui.sale.tender_panel import PaymentPurpose
from sync.wire_kinds import FeedKind

T = TypeVar("T")
# Queues a document on the receipt printer's own worker; None when there is no printer.
PrintDocument = Callable[[ReceiptDocument], "Future[bool] | None"]


log = logging.getLogger(__name__)


class CollectionsController(ApprovalsMixin, QObject):
    feed_applied = Signal(object)  # the kinds of a feed page, re-emitted from the sync thread
    queue_refreshed = Signal(object)  # Queue
    order_marked_ready = Signal(object)  # Ready: the bag labels are to be printed
    handed_over = Signal(object)  # HandOver, once committed
    receipt_ready = Signal(object)  # ReceiptDocument: the collection receipt, to be printed
    approval_granted = Signal(object)  # Approval
    new_orders_arrived = Signal(int)  # count of new orders, after a feed page brought one
    error_shown = Signal(str)
    pick_list_printed = Signal(str, bool)  # order number; False: it waits for the printer

    def __init__(
        self,
        *,
        page: CollectionsPage,
        badge_button: QPushButton,
        lane: DbLane,
        service: CollectionsService,
        context: TillContext,
        staff: Callable[[], str | None],
        show_page: Callable[[QWidget], None],
        back: Callable[[], None],
        is_offline: Callable[[], bool] = lambda: False,
        changes: ChangeNotifier,
        sales: SaleController | None = None,
        print_document: PrintDocument | None = None,
        printer_problem: Callable[[], str] = lambda: "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self.badge_button, self.lane, self.service = page, badge_button, lane, service
        self.context, self._staff, self._show_page, self._back = context, staff, show_page, back
        self.is_offline = is_offline
        self.sales = sales  # the tender panel, the drawer, the signed-in user
        self.changes = changes
        self._print, self._printer_problem = print_document, printer_problem
        self.current_detail: OrderDetail | None = None
        self._approve: Callable[[str, str], None] | None = None
        self.current: str | None = None
        self.current_state: OrderState | None = None
        self._badge_text = badge_button.text()
        self.new_count = 0
        self.cue = NewOrderCue(badge_button)
        # What the list is filtered by (the search box's text once entered); a refresh (a new
        # web order from the feed, a step) keeps the filter the box shows (issue 15).
        self.filter: str | None = None
        page.order_chosen.connect(self.on_page_order_chosen)
        page.search_entered.connect(self.on_page_search_entered)
        page.search_cleared.connect(self.on_page_search_cleared)
        page.start_button.clicked.connect(self.on_start_button_clicked)
        page.short_button.clicked.connect(self.on_short_button_clicked)
        page.ready_button.clicked.connect(self.on_ready_button_clicked)
        page.handover_button.clicked.connect(self.on_handover_button_clicked)
        page.ship_button.clicked.connect(self.on_ship_button_clicked)
        page.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        page.expire_button.clicked.connect(self.on_expire_button_clicked)
        page.review_button.clicked.connect(self.on_review_button_clicked)
        page.back_button.clicked.connect(self.on_back_button_clicked)
        page.print_button.clicked.connect(self.on_print_button_clicked)
        self.pick_list_printed.connect(self.on_self_pick_list_printed)
        page.prompt.accepted.connect(self.on_prompt_accepted)
        page.prompt.cancelled.connect(self.on_prompt_cancelled)
        badge_button.clicked.connect(self.open)
        self.feed_applied.connect(self.on_self_feed_applied)

    # -- feed ------------------------------------------------------------------------------

    def feed_listener(self, kinds: Collection[FeedKind], _count: int) -> None:
        """For TillSync.add_feed_listener: runs on the sync thread, so only emit."""
        self.feed_applied.emit(set(kinds))

    def on_self_feed_applied(self, kinds: set[FeedKind]) -> None:
        if FeedKind.WEB_ORDER in kinds:
            self.refresh(announce=True)

    # -- refreshing ------------------------------------------------------------------------

    def refresh(self, *, announce: bool = False) -> None:
        service, ctx, text = self.service, self.context, self.filter

        def op(session: Session) -> tuple[Queue, list[OrderSummary] | None]:
            # Conflicts from the feed / refused events; gives back stock held for an order
            # closed online.
            service.reconcile(session, context=ctx)
            return service.queue(session), (None if text is None else service.find(session, text))

        def done(outcome: tuple[Queue, list[OrderSummary] | None]) -> None:
            queue, found = outcome
            count = queue.counts[OrderState.NEW]
            if announce and count > self.new_count:
                self.cue.start()
                self.new_orders_arrived.emit(count)
            self.set_badge(count, queue.review_count)
            self.page.show_queue(queue, self.current)
            if found is not None and self.filter == text:  # not cleared meanwhile
                self.page.show_orders(found, self.current)
            # Refreshed after each step (and reconciled): the events it queued go out now.
            self.changes.publish(OpChanges(collections=True, outbox=True), origin=self)
            self.queue_refreshed.emit(queue)

        self.lane.run(op, done, self._failed)

    def set_badge(self, new: int, review: int) -> None:
        self.new_count = new
        # The counts go on the shortcut line: the name's line is already as wide as the button
        # (issue 15: "lick & collect (1 new" at 1024 px).
        text = self._badge_text
        if new:
            text += self.tr("  ·  %1 new").replace("%1", str(new))
        if review:
            text += self.tr("  ⚠%1").replace("%1", str(review))
        self.badge_button.setText(text)

    def open(self) -> None:
        self.cue.stop()
        self._show_page(self.page)
        self.page.search.setFocus()
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, (CollectionError, ValueError)):
            exc = CollectionError(
                self.tr("Could not do that: %1").replace("%1", formatting.error_text(exc))
            )
        self.page.message.show_error(formatting.error_text(exc))
        self.error_shown.emit(formatting.error_text(exc))

    def _show(self, detail: OrderDetail, info: str = "") -> None:
        if (detail.summary.number, detail.summary.state) != (self.current, self.current_state):
            log.info("order %s shown: %s", detail.summary.number, detail.summary.state.value)
        self.current, self.current_state = detail.summary.number, detail.summary.state
        self.current_detail = detail
        self.page.show_detail(detail)
        self.page.set_next_action(self._next_button(detail))
        timeout = 4000
        if detail.summary.state is OrderState.PICKING and detail.fully_picked:
            # Two short sentences that point to the highlighted next step, and stay until it
            # is taken (the last scan's own words would make it three; issue 15).
            info, timeout = self.tr("All items picked. Next: Ready + label (F5) or Enter."), 0
        if info:
            self.page.message.show_info(info, timeout)
        self.refresh()

    def _next_button(self, detail: OrderDetail) -> QPushButton | None:
        """The step an associate takes next on this order (issue 15: nothing pointed to Ready
        once picking was complete); None while items remain to scan."""
        page, state = self.page, detail.summary.state
        if state is OrderState.NEW:
            return page.start_button
        if state is OrderState.PICKING:
            return page.ready_button if detail.fully_picked else None
        if state is OrderState.READY and detail.summary.delivery:
            return page.ship_button
        if state in (OrderState.READY, OrderState.PARTIALLY_COLLECTED):
            return page.handover_button
        return None

    def _on_order(self, op: Callable[[Session, str, str], Any], info: str = "") -> None:
        number, staff = self.current, self._staff()
        if number is None:
            self._failed(CollectionError(self.tr("Choose an order first.")))
            return
        if staff is None:
            self._failed(CollectionError(self.tr("Sign in first.")))
            return
        self.lane.run(lambda s: op(s, number, staff), lambda d: self._show(d, info), self._failed)

    # -- slots -----------------------------------------------------------------------------

    def on_page_order_chosen(self, number: str) -> None:
        self.current = number
        self.page.message.clear_message()  # what was said was about the previous order
        self.lane.run(lambda s: self.service.detail(s, number), self._show, self._failed)

    def on_page_search_cleared(self) -> None:
        if self.filter is not None:
            self.filter = None
            self.refresh()  # the whole queue again

    def on_page_search_entered(self, text: str) -> None:
        self.filter = text if text.strip() else None

        def found(orders: list[Any]) -> None:
            if len(orders) == 1:
                self.on_page_order_chosen(orders[0].number)
            elif not orders:
                self._failed(CollectionError(self.tr("No order matches %1.").replace("%1", text)))
            self.page.show_orders(orders, self.current)

        self.lane.run(lambda s: self.service.find(s, text), found, self._failed)

    def on_scanner_barcode_scanned(self, code: str) -> None:
        """While this screen is shown: a pick scan if picking, else a pickup code look-up."""
        if self.current is not None and self.current_state is OrderState.PICKING:
            svc, number, staff = self.service, self.current, self._staff() or ""

            def picked(outcome: Any) -> None:
                self._show(outcome.detail, formatting.message_text(outcome.message))

            self.lane.run(lambda s: svc.scan_pick(s, number, code, staff=staff), picked,
                          self._failed)  # fmt: skip
            return
        detail = self.current_detail
        shipping = detail is not None and detail.summary.delivery
        if shipping and self.current_state is OrderState.READY:
            self.page.note.setText(code)  # the parcel's label, for Shipped
            return
        self.page.search.setText(code)
        self.on_page_search_entered(code)

    def on_start_button_clicked(self) -> None:
        ctx = self.context
        self._on_order(lambda s, n, st: self.service.start_picking(s, n, staff=st, context=ctx),
                       self.tr("Picking: scan each item."))  # fmt: skip

    def on_short_button_clicked(self) -> None:
        line = self.page.selected_line()
        if line is None:
            self._failed(CollectionError(self.tr("Touch the line that is short first.")))
            return
        self._on_order(lambda s, n, _st: self.service.mark_short(s, n, line),
                       self.tr("Marked short: the hub decides refund or substitute."))  # fmt: skip

    def on_print_button_clicked(self) -> None:
        number, staff, ctx, send = self.current, self._staff() or "", self.context, self._print
        if number is None:
            self._failed(CollectionError(self.tr("Choose an order first.")))
            return
        no_printer = self.tr("This till has no receipt printer: pick from the screen.")

        def built(doc: ReceiptDocument) -> None:
            job = send(doc) if send is not None else None  # the printer's worker, not here
            if job is None:
                self._failed(CollectionError(no_printer))
                return
            self.page.message.show_info(self.tr("Printing the pick list…"), 0)
            job.add_done_callback(lambda done: self.pick_list_printed.emit(number, _ok(done)))

        self.lane.run(lambda s: self.service.pick_list(s, number, staff=staff, context=ctx),
                      built, self._failed)  # fmt: skip

    def on_self_pick_list_printed(self, number: str, printed: bool) -> None:
        if number != self.current:
            return  # the associate has moved on; the status bar tells about the printer
        if printed:
            self.page.message.show_info(self.tr("Pick list of %1 printed.").replace("%1", number))
            return
        problem = self._printer_problem() or self.tr("the printer does not answer")
        text = self.tr("Pick list not printed: %1. It prints by itself when the printer is back.")
        self._failed(CollectionError(text.replace("%1", problem)))

    def on_ready_button_clicked(self) -> None:
        number, staff, ctx = self.current, self._staff() or "", self.context
        if number is None:
            self._failed(CollectionError(self.tr("Choose an order first.")))
            return

        def ready(done: Ready) -> None:
            self._show(done.detail, self.tr("Ready: stick the label on the bag."))
            self.order_marked_ready.emit(done)

        self.lane.run(lambda s: self.service.mark_ready(s, number, staff=staff, context=ctx),
                      ready, self._failed)  # fmt: skip

    def on_handover_button_clicked(self) -> None:
        number, staff, detail = self.current, self._staff(), self.current_detail
        if number is None or detail is None or detail.summary.number != number:
            self._failed(CollectionError(self.tr("Choose an order first.")))
            return
        if staff is None:
            self._failed(CollectionError(self.tr("Sign in first.")))
            return
        note, give = self.page.note.text(), self.page.handover_quantities()
        if not note.strip():  # asked before any payment is taken; the service checks it too
            # The cursor goes where the note is typed (or the pickup code scanned): the words
            # alone left the associate looking for the box (issue 15).
            text = self.tr("Check the customer's ID or pickup code, then note it here.")
            self._failed(CollectionError(text))
            self.page.note.setFocus()
            return
        if detail.summary.paid:
            self._hand_over(number, staff, note, give, [])
            return
        sales, ctx = self.sales, self.context
        if sales is None:
            self._failed(CollectionError(self.tr("This till cannot take payments.")))
            return

        purpose = PaymentPurpose(
            # One line: the button below says the goods go once paid (a second line of
            # words made the panel taller than a 768-px screen in German; issue 15).
            title=self.tr("Pay for order %1 · %2")
            .replace("%1", number)
            .replace("%2", detail.summary.customer_name),
            complete=self.tr("Take payment and hand over"),
            back=self.tr("Back to order"),
            busy=self.tr("Recording the payment and the hand-over…"),
        )

        def pay(total: Money) -> None:
            sales.take_payment(
                total,
                lambda tenders: self._hand_over(number, staff, note, give, tenders),
                self.on_tender_cancelled,
                purpose,
            )

        self.lane.run(
            lambda s: self.service.amount_due(s, number, context=ctx, quantities=give),
            pay,
            self._failed,
        )

    def on_ship_button_clicked(self) -> None:
        """A delivery's last step: the bags left with the carrier (no customer, no payment)."""
        ref, ctx = self.page.note.text(), self.context

        def ship(s: Session, number: str, staff: str) -> OrderDetail:
            return self.service.ship(s, number, staff=staff, context=ctx, tracking_ref=ref)

        self.page.note.clear()
        self._on_order(ship, self.tr("Shipped: the order is closed and the customer told."))

    def on_tender_cancelled(self) -> None:
        """Back from the tender panel without paying: nothing was written."""
        self._show_page(self.page)
        self.page.message.show_info(self.tr("Not paid: nothing was handed over."))

    def _hand_over(
        self,
        number: str,
        staff: str,
        note: str,
        give: dict[int, int] | None,
        tenders: list[Tender],
    ) -> None:
        svc, ctx, offline, sales = self.service, self.context, self.is_offline(), self.sales
        drawer = sales.drawer if sales is not None and tenders else None
        cash = any(t.kind is TenderKind.CASH for t in tenders)

        def op(s: Session) -> tuple[HandOver, DrawerOpen | None]:
            done = svc.hand_over(
                s, number, staff=staff, context=ctx, identity_note=note, quantities=give,
                tenders=tenders, offline=offline,
            )  # fmt: skip
            opened = None
            if drawer is not None and done.sale is not None:  # journaled with the sale
                opened = drawer.record_sale_open(
                    s, till_id=ctx.till_id, cashier=staff, receipt_no=done.sale.receipt_no,
                    cash=cash,
                )  # fmt: skip
            return done, opened

        def handed(outcome: tuple[HandOver, DrawerOpen | None]) -> None:
            done, opened = outcome
            if tenders and sales is not None:
                sales.end_payment()
                self._show_page(self.page)
            self.page.note.clear()
            self._show(done.detail, self.tr("Handed over: the receipt is printing."))
            self.page.show_receipt(done.receipt)
            # A sale paid here takes the till's receipt path and display, as a rung-up one.
            self.changes.publish(
                OpChanges(collections=True, outbox=True, sale=done.sale, drawer_open=opened),
                origin=self,
            )
            self.receipt_ready.emit(done.receipt)
            self.handed_over.emit(done)

        def failed(exc: Exception) -> None:
            if not tenders or self.sales is None:
                self._failed(exc)
                return
            tender = self.sales.window.tender  # stay on the payment: fix it or go back
            tender.set_busy(False)
            tender.message.show_error(
                self.tr("Not recorded: %1").replace("%1", formatting.error_text(exc))
            )
            self.error_shown.emit(formatting.error_text(exc))

        self.lane.run(op, handed, failed)

    def on_cancel_button_clicked(self) -> None:
        reason, ctx = self.page.note.text(), self.context
        self._on_order(lambda s, n, st: self.service.cancel(s, n, reason=reason, staff=st,
                       context=ctx), self.tr("Cancelled."))  # fmt: skip

    def on_expire_button_clicked(self) -> None:
        ctx = self.context

        def expired(numbers: list[str]) -> None:
            self.page.message.show_info(self.tr("Expired %n overdue order(s).", "", len(numbers)))
            self.refresh()

        self._guarded(
            self.tr("Expire late orders"),
            lambda s, actor, ok: self.service.expire_overdue(
                s, actor=actor, context=ctx, approval=ok
            ),
            expired,
        )

    def on_review_button_clicked(self) -> None:
        number = self.current
        if number is None:
            self._failed(CollectionError(self.tr("Choose an order first.")))
            return
        self._guarded(
            self.tr("Mark order %1 reviewed").replace("%1", number),
            lambda s, actor, ok: self.service.acknowledge(s, number, actor=actor, approval=ok),
            lambda d: self._show(d, self.tr("Reviewed.")),
        )

    def on_back_button_clicked(self) -> None:
        self._back()


def _ok(job: Future[bool]) -> bool:
    return not job.cancelled() and job.exception() is None and job.result() is True
