"""One promotion on the current state of a basket's lines: what it takes off each open line.

The engine (``promotions_engine``) calls this thousands of times per basket while it searches
combinations, so it works on integer minor units and integer weights wherever the rule allows
(percent, spend threshold, basket amount, amount or fixed price on whole quantities, and the
set rules, multi-buy and buy X get Y, over one common scale), and keeps Fractions only for the
per-unit rules on weighed quantities. The result is the same as computing every line's exact
discount as a Fraction, rounding the promotion's total once HALF_UP and allocating it pro rata
(``money.allocate``'s rule, capped at what remains of each line): the allocation only depends
on the ratios of the exact discounts, so any integers in the same ratios give the same cents.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from operator import gt

from pos_app.domain.promotions.rules import (
    AmountOff,
    BuyXGetY,
    FixedPrice,
    MultiBuy,
    PercentOff,
    Promotion,
    SpendThreshold,
)

__all__ = ["LineFacts", "closing_total", "promotion_cents"]


class LineFacts:
    """The per-line facts the rules read, converted once per basket (not once per run).

    The quantities become Fractions (and whole ints) only when a rule first asks: percent,
    threshold and basket-amount rules never do, and the near-miss hints build these facts for
    many small what-if baskets.
    """

    __slots__ = ("_decimals", "_quantities", "_ratios", "_whole", "line_nos", "per_unit")

    def __init__(
        self, line_nos: Sequence[int], quantities: Sequence[Decimal], per_unit: Sequence[bool]
    ) -> None:
        self.line_nos = list(line_nos)
        self._decimals = list(quantities)
        self._quantities: list[Fraction] | None = None
        self._ratios: list[tuple[int, int]] | None = None
        self._whole: list[int | None] | None = None
        self.per_unit = list(per_unit)

    @property
    def quantities(self) -> list[Fraction]:
        if self._quantities is None:
            self._quantities = [Fraction(q) for q in self._decimals]
        return self._quantities

    @property
    def ratios(self) -> list[tuple[int, int]]:
        """Each quantity as (numerator, denominator) in lowest terms, denominator > 0: what
        the set rules compute with (a Decimal gives it directly, no Fraction per line)."""
        if self._ratios is None:
            self._ratios = [q.as_integer_ratio() for q in self._decimals]
        return self._ratios

    @property
    def whole(self) -> list[int | None]:
        """The quantity as an int when it is whole (most lines), else None."""
        if self._whole is None:
            self._whole = [n if d == 1 else None for n, d in self.ratios]
        return self._whole


def _units(numerator: int, denominator: int) -> int:
    """The whole units of a quantity: ``int(Fraction(numerator, denominator))`` (toward 0)."""
    return numerator // denominator if numerator >= 0 else -(-numerator // denominator)


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator (both ≥ 0, denominator > 0) rounded half up to an integer."""
    return (2 * numerator + denominator) // (2 * denominator)


