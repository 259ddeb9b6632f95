"""The sale screen's coupon entry (Ctrl+K, or scanning a coupon barcode that is no product).

The typed text is checked on the GUI thread (pure, instant: garbage gets an inline error and
the basket stays as it was); the rest (the till's own record of used codes, the hub's check of
a single-use code) runs on a worker thread and comes back through a queued signal, so the GUI
thread never waits on the network. The offline rule is services.coupons.OFFLINE_RULE: told to
the cashier when it applies.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from pos_app.domain.promotions import Promotion
from pos_app.domain.promotions.coupons import CouponError, coupon_promotion, parse_coupon_code
from pos_app.services.changes import OpChanges
from pos_app.services.promotions.coupons import AcceptedCoupon, CouponCheck, CouponDesk
from pos_app.ui import formatting
from pos_app.ui.sale.controller import SaleController

log = logging.getLogger(__name__)


class CouponEntry(QObject):
    coupon_accepted = Signal(object)  # AcceptedCoupon, after the basket repriced
    coupon_refused = Signal(str)  # the reason shown
    _checked = Signal(object)  # (generation, AcceptedCoupon | Exception)

    def __init__(
        self,
        controller: SaleController,
        desk: CouponDesk,
        promotions: Callable[[], tuple[Promotion, ...]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller, self.desk, self.promotions = controller, desk, promotions
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coupons")
        self._generation = 0  # a result for an abandoned entry is dropped
        self._from_prompt = False
        sale = controller.window.sale
        self.button = sale.coupon_button  # carries the Ctrl+K shortcut (widgets.action_button)
        self.button.clicked.connect(self.on_button_clicked)
        self._checked.connect(self.on_self_checked)
        sale.prompt.cancelled.connect(self.on_prompt_cancelled)
        controller.claim_unknown_scans(self.try_scanned_code)

    def on_button_clicked(self) -> None:
        c = self.controller
        if c.register is None:
            return
        if c.window.current_page is not c.window.sale:
            return
        if c.window.sale.side.currentWidget() is not c.window.sale.action_pad:
            c.show_error(self.tr("Finish or cancel the open prompt first (Esc)."))
            return
        c.ask(
            "coupon",
            self.tr("Coupon code (type or scan)"),
            lambda value, _reason: self.submit(value, from_prompt=True),
            placeholder="SPRING10",
        )

    def on_prompt_cancelled(self) -> None:
        if self._from_prompt:
            self._generation += 1  # Esc while the hub answers: the answer is dropped

    def try_scanned_code(self, code: str) -> bool:
        """A scan that matched no product: take it when a current promotion has this code."""
        try:
            parsed = parse_coupon_code(code)
        except CouponError:
            return False
        if coupon_promotion(self.promotions(), parsed) is None:
            return False
        self.submit(parsed, from_prompt=False)
        return True

    def submit(self, text: str, *, from_prompt: bool) -> None:
        c = self.controller
        register = c.register
        if register is None:
            return
        self._from_prompt = from_prompt
        try:
            code = parse_coupon_code(text)
        except CouponError as exc:
            self._refuse(formatting.error_text(exc))
            return
        self._generation += 1
        generation, desk = self._generation, self.desk
        promotions, in_basket = self.promotions(), register.coupons
        emit = self._checked.emit
        self._show_info(self.tr("Checking coupon %s…") % code)

        def job() -> None:
            try:
                result: object = desk.check(code, promotions, in_basket)
            except Exception as exc:  # CouponError, or a database fault: shown, never lost
                result = exc
            emit((generation, result))

        self._pool.submit(job)

    def on_self_checked(self, outcome: tuple[int, object]) -> None:
        generation, result = outcome
        c = self.controller
        if generation != self._generation or c.register is None:
            return
        if isinstance(result, Exception):
            if not isinstance(result, CouponError):
                log.error("coupon check failed", exc_info=result)
            self._refuse(formatting.error_text(result))
            return
        assert isinstance(result, AcceptedCoupon)
        try:
            c.register.add_coupon(result)
        except Exception as exc:  # a permission refused: as any other refusal
            self._refuse(formatting.error_text(exc))
            return
        if self._from_prompt:
            c.close_prompt()
        c.changes.publish(OpChanges(basket=True), origin=self)  # the sale screen reprices
        saving = c.register.basket.totals(c.pricing()).promotion_total
        before = c.register.basket.totals(c.base_pricing()).promotion_total
        text = formatting.message_text(result.message)
        if saving == before:
            text += " " + self.tr("Nothing in the basket qualifies yet.")
        if result.checked is CouponCheck.LATER:
            c.window.sale.message.show_info(text, 0)  # stays: the cashier should tell them
        else:
            c.show_info(text)
        self.coupon_accepted.emit(result)

    def _show_info(self, text: str) -> None:
        c = self.controller
        if self._from_prompt:
            c.window.sale.prompt.message.show_info(text, 0)
        else:
            c.show_info(text)

    def _refuse(self, text: str) -> None:
        # In the prompt when it is open (the cashier can correct the code), else under the
        # search field; either way the basket is unchanged.
        c = self.controller
        if self._from_prompt and c.window.sale.side.currentWidget() is c.window.sale.prompt:
            c.window.sale.prompt.show_error(text)
            c.error_shown.emit(text)
        else:
            c.show_error(text)
        self.coupon_refused.emit(text)

    def shutdown(self) -> None:
        self._generation += 1
        self._pool.shutdown(wait=True)
        self.desk.close()
