"""The console's pages (server-rendered with Jinja2, autoescaped) under /console.

Every page takes the signed-in identity and checks one permission (roles.py); every form
carries the session's CSRF token. Changes go through the hub's own functions (web_orders,
refunds, accounts) so a rule has one home, and each is written to the audit log.
"""

from __future__ import annotations

import secrets
from importlib import import_module
from typing import Annotated, Any

from fastapi import Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select

from sync.hub import reason_codes, tenancy, web_orders
from sync.hub.console import accounts, dashboard, reasons, refunds
from sync.hub.console.accounts import ConsoleIdentity
from sync.hub.console.render import HERE, Csrf, P, page, see_other, stores_of
from sync.hub.console.render import router as router
from sync.hub.console.roles import Role
from sync.hub.console.security import (
    PREFIX,
    SESSION_COOKIE,
    SignInNeeded,
    check_csrf,
    current_identity,
    require,
    set_session_cookie,
)
from sync.hub.deps import Services
from sync.hub.errors import HubError, NotFound, Unauthorized
from sync.hub.models import Customer, Store, WebOrderRow
from sync.protocol import CollectionStatus

PRE_COOKIE = "omnitill_console_pre"  # the sign-in form's CSRF token (double submit)
static = StaticFiles(directory=HERE / "static")
_page, _stores, _see_other = page, stores_of, see_other
# The other pages add their routes to the same router, each group in its own module.
for _pages in (
    "pages_reports",
    "pages_catalog",
    "pages_promotions",
    "pages_review",
    "pages_people",
):
    import_module(f"sync.hub.console.{_pages}")


def error_page(request: Request, exc: HubError) -> Response:
    """HubErrors on console pages: signed out → the sign-in form; others → a page saying why."""
    if isinstance(exc, SignInNeeded):
        return _see_other("/sign-in")
    response = _page(request, "error.html", None, message=exc.detail)
    response.status_code = exc.status_code
    return response


def invalid_page(request: Request, exc: RequestValidationError) -> Response:
    """A form or filter value the console cannot take: which field, and why; nothing changed."""
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc'][1:])}: {error['msg']}"
        for error in exc.errors()
    )
    response = _page(request, "error.html", None, message=f"Not accepted: {problems}")
    response.status_code = 422
    return response


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_form(request: Request) -> Response:
    token = secrets.token_urlsafe(32)
    response = _page(request, "sign_in.html", None, csrf=token, message=None)
    response.set_cookie(
        PRE_COOKIE,
        token,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    svc: Services,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=200)],
    csrf: Csrf,
) -> Response:
    pre = request.cookies.get(PRE_COOKIE, "")
    if not pre or not secrets.compare_digest(pre, csrf):
        response = _page(
            request, "sign_in.html", None, csrf=pre, message="Reload the page and sign in again."
        )
        response.status_code = 403
        return response
    try:
        cookie, _ = accounts.sign_in(svc.hub, email, password)
    except Unauthorized as exc:
        response = _page(request, "sign_in.html", None, csrf=pre, message=exc.detail, email=email)
        response.status_code = 401
        return response
    redirect = _see_other("/")
    set_session_cookie(request, redirect, cookie, int(accounts.SESSION_LIFETIME.total_seconds()))
    redirect.delete_cookie(PRE_COOKIE, path=PREFIX)
    return redirect


@router.post("/sign-out")
def sign_out(request: Request, svc: Services, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    check_csrf(who, csrf)
    accounts.sign_out(svc.hub, request.cookies.get(SESSION_COOKIE, ""))
    response = _see_other("/sign-in")
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.DASHBOARD)
    stores, now = _stores(who), svc.hub.clock()
    with svc.hub.db.read() as session:
        context = {
            "sales": dashboard.sales_today(session, now, stores),
            "by_state": dashboard.orders_by_state(session, stores),
            "open_orders": dashboard.open_orders(session, now, stores),
            "tills": dashboard.tills(session, now, stores, limit=dashboard.DASHBOARD_TILLS),
            "till_count": dashboard.till_count(session, stores),
            "refunds_waiting": dashboard.refunds_waiting(session, stores),
        }
    return _page(request, "dashboard.html", who, **context)


