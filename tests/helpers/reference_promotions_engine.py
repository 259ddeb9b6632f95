"""The promotion engine as it was before the performance work (commit c145bb0), kept as the
reference that tests/unit/domain/promotions/test_domain_promotions_equivalence.py compares
the engine with.

Only the shared value types (PromoLine, PromotionContext, AppliedPromotion, PromotionResult)
come from the engine so both take the same inputs and give comparable results; everything that
chooses and allocates promotions is the old code, unchanged. Do not optimise this file.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from typing import Final

from pos_app.domain.money import Currency, Money, round_half_up
from pos_app.domain.promotions.engine import (
    AppliedPromotion,
    PromoLine,
    PromotionContext,
    PromotionResult,
)
from pos_app.domain.promotions.rules import (
    AmountOff,
    BuyXGetY,
    FixedPrice,
    MultiBuy,
    PercentOff,
    Promotion,
    PromotionError,
    SpendThreshold,
    Stacking,
)

__all__ = ["apply_promotions", "standalone_saving"]

EXHAUSTIVE_LIMIT: Final = 6


# -- one promotion on the current state ----------------------------------------------------


def _allocate_cents(
    total: int, weights: Sequence[Fraction], caps: Sequence[int], currency: Currency
) -> list[int]:
    """``total`` split pro rata to ``weights`` (money.allocate), each share at most its cap."""
    # money.allocate's rule (floor each pro-rata share, the remainder to the largest weight,
    # the first on a tie) on integers: the same cents without building Money per share.
    # Weights over one common denominator are integers in the same ratios (and order), and
    # integer floor division is far cheaper than Fraction arithmetic.
    denominator = math.lcm(*(w.denominator for w in weights))
    ints = [w.numerator * (denominator // w.denominator) for w in weights]
    weight_sum = sum(ints)
    if weight_sum == 0:
        shares = [0] * len(weights)
        shares[0] = total
    else:
        shares = [total * w // weight_sum for w in ints]
        largest = max(range(len(ints)), key=lambda i: (ints[i], -i))
        shares[largest] += total - sum(shares)
    excess = sum(max(s - c, 0) for s, c in zip(shares, caps, strict=True))
    shares = [min(s, c) for s, c in zip(shares, caps, strict=True)]
    # Only the remainder cents can overflow a cap; move them to the lines with the most room.
    for i in sorted(range(len(caps)), key=lambda i: (-(caps[i] - shares[i]), i)):
        moved = min(caps[i] - shares[i], excess)
        shares[i] += moved
        excess -= moved
    return shares


def _sets(
    units: Sequence[tuple[Fraction, int, int]], size: int
) -> Iterator[tuple[int, list[tuple[int, Fraction, int]]]]:
    """Cut runs of (unit value, line index, count), sorted dear first, into sets of ``size``.

    Yields (how many identical sets, [(line index, unit value, units), ...]); a run of one
    price yields all its whole sets at once, so the cost is per run, not per unit.
    """
    pending: list[tuple[int, Fraction, int]] = []
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


def _percent_of(cents: dict[int, int], percent: Decimal) -> dict[int, Fraction]:
    """``percent`` % of each remaining amount (whole minor units), exactly."""
    num, den = percent.as_integer_ratio()
    return {i: Fraction(r * num, den * 100) for i, r in cents.items()}


def _exact_discounts(
    promo: Promotion, lines: Sequence[PromoLine], remaining: Sequence[int], open_: Sequence[int]
) -> dict[int, Fraction]:
    """Exact discount in minor units per open line index (each at most what remains)."""
    reward = promo.reward
    quantum = lines[0].gross.currency.quantum if lines else Decimal(1)
    minor = Fraction(1) / Fraction(quantum)
    # Remaining amounts are whole minor units: the rules that only scale them stay in integers
    # (a Fraction per line per run was most of the engine's time, bench_promotions.py).
    cents = {i: remaining[i] for i in open_}
    if isinstance(reward, SpendThreshold):
        base = sum(cents.values())
        if base < reward.threshold.to_minor():
            return {}
        if reward.percent is not None:
            return _percent_of(cents, reward.percent)
        assert reward.amount is not None
        off = min(base, reward.amount.to_minor())
        return {i: Fraction(off * r, base) for i, r in cents.items()} if base else {}
    if isinstance(reward, PercentOff):
        return _percent_of(cents, reward.percent)
    if isinstance(reward, AmountOff):
        if promo.scope.is_basket:
            base = sum(cents.values())
            off = min(base, reward.amount.to_minor())
            return {i: Fraction(off * r, base) for i, r in cents.items()} if base else {}
        amount = Fraction(reward.amount.amount) * minor
        return {i: min(Fraction(r), amount * Fraction(lines[i].quantity)) for i, r in cents.items()}
    rem = {i: Fraction(r) for i, r in cents.items()}
    if isinstance(reward, FixedPrice):
        price = Fraction(reward.price.amount) * minor
        return {
            i: max(r - price * Fraction(lines[i].quantity), Fraction(0)) for i, r in rem.items()
        }
    # Set-based rules: whole units of lines sold per unit, dearest first.
    runs = sorted(
        (
            (r / Fraction(lines[i].quantity), i, int(lines[i].quantity))
            for i, r in rem.items()
            if lines[i].per_unit and r > 0
        ),
        key=lambda run: (-run[0], lines[run[1]].line_no),
    )
    exact: dict[int, Fraction] = {}
    if isinstance(reward, MultiBuy):
        price = Fraction(reward.price.amount) * minor
        for times, members in _sets(runs, reward.quantity):
            value = sum((v * n for _, v, n in members), Fraction(0))
            if value <= price:
                break  # sets only get cheaper from here on
            for index, v, n in members:
                exact[index] = (
                    exact.get(index, Fraction(0)) + times * (value - price) * v * n / value
                )
        return exact
    assert isinstance(reward, BuyXGetY)
    rate = Fraction(reward.percent) / 100
    for times, members in _sets(runs, reward.buy + reward.get):
        free = reward.get
        for index, v, n in reversed(members):  # the cheapest units of the set
            taken = min(free, n)
            exact[index] = exact.get(index, Fraction(0)) + times * v * taken * rate
            free -= taken
            if not free:
                break
    return exact


def _promotion_cents(
    promo: Promotion, lines: Sequence[PromoLine], remaining: Sequence[int], open_: Sequence[int]
) -> dict[int, int]:
    exact = {i: d for i, d in _exact_discounts(promo, lines, remaining, open_).items() if d > 0}
    if not exact:
        return {}
    # The exact sum never exceeds what the lines still cost (whole minor units), so neither does
    # its rounding, and the capped allocation always places every cent.
    total = int(round_half_up(sum(exact.values(), Fraction(0)), Decimal(1)))
    if total == 0:
        return {}
    order = sorted(exact)
    if len(order) == 1:  # one line (most product deals): nothing to allocate
        return {order[0]: total}
    shares = _allocate_cents(
        total,
        [exact[i] for i in order],
        [remaining[i] for i in order],
        lines[order[0]].gross.currency,
    )
    return {i: share for i, share in zip(order, shares, strict=True) if share}


# -- combinations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    saving: int
    applied: tuple[tuple[int, Promotion, int], ...]  # (line index, promotion, minor units)


def _order_key(promo: Promotion) -> tuple[int, str]:
    return (-promo.priority, promo.promo_id)


# The state of the lines after applying some promotions in order: (remaining cents, closed,
# touched, applied entries).
_Applied = tuple[tuple[int, Promotion, int], ...]
_State = tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...], _Applied]


class _Basket:
    """What every run over one basket shares, computed once per ``apply_promotions`` call.

    The engine tries many combinations of the same promotions on the same lines; recomputing
    each line's minor units and each promotion's matching lines on every run was most of its
    time (bench/bench_promotions.py), so they are kept here, with each promotion's saving
    alone.
    """

    def __init__(self, lines: Sequence[PromoLine]) -> None:
        self.lines = lines
        self.gross = [line.gross.to_minor() if line.eligible else 0 for line in lines]
        self.skus: dict[str, list[int]] = {}
        self.departments: dict[str, list[int]] = {}
        for i, line in enumerate(lines):
            if line.eligible:
                self.skus.setdefault(line.sku, []).append(i)
                self.departments.setdefault(line.department, []).append(i)
        self.all = [i for i, line in enumerate(lines) if line.eligible]
        self._reach: dict[str, list[int]] = {}
        self._alone: dict[str, _Outcome] = {}
        self.states: dict[tuple[str, ...], _State] = {}
        self.initial: _State = (
            tuple(self.gross),
            tuple(not line.eligible for line in lines),
            (False,) * len(lines),
            (),
        )

    def reach(self, promo: Promotion) -> list[int]:
        """The eligible lines ``promo`` looks at, in line order (an index, not a scan)."""
        found = self._reach.get(promo.promo_id)
        if found is None:
            scope = promo.scope
            if scope.is_basket:
                found = self.all
            else:
                hits = {i for sku in scope.skus for i in self.skus.get(sku, ())}
                hits.update(i for d in scope.departments for i in self.departments.get(d, ()))
                found = sorted(hits)
            self._reach[promo.promo_id] = found
        return found

    def alone(self, promo: Promotion) -> _Outcome:
        found = self._alone.get(promo.promo_id)
        if found is None:
            found = self._alone[promo.promo_id] = _run([promo], self)
        return found


def _run(promos: Sequence[Promotion], basket: _Basket) -> _Outcome:
    """Apply ``promos`` in the fixed order (priority, id), each on what the previous left.

    Combinations share prefixes in that order (a greedy step adds one promotion to the last
    set; subsets of a group in order are tried in lexicographic order), so the state after
    each prefix is remembered per basket and a run starts from the longest one already known.
    """
    ordered = sorted(promos, key=_order_key)
    ids = tuple(p.promo_id for p in ordered)
    states = basket.states
    start = len(ordered)
    while start > 0 and ids[:start] not in states:
        start -= 1
    state = states[ids[:start]] if start else basket.initial
    if start == len(ordered):
        return _Outcome(sum(c for _, _, c in state[3]), state[3])
    lines = basket.lines
    remaining, closed, touched = list(state[0]), list(state[1]), list(state[2])
    applied = list(state[3])
    for k in range(start, len(ordered)):
        promo = ordered[k]
        compound = promo.stacking is Stacking.COMPOUND
        open_ = [i for i in basket.reach(promo) if not closed[i] and (compound or not touched[i])]
        if open_:
            for i, cents in sorted(_promotion_cents(promo, lines, remaining, open_).items()):
                remaining[i] -= cents
                touched[i] = True
                closed[i] = closed[i] or not compound
                applied.append((i, promo, cents))
        states[ids[: k + 1]] = (tuple(remaining), tuple(closed), tuple(touched), tuple(applied))
    return _Outcome(sum(cents for _, _, cents in applied), tuple(applied))


def standalone_saving(promo: Promotion, lines: Sequence[PromoLine]) -> int:
    """What ``promo`` alone takes off ``lines``, in minor units (availability not checked)."""
    return _run([promo], _Basket(lines)).saving


def _best_of_group(group: Sequence[Promotion], basket: _Basket) -> _Outcome:
    best = _Outcome(0, ())
    if len(group) <= EXHAUSTIVE_LIMIT:
        for size in range(1, len(group) + 1):
            for subset in combinations(group, size):
                outcome = basket.alone(subset[0]) if size == 1 else _run(subset, basket)
                if outcome.saving > best.saving:
                    best = outcome
        return best
    chosen: list[Promotion] = []
    wide = [p for p in group if p.scope.is_basket]
    narrow = [p for p in group if not p.scope.is_basket]
    if wide and narrow:
        # Basket-wide promotions touch every line, so they join all the others into one
        # group and the greedy below would re-run all of them for each one (hundreds of ms
        # for a 50-line basket, bench/bench_promotions.py). The promotions on some lines only
        # split into their own groups again without them; each is solved on its own, and the
        # basket-wide ones are then added greedily on top of those winners.
        blocks = [_promotions_of(_best_of_group(part, basket)) for part in _groups(narrow, basket)]
        layered = _greedy(wide, [p for block in blocks for p in block], basket)
        # A dominant basket-wide promotion (50 % off everything) is worth more than the
        # narrow winners it would be layered on: also try it first, then add each group's
        # winners only where they raise the saving, and keep the better of the two.
        first = _greedy(wide, [], basket)
        chosen = _promotions_of(first)
        for block in blocks:
            outcome = _run([*chosen, *block], basket)
            if outcome.saving > first.saving:
                first, chosen = outcome, [*chosen, *block]
        # And the plain greedy over the whole group (what the engine did before the split):
        # the result is never worse than it, whatever the mix.
        plain = _greedy(group, [], basket)
        return max((plain, layered, first), key=lambda o: o.saving)  # the first on a tie
    return _greedy(group, chosen, basket)


def _greedy(group: Sequence[Promotion], chosen: list[Promotion], basket: _Basket) -> _Outcome:
    """Add ``group``'s promotions to ``chosen``, largest saving alone first, each only if it
    raises the saving."""
    chosen = list(chosen)
    best = _run(chosen, basket) if chosen else _Outcome(0, ())
    for promo in sorted(group, key=lambda p: (-basket.alone(p).saving, _order_key(p))):
        outcome = _run([*chosen, promo], basket)
        if outcome.saving > best.saving:
            best = outcome
            chosen.append(promo)
    return best


def _promotions_of(outcome: _Outcome) -> list[Promotion]:
    seen: dict[str, Promotion] = {}
    for _, promo, _ in outcome.applied:
        seen.setdefault(promo.promo_id, promo)
    return list(seen.values())


def _groups(promos: Sequence[Promotion], basket: _Basket) -> list[list[Promotion]]:
    """Promotions joined when their eligible lines overlap (union-find over line indexes)."""
    parent = list(range(len(basket.lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for promo in promos:
        indexes = basket.reach(promo)
        for i in indexes[1:]:
            parent[root(i)] = root(indexes[0])
    groups: dict[int, list[Promotion]] = {}
    for promo in promos:
        groups.setdefault(root(basket.reach(promo)[0]), []).append(promo)
    return [groups[key] for key in sorted(groups)]


def apply_promotions(
    lines: Sequence[PromoLine], context: PromotionContext, currency: Currency
) -> PromotionResult:
    """The promotions that save the customer most under the stacking rules, per line."""
    ids = [p.promo_id for p in context.promotions]
    if len(set(ids)) != len(ids):
        # Which of two promotions with one id applies would be arbitrary; the store keys
        # promotions by id, so this is a caller's bug, not data to guess about.
        raise PromotionError("The same promotion id was given twice.")
    available = sorted(
        (
            p
            for p in context.promotions
            if p.is_available(context.now, context.channel, context.has_customer, context.coupons)
        ),
        key=_order_key,
    )
    basket = _Basket(lines)
    # A promotion none of whose lines is in the basket saves nothing: the SKU and department
    # index skips it without running it (most of a store's promotions, most of the time).
    candidates = [p for p in available if basket.reach(p) and basket.alone(p).saving > 0]
    exclusive = [p for p in candidates if p.stacking is Stacking.EXCLUSIVE]
    shared = [p for p in candidates if p.stacking is not Stacking.EXCLUSIVE]
    outcomes = [_best_of_group(group, basket) for group in _groups(shared, basket)]
    best = _Outcome(
        sum(o.saving for o in outcomes), tuple(entry for o in outcomes for entry in o.applied)
    )
    for promo in exclusive:
        alone = basket.alone(promo)
        if alone.saving > best.saving:
            best = alone
    per_line: dict[int, list[AppliedPromotion]] = {}
    for index, promo, cents in best.applied:
        per_line.setdefault(index, []).append(
            AppliedPromotion(promo.promo_id, promo.name, Money.from_minor(cents, currency))
        )
    return PromotionResult(
        currency,
        tuple((line.line_no, tuple(per_line.get(i, ()))) for i, line in enumerate(lines)),
    )
