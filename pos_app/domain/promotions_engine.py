"""The promotion engine: which promotions apply to a basket, and what each takes off each line.

Pure and deterministic: the result depends only on the lines, the promotions and the context
(time, channel, customer, coupons), never on the order promotions were given in.

Amounts. The engine works in integer minor units. Applying one promotion computes each line's
exact discount (a Fraction, from what remains of the line), rounds the promotion's total once
HALF_UP to the minor unit, and allocates that total to the lines pro rata to their exact
discounts with ``money.allocate`` (remainder to the largest), never more than what remains of a
line. So per-line amounts add up exactly to the promotion's discount, and no line goes below 0.

Set-based rules (multi-buy, buy X get Y) pool the eligible units of all eligible lines sold per
unit, sort them by unit value, highest first, and cut them into consecutive sets. That is the
cut that saves the customer most (each set's cheapest unit is as dear as it can be), and it
does not depend on scan order. Weighed lines take no part in set-based rules.

Stacking. A promotion is exclusive (alone in the sale), best price (alone on each line it
discounts) or compound (stacks on a line with other compound promotions). A combination of
non-exclusive promotions is applied in one fixed order, priority high to low then promo id:
each promotion sees only the lines still open to it (a best-price promotion skips lines another
promotion already discounted; no promotion touches a line a best-price one discounted) and takes
its discount from what those lines still cost. The engine picks, for the customer, the
combination that saves most:

- promotions that could apply are those available in the context and saving something alone;
- they are split into groups that share no eligible line (groups cannot affect each other);
- within a group of at most EXHAUSTIVE_LIMIT promotions every subset is tried (2^n - 1, at most
  63 evaluations); a larger group is filled greedily, largest stand-alone saving first, keeping
  a promotion only if it raises the group's saving (O(n^2) evaluations; it can miss the optimum);
  in a larger group, the promotions on some lines only are first split into their own groups
  (the basket-wide ones are what joined them) and solved alone; then the better of: the
  basket-wide ones added greedily on top of those winners, or the basket-wide ones first and
  each group's winners added where they raise the saving;
- the best exclusive promotion alone is taken instead if it saves strictly more.

Ties keep the first combination found, trying smaller combinations and higher priorities first.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from itertools import combinations
from typing import Final

from pos_app.domain.money import Currency, Money, sum_money
from pos_app.domain.promotions_eval import LineFacts, promotion_cents
from pos_app.domain.promotions_rules import Channel, Promotion, PromotionError, Stacking

__all__ = [
    "EXHAUSTIVE_LIMIT",
    "AppliedPromotion",
    "PromoLine",
    "PromotionContext",
    "PromotionResult",
    "apply_promotions",
    "standalone_saving",
]

EXHAUSTIVE_LIMIT: Final = 6


@dataclass(frozen=True)
class PromoLine:
    """What the engine needs of a basket line. ``eligible`` False keeps promotions off it."""

    line_no: int
    sku: str
    department: str
    quantity: Decimal
    gross: Money
    per_unit: bool = True
    eligible: bool = True


@dataclass(frozen=True)
class PromotionContext:
    promotions: tuple[Promotion, ...]
    now: datetime
    channel: Channel = Channel.STORE
    has_customer: bool = False
    coupons: frozenset[str] = frozenset()

    @cached_property
    def available(self) -> _Available:
        """The promotions this context allows, indexed by what they look at.

        Built once per context (the screen prices the same context on every basket change):
        checking 500 promotions' availability and scope on every call was a third of the
        engine's time on a typical basket (bench/bench_promotions.py).
        """
        ids = [p.promo_id for p in self.promotions]
        if len(set(ids)) != len(ids):
            # Which of two promotions with one id applies would be arbitrary; the store keys
            # promotions by id, so this is a caller's bug, not data to guess about.
            raise PromotionError("The same promotion id was given twice.")
        index = _Available()
        for p in self.promotions:
            if not p.is_available(self.now, self.channel, self.has_customer, self.coupons):
                continue
            if p.scope.is_basket:
                index.wide.append(p)
            for sku in p.scope.skus:
                index.by_sku.setdefault(sku, []).append(p)
            for department in p.scope.departments:
                index.by_department.setdefault(department, []).append(p)
        return index


class _Available:
    """Available promotions by SKU, by department, and the basket-wide ones."""

    def __init__(self) -> None:
        self.by_sku: dict[str, list[Promotion]] = {}
        self.by_department: dict[str, list[Promotion]] = {}
        self.wide: list[Promotion] = []


@dataclass(frozen=True)
class AppliedPromotion:
    """One promotion's discount on one line, for the receipt, tax and returns."""

    promo_id: str
    name: str
    amount: Money


