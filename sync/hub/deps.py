"""FastAPI dependencies: the hub's services and the caller's identity, per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, cast

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.hub.console.imports import CatalogImports
from sync.hub.context import Hub
from sync.hub.errors import Unauthorized
from sync.hub.limits import CALLER_KEY, AttemptLimiter
from sync.hub.notify import ChangeNotifier
from sync.hub.settings import HubSettings
from sync.hub.tenancy import Principal, authenticate, require_admin, require_till


@dataclass
class AppServices:
    settings: HubSettings
    hub: Hub
    notifier: ChangeNotifier | None = None  # set when the server's event loop starts
    enroll_limiter: AttemptLimiter | None = None  # None: enrollment is not throttled
    # The console's catalog imports (running and finished), sync/hub/console/imports.py.
    imports: CatalogImports = field(default_factory=CatalogImports)


def services(request: Request) -> AppServices:
    return cast(AppServices, request.app.state.services)


bearer = HTTPBearer(auto_error=False, description="an admin token or a till's device token")


def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The bearer token as sent, not yet checked against the database."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized("send 'Authorization: Bearer <token>'")
    if len(credentials.credentials) > 200:
        raise Unauthorized("token unknown")
    return credentials.credentials


def name_caller(request: Request, who: Principal) -> None:
    request.scope.setdefault("state", {})[CALLER_KEY] = who.label  # for the access log


def principal(
    request: Request,
    svc: Annotated[AppServices, Depends(services)],
    token: Annotated[str, Depends(bearer_token)],
) -> Principal:
    with svc.hub.db.read() as session:
        who = authenticate(session, token)
    name_caller(request, who)
    return who


def admin(who: Annotated[Principal, Depends(principal)]) -> Principal:
    require_admin(who)
    return who


def till_store(who: Annotated[Principal, Depends(principal)]) -> Principal:
    require_till(who)
    return who


Services = Annotated[AppServices, Depends(services)]
Caller = Annotated[Principal, Depends(principal)]
Admin = Annotated[Principal, Depends(admin)]
TillCaller = Annotated[Principal, Depends(till_store)]
# A route that checks the token itself, in its own transaction (the ingest: one round trip less).
BearerToken = Annotated[str, Depends(bearer_token)]
# The staff code of the person signed in at the till (sync.client.lookups.STAFF_HEADER).
StaffHeader = Annotated[str | None, Header(alias="X-OmniTill-Staff", max_length=64)]
