"""A web order returned on the Returns screen, over a real hub (pytest-qt, real SQLite, HTTP).

The till is enrolled with a real hub; the web order belongs to another store and was paid
online. The associate finds it with F6, returns one line; the refund goes back online (no
drawer), the event reaches the hub, which records the refund request. Then the hub stops:
a look-up says so inline and offers only what the till knows.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import OutboxEvent
from pos_app.services.sync.feed_apply import apply_changes
from pos_app.ui.returns.web_orders import WebReturnsController
from sync.hub.models import ReturnRefund, StockLevel
from sync.hub.web_orders import create_web_order
from sync.protocol import FeedChange, FeedKind, WebOrderIn
from tests.helpers.gui import HUMAN_GAP_MS, Driver

OTHER = "store-2"


def order_for_other_store(hub_under_test: Any, number: str) -> None:
    hub_under_test.add_store(OTHER)
    create_web_order(
        hub_under_test.hub,
        WebOrderIn.model_validate(
            {
                "number": number,
                "pickup_store_id": OTHER,
                "customer": {"email": "ann@example.com", "name": "Ann Web"},
                "currency": "EUR",
                "payment_status": "paid",
                "lines": [
                    {"sku": "COF-1", "name": "Coffee beans", "quantity_milli": 2000,
                     "unit_price_minor": 899},
                    {"sku": "TSH-1", "name": "T-shirt", "quantity_milli": 1000,
                     "unit_price_minor": 1500},
                ],
            }
        ),
    )  # fmt: skip


def open_web_returns(d: Driver) -> WebReturnsController:
    returns = d.till.returns
    assert returns is not None
    assert returns.web is not None
    d.clock.advance(HUMAN_GAP_MS)
    d.qtbot.keyClick(d.focus(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert d.window.pages.currentWidget() is d.window.returns
    d.press(d.focus(), Qt.Key.Key_F6)
    assert d.focus() is returns.web.bar.edit
    return returns.web


def look_up(d: Driver, web: WebReturnsController, text: str) -> None:
    web.bar.edit.clear()
    d.type(web.bar.edit, text)
    d.press(web.bar.edit, Qt.Key.Key_Return)


def test_return_another_stores_web_order_refunded_online(
    make_till: Any,
    staffed_db: Path,
    enrolled_till: Any,
) -> None:
    order_for_other_store(enrolled_till.hub, "W-10")
    d = make_till(staffed_db, hub=enrolled_till.config, sync_options={"feed_wait": 0.5})
    d.sign_in("1111")
    web = open_web_returns(d)
    returns, page = web.returns, web.page

    with d.qtbot.waitSignal(returns.error_shown, timeout=8000) as missing:
        look_up(d, web, "W-404")
    assert "No web order 'W-404' at the hub" in missing.args[0]

    with d.qtbot.waitSignal(web.order_found, timeout=8000):
        look_up(d, web, "W-10")
    assert page.title.text() == "Web order W-10 — paid online — ann@example.com"
    assert "An order of store store-2" in page.message.text()
    assert [page.table.item(r, 2).text() for r in range(2)] == ["2", "1"]
    assert page.refund_button.text().startswith("Refund to card online")

    box = page.quantity_box(1)
    assert box is not None
    box.setValue(1)
    with d.qtbot.waitSignal(returns.return_completed, timeout=8000) as done:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert done.args[0].cash_out.is_zero()
    assert page.message.text().startswith(
        "Refund of 8.99 EUR to the card used online, within 5 days (return "
    )
    assert "Refund to the card used online" in page.receipt_preview.toPlainText()

    hub_db_ = enrolled_till.hub.hub.db

    def refund_requested() -> bool:
        with hub_db_.read() as session:
            return session.scalar(select(ReturnRefund.amount_minor)) == 899

    d.qtbot.waitUntil(refund_requested, timeout=10_000)  # pushed by the till's own sync
    with hub_db_.read() as session:
        level = session.scalar(
            select(StockLevel.quantity_milli).where(
                StockLevel.store_id == "store-1", StockLevel.sku == "COF-1"
            )
        )
    assert level == 1000  # back in THIS store's stock

    # The same order again: the hub now says 1 coffee left.
    with d.qtbot.waitSignal(web.order_found, timeout=8000):
        look_up(d, web, "ann@example.com")
    assert [page.table.item(r, 2).text() for r in range(2)] == ["1", "1"]

    enrolled_till.hub.stop()
    with d.qtbot.waitSignal(returns.error_shown, timeout=10_000) as offline:
        look_up(d, web, "W-10")
    assert "only this store's web orders can be returned offline" in offline.args[0]
    assert page.table.rowCount() == 0


def test_hub_flagged_over_return_is_shown_until_a_manager_has_seen_it(
    make_till: Any, staffed_db: Path
) -> None:
    text = (
        "Return till-1-000007: line 2 (T-shirt) was returned twice (bought 1, returned 2 in all)"
        " — head office will review"
    )
    engine = create_till_engine(staffed_db)
    with make_session_factory(engine).begin() as session:  # as the pusher records the answer
        session.add(
            OutboxEvent(
                event_id=str(uuid.uuid4()), kind="return.completed", payload="{}",
                created_at=datetime.now(UTC), sent_at=datetime.now(UTC), attempts=1,
                rejected=False, hub_warnings=json.dumps([text, "stock of X is now -1"]),
            )
        )  # fmt: skip
    engine.dispose()
    d = make_till(staffed_db)
    d.sign_in("1111")
    returns = d.till.returns
    assert returns is not None
    web = returns.web
    assert web is not None
    with d.qtbot.waitSignal(web.warnings_shown, timeout=5000) as shown:
        d.clock.advance(HUMAN_GAP_MS)
        d.qtbot.keyClick(d.focus(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert shown.args[0] == [text]  # only what head office reviews, in plain words
    assert web.banner.isVisible()
    assert web.banner.text.text() == text

    with d.qtbot.waitSignal(returns.error_shown, timeout=5000) as refused:
        web.banner.seen_button.click()
    assert "A manager must sign in" in refused.args[0]
    assert web.banner.isVisible()


def test_offline_web_order_return_needs_a_manager_override(
    make_till: Any, staffed_db: Path
) -> None:
    engine = create_till_engine(staffed_db)
    with make_session_factory(engine).begin() as session:  # this store's order, from the feed
        apply_changes(session, [FeedChange(position=1, kind=FeedKind.WEB_ORDER, key="W-77",
                                           data=local_order("W-77"))])  # fmt: skip
    engine.dispose()
    d = make_till(staffed_db)  # no hub configured: every look-up is offline
    d.sign_in("1111")
    web = open_web_returns(d)
    returns, page = web.returns, web.page
    with d.qtbot.waitSignal(web.order_found, timeout=5000):
        look_up(d, web, "W-77")
    assert "Offline return: a manager must approve it" in page.message.text()
    box = page.quantity_box(1)
    assert box is not None
    box.setValue(1)
    with d.qtbot.waitSignal(returns.error_shown, timeout=5000) as asked:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "web order returned while the hub cannot be reached" in asked.args[0]
    assert page.prompt.isVisible()
    page.prompt.value_edit.setText("1111")  # her own PIN: not a manager's
    page.prompt.reason_edit.setText("customer shows the order email")
    with d.qtbot.waitSignal(returns.error_shown, timeout=5000):
        page.prompt.ok_button.click()
    page.prompt.value_edit.setText("9999")
    with d.qtbot.waitSignal(returns.return_completed, timeout=5000) as done:
        page.prompt.ok_button.click()
    assert "Checked offline: head office will review" in done.args[0].receipt.footer
    reader = create_till_engine(staffed_db, writer=False)
    with make_session_factory(reader)() as session:
        event = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_id == done.args[0].outbox_event_id)
        ).one()
    reader.dispose()
    payload = json.loads(event.payload)
    assert (payload["offline_web_return"], payload["presented"]) == (True, "W-77")
    assert payload["approval"]["approver"] == "M1"
    assert payload["lines"][0]["original_order_number"] == "W-77"


def local_order(number: str) -> dict[str, Any]:
    return {
        "number": number, "pickup_store_id": "store-1", "status": "collected",
        "payment_status": "paid", "pickup_code": "QR7777AB", "currency": "EUR",
        "total_minor": 1798, "customer_email": "ann@example.com", "customer_name": "Ann",
        "customer_phone": None, "created_at": datetime.now(UTC).isoformat(), "source": "web",
        "lines": [{"sku": "COF-1", "name": "Coffee", "quantity_milli": 2000,
                   "unit_price_minor": 899}],
    }  # fmt: skip
