"""Console request guards: security headers, the signed-in identity, CSRF, permissions."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from sync.hub.console.accounts import ConsoleIdentity, session_identity
from sync.hub.console.roles import Permission, allows
from sync.hub.deps import AppServices
from sync.hub.errors import Forbidden, HubError

SESSION_COOKIE = "omnitill_console"
PREFIX = "/console"
HEADERS = {
    # No inline script or style anywhere: everything comes from /console/static.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class SignInNeeded(HubError):
    """Not signed in (or the session ended): pages redirect to the sign-in form."""

    status_code = 401


async def add_security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    if request.url.path == PREFIX or request.url.path.startswith(PREFIX + "/"):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
    return response


def current_identity(svc: AppServices, request: Request) -> ConsoleIdentity:
    cookie = request.cookies.get(SESSION_COOKIE, "")
    with svc.hub.db.read() as session:
        who = session_identity(session, cookie, svc.hub.clock())
    if who is None:
        raise SignInNeeded("sign in first")
    return who


def require(who: ConsoleIdentity, permission: Permission) -> None:
    if not allows(who.role, permission):
        raise Forbidden(f"a {who.role.value} may not do this ({permission.value})")


def check_csrf(who: ConsoleIdentity, submitted: str) -> None:
    if not submitted or not hmac.compare_digest(submitted, who.csrf_token):
        raise Forbidden("the form is out of date (CSRF token); reload the page and try again")


def set_session_cookie(request: Request, response: Response, value: str, max_age: int) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        # Secure whenever the hub is reached over TLS (hub serve --tls-cert, or a proxy).
        secure=request.url.scheme == "https",
    )
