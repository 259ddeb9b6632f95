"""Other stores at the till (issue 21): from a basket line or a search result, the Stock panel
lists on hand and available-to-sell in this store, the other stores and the warehouse, asked
off the GUI thread from a real hub over HTTP; with the hub gone it shows what it last knew and
says when ("Offline — last known at HH:MM")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.helpers.catalog import COFFEE
from tests.helpers.gui import HUMAN_GAP_MS
from tests.helpers.stock import stock_till, table


def test_stock_everywhere_from_a_line_and_a_search_result_and_offline(
    make_till: Any, staffed_db: Path, enrolled_till: Any
) -> None:
    d, stock = stock_till(make_till, staffed_db, enrolled_till)
    panel = stock.panel

    d.clock.advance(HUMAN_GAP_MS)
    d.qtbot.keyClick(d.focus(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert "Scan or search an item first" in d.window.sale.message.text()  # nothing chosen

    d.scan_and_wait(COFFEE)
    with d.qtbot.waitSignal(stock.view_shown, timeout=8000) as shown:
        d.clock.advance(HUMAN_GAP_MS)
        d.qtbot.keyClick(d.focus(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    view = shown.args[0]
    assert view.online
    assert d.window.sale.side.currentWidget() is panel
    assert "COF-1" in panel.title.text()
    assert table(panel) == [
        ["Store store-1 (this store)", "2", "2"],
        ["Store store-2\nEast", "5", "4"],  # one unit reserved by a web order
        ["Store wh\nNorth, warehouse", "40", "40"],
    ]
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert panel.table.item(1, 2).textAlignment() == right

    panel.close_button.click()
    assert d.window.sale.side.currentWidget() is d.window.sale.action_pad

    # The hub goes away: the panel shows what it last knew, and when.
    enrolled_till.hub.stop()
    d.type(d.window.sale.search.edit, "Coffee")
    d.qtbot.waitUntil(lambda: d.window.sale.search.current_item() is not None, timeout=5000)
    with d.qtbot.waitSignal(stock.view_shown, timeout=15000) as offline:
        d.window.sale.stock_button.click()
    view = offline.args[0]
    assert not view.online
    assert "Offline — last known at" in panel.message.text()
    assert table(panel)[1] == ["Store store-2\nEast", "5", "4"]
