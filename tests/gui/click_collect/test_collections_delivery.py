"""A delivery in the click-and-collect queue (issue 21), driven like an associate: its row says
where it goes, its detail the full address, and its last step is Shipped (a tracking number
typed or scanned), never the customer hand-over. Real SQLite, pytest-qt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.click_collect.orders import OrderState
from tests.gui.test_translations import english_left
from tests.helpers.click_collect import events
from tests.helpers.collections_gui import add_order, open_order, ready_order
from tests.helpers.gui import Driver
from tests.helpers.layout import layout_problems
from tests.helpers.till_db import set_store_locale

ADDRESS = "Ann Lee, 5 Rue des Lilas, 75011 Paris, France"


def _row_text(d: Driver, number: str) -> str:
    queue = d.window.collections.queue_list
    for i in range(queue.count()):
        item = queue.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == number:
            return item.text()
    raise AssertionError(f"{number} is not in the queue")


def test_a_delivery_row_says_where_it_goes_and_a_pickup_row_when_it_is_due(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    old = (datetime.now(UTC) - timedelta(days=20)).isoformat()
    add_order(seeded, "W-0401", fulfilment="delivery", deliver_to=ADDRESS, created_at=old)
    add_order(seeded, "W-0402")
    open_order(d, "W-0401")
    page = d.window.collections
    delivery, pickup = _row_text(d, "W-0401"), _row_text(d, "W-0402")
    assert "DELIVER TO 75011 Paris" in delivery
    assert "Ann Lee" in delivery
    assert "OVERDUE" not in delivery  # 20 days old, but a delivery waits for the carrier
    assert "due by" not in delivery
    assert "DELIVER TO" not in pickup
    assert "due by" in pickup
    assert f"DELIVER TO: {ADDRESS}" in page.info.text()
    # Shipped in Hand over's place for any delivery; Start pick is what comes next.
    assert page.ship_button.isVisible()
    assert page.handover_button.isHidden()
    assert page.next_button is page.start_button


def test_a_ready_delivery_is_shipped_with_a_scanned_tracking_number_a_pickup_never(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    ready_order(seeded, "W-0404")  # a pickup: never offered Shipped
    ready_order(seeded, "W-0403", fulfilment="delivery", deliver_to=ADDRESS)
    open_order(d, "W-0404")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    assert page.handover_button.isVisible()
    assert not page.ship_button.isVisible()
    assert page.next_button is page.handover_button
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        page.order_chosen.emit("W-0403")
    assert page.ship_button.isVisible()
    assert not page.handover_button.isVisible()  # no customer at the counter for a delivery
    assert page.next_button is page.ship_button
    assert "tracking" in page.note.placeholderText()
    d.scan("1Z999AA10123456784")  # the parcel label, not an order look-up
    assert page.note.text() == "1Z999AA10123456784"
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        d.press(d.focus(), Qt.Key.Key_F6)
    assert page.title.text() == "W-0403 — Shipped today"
    assert "tracking 1Z999AA10123456784" in page.info.text()
    assert "closed" in page.message.text()
    last = events(seeded)[-1]
    assert (last["status"], last["tracking_ref"]) == ("shipped", "1Z999AA10123456784")
    assert ctl.current_state is OrderState.SHIPPED
    assert page.next_button is None  # nothing left to do


@pytest.mark.parametrize("till_language", ["fr_FR", "de_DE"], indirect=True)
def test_a_ready_delivery_in_the_store_language_fits_1024x768(
    till_language: str, make_till: Any, staffed_db: Path, seeded: sessionmaker[Session]
) -> None:
    set_store_locale(staffed_db, till_language)
    long_address = (
        "Ann Lee-Smithson, 125 Boulevard de Ménilmontant, Bâtiment B, 75011 Paris, France"
    )
    ready_order(seeded, "W-0405", fulfilment="delivery", deliver_to=long_address)
    d: Driver = make_till(staffed_db)
    d.window.resize(1024, 768)
    d.sign_in("1111")
    open_order(d, "W-0405")
    page = d.window.collections
    d.qtbot.wait(1)  # layouts settle
    tag, ship = {"fr_FR": ("À LIVRER À", "Expédiée"), "de_DE": ("LIEFERN AN", "Versandt")}[
        till_language
    ]
    assert tag in page.info.text()
    assert f"{tag} 75011 Paris" in _row_text(d, "W-0405")
    assert page.ship_button.text().startswith(ship)
    assert layout_problems(page) + english_left(page, till_language) == []
