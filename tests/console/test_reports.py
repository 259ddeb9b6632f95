"""Console reports over HTTP: sales by day × store × channel × tender × department from the
rollup the real ingest writes, the CSV export, a store manager's scope, Z-report store days."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

from sync.hub.console.roles import Role
from sync.hub.web_orders import close_web_order
from sync.protocol import CollectionStatus
from tests.helpers.console import OTHER_STORE, STORE, ConsoleHub, add_order
from tests.helpers.console_data import add_products, ingest, till_sale
from tests.helpers.shift_day import shift_closed_payload


def _sales(console: ConsoleHub) -> str:
    hub = console.hub.hub
    add_products(hub, ("MUG", "Mug", "kitchen", 1000), ("TEA", "Tea", "grocery", 400))
    ingest(hub, STORE, till_sale(STORE, [("MUG", 1000), ("TEA", 400)], [("card", 1400)]))
    ingest(hub, OTHER_STORE, till_sale(OTHER_STORE, [("TEA", 400)], [("cash", 400)]))
    add_order(console.hub, "WEB-1")  # 25.00 paid online, store s1
    return datetime.now(UTC).date().isoformat()


def test_sales_by_store_and_channel_with_web_orders(console: ConsoleHub) -> None:
    today = _sales(console)
    page = console.sign_in(Role.ADMIN).get(
        f"/console/reports?start={today}&end={today}&by=store&by=channel"
    )
    assert page.status_code == 200
    rows = {tuple(cells) for cells in _table(page.text)}
    assert (STORE, "store", "EUR", "1", "14.00") in rows
    assert (STORE, "web", "EUR", "1", "25.00") in rows
    assert (OTHER_STORE, "store", "EUR", "1", "4.00") in rows


def test_the_csv_export_splits_by_department_and_a_manager_sees_their_store(
    console: ConsoleHub,
) -> None:
    today = _sales(console)
    query = f"start={today}&end={today}&by=store&by=department&channel=store"
    answer = console.sign_in(Role.STORE_MANAGER).get(f"/console/reports/sales.csv?{query}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    lines = list(csv.reader(io.StringIO(answer.text)))
    assert lines[0] == ["store", "department", "currency", "sales", "amount_minor"]
    assert sorted(lines[1:]) == [[STORE, "grocery", "EUR", "1", "400"],
                                 [STORE, "kitchen", "EUR", "1", "1000"]]  # fmt: skip


def test_a_bad_report_query_says_why_and_a_past_range_is_empty(console: ConsoleHub) -> None:
    _sales(console)
    admin = console.sign_in(Role.ADMIN)
    for query in ("start=2026-13-01", "start=2026-02-01&end=2026-01-01", "by=colour",
                  "start=2020-01-01&end=2026-01-01", "channel=fax"):  # fmt: skip
        answer = admin.get(f"/console/reports?{query}")
        assert answer.status_code == 422, query
    old = (datetime.now(UTC).date() - timedelta(days=30)).isoformat()
    assert "No sales in these days." in admin.get(f"/console/reports?start={old}&end={old}").text


def test_store_days_page_lists_z_reports_and_exports_them(console: ConsoleHub) -> None:
    page = console.sign_in(Role.AUDITOR).get("/console/reports/days")
    assert page.status_code == 200
    assert "No Z reports received." in page.text
    for store, z_no in ((STORE, 1), (STORE, 2), (OTHER_STORE, 1)):
        payload = shift_closed_payload(store, z_no)
        payload["till_id"] = f"till-{store}"
        payload["figures"]["sales"] = [3, 4500]
        payload["figures"]["net_sales_minor"] = 4500
        event = {"event_id": str(uuid.uuid4()), "kind": "shift.closed", "payload": payload}
        assert ingest(console.hub.hub, store, event).results[0].status.value == "accepted"
    manager = console.sign_in(Role.STORE_MANAGER)
    listed = manager.get("/console/reports/days").text
    assert f"till-{STORE}/Z1, till-{STORE}/Z2" in listed
    assert "90.00" in listed  # two Zs of 45.00
    assert f"till-{OTHER_STORE}" not in listed
    answer = manager.get("/console/reports/days.csv?day=2026-12-04")
    assert answer.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(answer.text)))
    assert lines[0][:8] == ["business_day", "store", "currency", "sales", "sales_minor",
                            "returns", "returns_minor", "net_sales_minor"]  # fmt: skip
    assert lines[1][:8] == ["2026-12-04", STORE, "EUR", "6", "9000", "0", "0", "9000"]
    assert len(lines) == 2
    refused = manager.get(f"/console/reports/days?store={OTHER_STORE}")
    assert refused.status_code == 404


def _table(html: str) -> list[list[str]]:
    """The body cells of the page's report table, as text."""
    import re

    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_a_cancelled_web_order_leaves_the_days_web_sales(console: ConsoleHub) -> None:
    today = _sales(console)
    admin = console.sign_in(Role.ADMIN)
    query = f"/console/reports?start={today}&end={today}&by=store&by=channel&by=tender"
    assert (STORE, "web", "online", "EUR", "1", "25.00") in {
        tuple(r) for r in _table(admin.get(query).text)
    }
    close_web_order(console.hub.hub, "WEB-1", CollectionStatus.CANCELLED)
    rows = {tuple(r) for r in _table(admin.get(query).text)}
    assert not any(r[1] == "web" for r in rows)
    assert (STORE, "store", "card", "EUR", "2", "14.00") in rows  # two departments: two shares
    dashboard = admin.get("/console/").text
    assert "25.00" not in dashboard
    assert "14.00" in dashboard
