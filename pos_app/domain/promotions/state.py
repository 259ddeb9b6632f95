"""The search state of the promotion engine: one basket's shared facts, and combinations.

``BasketState`` keeps what every run over one basket shares (each line's minor units, the SKU
and department index, each promotion's lines and saving alone, and a memo of one promotion's
effect per open lines and what remains of them). ``run_combination`` applies a combination in
the engine's fixed order with prefix states remembered; ``Chain`` keeps a combination so that
adding promotions to it is cheap to try (the engine's greedy steps). See
``promotions_engine`` for the stacking rules they implement.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from pos_app.domain.promotions.eval import LineFacts, closing_total, promotion_cents
from pos_app.domain.promotions.rules import Promotion, Stacking

if TYPE_CHECKING:
    from pos_app.domain.promotions.engine import PromoLine

__all__ = ["BasketState", "Chain", "Outcome", "order_key", "run_combination"]


@dataclass(frozen=True)
class Outcome:
    saving: int
    applied: tuple[tuple[int, Promotion, int], ...]  # (line index, promotion, minor units)


def order_key(promo: Promotion) -> tuple[int, str]:
    return (-promo.priority, promo.promo_id)


# The state of the lines after applying some promotions in order: (remaining cents, closed,
# touched, applied entries).
_Applied = tuple[tuple[int, Promotion, int], ...]
_State = tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...], _Applied]
_NONE: dict[int, int] = {}  # a promotion that takes nothing (never written to)


class BasketState:
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
        self._alone: dict[str, Outcome] = {}
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

    def adopt(self, previous: BasketState, same: int, affected: Collection[str]) -> None:
        """Take over what ``previous`` (a basket whose first ``same`` lines are these) knows
        and this basket would compute again: the till prices after every scan, and a scan
        changes the lines of few promotions.

        A promotion not in ``affected`` (none of whose lines is among either basket's lines
        after the first ``same``) has the same lines in both, so the same lines, bit set and
        saving alone. A memoized effect is a function of the promotion, the facts of the lines
        it names and what remains of them: it holds while those lines are among the first
        ``same``. The combination prefix states span every line and are not taken.
        """
        for promo_id, found in previous._reach.items():
            if promo_id not in affected:
                self._reach[promo_id] = found
                mask = previous._masks.get(promo_id)
                if mask is not None:
                    self._masks[promo_id] = mask
                alone = previous._alone.get(promo_id)
                if alone is not None:
                    self._alone[promo_id] = alone
        # Copied before it is read: ``previous`` may be another thread's (the screen's
        # pricing lane and the checkout price with one context); a copy is one C call.
        memo = previous._cents.copy()
        if same < len(previous.lines):
            memo = {key: found for key, found in memo.items() if max(key[1], default=-1) < same}
        self._cents = memo

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

    def alone(self, promo: Promotion) -> Outcome:
        found = self._alone.get(promo.promo_id)
        if found is None:
            gross = self.gross
            cents = self.cents(promo, {i: gross[i] for i in self.reach(promo)})
            found = Outcome(sum(cents.values()), tuple((i, promo, c) for i, c in cents.items()))
            self._alone[promo.promo_id] = found
        return found


def run_combination(promos: Sequence[Promotion], basket: BasketState) -> Outcome:
    """Apply ``promos`` in the fixed order (priority, id), each on what the previous left.

    Combinations share prefixes in that order (a greedy step adds one promotion to the last
    set; subsets of a group in order are tried in lexicographic order), so the state after
    each prefix is remembered per basket and a run starts from the longest one already known.
    """
    ordered = sorted(promos, key=order_key)
    ids = tuple(p.promo_id for p in ordered)
    states = basket.states
    start = len(ordered)
    while start > 0 and ids[:start] not in states:
        start -= 1
    state = states[ids[:start]] if start else basket.initial
    if start == len(ordered):
        return Outcome(sum(c for _, _, c in state[3]), state[3])
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
    return Outcome(sum(cents for _, _, cents in applied), tuple(applied))


class Chain:
    """A combination applied in order, kept so that adding promotions to it is cheap to try.

    A greedy step asks what the saving would be with one more promotion (or one more group's
    winners). Rerunning the whole combination for that was the engine's cost. Instead the state
    of every line before each position is kept, and a trial walks the positions after the new
    promotion's place tracking only the lines whose state differs from the kept run (``diff``,
    a bit set): a promotion whose lines are all unchanged does exactly what it did before and
    is skipped with one AND; one that meets a changed line is evaluated again (memoized).
    """

    after: tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...]]  # the state at the end
    keys: list[tuple[int, str]]  # per position: its order key, lines and their bit set
    reaches: list[list[int]]
    masks: list[int]

    def __init__(
        self, basket: BasketState, promos: Sequence[Promotion], kept: Chain | None = None
    ) -> None:
        """``promos`` in order; ``kept``, a chain they extend, lends its positions before the
        first promotion that is not its own (they are the same run up to there)."""
        self.basket = basket
        self.promos = sorted(promos, key=order_key)
        keys = [order_key(p) for p in self.promos]
        start = 0
        if kept is not None:
            limit = min(len(kept.keys), len(keys))
            while start < limit and kept.keys[start] == keys[start]:
                start += 1
        source = kept if kept is not None else self
        self.keys = keys
        # The positions it shares with ``kept`` have its lines and bit sets already.
        rest = self.promos[start:]
        self.masks = (source.masks[:start] if start else []) + [basket.mask(p) for p in rest]
        self.reaches = (source.reaches[:start] if start else []) + [basket.reach(p) for p in rest]
        self.before: list[tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...]]] = (
            source.before[:start] if start else []
        )
        self.effects: list[dict[int, int]] = source.effects[:start] if start else []
        # Each promotion's open lines and what remained of them, and what it took in all.
        self.opens: list[dict[int, int]] = source.opens[:start] if start else []
        self.totals: list[int] = source.totals[:start] if start else []
        # Positions whose effect per line is left for ``outcome`` (see below).
        self.lazy: list[bool] = source.lazy[:start] if start else []
        basket_ = self.basket
        state = (
            basket_.initial[:3]
            if kept is None or start == 0
            else (kept.before[start] if start < len(kept.promos) else kept.after)
        )
        remaining, closed, touched = list(state[0]), list(state[1]), list(state[2])
        self.saving = sum(self.totals)
        # The state as tuples, made again only after a position changed a line (the states
        # are immutable, so positions that change nothing share one).
        snap: tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...]] | None = (
            state[0],
            state[1],
            state[2],
        )
        for promo, reach in zip(rest, self.reaches[start:], strict=True):
            if snap is None:
                snap = (tuple(remaining), tuple(closed), tuple(touched))
            self.before.append(snap)
            compound = promo.stacking is Stacking.COMPOUND
            open_ = {
                i: remaining[i] for i in reach if not closed[i] and (compound or not touched[i])
            }
            self.opens.append(open_)
            took = None if compound or not open_ else closing_total(promo, open_)
            if took is not None:
                # A best-price rule that discounts all its open lines (or none): the lines it
                # closes and its total are all a trial reads of it; what it takes off each
                # line is allocated only if this chain becomes the outcome. What remains of a
                # closed line is never read again, so it is not updated.
                hit = open_ if took else _NONE
                for i in hit:
                    touched[i] = closed[i] = True
                if hit:
                    snap = None
                self.effects.append(hit)  # its keys: the lines it discounts
                self.totals.append(took)
                self.lazy.append(True)
                self.saving += took
                continue
            cents = basket_.cents(promo, open_) if open_ else {}
            if cents:
                snap = None
            for i, c in cents.items():
                remaining[i] -= c
                touched[i] = True
                closed[i] = closed[i] or not compound
            self.totals.append(sum(cents.values()))
            self.lazy.append(False)
            self.saving += self.totals[-1]
            self.effects.append(cents)
        self.after = snap or (tuple(remaining), tuple(closed), tuple(touched))

    def outcome(self) -> Outcome:
        basket = self.basket
        applied: list[tuple[int, Promotion, int]] = []
        for promo, cents, open_, lazy in zip(
            self.promos, self.effects, self.opens, self.lazy, strict=True
        ):
            if lazy and cents:
                cents = basket.cents(promo, open_)
            applied.extend((i, promo, c) for i, c in cents.items())
        return Outcome(self.saving, tuple(applied))

    def with_(self, extra: Sequence[Promotion]) -> Chain:
        return Chain(self.basket, [*self.promos, *extra], kept=self)

    def saving_with(self, extra: Sequence[Promotion]) -> int:
        """The saving of this combination with ``extra`` (none of them in it) added."""
        if not extra:
            return self.saving
        basket = self.basket
        if len(extra) == 1:
            # A promotion none of whose lines is open to it where it would run does nothing:
            # the answer without a trial (a best-price deal on lines an earlier one took).
            promo = extra[0]
            k = bisect_left(self.keys, order_key(promo))
            _, clo, tou = self.before[k] if k < len(self.promos) else self.after
            reach = basket.reach(promo)
            if promo.stacking is Stacking.COMPOUND:
                if all(clo[i] for i in reach):
                    return self.saving
            elif all(clo[i] or tou[i] for i in reach):
                return self.saving
            added: Sequence[Promotion] = extra
            # Where each added promotion runs among the kept ones, then the end.
            stops = [k, len(self.promos)]
        else:
            added = sorted(extra, key=order_key)
            stops = [bisect_left(self.keys, order_key(p)) for p in added]
            stops.append(len(self.promos))
            k = stops[0]
        promos, before, effects = self.promos, self.before, self.effects
        reaches = self.reaches
        e = 0
        diff = 0
        own: dict[int, tuple[int, bool, bool]] = {}  # (remaining, closed, touched) of diff lines
        delta = 0
        end = len(promos)
        masks = self.masks
        while True:
            # Skip, in one tight loop, the kept promotions none of whose lines changed: they do
            # exactly what they did (most of them, on a large basket).
            stop = stops[e]
            while k < stop and not masks[k] & diff:
                k += 1
            if k < stop:
                promo, base, was_total = promos[k], effects[k], self.totals[k]
                mask = masks[k]
                rem, clo, tou = before[k]
                k += 1
                # Its open lines as in the kept run, corrected on the changed lines only
                # (walking the shorter of its lines and the changed ones).
                compound = promo.stacking is Stacking.COMPOUND
                open_: dict[int, int] = dict(self.opens[k - 1])
                reach = reaches[k - 1]
                # Its changed lines, found once: the bookkeeping below walks them again.
                mine = (
                    [i for i in reach if i in own]
                    if len(reach) < len(own)
                    else [j for j in own if mask >> j & 1]
                )
                for i in mine:
                    r, c, t = own[i]
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
                reach = basket.reach(promo)
                mine = []
                for i in reach:
                    if i in own:
                        mine.append(i)
                        r, c, t = own[i]
                    else:
                        r, c, t = rem[i], clo[i], tou[i]
                    if not c and (compound or not t):
                        open_[i] = r
            else:
                break
            if compound:
                new = basket.cents(promo, open_) if open_ else {}
                # A compound promotion leaves its lines open: a different amount is a
                # different remainder for what follows.
                fresh = {i for i, _ in new.items() ^ base.items()} - own.keys()
                for i in mine:
                    r, c, t = own[i]
                    now = new.get(i, 0)
                    if now:
                        own[i] = (r - now, c, True)
                    if c and clo[i]:
                        # Closed in both runs from here on: the same for every later one.
                        del own[i]
                        diff &= ~(1 << i)
                for i in fresh:
                    now = new.get(i, 0)
                    own[i] = (rem[i] - now, clo[i], True) if now else (rem[i], clo[i], tou[i])
                    diff |= 1 << i
                delta += sum(new.values()) - was_total
                continue
            # A best-price promotion closes every line it takes something off, so a line it
            # discounts in both runs is closed in both, whatever the amounts: no later
            # promotion can see it again (the saving's difference is in ``delta``), and which
            # lines it discounts is all the trial needs of it. A pro-rata rule that discounts
            # every open line says so without allocating its total (``closing_total``).
            took = closing_total(promo, open_) if open_ else 0
            if took is None:
                new = basket.cents(promo, open_)
                took, hit = sum(new.values()), new.keys()
            else:
                hit = open_.keys() if took else _NONE.keys()
            fresh = (hit ^ base.keys()) - own.keys()
            for i in mine:
                r, c, t = own[i]
                if i in hit:
                    c = True
                    own[i] = (r, True, True)  # closed: what remains no longer matters
                if c and (clo[i] or i in base):
                    del own[i]
                    diff &= ~(1 << i)
            for i in fresh:
                own[i] = (rem[i], True, True) if i in hit else (rem[i], clo[i], tou[i])
                diff |= 1 << i
            delta += took - was_total
        return self.saving + delta
