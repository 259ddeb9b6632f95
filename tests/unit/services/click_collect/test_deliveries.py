"""Deliveries at the till (issue 21): a web order the store ships instead of handing over,
against a real SQLite database (docs/architecture.md §7b)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import WebOrderRow
from pos_app.domain.click_collect.orders import OrderState
from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.sync.feed_apply import apply_changes
from sync.protocol import FeedChange, FeedKind
from tests.helpers.click_collect import NOW, web_order

ADDRESS = "Ann Lee, 5 Rue des Lilas, 75011 Paris, France"


@pytest.fixture
def feed(seeded: sessionmaker[Session]) -> Callable[..., None]:
    position = iter(range(1, 10_000))

    def _feed(number: str, status: str = "new", **changes: Any) -> None:
        data = web_order(number, status, **changes)
        change = FeedChange(position=next(position), kind=FeedKind.WEB_ORDER, key=number, data=data)
        with seeded.begin() as session:
            apply_changes(session, [change])

    return _feed


@pytest.fixture
def svc() -> CollectionsService:
    return CollectionsService(clock=lambda: NOW)


def test_the_feed_stores_a_delivery_and_an_older_hubs_order_reads_as_a_pickup(
    seeded, feed, svc
) -> None:
    feed("W-0101", fulfilment="delivery", deliver_to=ADDRESS)
    feed("W-0102")  # an older hub: neither field on the wire
    feed("W-0103", fulfilment="pickup", deliver_to="ignored for a pickup")
    with seeded() as session:
        rows = {n: session.get(WebOrderRow, n) for n in ("W-0101", "W-0102", "W-0103")}
        assert [(r.fulfilment, r.deliver_to) for r in rows.values() if r] == [
            ("delivery", ADDRESS),
            ("pickup", None),
            ("pickup", None),
        ]
        summaries = {o.number: o for o in svc.queue(session).orders}
    assert summaries["W-0101"].delivery
    assert summaries["W-0101"].deliver_to == ADDRESS
    assert not summaries["W-0102"].delivery
    assert summaries["W-0102"].deliver_to is None

    # The hub changes its mind (an order edited online): the next feed row wins.
    feed("W-0101", fulfilment="pickup")
    with seeded() as session:
        row = session.get(WebOrderRow, "W-0101")
        assert row is not None
        assert (row.fulfilment, row.deliver_to) == ("pickup", None)


def test_a_delivery_is_never_overdue_at_the_till(seeded, feed, svc) -> None:
    old = (NOW - timedelta(days=30)).isoformat()
    feed("W-0111", created_at=old, fulfilment="delivery", deliver_to=ADDRESS)
    feed("W-0112", created_at=old)
    with seeded() as session:
        overdue = {o.number: o.overdue for o in svc.queue(session).in_state(OrderState.NEW)}
    assert overdue == {"W-0111": False, "W-0112": True}
