"""Every console route, walked over HTTP by every role and by a stranger: the allowed and
forbidden matrix (sync/hub/console/roles.py), the security headers, and escaping."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sync.hub.console import routes
from sync.hub.console.roles import Role
from sync.hub.console.security import HEADERS
from sync.hub.models import ConsoleUser, RefundRequestRow
from sync.hub.web_orders import close_web_order
from sync.protocol import CollectionStatus
from tests.helpers.console import STORE, ConsoleHub, add_order, csrf_of

EVERYONE = set(Role)
# (method, path template, the roles allowed; None: public)
MATRIX: list[tuple[str, str, set[Role] | None]] = [
    ("GET", "/console/sign-in", None),
    ("GET", "/console/", EVERYONE),
    ("GET", "/console/orders", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("GET", "/console/orders/{number}", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/orders/{number}/cancel", {Role.ADMIN, Role.STORE_MANAGER}),
    ("GET", "/console/refunds", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/refunds/{refund_id}/done", {Role.ADMIN, Role.STORE_MANAGER}),
    ("GET", "/console/tills", {Role.ADMIN, Role.AUDITOR}),
    ("POST", "/console/stores/{store_id}/enroll-code", {Role.ADMIN}),
    ("POST", "/console/tills/{till_id}/revoke", {Role.ADMIN}),
    ("GET", "/console/users", {Role.ADMIN}),
    ("POST", "/console/users/{user_id}/reset-password", {Role.ADMIN}),
    ("GET", "/console/audit", {Role.ADMIN, Role.AUDITOR}),
    ("GET", "/console/reason-codes", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/reason-codes", {Role.ADMIN}),
    ("POST", "/console/sign-out", EVERYONE),
]


def test_the_matrix_names_every_console_route() -> None:
    served = {
        (method, route.path)  # type: ignore[attr-defined]
        for route in routes.router.routes
        for method in route.methods  # type: ignore[attr-defined]
    }
    assert served == {(method, path) for method, path, _ in MATRIX} | {("POST", "/console/sign-in")}


def _targets(console: ConsoleHub, tag: str) -> dict[str, str]:
    """A fresh order, refund and user for one caller, so an allowed change always applies."""
    hub = console.hub.hub
    add_order(console.hub, f"W-{tag}")
    add_order(console.hub, f"R-{tag}")
    close_web_order(hub, f"R-{tag}", CollectionStatus.CANCELLED)  # paid: a refund is owed
    with hub.db.read() as session:
        refund_id = session.scalars(
            select(RefundRequestRow.id).where(RefundRequestRow.order_number == f"R-{tag}")
        ).one()
        user_id = session.scalars(
            select(ConsoleUser.id).where(ConsoleUser.email == console.emails[Role.AUDITOR])
        ).one()
    _, till_id = console.hub.enroll(STORE)
    return {"number": f"W-{tag}", "refund_id": str(refund_id), "user_id": str(user_id),
            "store_id": STORE, "till_id": till_id}  # fmt: skip


@pytest.mark.parametrize("role", [*Role, None], ids=[*(r.value for r in Role), "signed-out"])
def test_every_route_with_every_role(console: ConsoleHub, role: Role | None) -> None:
    api = console.sign_in(role)
    targets = _targets(console, role.value if role else "anon")
    csrf = csrf_of(api.get("/console/").text) if role is not None else "x"
    for method, template, allowed in MATRIX:
        path = template.format(**targets)
        if method == "GET":
            answer = api.get(path, allow_redirects=False)
        else:
            answer = api.post(path, data={"csrf": csrf, "reference": "BANK-1"},
                              allow_redirects=False)  # fmt: skip
        where = f"{method} {path} as {role}"
        for name, value in HEADERS.items():
            assert answer.headers.get(name) == value, where
        if allowed is None:
            assert answer.status_code == 200, where
        elif role is None:
            assert answer.status_code == 303, where
            assert answer.headers["location"].endswith("/console/sign-in"), where
        elif role in allowed:
            assert answer.status_code in (200, 303), f"{where}: {answer.text[:300]}"
        else:
            assert answer.status_code == 403, where


def test_a_store_manager_sees_only_their_stores(console: ConsoleHub) -> None:
    add_order(console.hub, "MINE-1", store=STORE)
    add_order(console.hub, "THEIRS-1", store="s2")
    manager = console.sign_in(Role.STORE_MANAGER)
    listed = manager.get("/console/orders").text
    assert "MINE-1" in listed
    assert "THEIRS-1" not in listed
    assert manager.get("/console/orders/THEIRS-1").status_code == 404
    csrf = csrf_of(manager.get("/console/").text)
    refused = manager.post("/console/orders/THEIRS-1/cancel", data={"csrf": csrf},
                           allow_redirects=False)  # fmt: skip
    assert refused.status_code == 404
    admin = console.sign_in(Role.ADMIN)
    assert "new" in admin.get("/console/orders/THEIRS-1").text  # unchanged


def test_what_people_typed_is_shown_as_text(console: ConsoleHub) -> None:
    add_order(console.hub, "ESC-1")  # its customer is named "Jo <b>Bloggs</b>"
    page = console.sign_in(Role.ADMIN).get("/console/orders/ESC-1").text
    assert "Jo &lt;b&gt;Bloggs&lt;/b&gt;" in page
    assert "<b>Bloggs" not in page


def test_a_form_without_the_csrf_token_changes_nothing(console: ConsoleHub) -> None:
    add_order(console.hub, "CSRF-1")
    admin = console.sign_in(Role.ADMIN)
    for csrf in ("", "forged"):
        answer = admin.post("/console/orders/CSRF-1/cancel", data={"csrf": csrf},
                            allow_redirects=False)  # fmt: skip
        assert answer.status_code in (403, 422)
    assert "Cancel this order" in admin.get("/console/orders/CSRF-1").text


def test_a_bad_filter_or_form_value_gets_a_page_saying_why(console: ConsoleHub) -> None:
    admin = console.sign_in(Role.ADMIN)
    answer = admin.get("/console/orders?status=lost")
    assert answer.status_code == 422
    assert "status:" in answer.text
    assert answer.headers["content-type"].startswith("text/html")
    add_order(console.hub, "LONG-1")
    csrf = csrf_of(admin.get("/console/").text)
    too_long = admin.post("/console/refunds/1/done", data={"csrf": csrf, "reference": "x" * 101})
    assert too_long.status_code == 422
    assert "reference:" in too_long.text