@dataclass(frozen=True)
class PromotionResult:
    """Per line (in the order given), the promotions applied to it, in application order."""

    currency: Currency
    lines: tuple[tuple[int, tuple[AppliedPromotion, ...]], ...]

    def for_line(self, line_no: int) -> tuple[AppliedPromotion, ...]:
        for number, applied in self.lines:
            if number == line_no:
                return applied
        return ()

    def discount_for(self, line_no: int) -> Money:
        return sum_money((a.amount for a in self.for_line(line_no)), self.currency)

    @property
    def total(self) -> Money:
        return sum_money((a.amount for _, applied in self.lines for a in applied), self.currency)

    @property
    def promo_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for _, applied in self.lines:
            seen.update((a.promo_id, None) for a in applied)
        return tuple(seen)


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
        self._masks: dict[str, int] = {}
        self.states: dict[tuple[str, ...], _State] = {}
        self.facts = LineFacts(
            [line.line_no for line in lines],
            [line.quantity for line in lines],
            [line.per_unit for line in lines],
        )
        quantum = lines[0].gross.currency.quantum if lines else Decimal(1)
        self.minor = Fraction(1) / Fraction(quantum)
        # What a promotion takes off depends only on its open lines and what remains of them;
        # combinations that differ elsewhere in the basket meet the same inputs again and again.
        self._cents: dict[tuple[str, tuple[int, ...], tuple[int, ...]], dict[int, int]] = {}
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

    def mask(self, promo: Promotion) -> int:
        """``reach`` as a bit set, to tell in one operation whether two promotions can meet."""
        found = self._masks.get(promo.promo_id)
        if found is None:
            found = self._masks[promo.promo_id] = sum(1 << i for i in self.reach(promo))
        return found

    def cents(self, promo: Promotion, open_cents: dict[int, int]) -> dict[int, int]:
        """What ``promo`` takes off its open lines (index → what remains), in line order."""
        key = (promo.promo_id, tuple(open_cents), tuple(open_cents.values()))
        found = self._cents.get(key)
        if found is None:
            found = promotion_cents(promo, self.facts, open_cents, self.minor)
            self._cents[key] = found
        return found

    def alone(self, promo: Promotion) -> _Outcome:
        found = self._alone.get(promo.promo_id)
        if found is None:
            gross = self.gross
            cents = self.cents(promo, {i: gross[i] for i in self.reach(promo)})
            found = _Outcome(sum(cents.values()), tuple((i, promo, c) for i, c in cents.items()))
            self._alone[promo.promo_id] = found
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
    remaining, closed, touched = list(state[0]), list(state[1]), list(state[2])
    applied = list(state[3])
    for k in range(start, len(ordered)):
        promo = ordered[k]
        compound = promo.stacking is Stacking.COMPOUND
        open_ = {
            i: remaining[i]
            for i in basket.reach(promo)
            if not closed[i] and (compound or not touched[i])
        }
        if open_:
            for i, cents in basket.cents(promo, open_).items():
                remaining[i] -= cents
                touched[i] = True
                closed[i] = closed[i] or not compound
                applied.append((i, promo, cents))
        states[ids[: k + 1]] = (tuple(remaining), tuple(closed), tuple(touched), tuple(applied))
    return _Outcome(sum(cents for _, _, cents in applied), tuple(applied))


