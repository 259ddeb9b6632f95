"""Console review pages: returns flagged for head office, coupon double uses, quarantined till
events (release or reject), failed customer notifications (resend)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from sync.hub.console import review
from sync.hub.console.render import Csrf, P, page, router, see_other, stores_of
from sync.hub.console.security import check_csrf, current_identity, require
from sync.hub.deps import Services
from sync.hub.errors import Invalid
from sync.hub.quarantine import STATES

Note = Annotated[str, Form(max_length=500)]


@router.get("/review", response_class=HTMLResponse)
def returns(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_VIEW)
    with svc.hub.db.read() as session:
        rows = review.return_reviews(session, stores_of(who))
    return page(request, "review.html", who, tab="returns", rows=rows)


@router.get("/review/coupons", response_class=HTMLResponse)
def coupons(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_VIEW)
    with svc.hub.db.read() as session:
        rows = review.double_uses(session, stores_of(who))
    return page(request, "review.html", who, tab="coupons", rows=rows)


@router.get("/review/quarantine", response_class=HTMLResponse)
def held(
    request: Request, svc: Services, state: Annotated[str, Query(max_length=16)] = "quarantined"
) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_VIEW)
    if state not in STATES:
        raise Invalid(f"state is one of {', '.join(STATES)}")
    with svc.hub.db.read() as session:
        rows = review.held_events(session, stores_of(who), state)
    return page(request, "review.html", who, tab="quarantine", rows=rows, state=state,
                states=STATES)  # fmt: skip


@router.get("/review/notifications", response_class=HTMLResponse)
def failed(request: Request, svc: Services) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_VIEW)
    with svc.hub.db.read() as session:
        rows = review.failed_notifications(session, stores_of(who))
    return page(request, "review.html", who, tab="notifications", rows=rows)


@router.post("/review/returns/{review_id}/resolve")
def resolve(request: Request, svc: Services, review_id: int, csrf: Csrf, note: Note) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_ACT)
    check_csrf(who, csrf)
    review.resolve_return(svc.hub, who, review_id, note)
    return see_other("/review")


@router.post("/review/quarantine/{event_id}/release")
def release(request: Request, svc: Services, event_id: str, csrf: Csrf, note: Note) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_ACT)
    check_csrf(who, csrf)
    review.verdict(svc.hub, who, event_id, note, release=True)
    return see_other("/review/quarantine?state=released")


@router.post("/review/quarantine/{event_id}/reject")
def reject(request: Request, svc: Services, event_id: str, csrf: Csrf, note: Note) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_ACT)
    check_csrf(who, csrf)
    review.verdict(svc.hub, who, event_id, note, release=False)
    return see_other("/review/quarantine?state=rejected")


@router.post("/review/notifications/{notification_id}/resend")
def resend(request: Request, svc: Services, notification_id: int, csrf: Csrf) -> Response:
    who = current_identity(svc, request)
    require(who, P.REVIEW_ACT)
    check_csrf(who, csrf)
    review.resend(svc.hub, who, notification_id)
    return see_other("/review/notifications")
