"""The promotion engine: which promotions apply to a basket, and what each takes off each line.

Pure and deterministic: the result depends only on the lines, the promotions and the context
(time, channel, customer, coupons), never on the order promotions were given in.

Amounts. The engine works in integer minor units. Applying one promotion computes each line's
exact discount (from what remains of the line), rounds the promotion's total once HALF_UP to
the minor unit, and allocates that total to the lines pro rata to their exact discounts with
``money.allocate``'s rule (remainder to the largest), never more than what remains of a line.
So per-line amounts add up exactly to the promotion's discount, and no line goes below 0.
``promotions_eval`` does this in integers wherever the rule allows (the same cents as with
Fractions); ``promotions_state`` holds the search state (per-basket facts, memo, chains).

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
  63 evaluations), except those whose stand-alone savings add up to no more than the best
  found (a promotion never takes more in a combination than alone); a larger group is filled
  greedily, largest stand-alone saving first, keeping a promotion only if it raises the
  group's saving (O(n^2) evaluations; it can miss the optimum);
  in a larger group, the promotions on some lines only are first split into their own groups
  (the basket-wide ones are what joined them) and solved alone; then the better of: the
  basket-wide ones added greedily on top of those winners, or the basket-wide ones first and
  each group's winners added where they raise the saving;
- the best exclusive promotion alone is taken instead if it saves strictly more.

Ties keep the first combination found, trying smaller combinations and higher priorities first.

The result is identical to the reference engine's (tests/helpers/reference_promotions_engine.py);
what makes it faster only skips work whose answer is known (docs/architecture.md §9.1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from itertools import combinations
from typing import Final

from pos_app.domain.money import Currency, Money, sum_money
from pos_app.domain.promotions.rules import Channel, Promotion, PromotionError, Stacking
from pos_app.domain.promotions.state import (
    BasketState,
    Chain,
    Outcome,
    order_key,
    run_combination,
)

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
        offered: list[Promotion] = []
        for p in self.promotions:
            if not p.is_available(self.now, self.channel, self.has_customer, self.coupons):
                continue
            offered.append(p)
            if p.scope.is_basket:
                index.wide.append(p)
            for sku in p.scope.skus:
                index.by_sku.setdefault(sku, []).append(p)
            for department in p.scope.departments:
                index.by_department.setdefault(department, []).append(p)
        index.offered = tuple(offered)
        return index

    def continue_from(self, earlier: PromotionContext) -> None:
        """Price from ``earlier``'s last basket (``_basket``) when both offer the same
        promotions: the till makes a context per pricing (its clock moves on), and what a
        pricing keeps depends only on the promotions available, not on the time that made
        them so. A promotion that started or ended in between: nothing is taken."""
        mine, theirs = self.available, earlier.available
        if mine.last is None and theirs.last is not None and mine.offered == theirs.offered:
            mine.last = theirs.last


class _Available:
    """Available promotions by SKU, by department, and the basket-wide ones; and the last
    basket priced in this context, what the next pricing starts from (``_basket``)."""

    def __init__(self) -> None:
        self.by_sku: dict[str, list[Promotion]] = {}
        self.by_department: dict[str, list[Promotion]] = {}
        self.wide: list[Promotion] = []
        self.offered: tuple[Promotion, ...] = ()  # all of them, in the context's order
        self.last: _Priced | None = None

    def reaching(self, lines: Iterable[PromoLine]) -> dict[str, Promotion]:
        """The promotions that look at any of ``lines`` (the basket-wide ones included)."""
        found: dict[str, Promotion] = {p.promo_id: p for p in self.wide}
        for line in lines:
            found.update((p.promo_id, p) for p in self.by_sku.get(line.sku, ()))
            found.update((p.promo_id, p) for p in self.by_department.get(line.department, ()))
        return found


@dataclass(frozen=True)
class _Priced:
    """One pricing: the lines as given (a snapshot), the currency, its state and result."""

    lines: tuple[PromoLine, ...]
    currency: Currency
    basket: BasketState
    result: PromotionResult


def _basket(
    lines: tuple[PromoLine, ...], offered: _Available, currency: Currency
) -> BasketState | PromotionResult:
    """The state to price ``lines`` with, started from the last basket priced in the context
    when they share their first lines (after a scan: all but the new one); or the last result
    itself when the lines are the same (the screen, then the checkout, price one basket).

    Only what the shared lines decide is taken (``BasketState.adopt``), so the result is the
    one a fresh state gives (test_incremental_pricing_equals_pricing_from_scratch).
    """
    basket = BasketState(lines)
    last = offered.last
    if last is None or last.currency != currency:
        return basket
    old = last.lines
    same = 0
    limit = min(len(old), len(lines))
    while same < limit and old[same] == lines[same]:
        same += 1
    if same == len(old) == len(lines):
        return last.result
    if same:
        affected = offered.reaching(old[same:] + lines[same:])
        basket.adopt(last.basket, same, affected.keys())
    return basket


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


def standalone_saving(promo: Promotion, lines: Sequence[PromoLine]) -> int:
    """What ``promo`` alone takes off ``lines``, in minor units (availability not checked)."""
    # Only the lines it looks at count (the near-miss hints ask this many times per basket,
    # and a whole basket's line facts cost more than the answer).
    scope = promo.scope
    mine = [line for line in lines if line.eligible and scope.matches(line.sku, line.department)]
    return BasketState(mine).alone(promo).saving if mine else 0


def _best_of_group(group: Sequence[Promotion], basket: BasketState) -> Outcome:
    best = Outcome(0, ())
    if len(group) <= EXHAUSTIVE_LIMIT:
        # Branch and bound: no promotion takes more in a combination than it takes alone
        # (every rule gives no more on fewer lines or on less of each line, and its rounded
        # total is allocated whole; test_never_more_than_alone checks it), so a subset whose
        # stand-alone savings add up to no more than the best found cannot beat it, and ties
        # keep the first found: skipping it changes nothing.
        alone = [basket.alone(p).saving for p in group]
        for size in range(1, len(group) + 1):
            for subset in combinations(range(len(group)), size):
                if size == 1:
                    outcome = basket.alone(group[subset[0]])
                elif sum(alone[i] for i in subset) <= best.saving:
                    continue
                else:
                    outcome = run_combination([group[i] for i in subset], basket)
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
        chain = _greedy_chain(wide, Chain(basket, []), basket)
        chain = Chain(basket, _promotions_of(chain.outcome()))
        for block in blocks:
            if chain.saving_with(block) > chain.saving:
                chain = chain.with_(block)
        first = chain.outcome()
        # And the plain greedy over the whole group (what the engine did before the split):
        # the result is never worse than it, whatever the mix.
        plain = _greedy(group, [], basket)
        return max((plain, layered, first), key=lambda o: o.saving)  # the first on a tie
    return _greedy(group, chosen, basket)


def _greedy(group: Sequence[Promotion], chosen: list[Promotion], basket: BasketState) -> Outcome:
    """Add ``group``'s promotions to ``chosen``, largest saving alone first, each only if it
    raises the saving."""
    return _greedy_chain(group, Chain(basket, chosen), basket).outcome()


def _greedy_chain(group: Sequence[Promotion], chain: Chain, basket: BasketState) -> Chain:
    for promo in sorted(group, key=lambda p: (-basket.alone(p).saving, order_key(p))):
        if chain.saving_with([promo]) > chain.saving:
            chain = chain.with_([promo])
    return chain


def _promotions_of(outcome: Outcome) -> list[Promotion]:
    seen: dict[str, Promotion] = {}
    for _, promo, _ in outcome.applied:
        seen.setdefault(promo.promo_id, promo)
    return list(seen.values())


def _groups(promos: Sequence[Promotion], basket: BasketState) -> list[list[Promotion]]:
    """Promotions joined when their eligible lines overlap (union-find over line indexes)."""
    if any(len(basket.reach(p)) == len(basket.all) for p in promos):
        # One of them looks at every eligible line (a basket-wide promotion, most baskets):
        # it joins them all, as the union-find below would find line by line.
        return [list(promos)]
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
    snapshot = tuple(lines)
    basket = _basket(snapshot, offered, currency)
    if isinstance(basket, PromotionResult):
        return basket
    # A promotion none of whose lines is in the basket saves nothing: the SKU and department
    # index finds the others without looking at it (most of a store's promotions).
    reaching: dict[str, Promotion] = {}
    for sku in basket.skus:
        reaching.update((p.promo_id, p) for p in offered.by_sku.get(sku, ()))
    for department in basket.departments:
        reaching.update((p.promo_id, p) for p in offered.by_department.get(department, ()))
    if basket.all:
        reaching.update((p.promo_id, p) for p in offered.wide)
    candidates = [p for p in sorted(reaching.values(), key=order_key) if basket.alone(p).saving > 0]
    exclusive = [p for p in candidates if p.stacking is Stacking.EXCLUSIVE]
    shared = [p for p in candidates if p.stacking is not Stacking.EXCLUSIVE]
    outcomes = [_best_of_group(group, basket) for group in _groups(shared, basket)]
    best = Outcome(
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
    result = PromotionResult(
        currency,
        tuple((line.line_no, tuple(per_line.get(i, ()))) for i, line in enumerate(lines)),
    )
    # Kept only now that the search is over: a state being searched is still filling in. Its
    # combination states span every line (never adopted): dropped, not kept alive.
    basket.states = {}
    offered.last = _Priced(snapshot, currency, basket, result)
    return result
