"""Click-and-collect order states and the moves between them: the one home of this rule,
used by the till (which checks a move first, so an associate is told at once, even offline)
and by the hub (which decides in the end, refusing an impossible move with the reason) and
its wire contract (sync/protocol/). See docs/architecture.md §7.
"""

from __future__ import annotations

from enum import StrEnum

from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import N_, Label, msg

__all__ = [
    "ACTIVE",
    "ALLOWED_MOVES",
    "DEFAULT_HOLD_DAYS",
    "DELIVERY",
    "PICKUP",
    "CollectionError",
    "OrderState",
    "check_move",
    "describe",
    "expires_uncollected",
    "moves_for",
]

# How long a store holds an order that nobody collects (the till's queue marks it overdue; the
# hub expires it then and gives its reserved stock back).
DEFAULT_HOLD_DAYS = 7


class CollectionError(DomainError):
    """A click-and-collect step cannot be done as asked; nothing was written."""


class OrderState(StrEnum):
    NEW = "new"
    PICKING = "picking"
    READY = "ready"
    PARTIALLY_COLLECTED = "partially_collected"
    COLLECTED = "collected"
    SHIPPED = "shipped"  # a delivery's last step: it left the store or warehouse for the customer
    CANCELLED = "cancelled"
    EXPIRED = "expired"


S = OrderState
ALLOWED_MOVES: dict[OrderState, frozenset[OrderState]] = {
    S.NEW: frozenset({S.PICKING, S.CANCELLED, S.EXPIRED}),
    S.PICKING: frozenset({S.NEW, S.READY, S.CANCELLED, S.EXPIRED}),
    S.READY: frozenset({S.COLLECTED, S.PARTIALLY_COLLECTED, S.SHIPPED, S.CANCELLED, S.EXPIRED}),
    # A customer may collect the rest of a partly collected order in several visits.
    S.PARTIALLY_COLLECTED: frozenset({S.PARTIALLY_COLLECTED, S.COLLECTED, S.CANCELLED, S.EXPIRED}),
    S.COLLECTED: frozenset(),
    S.SHIPPED: frozenset(),
    S.CANCELLED: frozenset(),
    S.EXPIRED: frozenset(),
}
# Orders still waiting for something to happen at the store.
ACTIVE = frozenset({S.NEW, S.PICKING, S.READY, S.PARTIALLY_COLLECTED})

_WORDS = {
    S.NEW: N_("new"),
    S.PICKING: N_("being picked"),
    S.READY: N_("ready for collection"),
    S.PARTIALLY_COLLECTED: N_("partly collected"),
    S.COLLECTED: N_("collected"),
    S.SHIPPED: N_("shipped"),
    S.CANCELLED: N_("cancelled"),
    S.EXPIRED: N_("expired"),
}


# How an order reaches its customer (the wire's ``WebOrder.fulfilment``; an order from before
# hub 0023 / till 0019 is a pickup). A pickup ends handed over at the store, a delivery ends
# shipped: a delivery is never handed over (no customer at the counter, no pickup code) and
# a pickup never shipped. A delivery waits for the carrier, not for a customer, so the store's
# hold period does not expire it (issue 21): it is cancelled, never expired.
PICKUP, DELIVERY = "pickup", "delivery"
_NOT_FOR: dict[str, frozenset[OrderState]] = {
    PICKUP: frozenset({S.SHIPPED}),
    DELIVERY: frozenset({S.COLLECTED, S.PARTIALLY_COLLECTED, S.EXPIRED}),
}


def describe(state: OrderState) -> str:
    return _WORDS[state]


def moves_for(current: OrderState, fulfilment: str = PICKUP) -> frozenset[OrderState]:
    """The states an order fulfilled this way may move to from ``current``."""
    return ALLOWED_MOVES[current] - _NOT_FOR.get(fulfilment, _NOT_FOR[PICKUP])


def expires_uncollected(fulfilment: str) -> bool:
    """Whether the store's hold period applies (the hub's expiry job, the till's overdue mark)."""
    return S.EXPIRED in moves_for(S.NEW, fulfilment)


def check_move(
    number: str, current: OrderState, target: OrderState, fulfilment: str = PICKUP
) -> None:
    if target in ALLOWED_MOVES[current] and target not in moves_for(current, fulfilment):
        if fulfilment == DELIVERY:
            raise CollectionError(
                msg(
                    "Order {number} is a delivery: it is shipped, not {target}.",
                    number=number,
                    target=Label(describe(target)),
                )
            )
        raise CollectionError(
            msg("Order {number} is collected at the store; it is not shipped.", number=number)
        )
    if target not in ALLOWED_MOVES[current]:
        raise CollectionError(
            msg(
                "Order {number} is {state}; it cannot become {target}.",
                number=number,
                state=Label(describe(current)),
                target=Label(describe(target)),
            )
        )
