"""Composition of the sale screen's promotion features: coupon entry and the deals panel.

Built by ui/app.py after the till controller; kept here so the composition root only gains a
call and a shutdown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.promotions.coupons import CouponDesk
from pos_app.ui.promotions.coupon_entry import CouponEntry
from pos_app.ui.promotions.deals_panel import DealsController
from pos_app.ui.promotions.prices import PromotionPrices
from pos_app.ui.sale.controller import SaleController

if TYPE_CHECKING:
    from pos_app.services.sync.runtime import TillSync


class PromotionsUi:
    def __init__(
        self,
        controller: SaleController,
        prices: PromotionPrices,
        read: sessionmaker[Session],
        sync: TillSync | None,
    ) -> None:
        desk = CouponDesk(
            read,
            lookups=sync.lookups if sync is not None else None,
            is_offline=sync.is_offline if sync is not None else (lambda: False),
        )
        self.coupons = CouponEntry(controller, desk, prices.active, parent=controller)
        self.deals = DealsController(
            controller, prices.active, lambda: datetime.now(UTC).astimezone(), parent=controller
        )

    def shutdown(self) -> None:
        self.coupons.shutdown()
