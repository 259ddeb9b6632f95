"""The daily sales rollup is written by the real ingest, in the event's transaction: split by
tender (cash net of change) and department exactly, once per event, never for a held event.
SQLite, and PostgreSQL when configured."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, insert, select

from sync.hub import migrate, tenancy
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.models import SalesByDepartment, SalesDaily
from sync.hub.sales_rollup import ALL, STORE_CHANNEL, WEB_CHANNEL
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
    before = _everything(hub), _departments(hub)
    with hub.db.write() as session:
        session.execute(delete(SalesDaily))  # a hub upgraded with history: nothing rolled up
        session.execute(delete(SalesByDepartment))
    code, out, _ = run_hub(capsys, "rebuild-sales-rollup", "--db", hub_db_url)
    assert code == 0
    assert "from 1 sales and returns, 1 web orders" in out
    assert (_everything(hub), _departments(hub)) == before


def test_sales_by_department_is_the_tender_rows_summed_after_a_sale_a_return_and_an_exchange(
    hub: Hub,
) -> None:
    _setup(hub)
    two_ways = till_sale(STORE, [("MUG", 1000), ("TEA", 333)], [("card", 500), ("cash", 1000)],
                         change=167, at=DAY)  # fmt: skip
    back = till_sale(STORE, [("TEA", -333)], [("card", -333)], kind="return.completed", at=DAY)
    # An exchange: the mug given back, two teas taken, 3.34 more paid by card.
    swap = till_sale(STORE, [("MUG", -1000), ("TEA", 333), ("TEA", 333)], [("card", -334)],
                     at=DAY)  # fmt: skip
    original = two_ways["payload"]["sale_uuid"]
    swap["payload"]["lines"][0].update(
        quantity_milli=-1000, original_line_no=1, original_sale_uuid=original
    )
    swap["payload"]["stock_movements"][0]["quantity_delta_milli"] = 1000
    swap["payload"]["tenders"] = [{"kind": "card", "amount_minor": -334}]
    results = ingest(hub, STORE, two_ways, back, swap).results
    assert [(r.status, r.reason) for r in results] == [(EventStatus.ACCEPTED, None)] * 3
    assert "quarantined" not in str([r.warnings for r in results])
    create_web_order(hub, WebOrderIn(
        number="W-1", pickup_store_id=STORE, currency="EUR", payment_status=PaymentStatus.PAID,
        customer=CustomerIn(email="jo@example.com", name="Jo"),
        lines=[WebOrderLineIn(sku="TEA", name="Tea", quantity_milli=3000, unit_price_minor=333)],
    ))  # fmt: skip
    departments = _departments(hub)
    summed: dict[tuple[object, ...], list[int]] = {}
    for day, store, channel, tender, department, sales, amount in _everything(hub):
        assert isinstance(sales, int)
        assert isinstance(amount, int)
        if tender != ALL:
            cell = summed.setdefault((day, store, department, channel), [0, 0])
            cell[0] += sales
            cell[1] += amount
    assert departments == sorted((*key, *cell) for key, cell in summed.items())
    amounts = {(r[3], r[2]): r[5] for r in departments}
    # Every line's amount, by department: the sale, the return and the exchange's lines.
    assert amounts[(STORE_CHANNEL, "kitchen")] == 1000 - 1000
    assert amounts[(STORE_CHANNEL, "grocery")] == 333 - 333 + 333 + 333
    assert amounts[(WEB_CHANNEL, "grocery")] == 999
    counts = {(r[3], r[2]): r[4] for r in departments}
    assert counts[(STORE_CHANNEL, "kitchen")] == 3  # card and cash shares, then the exchange


def test_the_migration_backfills_sales_by_department_from_the_rollup(hub_db: HubDatabase) -> None:
    migrate.downgrade(hub_db.engine, "0023")
    day = date(2026, 12, 1)
    rows = [(STORE_CHANNEL, ALL, ALL, 3, 2300), (STORE_CHANNEL, "cash", "kitchen", 2, 1500),
            (STORE_CHANNEL, "card", "kitchen", 1, 500),
            (STORE_CHANNEL, "card", "grocery", 1, 300),
            (WEB_CHANNEL, ALL, ALL, 1, 999),
            (WEB_CHANNEL, "online", "grocery", 1, 999)]  # fmt: skip
    with hub_db.engine.begin() as connection:
        connection.execute(insert(SalesDaily), [
            {"day": day, "store_id": STORE, "channel": channel, "tender": tender,
             "department": department, "sales": sales, "amount_minor": amount}
            for channel, tender, department, sales, amount in rows
        ])  # fmt: skip
    migrate.upgrade(hub_db.engine)
    assert _departments(Hub(db=hub_db)) == [
        (day, STORE, "grocery", STORE_CHANNEL, 1, 300),
        (day, STORE, "grocery", WEB_CHANNEL, 1, 999),
        (day, STORE, "kitchen", STORE_CHANNEL, 3, 2000),
    ]


def _everything(hub: Hub) -> list[tuple[object, ...]]:
    with hub.db.read() as session:
        rows = session.scalars(select(SalesDaily))
        return sorted((r.day, r.store_id, r.channel, r.tender, r.department, r.sales,
                       r.amount_minor) for r in rows)  # fmt: skip


def _departments(hub: Hub) -> list[tuple[object, ...]]:
    with hub.db.read() as session:
        rows = session.scalars(select(SalesByDepartment))
        return sorted((r.day, r.store_id, r.department, r.channel, r.sales, r.amount_minor)
                      for r in rows)  # fmt: skip
