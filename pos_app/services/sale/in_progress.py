"""The basket in progress: saved as it changes, back at the till's next sign-in (issue 15).

Closing the window, a crash or a power cut must not lose what the cashier rang. The screen
hands every changed basket to ``save`` on the DB lane (one small upsert of one row per till:
the same JSON a parked basket keeps, so it comes back at the prices it was rung at); an empty
basket deletes the row. Completing, parking or voiding the basket clears the row in the same
transaction as the sale or the parked basket, so a basket that was sold or parked never comes
back. ``load`` reads it at sign-in; it stays saved until the restored basket changes or ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from pos_app.db.models import BasketInProgressRow
from pos_app.domain.sale.basket import Basket
from pos_app.services.sale.parking import basket_from_payload, basket_payload, utc_now
from pos_app.services.store.till_context import TillContext


@dataclass(frozen=True)
class SavedBasket:
    basket: Basket
    cashier: str
    updated_at: datetime


class BasketInProgress:
    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        self._clock = clock

    @staticmethod
    def payload(basket: Basket) -> str | None:
        """What ``save`` writes for this basket (None: nothing, the basket is empty); the screen
        compares it with the last one it saved, so an unchanged basket costs no write."""
        return None if basket.is_empty else basket_payload(basket)

    def save(
        self, session: Session, payload: str | None, *, cashier: str, context: TillContext
    ) -> None:
        if payload is None:
            self.clear(session, context)
            return
        row = session.get(BasketInProgressRow, context.till_id)
        if row is None:
            row = BasketInProgressRow(till_id=context.till_id)
            session.add(row)
        row.cashier = cashier[:64]
        row.updated_at = self._clock()
        row.currency = context.currency.code
        row.line_count = payload.count('"line_no"')
        row.payload = payload

    def load(self, session: Session, context: TillContext) -> SavedBasket | None:
        row = session.get(BasketInProgressRow, context.till_id)
        if row is None or row.currency != context.currency.code:
            return None
        return SavedBasket(basket_from_payload(row.payload, context), row.cashier, row.updated_at)

    @staticmethod
    def clear(session: Session, context: TillContext) -> None:
        session.execute(
            delete(BasketInProgressRow).where(BasketInProgressRow.till_id == context.till_id)
        )
