"""The daily sales rollup is written by the real ingest, in the event's transaction: split by
tender (cash net of change) and department exactly, once per event, never for a held event.
SQLite, and PostgreSQL when configured."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, select

from sync.hub import tenancy
from sync.hub.context import Hub
from sync.hub.models import SalesDaily
from sync.hub.sales_rollup import ALL, STORE_CHANNEL
from sync.hub.web_orders import create_web_order
from sync.protocol import (
    CustomerIn,
    EventStatus,
    PaymentStatus,
    StoreIn,
    WebOrderIn,
    WebOrderLineIn,
)
from tests.helpers.console_data import add_products, ingest, till_sale
from tests.helpers.hub_calls import run_hub

STORE = "s1"
DAY = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)


def _rollup(hub: Hub) -> dict[tuple[str, str], tuple[int, int]]:
    with hub.db.read() as session:
        rows = session.scalars(select(SalesDaily).where(SalesDaily.store_id == STORE))
        return {
            (r.tender, r.department): (r.sales, r.amount_minor)
            for r in rows
            if r.day == date(2026, 12, 1) and r.channel == STORE_CHANNEL
        }


def _setup(hub: Hub) -> None:
    tenancy.upsert_store(hub, StoreIn(store_id=STORE, name="Store 1"))
    add_products(hub, ("MUG", "Mug", "kitchen", 1000), ("TEA", "Tea", "grocery", 333))


def test_a_sale_paid_two_ways_is_split_exactly_by_tender_and_department(hub: Hub) -> None:
    _setup(hub)
    # 13.33 due; 5.00 card, 10.00 cash with 1.67 change: cash paid 8.33 of it.
    event = till_sale(STORE, [("MUG", 1000), ("TEA", 333)], [("card", 500), ("cash", 1000)],
                      change=167, at=DAY)  # fmt: skip
    assert ingest(hub, STORE, event).results[0].status is EventStatus.ACCEPTED
    cells = _rollup(hub)
    assert cells[(ALL, ALL)] == (1, 1333)
    kitchen = cells[("card", "kitchen")][1] + cells[("cash", "kitchen")][1]
    grocery = cells[("card", "grocery")][1] + cells[("cash", "grocery")][1]
    assert (kitchen, grocery) == (1000, 333)
    card = cells[("card", "kitchen")][1] + cells[("card", "grocery")][1]
    # Card paid 5.00 of 13.33: its share of each department, rounded per department to whole
    # cents (the leftover cent goes to the larger tender, cash), so within a cent per department.
    assert abs(card - 500) <= 2
    assert sum(amount for key, (_, amount) in cells.items() if key != (ALL, ALL)) == 1333


def test_the_same_event_twice_counts_once_and_returns_subtract(hub: Hub) -> None:
    _setup(hub)
    sale = till_sale(STORE, [("MUG", 1000)], [("cash", 1000)], at=DAY)
    ingest(hub, STORE, sale)
    assert ingest(hub, STORE, sale).results[0].status is EventStatus.DUPLICATE
    assert _rollup(hub)[(ALL, ALL)] == (1, 1000)
    back = till_sale(STORE, [("MUG", -1000)], [("cash", -1000)], kind="return.completed", at=DAY)
    assert ingest(hub, STORE, back).results[0].status is EventStatus.ACCEPTED
    cells = _rollup(hub)
    assert cells[(ALL, ALL)] == (2, 0)
    assert cells[("cash", "kitchen")] == (2, 0)


def test_an_unknown_sku_is_rolled_up_under_unknown(hub: Hub) -> None:
    _setup(hub)
    ingest(hub, STORE, till_sale(STORE, [("NOPE", 250)], [("cash", 250)], at=DAY))
    assert _rollup(hub)[("cash", "(unknown)")] == (1, 250)


def test_the_cli_rebuilds_the_rollup_from_stored_sales_and_web_orders(
    hub: Hub, hub_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _setup(hub)
    two_ways = till_sale(STORE, [("MUG", 1000), ("TEA", 333)], [("card", 500), ("cash", 1000)],
                         change=167, at=DAY)  # fmt: skip
    held = till_sale(STORE, [("MUG", 1000)], [("cash", 1000)], at=DAY)
    held["payload"]["stock_movements"][0]["quantity_delta_milli"] = 10**9  # quarantined
    ingest(hub, STORE, two_ways, held)
    create_web_order(hub, WebOrderIn(
        number="W-1", pickup_store_id=STORE, currency="EUR", payment_status=PaymentStatus.PAID,
        customer=CustomerIn(email="jo@example.com", name="Jo"),
        lines=[WebOrderLineIn(sku="TEA", name="Tea", quantity_milli=3000, unit_price_minor=333)],
    ))  # fmt: skip
    before = _everything(hub)
    with hub.db.write() as session:
        session.execute(delete(SalesDaily))  # a hub upgraded with history: nothing rolled up
    code, out, _ = run_hub(capsys, "rebuild-sales-rollup", "--db", hub_db_url)
    assert code == 0
    assert "from 1 sales and returns, 1 web orders" in out
    assert _everything(hub) == before


def _everything(hub: Hub) -> list[tuple[object, ...]]:
    with hub.db.read() as session:
        rows = session.scalars(select(SalesDaily))
        return sorted((r.day, r.store_id, r.channel, r.tender, r.department, r.sales,
                       r.amount_minor) for r in rows)  # fmt: skip
