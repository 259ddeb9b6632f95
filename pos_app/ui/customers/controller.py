"""Wires the customer panel and the email-receipt bar to ``services.customers.directory``.

Hub calls run on ``HubLane`` (one worker thread with its own ``HubLookups``), cache and outbox
writes on the DB lane; results come back to the GUI thread through queued signals. When the
hub cannot be reached, look-ups are answered from this till's recent customers and a new
customer is queued (``customer.created``) and attached at once.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QPushButton

from pos_app.domain.receipt import render_text
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.customers import directory as svc
from pos_app.services.customers.directory import (
    CustomerCache,
    CustomerError,
    CustomerExistsError,
    CustomerRef,
    LoyaltyCardFormat,
)
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store.till_context import TillContext
from pos_app.ui import formatting
from pos_app.ui.customers.panel import CustomerPanel, EmailReceiptBar
from pos_app.ui.runner import DbLane
from pos_app.ui.sale.controller import SaleController
from sync.client.errors import HubUnreachable

if TYPE_CHECKING:
    from sync.client.lookups import HubLookups

T = TypeVar("T")
log = logging.getLogger(__name__)
OFFLINE_NOTE = str(
    QT_TRANSLATE_NOOP("CustomerController", "Offline — from this till's recent customers.")
)
SHORTCUT = "Ctrl+U"  # F1-F12 are all taken on the sale screen


class HubLane(QObject):
    """Online look-ups off the GUI thread: one worker, one ``HubLookups`` made on it."""

    _done = Signal(object)  # (task id, ok, result or exception)

    def __init__(self, connect: Callable[[], HubLookups] | None, parent: QObject | None = None):
        super().__init__(parent)
        self._connect = connect
        self._lookups: HubLookups | None = None  # touched on the worker thread only
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-lookups")
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._done.connect(self.on_self_done)

    @property
    def connected(self) -> bool:
        """False for a standalone till (no hub enrolled)."""
        return self._connect is not None

    def run(
        self,
        op: Callable[[HubLookups], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_success, on_failure)
        emit = self._done.emit

        def job() -> None:
            try:
                if self._connect is None:
                    raise HubUnreachable("this till is not connected to a hub")
                if self._lookups is None:
                    self._lookups = self._connect()
                result: object = op(self._lookups)
            except Exception as exc:  # reported to the GUI
                emit((task_id, False, exc))
            else:
                emit((task_id, True, result))

        self._pool.submit(job)

    def on_self_done(self, outcome: tuple[int, bool, object]) -> None:
        task_id, ok, result = outcome
        on_success, on_failure = self._callbacks.pop(task_id)
        if ok:
            on_success(result)
        else:
            assert isinstance(result, Exception)
            on_failure(result)

    def shutdown(self) -> None:
        def close() -> None:
            if self._lookups is not None:
                self._lookups.close()

        self._pool.submit(close)
        self._pool.shutdown(wait=False)


def install_customer_widgets(
    sales: SaleController,
) -> tuple[CustomerPanel, EmailReceiptBar, QPushButton]:
    """Add the panel to the sale screen's right column (opened by its Customer button) and the
    email bar under the receipt (kept out of sale_view/receipt_view: they stay layout-only)."""
    sale, receipt = sales.window.sale, sales.window.receipt
    panel = CustomerPanel()
    sale.side.addWidget(panel)
    button = sale.customer_button
    bar = EmailReceiptBar()
    side = receipt.side
    side.insertWidget(side.indexOf(receipt.next_hint) + 1, bar)
    return panel, bar, button


class CustomerController(QObject):
    customer_attached = Signal(object)  # CustomerRef
    customer_detached = Signal()
    receipt_email_queued = Signal(str)  # the address
    error_shown = Signal(str)

    def __init__(
        self,
        *,
        sales: SaleController,
        changes: ChangeNotifier,
        lane: DbLane,
        hub: HubLane,
        context: TillContext,
        cache: CustomerCache | None = None,
        cards: LoyaltyCardFormat | None = None,
        is_offline: Callable[[], bool] = lambda: False,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sales, self.lane, self.hub, self.context = sales, lane, hub, context
        self.changes = changes
        self.cache = cache or CustomerCache()
        self.cards = cards or LoyaltyCardFormat()
        self.is_offline, self.clock = is_offline, clock
        self.panel, self.email_bar, self.button = install_customer_widgets(sales)
        self.panel.currency = context.currency
        self._chosen = 0  # generation: a late history for another customer is dropped
        self._last_sale: CompletedSale | None = None
        self.button.clicked.connect(self.open)
        self.panel.search_requested.connect(self.on_panel_search_requested)
        self.panel.customer_chosen.connect(self.on_panel_customer_chosen)
        self.panel.attach_requested.connect(self.on_panel_attach_requested)
        self.panel.detach_requested.connect(self.on_panel_detach_requested)
        self.panel.create_requested.connect(self.on_panel_create_requested)
        self.panel.closed.connect(self.close)
        self.email_bar.send_requested.connect(self.on_email_bar_send_requested)
        sales.sale_completed.connect(self.on_sales_sale_completed)
        sales.signed_out.connect(self.detach)
        # A parked basket does not keep its customer: the next basket must not inherit them.
        sales.basket_parked.connect(lambda _summary: self.detach())
        sales.claim_scans_first(self.customer_scan)
        self._show_attached()

    # -- opening, closing, scanning ------------------------------------------------------------

    @property
    def attached(self) -> CustomerRef | None:
        return self.sales.customer

    def open(self) -> None:
        sale = self.sales.window.sale
        if self.sales.register is None:
            return
        if sale.side.currentWidget() not in (sale.action_pad, self.panel):
            self.sales.show_error(self.tr("Finish or cancel the open prompt first (Esc)."))
            return
        self.sales.window.show_page(sale)
        sale.side.setCurrentWidget(self.panel)
        self.panel.open(self.attached)
        if self.attached is not None:  # fresh history and credit each time the panel opens
            self.on_panel_customer_chosen(self.attached)

    def close(self) -> None:
        self.sales.window.sale.show_actions()

    def customer_scan(self, code: str) -> bool:
        """A loyalty card scanned or keyed anywhere on the sale screen: find its customer."""
        if self.sales.register is None or not self.cards.matches(code):
            return False
        if self.panel.is_creating():  # a new card for the customer being created
            self.panel.card_edit.setText(code.strip().upper())
            return True
        self.open()
        self.panel.query_edit.setText(code.strip().upper())
        self.on_panel_search_requested(code)
        return True

    # -- search, details -------------------------------------------------------------------------

    def _staff_code(self) -> str | None:
        """Who is signed in: sent with every customer look-up, which the hub logs."""
        register = self.sales.register
        return register.cashier.code if register is not None else None

    def _fail(self, text: str) -> None:
        self.panel.message.show_error(text)
        self.error_shown.emit(text)

    def on_panel_search_requested(self, text: str) -> None:
        try:
            query = svc.parse_query(text, self.cards)
        except CustomerError as exc:
            self._fail(formatting.error_text(exc))
            return
        self.panel.set_busy(True)
        self.panel.message.show_info(self.tr("Looking up…"), 0)

        def found(customers: list[CustomerRef]) -> None:
            self.panel.set_busy(False)
            self.panel.message.clear_message()
            self.panel.show_results(customers)
            if not customers:
                self.panel.message.show_info(
                    self.tr("No customer found. Create one with “New customer”."), 0
                )
                return
            self._remember(customers)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, svc.OFFLINE_ERRORS):
                self.panel.set_busy(False)
                self._fail(self.tr("The hub refused the look-up: %s") % formatting.error_text(exc))
                return

            def offline(customers: list[CustomerRef]) -> None:
                self.panel.set_busy(False)
                self.panel.show_results(customers)
                note = self.tr(OFFLINE_NOTE)
                if not customers:
                    note += " " + self.tr("Not among them: create the customer (it is queued).")
                self.panel.message.show_info(note, 0)

            self.lane.run(lambda s: self.cache.find(s, query), offline,
                          lambda e: self._fail(formatting.error_text(e)))  # fmt: skip

        staff = self._staff_code()
        self.hub.run(lambda hub: svc.search_hub(hub, query, staff), found, failed)

    def on_panel_customer_chosen(self, customer: CustomerRef) -> None:
        self._chosen += 1
        generation = self._chosen
        if customer.hub_ref is None:
            note = self.tr("Created at this till: its history shows once the hub has it.")
            self.panel.show_customer(customer, None, note)
            return
        self.panel.show_customer(customer, None, self.tr("Loading recent orders…"))

        def shown(history: Any) -> None:
            if generation == self._chosen:
                self.panel.show_customer(customer, history, None)

        def failed(exc: Exception) -> None:
            if generation != self._chosen:
                return
            if isinstance(exc, svc.OFFLINE_ERRORS):
                note = self.tr("Offline — recent orders and store credit need the hub.")
            else:
                note = self.tr("Recent orders unavailable: %s") % formatting.error_text(exc)
            self.panel.show_customer(customer, None, note)

        staff = self._staff_code()
        self.hub.run(lambda hub: svc.history_at_hub(hub, customer, staff), shown, failed)

    # -- attach, detach, create -----------------------------------------------------------------

    def on_panel_attach_requested(self, customer: CustomerRef) -> None:
        self.sales.attach_customer(customer)  # customer-only promotions apply from now on
        self._show_attached()
        self.close()
        self.sales.show_info(self.tr("%s attached to this sale.") % customer.name)
        self._remember([customer])
        self.customer_attached.emit(customer)

    def _remember(self, customers: list[CustomerRef]) -> None:
        """Into this till's recent customers (what answers when the hub is away)."""
        now = self.clock()
        self.lane.run(
            lambda s: self.cache.remember(s, customers, now),
            None,
            lambda exc: log.warning("customer cache not updated: %s", exc),
        )

    def on_panel_detach_requested(self) -> None:
        had = self.attached
        self.detach()
        self.close()
        if had is not None:
            self.sales.show_info(self.tr("%s detached.") % had.name)

    def detach(self) -> None:
        if self.sales.customer is None:
            return
        self.sales.attach_customer(None)
        self._show_attached()
        self.customer_detached.emit()

    def _show_attached(self) -> None:
        customer = self.attached
        # A third of the button row: a long name is cut (the panel shows it whole).
        name = None if customer is None else customer.name
        text = self.tr("Customer") if name is None else name if len(name) <= 12 else name[:11] + "…"
        self.button.setText(f"{text}\n{SHORTCUT}")
        self.button.setProperty("role", "" if customer is None else "primary")
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)

    def on_panel_create_requested(self, name: str, email: str, phone: str, card: str) -> None:
        try:
            new = svc.new_customer(name, email, phone, card, self.cards)
        except CustomerError as exc:
            self._fail(formatting.error_text(exc))
            return
        self.panel.set_busy(True)

        def created(customer: CustomerRef) -> None:
            self.panel.set_busy(False)
            self.panel.clear_form()
            self.on_panel_attach_requested(customer)

        def failed(exc: Exception) -> None:
            if isinstance(exc, CustomerExistsError):
                self.panel.set_busy(False)
                self.panel.show_find()
                if exc.existing is not None:
                    self.panel.show_results([exc.existing])
                    self._fail(
                        self.tr("%s — press Attach to use that customer.")
                        % formatting.error_text(exc)
                    )
                else:  # e.g. the loyalty card is someone else's
                    self.panel.show_create()
                    self._fail(formatting.error_text(exc))
                return
            if not isinstance(exc, svc.OFFLINE_ERRORS):
                self.panel.set_busy(False)
                self._fail(
                    self.tr("The hub refused the new customer: %s") % formatting.error_text(exc)
                )
                return
            now, store = self.clock(), self.context.store_id

            def queued(customer: CustomerRef) -> None:
                created(customer)
                self.sales.show_info(
                    self.tr("Offline: %s created at this till and attached; the hub gets it "
                            "when the connection is back.") % customer.name
                )  # fmt: skip
                self.changes.publish(OpChanges(outbox=True), origin=self)  # customer.created

            def not_queued(exc: Exception) -> None:
                self.panel.set_busy(False)
                self._fail(formatting.error_text(exc))

            self.lane.run(
                lambda s: svc.queue_created(s, new, store_id=store, now=now, cache=self.cache),
                queued,
                not_queued,
            )

        self.hub.run(lambda hub: svc.create_at_hub(hub, new), created, failed)

    # -- after the sale: email receipt ----------------------------------------------------------

    def on_sales_sale_completed(self, done: CompletedSale) -> None:
        customer = self.attached
        self._last_sale = done
        self.email_bar.reset(customer.email if customer is not None else "")
        self.detach()  # the customer belonged to that sale; the next one starts anonymous

    def on_email_bar_send_requested(self, address: str) -> None:
        done = self._last_sale
        bar = self.email_bar
        if done is None:
            return
        if not self.hub.connected:  # nothing would ever send it: say so, queue nothing
            bar.message.show_error(
                self.tr("This till is not connected to a hub: receipts cannot be emailed.")
            )
            return
        try:
            email = svc.receipt_email(
                sale_uuid=done.sale_uuid, receipt_no=done.receipt_no,
                store_name=self.context.store_name, to=address,
                receipt_text=render_text(done.receipt, 42),
            )  # fmt: skip
        except CustomerError as exc:
            bar.message.show_error(formatting.error_text(exc))
            self.error_shown.emit(formatting.error_text(exc))
            return
        now, store = self.clock(), self.context.store_id
        bar.send_button.setEnabled(False)

        def queued(_event_id: str) -> None:
            if self.is_offline():
                text = self.tr("Queued for %s: the hub emails it once the till is back online.")
            else:
                text = self.tr("Email queued for %s: the hub sends it in a moment.")
            bar.message.show_info(text % email.to, 0)
            self.changes.publish(OpChanges(outbox=True), origin=self)  # the email request
            self.receipt_email_queued.emit(email.to)

        def failed(exc: Exception) -> None:
            bar.send_button.setEnabled(True)
            bar.message.show_error(formatting.error_text(exc))

        self.lane.run(
            lambda s: svc.queue_receipt_email(s, email, store_id=store, now=now), queued, failed
        )
