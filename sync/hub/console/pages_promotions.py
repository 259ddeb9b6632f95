"""Console promotion pages: the list (what is live where), the editor, the basket preview."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from sync.hub.console import promotions
from sync.hub.console.accounts import ConsoleIdentity
from sync.hub.console.render import Csrf, P, page, router, see_other, stores_of
from sync.hub.console.security import check_csrf, current_identity, require
from sync.hub.deps import Services
from sync.hub.errors import HubError, Invalid, NotFound
from sync.hub.models import Store

Text = Annotated[str, Form(max_length=200)]
Rules = Annotated[str, Form(max_length=20_000)]
Basket = Annotated[str, Form(max_length=4_000)]
EXAMPLE_RULES = '{\n  "kind": "percent",\n  "value": "10",\n  "departments": ["kitchen"]\n}'


def _editor(
    request: Request, svc: Services, who: ConsoleIdentity, form: dict[str, str], **extra: object
) -> HTMLResponse:
    with svc.hub.db.read() as session:
        stores = list(session.scalars(select(Store.store_id).order_by(Store.store_id)))
    return page(request, "promotion.html", who, form=form, stores=stores,
                channels=promotions.CHANNELS, **extra)  # fmt: skip


@router.get("/promotions", response_class=HTMLResponse)
def promotion_list(
    request: Request, svc: Services, state: Annotated[str, Query(max_length=16)] = ""
) -> Response:
    who = current_identity(svc, request)
    require(who, P.PROMOTIONS_VIEW)
    if state and state not in promotions.STATES:
        raise Invalid(f"state is one of {', '.join(promotions.STATES)}")
    with svc.hub.db.read() as session:
        rows = promotions.promotions(session, svc.hub.clock(), stores_of(who), state)
    return page(request, "promotions.html", who, rows=rows, state=state,
                states=promotions.STATES, shown=promotions.SHOWN)  # fmt: skip


@router.get("/promotions/new", response_class=HTMLResponse)
def new_promotion(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.PROMOTIONS_EDIT)
    form = {"rules": EXAMPLE_RULES, "channels": "both", "new": "1"}
    return _editor(request, svc, who, form)


@router.get("/promotions/{promo_id}", response_class=HTMLResponse)
def promotion(request: Request, svc: Services, promo_id: str) -> Response:
    who = current_identity(svc, request)
    require(who, P.PROMOTIONS_VIEW)
    with svc.hub.db.read() as session:
        row = promotions.one(session, promo_id, svc.hub.clock())
    if row is None or (row.promo.store_id is not None and not who.sees_store(row.promo.store_id)):
        raise NotFound(f"no promotion {promo_id!r}")
    p, rules = row.promo, row.promo.rules
    form = {
        "promo_id": p.promo_id, "name": p.name, "store_id": p.store_id or "",
        "starts_at": p.starts_at.strftime("%Y-%m-%dT%H:%M") if p.starts_at else "",
        "ends_at": p.ends_at.strftime("%Y-%m-%dT%H:%M") if p.ends_at else "",
        "channels": str(rules.get("channels", "both")),
        "customer_only": "1" if rules.get("customer_only") else "",
        "coupon": str(rules.get("coupon", "")), "rules": row.rules_text,
    }  # fmt: skip
    return _editor(request, svc, who, form, state=row.state)


@router.post("/promotions", response_class=HTMLResponse)
def save_or_preview(
    request: Request,
    svc: Services,
    csrf: Csrf,
    promo_id: Text = "",
    name: Text = "",
    store_id: Text = "",
    starts_at: Text = "",
    ends_at: Text = "",
    channels: Text = "both",
    customer_only: Text = "",
    coupon: Text = "",
    rules: Rules = "",
    basket: Basket = "",
    has_customer: Text = "",
    new: Text = "",
    action: Text = "save",
) -> Response:
    """One form, two buttons: Preview prices the basket and changes nothing; Save stores."""
    who = current_identity(svc, request)
    require(who, P.PROMOTIONS_VIEW if action == "preview" else P.PROMOTIONS_EDIT)
    check_csrf(who, csrf)
    form = {"promo_id": promo_id, "name": name, "store_id": store_id, "starts_at": starts_at,
            "ends_at": ends_at, "channels": channels, "customer_only": customer_only,
            "coupon": coupon, "rules": rules, "basket": basket, "has_customer": has_customer,
            "new": new}  # fmt: skip
    try:
        promo = promotions.from_form(form)
        if action == "preview":
            with svc.hub.db.read() as session:
                result = promotions.preview(session, promo, basket, now=svc.hub.clock(),
                                            has_customer=has_customer == "1")  # fmt: skip
            return _editor(request, svc, who, form, preview=result)
        promotions.save(svc.hub, who, promo, new=new == "1")
    except HubError as exc:
        # The editor again with what was typed and why it was refused: nothing was stored.
        response = _editor(request, svc, who, form, problem=exc.detail)
        response.status_code = exc.status_code
        return response
    return see_other(f"/promotions/{promo.promo_id}")


@router.post("/promotions/{promo_id}/end")
def end_promotion(request: Request, svc: Services, promo_id: str, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.PROMOTIONS_EDIT)
    check_csrf(who, csrf)
    promotions.end(svc.hub, who, promo_id)
    return see_other("/promotions")
