"""Web orders on the Returns screen: look-up bar, hub warnings banner, and their controller.

Added to ``ReturnsPage`` from outside (the page only gains two widgets at the top), so the
in-store receipt path stays as it is. The hub look-up runs on its own one-thread executor
(network never on the GUI thread, and never in the database lane where it would hold up a
sale); the result comes back through a queued signal, then the till's own unsent returns are
taken off in the database lane. Errors are inline: hub offline, not found, nothing left.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pos_app.domain.returns.rules import ReturnError, ReturnItem
from pos_app.services.changes import OpChanges
from pos_app.services.returns import reviews as return_reviews
from pos_app.services.returns.in_store import CompletedReturn, ReturnApprovalRequiredError
from pos_app.services.returns.web_orders import (
    ReturnLookups,
    WebOrderReturn,
    WebReturnsService,
    find_on_hub,
)
from pos_app.services.sale.checkout import utc_now
from pos_app.services.sale.drawer import DrawerOpen
from pos_app.services.staff.auth import Approval, AuthResult, Permission
from pos_app.services.store.till_context import TillContext
from pos_app.ui import formatting
from pos_app.ui.returns.controller import ReturnsController
from pos_app.ui.returns.page import ReturnsPage
from pos_app.ui.runner import DbLane
from pos_app.ui.sale.controller import SaleController
from pos_app.ui.widgets import TOUCH_MIN, action_button
from sync.client.errors import HubUnreachable, NotFound

if TYPE_CHECKING:
    from sync.protocol import Returnable

WEB_ORDER_KEY = "F6"


class WebOrderBar(QWidget):
    """Order number or email field, its button (F6), and a chooser when an email has several."""

    lookup_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setObjectName("returnsWebOrder")
        self.edit.setPlaceholderText(self.tr("Web order number or customer email"))
        self.edit.setMinimumHeight(TOUCH_MIN)
        self.edit.returnPressed.connect(self.on_edit_return_pressed)
        row.addWidget(self.edit, 3)
        self.choice = QComboBox()
        self.choice.setObjectName("returnsWebOrderChoice")
        self.choice.setMinimumHeight(TOUCH_MIN)
        self.choice.hide()
        row.addWidget(self.choice, 2)
        self.button = action_button(self.tr("Find web order"), WEB_ORDER_KEY)
        self.button.setMinimumHeight(TOUCH_MIN)
        self.button.setText(self.tr("Find web order (%1)").replace("%1", WEB_ORDER_KEY))
        self.button.clicked.connect(self.on_button_clicked)
        row.addWidget(self.button, 1)

    def on_edit_return_pressed(self) -> None:
        self.lookup_requested.emit(self.edit.text())

    def on_button_clicked(self) -> None:
        if self.edit.hasFocus() and self.edit.text().strip():
            self.lookup_requested.emit(self.edit.text())
        else:  # first press: go to the field (the receipt field had the focus)
            self.edit.setFocus()
            self.edit.selectAll()

    def reset(self) -> None:
        self.edit.clear()
        self.choice.clear()
        self.choice.hide()


class HubReviewBanner(QFrame):
    """What the hub flagged about this till's returns, until a manager marks it seen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubReviewBanner")
        self.setProperty("level", "error")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.seen_button = QPushButton(self.tr("Seen (manager)"))
        self.seen_button.setMinimumHeight(TOUCH_MIN)
        row.addWidget(self.seen_button)
        self.ids: list[int] = []
        self.hide()

    def show_warnings(self, warnings: list[return_reviews.HubReturnWarning]) -> None:
        self.ids = sorted({w.outbox_id for w in warnings})
        if not warnings:
            self.hide()
            return
        self.text.setText("\n".join(w.text for w in warnings))
        self.show()


