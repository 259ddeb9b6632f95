"""What one POST /v1/events says to the database (issue 18 point 4: round trips per event).

The ceiling is per request, whatever its size: the device token is checked in the ingest's own
transaction together with its store, each table gets one statement per batch, the feed is
numbered in one statement after the commit, and a connection in use is not pinged. Counted on
the real hub over HTTP (tests/helpers/round_trips.py), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from sync.hub.settings import HubSettings
from tests.helpers.events import sale
from tests.helpers.hub import Api, HubUnderTest, serve_hub
from tests.helpers.round_trips import RoundTrips

STORE = "rt-1"
# Till + store, events, returnable_sales, returnable_lines, stock_levels, the store's web
# stores, departments, sales_daily, sales_by_department (issue 20's report rollup), feed rows,
# and the feed's numbering (PostgreSQL) or BEGIN IMMEDIATE (SQLite). Before issue 18's cuts:
# 13 statements and 22 round trips (without sales_by_department).
MAX_STATEMENTS = 11
MAX_ROUND_TRIPS_PG = 13  # the statements, BEGIN and COMMIT: no ping, no second session


@pytest.fixture
def quiet_hub(hub_settings: HubSettings, hub: Any) -> Iterator[HubUnderTest]:
    """A served hub with no background jobs or mailer: only the requests touch the database."""
    settings = replace(hub_settings, run_jobs=False, run_mailer=False)
    with serve_hub(settings, hub) as served:
        yield served


def three_line_sale(n: int) -> dict[str, Any]:
    event = sale(store=STORE, sku=f"SKU-{n % 7}")
    first = event["payload"]["lines"][0]
    event["payload"]["lines"] = [{**first, "line_no": no} for no in (1, 2, 3)]
    total = 3 * first["amount_minor"]
    event["payload"]["totals"] = {**event["payload"]["totals"], "total_minor": total}
    event["payload"]["tenders"] = [{"kind": "cash", "amount_minor": total, "account": None}]
    event["payload"]["stock_movements"] = [
        {"uuid": str(uuid.uuid4()), "sku": first["sku"], "quantity_delta_milli": -1000}
        for _ in range(3)
    ]
    return event


def push(till: Api, events: list[dict[str, Any]]) -> None:
    answer = till.post("/v1/events", json={"events": events})
    assert answer.status_code == 200, answer.text
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}, answer.text


@pytest.mark.parametrize("batch", [1, 50])
def test_one_request_is_a_fixed_number_of_statements(
    quiet_hub: HubUnderTest, hub_db_url: str, batch: int
) -> None:
    quiet_hub.add_store(STORE)
    till, _ = quiet_hub.enroll(STORE)
    push(till, [three_line_sale(0)])  # the first request connects and warms the caches
    engine = quiet_hub.server.app.state.services.hub.db.engine
    trips = RoundTrips(engine)

    with trips.counting():
        push(till, [three_line_sale(n) for n in range(1, batch + 1)])

    assert len(trips.statements) <= MAX_STATEMENTS, trips.report()
    if hub_db_url.startswith("postgresql"):
        assert trips.total <= MAX_ROUND_TRIPS_PG, trips.report()
        assert trips.pings == 0, trips.report()
