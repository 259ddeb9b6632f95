"""The one rule of how a pickup and a delivery end (pos_app/domain/click_collect/states.py)."""

from __future__ import annotations

import pytest

from pos_app.domain.click_collect.states import (
    DELIVERY,
    PICKUP,
    CollectionError,
    OrderState,
    check_move,
    expires_uncollected,
    moves_for,
)

S = OrderState


def test_a_ready_pickup_is_handed_over_and_a_ready_delivery_is_shipped() -> None:
    assert moves_for(S.READY, PICKUP) == {
        S.COLLECTED,
        S.PARTIALLY_COLLECTED,
        S.CANCELLED,
        S.EXPIRED,
    }
    assert moves_for(S.READY, DELIVERY) == {S.SHIPPED, S.CANCELLED}
    assert moves_for(S.SHIPPED, DELIVERY) == frozenset()  # the last step
    check_move("W-1", S.READY, S.SHIPPED, DELIVERY)
    check_move("W-1", S.READY, S.COLLECTED, PICKUP)


def test_the_wrong_last_step_is_refused_in_words() -> None:
    with pytest.raises(CollectionError, match="W-1 is a delivery: it is shipped, not collected"):
        check_move("W-1", S.READY, S.COLLECTED, DELIVERY)
    with pytest.raises(CollectionError, match="W-2 is collected at the store; it is not shipped"):
        check_move("W-2", S.READY, S.SHIPPED, PICKUP)
    with pytest.raises(CollectionError, match="W-3 is new; it cannot become shipped"):
        check_move("W-3", S.NEW, S.SHIPPED, DELIVERY)


def test_only_pickups_expire_after_the_hold_period() -> None:
    assert expires_uncollected(PICKUP)
    assert not expires_uncollected(DELIVERY)
    with pytest.raises(CollectionError, match="delivery"):
        check_move("W-4", S.NEW, S.EXPIRED, DELIVERY)
    check_move("W-4", S.NEW, S.CANCELLED, DELIVERY)  # a delivery is cancelled, never expired
