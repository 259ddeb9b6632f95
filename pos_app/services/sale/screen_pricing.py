"""What the sale screen shows of a basket's prices: totals, and the near-miss hints.

Computed off the GUI thread (ui.sale.pricing_lane) because with hundreds of active promotions
it takes longer than a scan may (issue 18): the scanned line is shown at once with its own
price, and these figures follow. Qt-free and pure: a snapshot of the basket in, figures out.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain.pricing import line_gross, promo_lines
from pos_app.domain.promotions import PromotionContext
from pos_app.domain.promotions.hints import NearMiss, near_misses
from pos_app.domain.sale.basket import Basket, BasketTotals


@dataclass(frozen=True)
class ScreenPrice:
    """``basket`` is the snapshot that was priced (the screen may have moved on)."""

    basket: Basket
    totals: BasketTotals
    hints: tuple[NearMiss, ...]


def price_for_screen(basket: Basket, context: PromotionContext | None) -> ScreenPrice:
    totals = basket.totals(context)
    if context is None or basket.is_empty:
        return ScreenPrice(basket, totals, ())
    lines = basket.lines
    names = {line.item.sku: line.item.name for line in lines}
    promo = promo_lines(lines, [line_gross(line) for line in lines])
    return ScreenPrice(basket, totals, tuple(near_misses(promo, context, names)))
