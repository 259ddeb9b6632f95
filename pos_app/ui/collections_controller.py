"""Wires the collections screen to the service: every action is a DbLane op with callbacks.

The sync client's feed listener is re-emitted as a Qt signal (it fires on the sync thread);
a new web order beeps and updates the badge on the sale screen's Collections button.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from sqlalchemy.orm import Session

from pos_app.domain.collection import CollectionError, OrderState
from pos_app.services.collections import CollectionsService, Ready
from pos_app.services.collections_view import OrderDetail, Queue
from pos_app.services.till_context import TillContext
from pos_app.ui.collections_page import CollectionsPage
from pos_app.ui.runner import DbLane
from sync.protocol import FeedKind


class CollectionsController(QObject):
    feed_applied = Signal(object)  # the kinds of a feed page, re-emitted from the sync thread
    queue_refreshed = Signal(object)  # Queue
    order_marked_ready = Signal(object)  # Ready: the bag labels are to be printed
    new_orders_arrived = Signal(int)  # count of new orders, after a feed page brought one
    error_shown = Signal(str)

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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self.badge_button, self.lane, self.service = page, badge_button, lane, service
        self.context, self._staff, self._show_page, self._back = context, staff, show_page, back
        self.is_offline = is_offline
        self.current: str | None = None
        self.current_state: OrderState | None = None
        self._badge_text = badge_button.text()
        self.new_count = 0
        page.order_chosen.connect(self.on_page_order_chosen)
        page.search_entered.connect(self.on_page_search_entered)
        page.start_button.clicked.connect(self.on_start_button_clicked)
        page.short_button.clicked.connect(self.on_short_button_clicked)
        page.ready_button.clicked.connect(self.on_ready_button_clicked)
        page.handover_button.clicked.connect(self.on_handover_button_clicked)
        page.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        page.expire_button.clicked.connect(self.on_expire_button_clicked)
        page.review_button.clicked.connect(self.on_review_button_clicked)
        page.back_button.clicked.connect(self.on_back_button_clicked)
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
        service = self.service

        def op(session: Session) -> Queue:
            service.reconcile(session)  # conflicts from the feed / refused events
            return service.queue(session)

        def done(queue: Queue) -> None:
            count = queue.counts[OrderState.NEW]
            if announce and count > self.new_count:
                QApplication.beep()
                self.new_orders_arrived.emit(count)
            self.set_badge(count, queue.review_count)
            self.page.show_queue(queue, self.current)
            self.queue_refreshed.emit(queue)

        self.lane.run(op, done, self._failed)

    def set_badge(self, new: int, review: int) -> None:
        self.new_count = new
        text = self._badge_text
        if new:
            text = text.replace("\n", self.tr("  (%1 new)\n").replace("%1", str(new)), 1)
        if review:
            text = text.replace("\n", self.tr("  ⚠%1\n").replace("%1", str(review)), 1)
        self.badge_button.setText(text)

    def open(self) -> None:
        self._show_page(self.page)
        self.page.search.setFocus()
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, (CollectionError, ValueError)):
            exc = CollectionError(self.tr("Could not do that: %1").replace("%1", str(exc)))
        self.page.message.show_error(str(exc))
        self.error_shown.emit(str(exc))

    def _show(self, detail: OrderDetail, info: str = "") -> None:
        self.current, self.current_state = detail.summary.number, detail.summary.state
        self.page.show_detail(detail)
        if info:
            self.page.message.show_info(info)
        self.refresh()

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
        self.lane.run(lambda s: self.service.detail(s, number), self._show, self._failed)

    def on_page_search_entered(self, text: str) -> None:
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
                self._show(outcome.detail, outcome.message)

            self.lane.run(lambda s: svc.scan_pick(s, number, code, staff=staff), picked,
                          self._failed)  # fmt: skip
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
        note, ctx, offline = self.page.note.text(), self.context, self.is_offline()

        def op(s: Session, n: str, st: str) -> OrderDetail:
            done = self.service.hand_over(
                s, n, staff=st, context=ctx, identity_note=note, offline=offline
            )
            return done.detail

        self._on_order(op, self.tr("Handed over."))

    def on_cancel_button_clicked(self) -> None:
        reason, ctx = self.page.note.text(), self.context
        self._on_order(lambda s, n, st: self.service.cancel(s, n, reason=reason, staff=st,
                       context=ctx), self.tr("Cancelled."))  # fmt: skip

    def on_expire_button_clicked(self) -> None:
        staff, ctx = self._staff() or "", self.context

        def expired(numbers: list[str]) -> None:
            self.page.message.show_info(
                self.tr("Expired %1 overdue orders.").replace("%1", str(len(numbers)))
            )
            self.refresh()

        self.lane.run(lambda s: self.service.expire_overdue(s, staff=staff, context=ctx),
                      expired, self._failed)  # fmt: skip

    def on_review_button_clicked(self) -> None:
        self._on_order(lambda s, n, st: self.service.acknowledge(s, n, staff=st))

    def on_back_button_clicked(self) -> None:
        self._back()
