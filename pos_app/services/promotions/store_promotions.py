"""The store's promotions, read from the local ``promotions`` table (filled by the feed).

Reading locally is what makes promotions work offline, and checking ``ends_at`` against the
till's clock is what makes an expired one stop at its end time even while the hub is away.

A promotion whose rules the domain refuses is skipped and logged once per version (promo id
and feed position), so a bad promotion from head office never stops a sale and never floods
the log on every basket change.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, tzinfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pos_app.db.models import PromotionRow
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency
from pos_app.domain.promotions import (
    Channel,
    Promotion,
    PromotionContext,
    PromotionError,
    parse_promotion,
)

log = logging.getLogger(__name__)


class PromotionService:
    """Qt-free; give one instance to the checkout (and the basket view) at composition time.

    ``tz`` is the store's zone for time-of-day windows; None means the computer's local zone.
    """

    def __init__(self, tz: tzinfo | None = None) -> None:
        self._tz = tz
        self._reported: set[tuple[str, int]] = set()

    def active(
        self, session: Session, now: datetime, store_id: str, currency: Currency
    ) -> tuple[Promotion, ...]:
        """Promotions for this store that could apply in store at ``now`` (not yet ended)."""
        rows = session.scalars(
            select(PromotionRow)
            .where(or_(PromotionRow.store_id.is_(None), PromotionRow.store_id == store_id))
            .order_by(PromotionRow.promo_id)
        )
        found: list[Promotion] = []
        for row in rows:
            promo = self._parse(row, currency)
            if promo is None or Channel.STORE not in promo.channels:
                continue
            if promo.ends_at is not None and promo.ends_at <= now:
                continue
            found.append(promo)
        return tuple(found)

    def context(
        self,
        session: Session,
        now: datetime,
        store_id: str,
        currency: Currency,
        *,
        has_customer: bool = False,
        coupons: frozenset[str] = frozenset(),
    ) -> PromotionContext:
        return self.context_from(
            self.active(session, now, store_id, currency),
            now,
            has_customer=has_customer,
            coupons=coupons,
        )

    def context_from(
        self,
        promotions: tuple[Promotion, ...],
        now: datetime,
        *,
        has_customer: bool = False,
        coupons: frozenset[str] = frozenset(),
    ) -> PromotionContext:
        """A pricing context from promotions already loaded (the basket view's cache)."""
        return PromotionContext(
            promotions=promotions,
            now=now.astimezone(self._tz),
            channel=Channel.STORE,
            has_customer=has_customer,
            coupons=coupons,
        )

    def _parse(self, row: PromotionRow, currency: Currency) -> Promotion | None:
        try:
            rules = json.loads(row.rules)
            if not isinstance(rules, dict):
                raise PromotionError(
                    msg(
                        "Promotion {promo}: {problem}",
                        promo=row.promo_id,
                        problem=msg("the rules must be a JSON object."),
                    )
                )
            return parse_promotion(
                row.promo_id,
                row.name,
                rules,
                currency,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
            )
        except (PromotionError, ValueError) as exc:  # JSONDecodeError is a ValueError
            key = (row.promo_id, row.feed_position)
            if key not in self._reported:
                self._reported.add(key)
                log.warning("promotion %s skipped: %s", row.promo_id, exc)
            return None
