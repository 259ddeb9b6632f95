"""The till's change notification (services.changes): order, re-entrancy, failures."""

from __future__ import annotations

import pytest

from pos_app.services.changes import ChangeNotifier, OpChanges


def test_every_subscriber_is_told_what_changed_and_by_whom() -> None:
    changes = ChangeNotifier()
    first: list[tuple[OpChanges, object | None]] = []
    second: list[tuple[OpChanges, object | None]] = []
    changes.subscribe(lambda c, o: first.append((c, o)))
    changes.subscribe(lambda c, o: second.append((c, o)))
    publisher = object()
    changes.publish(OpChanges(customer=True), origin=publisher)
    assert first == second == [(OpChanges(customer=True), publisher)]


def test_an_unsubscribed_screen_hears_nothing_more() -> None:
    changes = ChangeNotifier()
    heard: list[OpChanges] = []
    unsubscribe = changes.subscribe(lambda c, _o: heard.append(c))
    changes.publish(OpChanges(basket=True))
    unsubscribe()
    unsubscribe()  # twice is harmless
    changes.publish(OpChanges(promotions=True))
    assert heard == [OpChanges(basket=True)]


def test_a_change_published_while_telling_waits_its_turn() -> None:
    # A subscriber reacting to a sale detaches the customer (a second publish): every
    # subscriber hears the sale first, then the detach; none hears them out of order.
    changes = ChangeNotifier()
    heard: dict[str, list[OpChanges]] = {"a": [], "b": []}

    def a(told: OpChanges, _origin: object | None) -> None:
        heard["a"].append(told)
        if told.outbox:
            changes.publish(OpChanges(customer=True))

    changes.subscribe(a)
    changes.subscribe(lambda told, _o: heard["b"].append(told))
    changes.publish(OpChanges(outbox=True))
    expected = [OpChanges(outbox=True), OpChanges(customer=True)]
    assert heard == {"a": expected, "b": expected}


def test_a_failing_subscriber_costs_no_other_its_refresh_and_is_raised() -> None:
    changes = ChangeNotifier()
    heard: list[OpChanges] = []

    def broken(_told: OpChanges, _origin: object | None) -> None:
        raise RuntimeError("screen bug")

    unsubscribe_broken = changes.subscribe(broken)
    changes.subscribe(lambda told, _o: heard.append(told))
    with pytest.raises(RuntimeError, match="screen bug"):
        changes.publish(OpChanges(basket=True))
    assert heard == [OpChanges(basket=True)]
    unsubscribe_broken()
    changes.publish(OpChanges(promotions=True))  # the failure left the notifier usable
    assert heard == [OpChanges(basket=True), OpChanges(promotions=True)]
