"""Console pages for store staff (per store, PIN resets) and settings (tax classes, return
policies)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from pos_app.domain.staff.roles import Role as StaffRole
from sync.hub.console import people
from sync.hub.console.accounts import ConsoleIdentity
from sync.hub.console.render import Csrf, P, page, router, see_other, stores_of
from sync.hub.console.security import check_csrf, current_identity, require
from sync.hub.deps import Services
from sync.hub.models import Store

Short = Annotated[str, Form(max_length=200)]


def _staff_page(
    request: Request, svc: Services, who: ConsoleIdentity, store: str = "", **extra: Any
) -> HTMLResponse:
    scope = stores_of(who)
    with svc.hub.db.read() as session:
        rows = people.staff(session, scope, store)
        query = select(Store.store_id).order_by(Store.store_id)
        if scope is not None:
            query = query.where(Store.store_id.in_(scope))
        stores = list(session.scalars(query))
    return page(request, "staff.html", who, rows=rows, stores=stores, store=store,
                roles=list(StaffRole), **extra)  # fmt: skip


@router.get("/staff", response_class=HTMLResponse)
def staff(
    request: Request, svc: Services, store: Annotated[str, Query(max_length=64)] = ""
) -> Response:
    who = current_identity(svc, request)
    require(who, P.STAFF_VIEW)
    return _staff_page(request, svc, who, store)


@router.post("/staff", response_class=HTMLResponse)
def add_staff(
    request: Request,
    svc: Services,
    csrf: Csrf,
    store_id: Short,
    staff_code: Short,
    name: Short,
    role: Short,
) -> Response:
    who = current_identity(svc, request)
    require(who, P.STAFF_MANAGE)
    check_csrf(who, csrf)
    pin = people.add(svc.hub, who, store_id, staff_code, name, role)
    return _staff_page(request, svc, who, store_id, new_pin=(staff_code, name, pin))


@router.post("/staff/{staff_id}/reset-pin", response_class=HTMLResponse)
def reset_pin(request: Request, svc: Services, staff_id: int, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.STAFF_MANAGE)
    check_csrf(who, csrf)
    row, pin = people.reset_pin(svc.hub, who, staff_id)
    return _staff_page(request, svc, who, row.store_id, new_pin=(row.staff_code, row.name, pin))


@router.post("/staff/{staff_id}/remove")
def remove_staff(request: Request, svc: Services, staff_id: int, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.STAFF_MANAGE)
    check_csrf(who, csrf)
    people.remove(svc.hub, who, staff_id)
    return see_other("/staff")


@router.get("/settings", response_class=HTMLResponse)
def settings(
    request: Request, svc: Services, store: Annotated[str, Query(max_length=64)] = ""
) -> Response:
    who = current_identity(svc, request)
    require(who, P.SETTINGS_VIEW)
    with svc.hub.db.read() as session:
        taxes = people.tax_classes(session)
        stores = list(session.scalars(select(Store.store_id).order_by(Store.store_id)))
        chosen = store if store in stores else (stores[0] if stores else "")
        policy = people.policy_text(people.return_policy(session, chosen)) if chosen else ""
    return page(request, "settings.html", who, taxes=taxes, stores=stores, store=chosen,
                policy=policy)  # fmt: skip


@router.post("/settings/tax-classes")
def set_tax_class(
    request: Request, svc: Services, csrf: Csrf, tax_class: Short, rate: Short, label: Short
) -> Response:
    who = current_identity(svc, request)
    require(who, P.SETTINGS_EDIT)
    check_csrf(who, csrf)
    people.set_tax_class(svc.hub, who, tax_class, rate, label)
    return see_other("/settings")


@router.post("/settings/return-policy/{store_id}")
def set_return_policy(
    request: Request,
    svc: Services,
    store_id: str,
    csrf: Csrf,
    policy: Annotated[str, Form(max_length=200_000)],
) -> Response:
    who = current_identity(svc, request)
    require(who, P.SETTINGS_EDIT)
    check_csrf(who, csrf)
    people.set_return_policy(svc.hub, who, store_id, policy)
    return see_other(f"/settings?store={store_id}")
