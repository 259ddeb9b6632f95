"""Promotions from the hub, applied at the till: the public face of the rules and the engine.

``promotions_rules`` parses and validates the hub's rule data into ``Promotion`` values;
``promotions_engine`` picks the best valid combination for a basket and allocates each
promotion's discount to lines to the minor unit. Import from here.
"""

from __future__ import annotations

from pos_app.domain.promotions.engine import (
    EXHAUSTIVE_LIMIT,
    AppliedPromotion,
    PromoLine,
    PromotionContext,
    PromotionResult,
    apply_promotions,
)
from pos_app.domain.promotions.rules import (
    AmountOff,
    BuyXGetY,
    Channel,
    FixedPrice,
    MultiBuy,
    PercentOff,
    Promotion,
    PromotionError,
    Reward,
    Scope,
    SpendThreshold,
    Stacking,
    TimeWindow,
    parse_promotion,
)

__all__ = [
    "EXHAUSTIVE_LIMIT",
    "AmountOff",
    "AppliedPromotion",
    "BuyXGetY",
    "Channel",
    "FixedPrice",
    "MultiBuy",
    "PercentOff",
    "PromoLine",
    "Promotion",
    "PromotionContext",
    "PromotionError",
    "PromotionResult",
    "Reward",
    "Scope",
    "SpendThreshold",
    "Stacking",
    "TimeWindow",
    "apply_promotions",
    "parse_promotion",
]
