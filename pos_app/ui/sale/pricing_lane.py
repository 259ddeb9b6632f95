"""The pricing lane: a basket's totals and hints computed off the GUI thread (issue 18).

Like ``ui.runner.SearchLane``: one worker thread, each request numbered; a request overtaken
before it starts is skipped, and a result that arrives after a newer request was made is
dropped, so the screen only ever shows the prices of the basket it shows. The pricer is
passed in (``services.sale.screen_pricing.price_for_screen`` in the till) so a test can slow
it down at this boundary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from pos_app.domain.promotions import PromotionContext
from pos_app.domain.sale.basket import Basket
from pos_app.services.sale.screen_pricing import ScreenPrice, price_for_screen

log = logging.getLogger(__name__)

Pricer = Callable[[Basket, PromotionContext | None], ScreenPrice]


class PricingLane(QObject):
    priced = Signal(object)  # ScreenPrice of the latest request only
    pricing_failed = Signal(str)
    _done = Signal(object)  # (generation, ScreenPrice or exception), queued to the GUI thread

    def __init__(self, pricer: Pricer = price_for_screen, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pricer = pricer
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pricing")
        self._closed = False
        self._latest = 0
        self._answered = 0
        # The context of the last pricing the worker ran (read and written by it alone): the
        # next one continues from its basket (PromotionContext.continue_from), as a scan adds
        # a line to the basket just priced.
        self._last_context: PromotionContext | None = None
        self._done.connect(self.on_self_done)

    @property
    def requested(self) -> int:
        """How many pricings were asked for so far (each newer one overtakes the others)."""
        return self._latest

    @property
    def settled(self) -> bool:
        """True when the latest request has been answered (the screen's prices are current)."""
        return self._answered == self._latest

    def request(self, basket: Basket, context: PromotionContext | None) -> None:
        """Price ``basket``, a snapshot the GUI will not change, with ``context``."""
        if self._closed:
            return  # the till is closing: a late feed refresh has nothing left to price for
        self._latest += 1
        generation, pricer, emit = self._latest, self._pricer, self._done.emit

        def job() -> None:
            if generation != self._latest:
                return  # overtaken before it started: never priced
            if context is not None and self._last_context is not None:
                context.continue_from(self._last_context)
            self._last_context = context
            try:
                outcome: object = pricer(basket, context)
            except Exception as exc:  # shown, never raised on the worker
                outcome = exc
            emit((generation, outcome))

        self._pool.submit(job)

    def on_self_done(self, outcome: tuple[int, object]) -> None:
        generation, result = outcome
        if generation != self._latest:
            return  # the basket changed since: a newer pricing is on its way
        self._answered = generation
        if isinstance(result, Exception):
            log.error("pricing the basket failed: %s", result)
            self.pricing_failed.emit(str(result))
            return
        self.priced.emit(result)

    def shutdown(self) -> None:
        self._closed = True
        self._latest += 1
        self._pool.shutdown(wait=True)
