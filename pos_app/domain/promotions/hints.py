"""Near-miss hints: what the customer could add to get a promotion that does not apply yet.

"Add 1 more Arabica Coffee for 3 for 10.00", "Spend 4.50 more for 10% off over 50". Pure and
deterministic, like the engine, and checked by it: a hint is only given when doing what it
says makes that promotion save more on its own (``standalone_saving`` of the basket with the
suggestion added) than it saves now. Whether the engine then prefers it to another promotion
in the best combination is the engine's choice; the hint never promises what the rule cannot
give.

Only set rules (multi-buy, buy X get Y) and spend thresholds have a "near": a percent, amount
or fixed price applies as soon as one matching item is in the basket.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Final

from pos_app.domain.money import Money, round_half_up
from pos_app.domain.promotions.engine import PromoLine, PromotionContext, standalone_saving
from pos_app.domain.promotions.rules import (
    BuyXGetY,
    MultiBuy,
    Promotion,
    SpendThreshold,
)

__all__ = ["MAX_HINTS", "MAX_MISSING_UNITS", "NearMiss", "apply_hint", "near_misses"]

MAX_MISSING_UNITS: Final = 2  # "add 3 more" is no longer near
NEAR_SHARE: Final = Fraction(1, 3)  # "spend X more" when X is at most a third of the threshold
MAX_HINTS: Final = 3


@dataclass(frozen=True)
class NearMiss:
    """Add ``units`` more of ``sku`` (set rules), or spend ``amount`` more on the promotion's
    items (a threshold: ``sku`` is None)."""

    promo_id: str
    promo_name: str
    units: int = 0
    sku: str | None = None
    item_name: str = ""
    amount: Money | None = None
    gain: int = 0  # what the promotion would save more, in minor units (the sort order)


def apply_hint(lines: Sequence[PromoLine], hint: NearMiss, department: str = "") -> list[PromoLine]:
    """The basket with the hint followed: the suggested units, or a line of ``amount``."""
    next_no = max((line.line_no for line in lines), default=0) + 1
    if hint.sku is not None:
        source = next(line for line in lines if line.sku == hint.sku and line.per_unit)
        unit = source.gross.amount / source.quantity
        gross = Money(round_half_up(unit * hint.units, source.gross.currency.quantum),
                      source.gross.currency)  # fmt: skip
        return [*lines, replace(source, line_no=next_no, quantity=Decimal(hint.units), gross=gross)]
    assert hint.amount is not None
    extra = PromoLine(next_no, "\x00hint", department, Decimal(1), hint.amount)
    return [*lines, extra]


def _set_hints(promo: Promotion, size: int, lines: Sequence[PromoLine],
               names: Mapping[str, str]) -> NearMiss | None:  # fmt: skip
    eligible = [
        line
        for line in lines
        if line.eligible and line.per_unit and promo.scope.matches(line.sku, line.department)
    ]
    units = sum(int(line.quantity) for line in eligible)
    missing = size - units % size
    if units == 0 or missing > MAX_MISSING_UNITS or missing == size:
        return None
    now = standalone_saving(promo, lines)  # only now: the checks above are cheap, this is not
    # Dearest unit first: a dearer set is the likelier to be worth more than a fixed price.
    for line in sorted(eligible, key=lambda ln: (-(ln.gross.amount / ln.quantity), ln.line_no)):
        hint = NearMiss(
            promo.promo_id, promo.name, missing, line.sku, names.get(line.sku, line.sku)
        )
        gain = standalone_saving(promo, apply_hint(lines, hint)) - now
        if gain > 0:
            return replace(hint, gain=gain)
    return None


def _threshold_hint(promo: Promotion, reward: SpendThreshold,
                    lines: Sequence[PromoLine]) -> NearMiss | None:  # fmt: skip
    base = sum(
        (
            line.gross.to_minor()
            for line in lines
            if line.eligible and promo.scope.matches(line.sku, line.department)
        ),
        0,
    )
    short = reward.threshold.to_minor() - base
    if base == 0 or short <= 0 or short > reward.threshold.to_minor() * NEAR_SHARE:
        return None
    department = min(promo.scope.departments) if promo.scope.departments else ""
    if promo.scope.skus and not promo.scope.departments:
        return None  # "spend more on these SKUs" names no item: no hint rather than a vague one
    now = standalone_saving(promo, lines)
    if now > 0:
        return None  # it applies already (the base above ignores other promotions' order)
    hint = NearMiss(
        promo.promo_id, promo.name, amount=Money.from_minor(short, reward.threshold.currency)
    )
    gain = standalone_saving(promo, apply_hint(lines, hint, department)) - now
    return replace(hint, gain=gain, item_name=department) if gain > 0 else None


def near_misses(
    lines: Sequence[PromoLine],
    context: PromotionContext,
    names: Mapping[str, str] | None = None,
    limit: int = MAX_HINTS,
) -> list[NearMiss]:
    """Up to ``limit`` hints, the biggest extra saving first; ``names`` maps SKU to item name."""
    names = names or {}
    hints: list[NearMiss] = []
    # Only promotions that look at one of the lines can have a near miss (no matching unit, no
    # spend on its items: no hint); the context's index finds them without a scan of all.
    offered = context.available
    reaching: dict[str, Promotion] = {}
    for line in lines:
        if line.eligible:
            reaching.update((p.promo_id, p) for p in offered.by_sku.get(line.sku, ()))
            reaching.update((p.promo_id, p) for p in offered.by_department.get(line.department, ()))
    if any(line.eligible for line in lines):
        reaching.update((p.promo_id, p) for p in offered.wide)
    for promo in sorted(reaching.values(), key=lambda p: p.promo_id):
        reward = promo.reward
        hint: NearMiss | None = None
        if isinstance(reward, MultiBuy):
            hint = _set_hints(promo, reward.quantity, lines, names)
        elif isinstance(reward, BuyXGetY):
            hint = _set_hints(promo, reward.buy + reward.get, lines, names)
        elif isinstance(reward, SpendThreshold):
            hint = _threshold_hint(promo, reward, lines)
        if hint is not None:
            hints.append(hint)
    hints.sort(key=lambda h: (-h.gain, h.promo_id))
    return hints[:limit]
