"""The collections screen in a till window: web orders put in the till's table as the feed
would, and opening one as an associate does (F1, then touching it in the queue)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.sync.feed_apply import apply_changes
from sync.protocol import FeedChange, FeedKind
from tests.helpers.click_collect import pick_all, run, web_order
from tests.helpers.gui import Driver

_positions = iter(range(1, 1_000_000))


def add_order(seeded: sessionmaker[Session], number: str, **changes: Any) -> None:
    change = FeedChange(
        position=next(_positions),
        kind=FeedKind.WEB_ORDER,
        key=number,
        data=web_order(number, **{"created_at": datetime.now(UTC).isoformat(), **changes}),
    )
    with seeded.begin() as session:
        apply_changes(session, [change])


def open_order(d: Driver, number: str) -> None:
    ctl = d.till.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        d.press(d.focus(), Qt.Key.Key_F1)
    assert d.window.current_page is d.window.collections
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        ctl.page.order_chosen.emit(number)


def ready_order(seeded: sessionmaker[Session], number: str, **changes: Any) -> None:
    """A web order picked and bagged (through the service, as another till would have)."""
    add_order(seeded, number, **changes)
    svc = CollectionsService()
    pick_all(seeded, svc, number)
    run(seeded, svc.mark_ready, number, staff="bob")
