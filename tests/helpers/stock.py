"""Chain stock for till tests: other stores and a warehouse at a real hub, and the stock
panel's table as text."""

from __future__ import annotations

from typing import Any

from sync.hub import headoffice, stock_truth
from sync.hub.web_orders import create_web_order
from sync.protocol import WebOrderIn
from tests.helpers.hub import TILL_STORE

SKU = "COF-1"  # tests.helpers.catalog.COFFEE


def stock_setup(hub_under_test: Any) -> None:
    """COF-1: 2 here (store-1), 5 at store-2 (East) with 1 reserved by a web order, 40 at the
    warehouse wh (North)."""
    hub = hub_under_test.hub
    hub_under_test.add_store("store-2")
    hub_under_test.add_store("wh")
    with hub.db.write() as session:
        stock_truth.set_location(session, "wh", kind="warehouse", region="North", now=hub.clock())
        stock_truth.set_location(session, "store-2", region="East", now=hub.clock())
    headoffice.set_stock(hub, TILL_STORE, SKU, 2_000)
    headoffice.set_stock(hub, "store-2", SKU, 5_000)
    headoffice.set_stock(hub, "wh", SKU, 40_000)
    order = {
        "number": "W-9",
        "pickup_store_id": "store-2",
        "customer": {"email": "bob@example.com", "name": "Bob"},
        "currency": "EUR",
        "payment_status": "paid",
        "lines": [{"sku": SKU, "name": "Coffee", "quantity_milli": 1000, "unit_price_minor": 899}],
    }
    create_web_order(hub, WebOrderIn.model_validate(order))


def table(panel: Any) -> list[list[str]]:
    return [
        [panel.table.item(r, c).text() for c in range(panel.table.columnCount())]
        for r in range(panel.table.rowCount())
    ]


def stock_till(make_till: Any, staffed_db: Any, enrolled_till: Any) -> tuple[Any, Any]:
    """The enrolled till's window on a hub with stores, a warehouse and stock (stock_setup),
    signed in as the associate; (driver, its StockController)."""
    from pos_app.ui.stock.controller import StockController  # Qt: only for the GUI tests

    stock_setup(enrolled_till.hub)
    d = make_till(staffed_db, hub=enrolled_till.config, sync_options={"feed_wait": 0.5})
    d.sign_in("1111")
    stock = d.window.findChild(StockController)
    assert stock is not None
    return d, stock
