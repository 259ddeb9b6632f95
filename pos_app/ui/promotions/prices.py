"""The promotions the basket view prices with, kept in step with the feed.

The checkout prices the basket again inside its own transaction (services.sale.checkout); the
screen must show the same total, so both read the same promotions table. The screen keeps the
active list in memory (a handful of rows) and reloads it when the feed brings promotions, so
pricing a scan never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.promotions import Promotion, PromotionContext
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.store.till_context import TillContext


class PromotionPrices:
    def __init__(
        self,
        service: PromotionService,
        read: sessionmaker[Session],
        context: TillContext,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._service, self._read, self._context, self._clock = service, read, context, clock
        self._active: tuple[Promotion, ...] = ()
        self.reload()

    def use_context(self, context: TillContext) -> None:
        self._context = context
        self.reload()

    def reload(self) -> None:
        """Re-read the active promotions (at start; after feed pages ui.feed_refresh reads them
        off the GUI thread with ``read_active`` and hands them to ``use``)."""
        with self._read() as session:
            self._active = self.read_active(session, self._context)

    def read_active(self, session: Session, context: TillContext) -> tuple[Promotion, ...]:
        """The store's active promotions (any thread: reads only, keeps nothing)."""
        return self._service.active(session, self._clock(), context.store_id, context.currency)

    def use(self, active: tuple[Promotion, ...], context: TillContext) -> None:
        """Promotions read elsewhere for ``context`` become the ones the screen prices with."""
        self._context, self._active = context, active

    def active(self) -> tuple[Promotion, ...]:
        """The store's current promotions as last loaded (the deals panel, coupon codes)."""
        return self._active

    def current(self, *, has_customer: bool = False) -> PromotionContext | None:
        if not self._active:
            return None
        return self._service.context_from(self._active, self._clock(), has_customer=has_customer)