@router.get("/orders", response_class=HTMLResponse)
def orders(
    request: Request,
    svc: Services,
    status: Annotated[CollectionStatus | None, Query()] = None,
    store: Annotated[str, Query(max_length=64)] = "",
    number: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    who = current_identity(svc, request)
    require(who, P.ORDERS_VIEW)
    W = WebOrderRow
    query = select(W, Customer).join(Customer, Customer.id == W.customer_id)
    query = query.order_by(W.id.desc()).limit(200)
    if status is not None:
        query = query.where(W.status == status.value)
    if store:
        query = query.where(W.store_id == store)
    if number:
        query = query.where(W.number.startswith(number.strip(), autoescape=True))
    if (stores := _stores(who)) is not None:
        query = query.where(W.store_id.in_(stores))
    with svc.hub.db.read() as session:
        rows = [web_orders.order_out(o, c) for o, c in session.execute(query)]
    filters = {"status": status.value if status else "", "store": store, "number": number}
    return _page(
        request, "orders.html", who, orders=rows, filters=filters, statuses=list(CollectionStatus)
    )


def _order(svc: Services, who: ConsoleIdentity, number: str) -> Any:
    with svc.hub.db.read() as session:
        found = session.execute(
            select(WebOrderRow, Customer)
            .join(Customer, Customer.id == WebOrderRow.customer_id)
            .where(WebOrderRow.number == number)
        ).first()
    if found is None or not who.sees_store(found[0].store_id):
        raise NotFound(f"no web order {number!r}")
    return web_orders.order_out(*found)


@router.get("/orders/{number}", response_class=HTMLResponse)
def order(request: Request, svc: Services, number: str) -> Response:
    who = current_identity(svc, request)
    require(who, P.ORDERS_VIEW)
    return _page(request, "order.html", who, order=_order(svc, who, number))


@router.post("/orders/{number}/cancel")
def cancel_order(request: Request, svc: Services, number: str, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.ORDERS_CANCEL)
    check_csrf(who, csrf)
    before = _order(svc, who, number)  # another store's order is "not found" to a manager
    with svc.hub.change() as (session, pending):  # the cancel and its audit entry: one commit
        after = web_orders.close_in(session, pending, svc.hub, number, CollectionStatus.CANCELLED)
        change = {"status": before.status}, {"status": after.status}
        accounts.audit(session, who.email, "order.cancel", f"web order {number}", *change,
                       svc.hub.clock())  # fmt: skip
    return _see_other(f"/orders/{number}")


@router.get("/refunds", response_class=HTMLResponse)
def refund_list(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.REFUNDS_VIEW)
    with svc.hub.db.read() as session:
        rows = refunds.refunds(session, _stores(who))
    return _page(request, "refunds.html", who, refunds=rows)


@router.post("/refunds/{refund_id}/done")
def refund_done(
    request: Request,
    svc: Services,
    refund_id: int,
    csrf: Csrf,
    reference: Annotated[str, Form(max_length=100)],
) -> Response:
    who = current_identity(svc, request)
    require(who, P.REFUNDS_MARK)
    check_csrf(who, csrf)
    refunds.mark_refunded(svc.hub, refund_id, reference, who)
    return _see_other("/refunds")


def _tills(request: Request, svc: Services, who: ConsoleIdentity, **extra: Any) -> Response:
    with svc.hub.db.read() as session:
        stores = list(session.scalars(select(Store).order_by(Store.store_id)))
        rows = dashboard.tills(session, svc.hub.clock(), None)
    return _page(request, "tills.html", who, stores=stores, tills=rows, **extra)


@router.get("/tills", response_class=HTMLResponse)
def tills(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.TILLS_VIEW)
    return _tills(request, svc, who, new_code=None)


@router.post("/stores/{store_id}/enroll-code", response_class=HTMLResponse)
def enroll_code(request: Request, svc: Services, store_id: str, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.TILLS_MANAGE)
    check_csrf(who, csrf)
    with svc.hub.change() as (session, _):
        code = tenancy.create_enroll_code_in(session, svc.hub, store_id)
        accounts.audit(session, who.email, "till.enroll_code", f"store {store_id}", None,
                       {"expires_at": code.expires_at}, svc.hub.clock())  # fmt: skip
    return _tills(request, svc, who, new_code=code)


@router.post("/tills/{till_id}/revoke")
def revoke(request: Request, svc: Services, till_id: str, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.TILLS_MANAGE)
    check_csrf(who, csrf)
    with svc.hub.change() as (session, _):
        tenancy.revoke_till_in(session, svc.hub, till_id)
        accounts.audit(session, who.email, "till.revoke", f"till {till_id}",
                       {"state": "enrolled"}, {"state": "revoked"}, svc.hub.clock())  # fmt: skip
    return _see_other("/tills")


def _people(request: Request, svc: Services, who: ConsoleIdentity, **extra: Any) -> Response:
    with svc.hub.db.read() as session:
        rows = accounts.list_users(session)
    return _page(request, "users.html", who, users=rows, roles=list(Role), **extra)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.USERS_MANAGE)
    return _people(request, svc, who, new_password=None)


@router.post("/users/{user_id}/reset-password", response_class=HTMLResponse)
def reset_password(request: Request, svc: Services, user_id: int, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.USERS_MANAGE)
    check_csrf(who, csrf)
    return _people(
        request, svc, who, new_password=accounts.reset_password(svc.hub, user_id, who.email)
    )


@router.get("/reason-codes", response_class=HTMLResponse)
def reason_code_page(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.REASONS_VIEW)
    codes = reason_codes.get_reason_codes(svc.hub)
    return _page(request, "reason_codes.html", who, codes=codes, text=reasons.as_text(codes))


@router.post("/reason-codes")
def reason_code_replace(
    request: Request,
    svc: Services,
    csrf: Csrf,
    codes: Annotated[str, Form(max_length=reasons.MAX_TEXT)] = "",
) -> Response:
    who = current_identity(svc, request)
    require(who, P.REASONS_MANAGE)
    check_csrf(who, csrf)
    reasons.replace(svc.hub, codes, who)
    return _see_other("/reason-codes")


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.AUDIT_VIEW)
    with svc.hub.db.read() as session:
        rows = accounts.audit_log(session)
    return _page(request, "audit.html", who, entries=rows)
