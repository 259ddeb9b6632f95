"""Console reports over HTTP: sales by day × store × channel × tender × department from the
rollup the real ingest writes, the CSV export, a store manager's scope, Z-report store days."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from sync.hub.console import reports
from sync.hub.console.roles import Role
from sync.hub.models import SalesByDepartment
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


ODD_DEPARTMENTS = ["=SUM(A1)", 'Say "hi", twice', "two\nlines", "-5 off", "\rcr", "plain"]


def test_the_csv_export_is_the_reports_rows_byte_for_byte_and_adds_up_to_its_totals(
    console: ConsoleHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = console.hub.hub
    add_products(hub, *((f"SKU{i}", f"Product {i}", d, 100 + i)
                        for i, d in enumerate(ODD_DEPARTMENTS)))  # fmt: skip
    for n in range(4):
        lines = [(f"SKU{i}", (100 + i) * (n + 1)) for i in range(len(ODD_DEPARTMENTS))]
        paid = sum(amount for _, amount in lines)
        ingest(hub, STORE, till_sale(STORE, lines, [("card", paid // 3), ("cash", paid)],
                                     change=paid // 3))  # fmt: skip
    ingest(hub, OTHER_STORE, till_sale(OTHER_STORE, [("SKU0", 100)], [("cash", 100)]))
    add_order(console.hub, "WEB-1")
    today = datetime.now(UTC).date()
    with hub.db.write() as session:  # an empty department: written as nothing, not ""
        session.add(SalesByDepartment(day=today, store_id=STORE, department="", channel="store",
                                      sales=1, amount_minor=0))  # fmt: skip
    expected = {}
    with hub.db.read() as session:
        for by, scope in ((("day", "store", "department"), None), (("department",), [STORE])):
            q = reports.parse_query(today.isoformat(), today.isoformat(), by, "", "", today)
            expected[by, scope is None] = reports.to_csv(q, reports.sales(session, q, scope))
    if hub.db.is_postgres:  # the database writes it: no Python row on the way
        monkeypatch.setattr(reports, "sales", _refuse)
    admin, manager = console.sign_in(Role.ADMIN), console.sign_in(Role.STORE_MANAGER)
    span = f"start={today}&end={today}"
    everything = admin.get(f"/console/reports/sales.csv?{span}&by=day&by=store&by=department")
    assert everything.status_code == 200
    assert everything.content == expected[("day", "store", "department"), True].encode()
    theirs = manager.get(f"/console/reports/sales.csv?{span}&by=department")
    assert theirs.content == expected[("department",), False].encode()
    rows = list(csv.reader(io.StringIO(everything.text)))
    assert {r[2] for r in rows[1:]} >= {"'=SUM(A1)", 'Say "hi", twice', "two\nlines",
                                         "'-5 off", "'\rcr", ""}  # fmt: skip
    monkeypatch.undo()
    totals = _table(admin.get(f"/console/reports?{span}&by=day").text)
    assert len(totals) == 1
    assert sum(int(r[5]) for r in rows[1:]) == int(totals[0][3].replace(".", ""))


def _refuse(*_: object, **__: object) -> list[reports.ReportRow]:
    raise AssertionError("the CSV export built Python rows on PostgreSQL")


def test_crlf_rows_ends_rows_with_crlf_and_keeps_a_quoted_lf_wherever_a_chunk_ends() -> None:
    rows = [["day", "department", "sales"], ["2026-12-01", 'a "b"\nc', "1"],
            ["2026-12-01", "x,\n\ny", "2"], ["2026-12-02", "plain", "3"]]  # fmt: skip
    as_postgres, as_python = io.StringIO(), io.StringIO()
    csv.writer(as_postgres, lineterminator="\n").writerows(rows)
    csv.writer(as_python, lineterminator="\r\n").writerows(rows)
    data = as_postgres.getvalue().encode()
    for cut in range(len(data) + 1):
        for second in (cut, (cut + len(data)) // 2):
            converter = reports.CrlfRows()
            parts = [data[:cut], data[cut:second], data[second:]]
            got = b"".join(converter.convert(part) for part in parts)
            assert got == as_python.getvalue().encode(), cut
