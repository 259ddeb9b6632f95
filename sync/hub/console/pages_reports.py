"""Console report pages: sales (day × store × channel × tender × department) with a CSV
export, and store days (the sums of the tills' Z reports, sync/hub/store_days.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from sync.hub import store_days
from sync.hub.console import reports
from sync.hub.console.accounts import ConsoleIdentity
from sync.hub.console.render import P, page, router, stores_of
from sync.hub.console.security import current_identity, require
from sync.hub.deps import Services
from sync.hub.errors import Invalid, NotFound
from sync.protocol import StoreDay

Text = Annotated[str, Query(max_length=64)]
By = Annotated[list[str], Query(max_length=5)]


def _query(
    svc: Services, start: str, end: str, by: list[str], store: str, channel: str
) -> reports.SalesQuery:
    try:
        return reports.parse_query(start, end, by, store, channel, svc.hub.clock().date())
    except ValueError as exc:
        raise Invalid(str(exc)) from None


@router.get("/reports", response_class=HTMLResponse)
def sales_report(
    request: Request,
    svc: Services,
    start: Text = "",
    end: Text = "",
    by: By = [],  # noqa: B006 - FastAPI copies the default
    store: Text = "",
    channel: Text = "",
) -> Response:
    who = current_identity(svc, request)
    require(who, P.REPORTS_VIEW)
    q = _query(svc, start, end, by, store, channel)
    with svc.hub.db.read() as session:
        rows = reports.sales(session, q, stores_of(who), limit=reports.MAX_SHOWN + 1)
    return page(request, "reports.html", who, q=q, rows=rows[: reports.MAX_SHOWN],
                more=len(rows) > reports.MAX_SHOWN, dimensions=list(reports.Dimension),
                query_string=request.url.query)  # fmt: skip


@router.get("/reports/sales.csv")
def sales_csv(
    request: Request,
    svc: Services,
    start: Text = "",
    end: Text = "",
    by: By = [],  # noqa: B006 - FastAPI copies the default
    store: Text = "",
    channel: Text = "",
) -> Response:
    who = current_identity(svc, request)
    require(who, P.REPORTS_VIEW)
    q = _query(svc, start, end, by, store, channel)
    scope = stores_of(who)

    def chunks() -> Iterator[bytes]:
        # Streamed: a quarter by day × store × department is tens of thousands of rows.
        with svc.hub.db.read() as session:
            yield from reports.csv_chunks(session, q, scope)

    name = f"sales-{q.start.isoformat()}-{q.end.isoformat()}.csv"
    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _days(
    request: Request, svc: Services, store: str, day: str
) -> tuple[ConsoleIdentity, list[StoreDay]]:
    who = current_identity(svc, request)
    require(who, P.REPORTS_VIEW)
    try:
        on = date.fromisoformat(day) if day else None
    except ValueError:
        raise Invalid("day is YYYY-MM-DD") from None
    if store and not who.sees_store(store):
        raise NotFound(f"no store {store!r}")
    scope = stores_of(who)
    with svc.hub.db.read() as session:
        found = store_days.store_days(session, store_id=store or None, day=on, limit=100)
    return who, [d for d in found if scope is None or d.store_id in scope]


@router.get("/reports/days", response_class=HTMLResponse)
def days(request: Request, svc: Services, store: Text = "", day: Text = "") -> Response:
    """Store days, newest first: each the sum of its tills' Z reports."""
    who, rows = _days(request, svc, store, day)
    query = request.url.query
    return page(request, "days.html", who, days=rows, filters={"store": store, "day": day},
                query_string=query)  # fmt: skip


@router.get("/reports/days.csv")
def days_csv(request: Request, svc: Services, store: Text = "", day: Text = "") -> Response:
    """The store days as CSV, one line each, amounts in minor units."""
    _, rows = _days(request, svc, store, day)
    return Response(
        reports.days_to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="store-days.csv"'},
    )
