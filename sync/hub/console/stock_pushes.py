"""The console's web-store stock page: updates the web stores are owed (pending) or could not
take (failed), with the reason, and a button to queue the failed ones again
(docs/architecture.md, "One stock truth"). Its own router, mounted next to the console's.

Seen with the "Stores and tills" permission (admin, auditor); re-queueing needs "tills.manage"
(admin), and is written to the audit log in the same transaction.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from sync.hub import web_stock
from sync.hub.console.accounts import audit
from sync.hub.console.roles import Permission
from sync.hub.console.routes import _page, _see_other
from sync.hub.console.security import PREFIX, check_csrf, current_identity, require
from sync.hub.deps import Services

router = APIRouter(prefix=PREFIX, include_in_schema=False)
LIMIT = 500


@router.get("/stock-pushes", response_class=HTMLResponse)
def stock_pushes(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, Permission.TILLS_VIEW)
    with svc.hub.db.read() as session:
        rows = web_stock.list_pushes(session, limit=LIMIT)
    return _page(request, "stock_pushes.html", who, rows=rows, limit=LIMIT)


@router.post("/stock-pushes/retry")
def retry_failed(
    request: Request, svc: Services, csrf: Annotated[str, Form(max_length=100)]
) -> Response:
    who = current_identity(svc, request)
    require(who, Permission.TILLS_MANAGE)
    check_csrf(who, csrf)
    with svc.hub.change() as (session, _):
        now = svc.hub.clock()
        count = web_stock.retry_failed(session, now=now)
        audit(
            session,
            who.email,
            "stock_pushes.retry",
            "web-store stock updates",
            {"failed": count},
            {"queued_again": count},
            now,
        )
    return _see_other("/stock-pushes")