class _Chain:
    """A combination applied in order, kept so that adding promotions to it is cheap to try.

    A greedy step asks what the saving would be with one more promotion (or one more group's
    winners). Rerunning the whole combination for that was the engine's cost. Instead the state
    of every line before each position is kept, and a trial walks the positions after the new
    promotion's place tracking only the lines whose state differs from the kept run (``diff``,
    a bit set): a promotion whose lines are all unchanged does exactly what it did before and
    is skipped with one AND; one that meets a changed line is evaluated again (memoized).
    """

    after: tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...]]  # the state at the end

    def __init__(
        self, basket: _Basket, promos: Sequence[Promotion], kept: _Chain | None = None
    ) -> None:
        """``promos`` in order; ``kept``, a chain they extend, lends its positions before the
        first promotion that is not its own (they are the same run up to there)."""
        self.basket = basket
        self.promos = sorted(promos, key=_order_key)
        self.keys = [_order_key(p) for p in self.promos]
        self.masks = [basket.mask(p) for p in self.promos]
        start = 0
        if kept is not None:
            limit = min(len(kept.keys), len(self.keys))
            while start < limit and kept.keys[start] == self.keys[start]:
                start += 1
        source = kept if kept is not None else self
        self.before: list[tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...]]] = (
            source.before[:start] if start else []
        )
        self.effects: list[dict[int, int]] = source.effects[:start] if start else []
        # Each promotion's open lines and what remained of them, and what it took in all.
        self.opens: list[dict[int, int]] = source.opens[:start] if start else []
        self.totals: list[int] = source.totals[:start] if start else []
        basket_ = self.basket
        state = (
            basket_.initial[:3]
            if kept is None or start == 0
            else (kept.before[start] if start < len(kept.promos) else kept.after)
        )
        remaining, closed, touched = list(state[0]), list(state[1]), list(state[2])
        self.saving = sum(self.totals)
        for promo in self.promos[start:]:
            self.before.append((tuple(remaining), tuple(closed), tuple(touched)))
            compound = promo.stacking is Stacking.COMPOUND
            open_ = {
                i: remaining[i]
                for i in basket_.reach(promo)
                if not closed[i] and (compound or not touched[i])
            }
            cents = basket_.cents(promo, open_) if open_ else {}
            for i, c in cents.items():
                remaining[i] -= c
                touched[i] = True
                closed[i] = closed[i] or not compound
            self.opens.append(open_)
            self.totals.append(sum(cents.values()))
            self.saving += self.totals[-1]
            self.effects.append(cents)
        self.after = (tuple(remaining), tuple(closed), tuple(touched))

    def outcome(self) -> _Outcome:
        applied = tuple(
            (i, promo, c) for promo, cents in zip(self.promos, self.effects, strict=True)
            for i, c in cents.items()
        )  # fmt: skip
        return _Outcome(self.saving, applied)

    def with_(self, extra: Sequence[Promotion]) -> _Chain:
        return _Chain(self.basket, [*self.promos, *extra], kept=self)

    def saving_with(self, extra: Sequence[Promotion]) -> int:
        """The saving of this combination with ``extra`` (none of them in it) added."""
        if not extra:
            return self.saving
        basket = self.basket
        added = sorted(extra, key=_order_key)
        promos, keys, before, effects = self.promos, self.keys, self.before, self.effects
        k = bisect_left(keys, _order_key(added[0]))
        e = 0
        diff = 0
        own: dict[int, tuple[int, bool, bool]] = {}  # (remaining, closed, touched) of diff lines
        delta = 0
        end = len(promos)
        masks = self.masks
        added_keys = [_order_key(p) for p in added]
        while True:
            # Skip, in one tight loop, the kept promotions none of whose lines changed: they do
            # exactly what they did (most of them, on a large basket).
            limit = added_keys[e] if e < len(added) else None
            while k < end and not masks[k] & diff and (limit is None or keys[k] < limit):
                k += 1
            if k < end and (limit is None or keys[k] < limit):
                promo, base, was_total = promos[k], effects[k], self.totals[k]
                mask = masks[k]
                rem, clo, tou = before[k]
                k += 1
                # Its open lines as in the kept run, corrected on the changed lines only.
                compound = promo.stacking is Stacking.COMPOUND
                open_: dict[int, int] = dict(self.opens[k - 1])
                for i, (r, c, t) in own.items():
                    if mask >> i & 1:
                        if not c and (compound or not t):
                            open_[i] = r
                        else:
                            open_.pop(i, None)
            elif e < len(added):
                promo, base, was_total = added[e], {}, 0
                e += 1
                rem, clo, tou = self.after if k == end else before[k]
                compound = promo.stacking is Stacking.COMPOUND
                open_ = {}
                for i in basket.reach(promo):
                    r, c, t = own[i] if i in own else (rem[i], clo[i], tou[i])
                    if not c and (compound or not t):
                        open_[i] = r
            else:
                break
            new = basket.cents(promo, open_) if open_ else {}
            fresh = {i for i, _ in new.items() ^ base.items()} - own.keys()
            for i, (r, c, _) in own.items():
                now = new.get(i, 0)
                if now:
                    own[i] = (r - now, c or not compound, True)
            for i in fresh:
                now = new.get(i, 0)
                own[i] = (
                    (rem[i] - now, clo[i] or not compound, True)
                    if now
                    else (rem[i], clo[i], tou[i])
                )
                diff |= 1 << i
            delta += sum(new.values()) - was_total
        return self.saving + delta


