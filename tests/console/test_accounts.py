"""Console people: sign-in over HTTP, lockout, sign-out, password reset, the audit log, the
`hub add-user` command and admin API tokens that belong to a user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from pos_app.cli import main
from sync.hub import tenancy
from sync.hub.console import accounts
from sync.hub.console.roles import Role
from sync.hub.models import ConsoleAudit, ConsoleUser
from tests.helpers.console import PASSWORD, ConsoleHub, add_order, csrf_of, sign_in


def test_sign_in_sets_a_strict_httponly_cookie_and_opens_the_dashboard(
    console: ConsoleHub,
) -> None:
    api = console.hub.client()
    answer = sign_in(api, console.emails[Role.ADMIN], PASSWORD)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert "omnitill_console=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain-HTTP loopback; Secure is set when reached over TLS
    assert "Click and collect" in api.get("/console/").text


def test_a_wrong_password_locks_the_account_after_five_tries(console: ConsoleHub) -> None:
    api = console.hub.client()
    email = console.emails[Role.AUDITOR]
    for _ in range(accounts.MAX_FAILED_ATTEMPTS):
        wrong = sign_in(api, email, "not the password")
        assert wrong.status_code == 401
        assert accounts.BAD_SIGN_IN in wrong.text
    locked = sign_in(api, email, PASSWORD)  # even the right one, until the lock lifts
    assert locked.status_code == 401
    assert "locked until" in locked.text
    # The server has its own clock: let the lock run out by moving it into the past.
    with console.hub.hub.db.write() as session:
        user = session.scalars(select(ConsoleUser).where(ConsoleUser.email == email)).one()
        assert user.locked_until is not None
        user.locked_until -= accounts.LOCKOUT + timedelta(seconds=1)
    assert sign_in(api, email, PASSWORD).status_code == 303


def test_an_unknown_email_reads_like_a_wrong_password(console: ConsoleHub) -> None:
    answer = sign_in(console.hub.client(), "nobody@example.com", PASSWORD)
    assert answer.status_code == 401
    assert accounts.BAD_SIGN_IN in answer.text


def test_sign_in_without_the_form_token_is_refused(console: ConsoleHub) -> None:
    api = console.hub.client()
    answer = api.post(
        "/console/sign-in",
        data={"email": console.emails[Role.ADMIN], "password": PASSWORD, "csrf": "x"},
        allow_redirects=False,
    )
    assert answer.status_code == 403
    assert "omnitill_console=" not in answer.headers.get("set-cookie", "")


def test_sign_out_ends_the_session_on_the_server(console: ConsoleHub) -> None:
    api = console.sign_in(Role.ADMIN)
    cookie = api.session.cookies.get("omnitill_console")
    csrf = csrf_of(api.get("/console/").text)
    assert (
        api.post("/console/sign-out", data={"csrf": csrf}, allow_redirects=False).status_code == 303
    )
    replay = console.hub.client()
    replay.session.cookies.set("omnitill_console", cookie, path="/console")
    assert replay.get("/console/", allow_redirects=False).status_code == 303


def test_an_admin_resets_a_password_and_the_old_sessions_end(console: ConsoleHub) -> None:
    auditor = console.sign_in(Role.AUDITOR)
    admin = console.sign_in(Role.ADMIN)
    page = admin.get("/console/users").text
    with console.hub.hub.db.read() as session:
        user_id = session.scalars(
            select(ConsoleUser.id).where(ConsoleUser.email == console.emails[Role.AUDITOR])
        ).one()
    reset = admin.post(f"/console/users/{user_id}/reset-password", data={"csrf": csrf_of(page)})
    assert reset.status_code == 200
    new_password = reset.text.split("<code>")[1].split("</code>")[0]
    assert auditor.get("/console/", allow_redirects=False).status_code == 303
    fresh = console.hub.client()
    assert sign_in(fresh, console.emails[Role.AUDITOR], PASSWORD).status_code == 401
    assert sign_in(fresh, console.emails[Role.AUDITOR], new_password).status_code == 303


def test_every_change_is_in_the_audit_log_with_before_and_after(console: ConsoleHub) -> None:
    add_order(console.hub, "AUD-1")
    manager = console.sign_in(Role.STORE_MANAGER)
    csrf = csrf_of(manager.get("/console/").text)
    manager.post("/console/orders/AUD-1/cancel", data={"csrf": csrf})
    with console.hub.hub.db.read() as session:
        entry = session.scalars(
            select(ConsoleAudit).where(ConsoleAudit.action == "order.cancel")
        ).one()
        assert entry.actor == console.emails[Role.STORE_MANAGER]
        assert entry.target == "web order AUD-1"
        assert entry.before == '{"status": "new"}'
        assert entry.after == '{"status": "cancelled"}'
    page = console.sign_in(Role.AUDITOR).get("/console/audit").text
    assert "order.cancel" in page
    assert "web order AUD-1" in page


def test_hub_add_user_prints_a_password_that_signs_in(
    console: ConsoleHub, capsys: pytest.CaptureFixture[str]
) -> None:
    url = console.hub.hub.db.url
    argv = ["hub", "add-user", "--db", url, "--email", "Mia@Example.com"]
    assert main([*argv, "--role", "store_manager", "--store", "s1"]) == 0
    password = capsys.readouterr().out.strip()
    assert sign_in(console.hub.client(), "mia@example.com", password).status_code == 303
    assert main([*argv, "--role", "auditor"]) == 1  # the same e-mail twice
    assert "exists already" in capsys.readouterr().err
    assert main([*argv[:-1], "x@example.com", "--role", "store_manager"]) == 1
    assert "needs at least one --store" in capsys.readouterr().err


def test_admin_api_tokens_act_as_their_user(console: ConsoleHub) -> None:
    hub = console.hub.hub
    legacy = console.hub.client(console.hub.admin_token)  # made before users: still an admin
    assert legacy.get("/v1/admin/refund-requests").status_code == 200
    for role, expected in ((Role.ADMIN, 200), (Role.AUDITOR, 403)):
        token = tenancy.create_admin_token(hub, "api", user_email=console.emails[role])
        answer = console.hub.client(token).get("/v1/admin/refund-requests")
        assert answer.status_code == expected, (role, answer.text)


def test_an_admin_makes_an_enrollment_code_a_till_can_use_and_revokes_the_till(
    console: ConsoleHub,
) -> None:
    admin = console.sign_in(Role.ADMIN)
    csrf = csrf_of(admin.get("/console/tills").text)
    page = admin.post("/console/stores/s1/enroll-code", data={"csrf": csrf}).text
    code = page.split('<code class="code">')[1].split("</code>")[0]
    enrolled = console.hub.client().post("/v1/enroll", json={"code": code, "till_name": "front"})
    assert enrolled.status_code == 200, enrolled.text
    till = console.hub.client(enrolled.json()["token"])
    assert till.get("/v1/feed").status_code == 200
    till_id = enrolled.json()["till_id"]
    admin.post(f"/console/tills/{till_id}/revoke", data={"csrf": csrf})
    assert till.get("/v1/feed").status_code == 401
    with console.hub.hub.db.read() as session:
        actions = set(session.scalars(select(ConsoleAudit.action)))
    assert {"till.enroll_code", "till.revoke"} <= actions
