"""A receipt of another till returned on the Returns screen, over a real hub (pytest-qt, real
SQLite, HTTP): till A sold and pushed; at till B the associate scans A's receipt, the hub
answers off the GUI thread, the page says whose sale it is, one item comes back for cash, and
till B's own sync brings the return to the hub's ledger. With the hub gone, the same scan says
so inline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import StockMovement
from pos_app.services.returns.hub_receipts import (
    HubReturnsService,
    find_receipt_on_hub,
    offline_message,
)
from sync.hub.models import ReturnableLineRow
from tests.helpers.catalog import COFFEE
from tests.helpers.gui import HUMAN_GAP_MS
from tests.helpers.hub import Api
from tests.helpers.hub_calls import lookups_of, push
from tests.helpers.returns import return_found
from tests.helpers.sales import ring_up
from tests.helpers.till_db import copy_till


def sale_at(db: sessionmaker[Session], codes: list[str]) -> str:
    """Till A rings the items and takes cash, as its checkout does; the receipt number."""
    return ring_up(db, codes).receipt_no


def test_another_tills_receipt_is_returned_here(
    make_till: Any,
    staffed_db: Path,
    seeded: sessionmaker[Session],
    enrolled_till: Any,
    tmp_path: Path,
) -> None:
    hub_under_test = enrolled_till.hub
    enrolled = Api(hub_under_test.base_url, None).post(
        "/v1/enroll", json={"code": hub_under_test.enroll_code("store-1"), "till_name": "A"}
    )
    assert enrolled.status_code == 200, enrolled.text
    till_a_id = enrolled.json()["till_id"]
    till_a = Api(hub_under_test.base_url, enrolled.json()["token"])
    till_a_db = copy_till(seeded, tmp_path / "till-a.sqlite3", till_a_id)
    receipt_no = sale_at(till_a_db, [COFFEE, COFFEE])
    push(till_a_db, till_a)

    d = make_till(staffed_db, hub=enrolled_till.config, sync_options={"feed_wait": 0.5})
    d.sign_in("1111")
    returns = d.till.returns
    assert returns is not None
    page = d.window.returns
    d.clock.advance(HUMAN_GAP_MS)
    d.qtbot.keyClick(d.focus(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert d.window.pages.currentWidget() is page

    with d.qtbot.waitSignal(returns.error_shown, timeout=8000) as unknown:
        d.scan(f"{till_a_id}-999999")
    assert "at this till or at the hub" in unknown.args[0]

    with d.qtbot.waitSignal(returns.sale_found, timeout=8000):
        d.scan(receipt_no)
    assert f"Receipt {receipt_no}" in page.title.text()
    assert f"Sale of till {till_a_id} at store store-1" in page.title.text()
    assert "come back into this store's stock" in page.message.text()
    assert [page.table.item(r, 2).text() for r in range(page.table.rowCount())] == ["2"]

    box = page.quantity_box(1)
    assert box is not None
    box.setValue(1)
    with d.qtbot.waitSignal(returns.return_completed, timeout=8000) as done:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert done.args[0].original_receipt_no == receipt_no
    assert not done.args[0].cash_out.is_zero()  # paid cash at till A: cash back here
    with seeded() as session:
        moved = session.execute(
            select(StockMovement.sku, StockMovement.quantity_delta_milli).where(
                StockMovement.reason == "return"
            )
        ).all()
    assert [tuple(m) for m in moved] == [("COF-1", 1000)]

    hub_db_ = hub_under_test.hub.db

    def counted() -> bool:  # pushed by till B's own sync
        with hub_db_.read() as session:
            return session.scalar(select(ReturnableLineRow.returned_milli)) == 1000

    d.qtbot.waitUntil(counted, timeout=10_000)

    # Again: one left, as the hub counts it.
    with d.qtbot.waitSignal(returns.sale_found, timeout=8000):
        d.scan(receipt_no)
    assert [page.table.item(r, 2).text() for r in range(page.table.rowCount())] == ["1"]

    hub_under_test.stop()
    with d.qtbot.waitSignal(returns.error_shown, timeout=10_000) as offline:
        d.scan(receipt_no)
    assert offline.args[0] == str(offline_message(receipt_no))


def test_own_receipt_counts_what_another_till_took_back(
    make_till: Any,
    staffed_db: Path,
    seeded: sessionmaker[Session],
    enrolled_till: Any,
    tmp_path: Path,
) -> None:
    hub_under_test = enrolled_till.hub
    enrolled = Api(hub_under_test.base_url, None).post(
        "/v1/enroll", json={"code": hub_under_test.enroll_code("store-1"), "till_name": "B"}
    )
    till_b = Api(hub_under_test.base_url, enrolled.json()["token"])
    till_b_db = copy_till(seeded, tmp_path / "till-b.sqlite3", enrolled.json()["till_id"])
    receipt_no = sale_at(seeded, [COFFEE, COFFEE, COFFEE])  # this till's own sale

    d = make_till(staffed_db, hub=enrolled_till.config, sync_options={"feed_wait": 0.5})
    hub_db_ = hub_under_test.hub.db

    def sale_at_hub() -> bool:  # pushed by this till's own sync
        with hub_db_.read() as session:
            return session.scalar(select(ReturnableLineRow.bought_milli)) == 3000

    d.qtbot.waitUntil(sale_at_hub, timeout=10_000)
    # Two come back at till B (it asked the hub), and its return reaches the hub.
    lookups = lookups_of(hub_under_test, till_b)
    with till_b_db() as session:
        at_b = HubReturnsService.prepare(session, find_receipt_on_hub(lookups, receipt_no))
    return_found(till_b_db, at_b, 2000)
    push(till_b_db, till_b)

    d.sign_in("1111")
    returns = d.till.returns
    assert returns is not None
    page = d.window.returns
    d.clock.advance(HUMAN_GAP_MS)
    d.qtbot.keyClick(d.focus(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    with d.qtbot.waitSignal(returns.sale_found, timeout=8000):
        d.scan(receipt_no)
    assert "Sale of till" not in page.title.text()  # this till's own receipt
    assert [page.table.item(0, c).text() for c in (1, 2)] == ["3", "1"]  # sold 3, 1 left
    box = page.quantity_box(1)
    assert box is not None
    assert box.maximum() == 1