class WebReturnsController(QObject):
    order_found = Signal(object)  # WebOrderReturn
    warnings_shown = Signal(list)
    _looked_up = Signal(int, bool, object)  # (request, ok, orders or exception), from the pool

    def __init__(
        self,
        *,
        page: ReturnsPage,
        returns: ReturnsController,
        open_button: QPushButton,
        lane: DbLane,
        service: WebReturnsService,
        context: TillContext,
        sales: SaleController,
        lookups: Callable[[], ReturnLookups] | None,
        is_offline: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self.returns, self.lane, self.service = page, returns, lane, service
        self.context, self.sales, self._lookups, self.is_offline = (
            context,
            sales,
            lookups,
            is_offline,
        )
        self.current: WebOrderReturn | None = None
        self._choices: list[WebOrderReturn] = []
        self._approve: Callable[[str, str], None] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-lookup")
        self._requests = itertools.count(1)
        self._latest = 0
        self._presented = ""
        self.bar = WebOrderBar()
        self.banner = HubReviewBanner()
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.bar)
        layout.insertWidget(0, self.banner)
        self.bar.lookup_requested.connect(self.on_bar_lookup_requested)
        self.bar.choice.activated.connect(self.on_choice_activated)
        self.banner.seen_button.clicked.connect(self.on_banner_seen_clicked)
        self._looked_up.connect(self.on_self_looked_up)
        open_button.clicked.connect(self.on_open)
        returns.sale_found.connect(self.on_returns_sale_found)
        page.prompt.accepted.connect(self.on_prompt_accepted)
        page.prompt.cancelled.connect(self.on_prompt_cancelled)
        returns.claim_refunds(self.refund_if_web_order)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- opening: the hub's warnings for a manager -------------------------------------------

    def on_open(self) -> None:
        self._clear()
        self.bar.reset()
        self.lane.run(return_reviews.unseen_return_warnings, self._show_warnings)

    def _show_warnings(self, warnings: list[return_reviews.HubReturnWarning]) -> None:
        self.banner.show_warnings(warnings)
        self.warnings_shown.emit([w.text for w in warnings])

    def on_banner_seen_clicked(self) -> None:
        register = self.sales.register
        if register is None or not register.cashier.can(Permission.RETURN_OVERRIDE):
            self._error(self.tr("A manager must sign in to mark these as seen."))
            return
        ids, now = list(self.banner.ids), utc_now()
        self.lane.run(
            lambda s: return_reviews.mark_seen(s, ids, now),
            lambda _count: self.banner.show_warnings([]),
            self._error,
        )

    # -- look-up -----------------------------------------------------------------------------

    def _clear(self) -> None:
        self.current, self._choices, self._approve = None, [], None

    def on_returns_sale_found(self, _sale: object) -> None:
        self._clear()  # a receipt was scanned: that is what the refund is for now
        self.bar.reset()

    def on_bar_lookup_requested(self, text: str) -> None:
        presented = text.strip()
        if not presented:
            self._error(self.tr("Type the web order number or the customer's email."))
            return
        self._clear()
        self.returns.current = None
        self.page.show_sale(None)
        self.page.receipt_preview.hide()
        if self._lookups is None or self.is_offline():
            self._look_up_offline(presented, self.tr("The hub cannot be reached."))
            return
        self.page.message.show_info(self.tr("Asking the hub…"), 0)
        request = self._latest = next(self._requests)
        lookups, emit = self._lookups, self._looked_up.emit

        def job() -> None:  # on the look-up thread: network only
            client = lookups()
            try:
                emit(request, True, find_on_hub(client, presented))
            except Exception as exc:  # reported inline, never lost
                emit(request, False, exc)
            finally:
                close = getattr(client, "close", None)
                if close is not None:
                    close()

        self._pool.submit(job)
        self._presented = presented

    def on_self_looked_up(self, request: int, ok: bool, result: object) -> None:
        if request != self._latest:
            return  # overtaken by a newer look-up
        presented = self._presented
        if not ok:
            assert isinstance(result, Exception)
            if isinstance(result, HubUnreachable):
                self._look_up_offline(presented, self.tr("The hub did not answer."))
            elif isinstance(result, NotFound):
                self._error(
                    self.tr("No web order %1 at the hub. Check the number, or try the email.")
                    .replace("%1", repr(presented))
                )  # fmt: skip
            else:
                self._error(str(result))
            return
        assert isinstance(result, list)
        orders: list[Returnable] = result
        service = self.service
        self.lane.run(
            lambda s: [service.prepare(s, order, presented) for order in orders],
            self._show_orders,
            self._error,
        )

    def _look_up_offline(self, presented: str, why: str) -> None:
        service = self.service

        def shown(orders: list[WebOrderReturn]) -> None:
            self._show_orders(orders)
            self.page.message.show_error(
                why + " " + self.tr("Offline return: a manager must approve it, and head office "
                                    "will review it when the till is back online.")
            )  # fmt: skip

        self.lane.run(lambda s: service.prepare_offline(s, presented), shown, self._error)

    def _show_orders(self, orders: list[WebOrderReturn]) -> None:
        self._choices = orders
        self.bar.choice.clear()
        for order in orders:
            self.bar.choice.addItem(order.number, order.number)
        self.bar.choice.setVisible(len(orders) > 1)
        self._show(orders[0])

    def on_choice_activated(self, index: int) -> None:
        if 0 <= index < len(self._choices):
            self._show(self._choices[index])

    def _show(self, order: WebOrderReturn) -> None:
        self.current = order
        self.page.show_actions()
        self.page.show_sale(order.sale)
        paid = self.tr("paid online") if order.paid_online else self.tr("paid in store")
        title = self.tr("Web order %1 — %2").replace("%1", order.number).replace("%2", paid)
        if order.customer_email:
            title += f" — {order.customer_email}"
        self.page.title.setText(title)
        self.page.refund_button.setText(
            (self.tr("Refund to card online") if order.paid_online else self.tr("Refund cash"))
            + "\nF12"
        )
        if order.fully_returned:
            self.page.message.show_info(self.tr("Everything in this order came back already."), 0)
        elif order.checked_online and order.pickup_store_id != self.context.store_id:
            self.page.message.show_info(
                self.tr("An order of store %1: the items come back into this store's stock.")
                .replace("%1", order.pickup_store_id),
                0,
            )  # fmt: skip
        elif order.checked_online:
            self.page.message.clear_message()
        self.order_found.emit(order)

    def _error(self, exc: object) -> None:
        text = (
            formatting.error_text(exc)
            if isinstance(exc, (ReturnError, ValueError, str))
            else (self.tr("Could not do that: %1").replace("%1", formatting.error_text(exc)))
        )
        self.page.message.show_error(text)
        self.returns.error_shown.emit(text)

    # -- refund ------------------------------------------------------------------------------

    def refund_if_web_order(self) -> bool:
        """The Returns screen's refund key: True when it was for a web order (handled here)."""
        if self.current is None:
            return False
        items = self.page.return_items()
        if not items:
            self._error(self.tr("Set the quantity to return on a line first."))
            return True
        self._refund(self.current, items, None)
        return True

    def _refund(
        self, order: WebOrderReturn, items: list[ReturnItem], approval: Approval | None
    ) -> None:
        register = self.sales.register
        if register is None:
            self._error(self.tr("Sign in first."))
            return
        cashier, svc, ctx, drawer = register.cashier, self.service, self.context, self.sales.drawer

        def op(s: Session) -> tuple[CompletedReturn, DrawerOpen | None]:
            done = svc.complete(s, order, items, cashier=cashier, context=ctx, approval=approval)
            opened = None
            if drawer is not None and not done.cash_out.is_zero():  # an online refund: no drawer
                opened = drawer.record_sale_open(
                    s, till_id=ctx.till_id, cashier=cashier.name, receipt_no=done.receipt_no,
                    cash=True,
                )  # fmt: skip
            return done, opened

        def refunded(outcome: tuple[CompletedReturn, DrawerOpen | None]) -> None:
            done, opened = outcome
            self._clear()
            self.bar.reset()
            self.page.show_actions()
            self.page.show_sale(None)
            self.page.title.setText(
                self.tr("Web order %1 returned: give the customer the receipt.")
                .replace("%1", order.number)
            )  # fmt: skip
            self.page.show_receipt(done.receipt)
            self.page.refund_button.setText(self.tr("Refund cash") + "\nF12")
            told = [line for line in done.receipt.footer if line.startswith("Refund of")]
            text = (
                told[0]
                if told
                else self.tr("Refunded %1 in cash").replace(
                    "%1", formatting.money(done.cash_out, symbol=True)
                )
            )
            self.page.message.show_info(f"{text} (return {done.receipt_no}).", 0)
            self.returns.changes.publish(OpChanges(outbox=True, drawer_open=opened), origin=self)
            self.returns.receipt_ready.emit(done.receipt)
            self.returns.return_completed.emit(done)

        def failed(exc: Exception) -> None:
            if isinstance(exc, ReturnApprovalRequiredError) and approval is None:
                self._ask_approval(exc, order, items)
            else:
                self._error(exc)

        self.lane.run(op, refunded, failed)

    def _ask_approval(
        self, denied: ReturnApprovalRequiredError, order: WebOrderReturn, items: list[ReturnItem]
    ) -> None:
        register = self.sales.register
        if register is None:
            self._error(denied)
            return
        actor, auth, prompt = register.cashier, self.sales.auth, self.page.prompt
        what = f"Return of web order {order.number}"
        if not order.checked_online:
            what += f" offline (customer presented {order.presented[:100]!r})"

        def apply(pin: str, reason: str) -> None:
            prompt.message.show_info(self.tr("Checking…"), 0)

            def approved(result: AuthResult) -> None:
                if result.approval is None:
                    prompt.show_error(formatting.message_text(result.message))
                    self.returns.error_shown.emit(formatting.message_text(result.message))
                    return
                self._approve = None
                self.page.show_actions()
                self.returns.approval_granted.emit(result.approval)
                self._refund(order, items, result.approval)

            self.lane.run(
                lambda s: auth.approve(
                    s, pin=pin, permission=Permission.RETURN_OVERRIDE, requested_by=actor,
                    what=what, reason=reason,
                ),
                approved,
                lambda exc: prompt.show_error(formatting.error_text(exc)),
            )  # fmt: skip

        self._approve = apply
        self.page.show_prompt()
        prompt.ask(
            self.tr("A manager must approve this web-order return"),
            placeholder=self.tr("Manager PIN"),
            masked=True,
            needs_reason=True,
        )
        prompt.show_error(formatting.error_text(denied))
        self.page.message.show_error(formatting.error_text(denied))
        self.returns.error_shown.emit(formatting.error_text(denied))

    def on_prompt_accepted(self, pin: str, reason: str) -> None:
        if self._approve is not None:
            self._approve(pin, reason)

    def on_prompt_cancelled(self) -> None:
        self._approve = None