def _allocate(total: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """``total`` split pro rata to integer ``weights`` (money.allocate), each at most its cap."""
    # Floor each pro-rata share, the remainder to the largest weight (the first on a tie).
    weight_sum = sum(weights)
    if weight_sum == 0:
        shares = [0] * len(weights)
        shares[0] = total
    else:
        shares = [total * w // weight_sum for w in weights]
        largest = weights.index(max(weights))  # the first of the largest
        shares[largest] += total - sum(shares)
    if not any(map(gt, shares, caps)):
        return shares
    excess = sum(max(s - c, 0) for s, c in zip(shares, caps, strict=True))
    shares = [min(s, c) for s, c in zip(shares, caps, strict=True)]
    # Only the remainder cents can overflow a cap; move them to the lines with the most room.
    for i in sorted(range(len(caps)), key=lambda i: (-(caps[i] - shares[i]), i)):
        moved = min(caps[i] - shares[i], excess)
        shares[i] += moved
        excess -= moved
    return shares


def _share(total: int, weights: Mapping[int, int], remaining: Mapping[int, int]) -> dict[int, int]:
    """The promotion's ``total`` over the lines with a positive weight, in line index order."""
    if total <= 0 or not weights:
        return {}
    if min(weights.values()) > 0:  # usually: no line to leave out, sort in C
        order = sorted(weights)
    else:
        order = sorted(i for i, w in weights.items() if w > 0)
    if not order:
        return {}
    if len(order) == 1:  # one line (most product deals): nothing to allocate
        return {order[0]: total}
    shares = _allocate(total, [weights[i] for i in order], [remaining[i] for i in order])
    return {i: s for i, s in zip(order, shares, strict=True) if s}


def _percent(cents: dict[int, int], percent: Decimal) -> dict[int, int]:
    # Each line's exact discount is r x num / (den x 100): in the ratios of r, total rounded once.
    num, den = percent.as_integer_ratio()
    return _share(_half_up(sum(cents.values()) * num, den * 100), cents, cents)


def _prorata(cents: dict[int, int], off: int) -> dict[int, int]:
    # Each line's exact discount is off x r / base: in the ratios of r, adding up to ``off``.
    return _share(off, cents, cents)


def _exact_fractions(exact: dict[int, Fraction], remaining: Mapping[int, int]) -> dict[int, int]:
    """Round the exact total once and allocate it in the ratios of ``exact`` (any Fractions)."""
    exact = {i: d for i, d in exact.items() if d > 0}
    if not exact:
        return {}
    total_exact = sum(exact.values(), Fraction(0))
    total = _half_up(total_exact.numerator, total_exact.denominator)
    denominator = math.lcm(*(d.denominator for d in exact.values()))
    weights = {i: d.numerator * (denominator // d.denominator) for i, d in exact.items()}
    return _share(total, weights, remaining)


def _sets(
    units: Sequence[tuple[int, int, int]], size: int
) -> Iterator[tuple[int, list[tuple[int, int, int]]]]:
    """Cut runs of (unit value, line index, count), sorted dear first, into sets of ``size``
    (the unit values are integers: every unit's value over one common scale).

    Yields (how many identical sets, [(line index, unit value, units), ...]); a run of one
    price yields all its whole sets at once, so the cost is per run, not per unit.
    """
    pending: list[tuple[int, int, int]] = []
    filled = 0
    for value, index, count in units:
        if filled:
            take = min(count, size - filled)
            pending.append((index, value, take))
            filled += take
            count -= take
            if filled < size:
                continue
            yield 1, pending
            pending, filled = [], 0
        if count >= size:
            yield count // size, [(index, value, size)]
            count %= size
        if count:
            pending, filled = [(index, value, count)], count


def _set_rule(
    reward: MultiBuy | BuyXGetY, facts: LineFacts, cents: dict[int, int], price: int
) -> tuple[dict[int, int], int]:
    """Each line's exact discount under a set rule, as integer weights over one denominator.

    Returns (weights, denominator): line i's exact discount is weights[i] / denominator. The
    unit values r / q are scaled by the lcm of the quantities' numerators so that they are
    integers; with Fractions per unit and per set, this rule was a tenth of the engine's
    instructions (bench/bench_promotions.py). ``price`` is a multi-buy's price in minor units.
    """
    ratios = facts.ratios
    sold = [i for i, r in cents.items() if facts.per_unit[i] and r > 0]
    scale = math.lcm(*(ratios[i][0] for i in sold))
    # Whole units of lines sold per unit, dearest first; a unit is worth r x qd / qn, x scale.
    runs = sorted(
        ((cents[i] * ratios[i][1] * (scale // ratios[i][0]), i, _units(*ratios[i])) for i in sold),
        key=lambda run: (-run[0], facts.line_nos[run[1]]),
    )
    weights: dict[int, int] = {}
    if isinstance(reward, MultiBuy):
        # Each set of (scaled) value V saves (V - price) in the ratios of its units' values:
        # line term times x (V - P) x v x n / V, over the scale. The denominators V differ
        # per set, so the terms are gathered first and brought to their lcm.
        scaled_price = price * scale
        terms: list[tuple[int, int, int]] = []  # (line index, numerator, set value)
        for times, members in _sets(runs, reward.quantity):
            value = sum(v * n for _, v, n in members)
            if value <= scaled_price:
                break  # sets only get cheaper from here on
            for index, v, n in members:
                terms.append((index, times * (value - scaled_price) * v * n, value))
        if not terms:
            return {}, 1
        common = math.lcm(*(value for _, _, value in terms))
        for index, numerator, value in terms:
            weights[index] = weights.get(index, 0) + numerator * (common // value)
        return weights, common * scale
    num, den = reward.percent.as_integer_ratio()
    for times, members in _sets(runs, reward.buy + reward.get):
        free = reward.get
        for index, v, n in reversed(members):  # the cheapest units of the set
            taken = min(free, n)
            weights[index] = weights.get(index, 0) + times * v * taken * num
            free -= taken
            if not free:
                break
    return weights, scale * den * 100


def _per_unit_rule(
    promo: Promotion, facts: LineFacts, cents: dict[int, int], minor: Fraction
) -> dict[int, int]:
    """Amount off each unit, or a fixed price per unit: integers when every quantity is whole."""
    reward = promo.reward
    if isinstance(reward, AmountOff):
        unit = reward.amount.to_minor()
        whole = [facts.whole[i] for i in cents]
        if None not in whole:
            return _share_ints({i: min(r, unit * facts.whole[i]) for i, r in cents.items()}, cents)  # type: ignore[operator]
        per = Fraction(reward.amount.amount) * minor
        exact = {i: min(Fraction(r), per * facts.quantities[i]) for i, r in cents.items()}
        return _exact_fractions(exact, cents)
    assert isinstance(reward, FixedPrice)
    price = reward.price.to_minor()
    whole = [facts.whole[i] for i in cents]
    if None not in whole:
        return _share_ints(
            {i: max(r - price * facts.whole[i], 0) for i, r in cents.items()},  # type: ignore[operator]
            cents,
        )
    per = Fraction(reward.price.amount) * minor
    exact = {i: max(Fraction(r) - per * facts.quantities[i], Fraction(0)) for i, r in cents.items()}
    return _exact_fractions(exact, cents)


def _share_ints(exact: dict[int, int], cents: dict[int, int]) -> dict[int, int]:
    """Exact integer discounts: the total is their sum, allocated back in their own ratios."""
    return _share(sum(d for d in exact.values() if d > 0), exact, cents)


def _closing_share(total: int, cents: dict[int, int]) -> int | None:
    """``total`` if ``_share(total, cents, cents)`` gives every line at least one minor unit,
    0 if it gives none, None when only the allocation can tell."""
    if total <= 0:
        return 0
    # Each line's floor share total x r / base is at least 1 when the smallest line's is;
    # capping at what remains keeps it at least 1, and the remainder only adds.
    if len(cents) == 1 or total * min(cents.values()) >= sum(cents.values()):
        return total
    return None


def closing_total(promo: Promotion, cents: dict[int, int]) -> int | None:
    """What ``promotion_cents`` takes off ``cents`` in all, when it is cheap to know that it
    discounts every one of those lines (or none: 0); None otherwise (a set rule, a per-unit
    rule, or a line whose share the allocation alone decides).

    A trial of a best-price promotion only needs its total and which lines it closes; the
    percent, spend threshold and basket amount rules answer both without allocating their
    total line by line (bench/bench_promotions.py: a basket-wide percent was re-allocated
    over 50 lines for every trial before a best-price rule on it).
    """
    reward = promo.reward
    if isinstance(reward, PercentOff):
        num, den = reward.percent.as_integer_ratio()
        return _closing_share(_half_up(sum(cents.values()) * num, den * 100), cents)
    if isinstance(reward, SpendThreshold):
        base = sum(cents.values())
        if base < reward.threshold.to_minor():
            return 0
        if reward.percent is not None:
            num, den = reward.percent.as_integer_ratio()
            return _closing_share(_half_up(base * num, den * 100), cents)
        assert reward.amount is not None
        return _closing_share(min(base, reward.amount.to_minor()), cents)
    if isinstance(reward, AmountOff) and promo.scope.is_basket:
        base = sum(cents.values())
        return _closing_share(min(base, reward.amount.to_minor()), cents)
    return None


def promotion_cents(
    promo: Promotion, facts: LineFacts, cents: dict[int, int], minor: Fraction
) -> dict[int, int]:
    """What ``promo`` takes off each of the open lines ``cents`` (line index → what remains of
    it, in minor units), in minor units; lines it takes nothing off are left out."""
    reward = promo.reward
    if isinstance(reward, PercentOff):
        return _percent(cents, reward.percent)
    if isinstance(reward, SpendThreshold):
        base = sum(cents.values())
        if base < reward.threshold.to_minor():
            return {}
        if reward.percent is not None:
            return _percent(cents, reward.percent)
        assert reward.amount is not None
        return _prorata(cents, min(base, reward.amount.to_minor())) if base else {}
    if isinstance(reward, AmountOff) and promo.scope.is_basket:
        base = sum(cents.values())
        return _prorata(cents, min(base, reward.amount.to_minor())) if base else {}
    if isinstance(reward, AmountOff | FixedPrice):
        return _per_unit_rule(promo, facts, cents, minor)
    assert isinstance(reward, MultiBuy | BuyXGetY)
    size = reward.quantity if isinstance(reward, MultiBuy) else reward.buy + reward.get
    sold = [i for i, r in cents.items() if facts.per_unit[i] and r > 0]
    ratios = facts.ratios
    units = sum(_units(*ratios[i]) for i in sold)
    if units < size:  # not one whole set: most set deals on a basket of 1 to 4 units a line
        return {}
    if len(sold) == 1:  # one line (most product deals): its sets are all alike, in integers
        return _one_line_sets(reward, sold[0], facts, cents[sold[0]], size)
    price = reward.price.to_minor() if isinstance(reward, MultiBuy) else 0
    weights, denominator = _set_rule(reward, facts, cents, price)
    # Rounded once HALF_UP, allocated in the ratios of the exact discounts (as
    # ``_exact_fractions`` does with Fractions: one denominator, so the numerators are those
    # ratios).
    return _share(_half_up(sum(weights.values()), denominator), weights, cents)


def _one_line_sets(
    reward: MultiBuy | BuyXGetY, index: int, facts: LineFacts, rest: int, size: int
) -> dict[int, int]:
    """``_set_rule`` and ``_exact_fractions`` on one line, in integers.

    Every unit of the line is worth rest / quantity, so it holds units // size identical sets
    and its exact discount is one fraction, rounded once HALF_UP, all of it on the line.
    Set rules with a Fraction per set were a third of the engine's evaluation time
    (bench/bench_promotions.py); most of them meet one line of their SKU.
    """
    qn, qd = facts.ratios[index]  # unit value = rest * qd / qn
    times = _units(qn, qd) // size
    if isinstance(reward, MultiBuy):
        # Each set saves its value less the price: size * rest * qd / qn - price.
        price = reward.price.to_minor()
        gain = size * rest * qd - price * qn
        if gain <= 0:
            return {}  # a set is worth no more than the price
        total = _half_up(times * gain, qn)
    else:
        # The cheapest ``get`` units of each set, at ``percent`` off.
        num, den = reward.percent.as_integer_ratio()
        total = _half_up(times * reward.get * rest * qd * num, qn * den * 100)
    return {index: total} if total > 0 else {}