def standalone_saving(promo: Promotion, lines: Sequence[PromoLine]) -> int:
    """What ``promo`` alone takes off ``lines``, in minor units (availability not checked)."""
    # Only the lines it looks at count (the near-miss hints ask this many times per basket,
    # and a whole basket's line facts cost more than the answer).
    scope = promo.scope
    mine = [line for line in lines if line.eligible and scope.matches(line.sku, line.department)]
    return _Basket(mine).alone(promo).saving if mine else 0


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
        chain = _greedy_chain(wide, _Chain(basket, []), basket)
        chain = _Chain(basket, _promotions_of(chain.outcome()))
        for block in blocks:
            if chain.saving_with(block) > chain.saving:
                chain = chain.with_(block)
        first = chain.outcome()
        # And the plain greedy over the whole group (what the engine did before the split):
        # the result is never worse than it, whatever the mix.
        plain = _greedy(group, [], basket)
        return max((plain, layered, first), key=lambda o: o.saving)  # the first on a tie
    return _greedy(group, chosen, basket)


def _greedy(group: Sequence[Promotion], chosen: list[Promotion], basket: _Basket) -> _Outcome:
    """Add ``group``'s promotions to ``chosen``, largest saving alone first, each only if it
    raises the saving."""
    return _greedy_chain(group, _Chain(basket, chosen), basket).outcome()


def _greedy_chain(group: Sequence[Promotion], chain: _Chain, basket: _Basket) -> _Chain:
    for promo in sorted(group, key=lambda p: (-basket.alone(p).saving, _order_key(p))):
        if chain.saving_with([promo]) > chain.saving:
            chain = chain.with_([promo])
    return chain


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
    offered = context.available
    basket = _Basket(lines)
    # A promotion none of whose lines is in the basket saves nothing: the SKU and department
    # index finds the others without looking at it (most of a store's promotions).
    reaching: dict[str, Promotion] = {}
    for sku in basket.skus:
        reaching.update((p.promo_id, p) for p in offered.by_sku.get(sku, ()))
    for department in basket.departments:
        reaching.update((p.promo_id, p) for p in offered.by_department.get(department, ()))
    if basket.all:
        reaching.update((p.promo_id, p) for p in offered.wide)
    candidates = [
        p for p in sorted(reaching.values(), key=_order_key) if basket.alone(p).saving > 0
    ]
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
