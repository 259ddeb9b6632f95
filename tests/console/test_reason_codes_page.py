"""The console's reason-codes page (issue 15 defect 7): an admin replaces the chain's set as
lines of text, with the CSRF token, in one transaction with its audit entry; the tills' feed
gets it; a bad line is refused saying which and changes nothing; others only read it."""

from __future__ import annotations

from sqlalchemy import select

from sync.hub.console.roles import Role
from sync.hub.models import ConsoleAudit, FeedRow
from sync.protocol import FeedKind
from tests.helpers.console import ConsoleHub, csrf_of

TEXT = "discount | DENTED | Dented tin\nvoid | OTHER | Something else | words\n"


def test_an_admin_replaces_the_set_and_the_tills_feed_gets_it(console: ConsoleHub) -> None:
    admin = console.sign_in(Role.ADMIN)
    page = admin.get("/console/reason-codes")
    assert "None set: the tills use their defaults." in page.text
    done = admin.post(
        "/console/reason-codes",
        data={"csrf": csrf_of(page.text), "codes": TEXT},
        allow_redirects=False,
    )
    assert done.status_code == 303, done.text
    shown = admin.get("/console/reason-codes").text
    assert "Dented tin" in shown
    assert "void | OTHER | Something else | words" in shown  # the box holds the set
    assert console.hub.admin.get("/v1/admin/reason-codes").json()["codes"][1] == {
        "code": "OTHER", "kind": "void", "label": "Something else", "needs_text": True,
    }  # fmt: skip
    hub = console.hub.hub
    with hub.db.read() as session:
        kinds = session.scalars(select(FeedRow.kind)).all()
        actions = session.scalars(select(ConsoleAudit.action)).all()
    assert FeedKind.REASON_CODE.value in kinds
    assert "reason_codes.replace" in actions

    bad = admin.post(
        "/console/reason-codes",
        data={"csrf": csrf_of(shown), "codes": "discount | DENTED\n"},
        allow_redirects=False,
    )
    assert bad.status_code == 422
    assert "line 1: write kind | CODE | Label" in bad.text
    unknown = admin.post(
        "/console/reason-codes",
        data={"csrf": csrf_of(shown), "codes": "refund | X | x\n"},
        allow_redirects=False,
    )
    assert unknown.status_code == 422
    assert len(console.hub.admin.get("/v1/admin/reason-codes").json()["codes"]) == 2


def test_a_store_manager_reads_the_set_but_has_no_form(console: ConsoleHub) -> None:
    manager = console.sign_in(Role.STORE_MANAGER)
    page = manager.get("/console/reason-codes")
    assert page.status_code == 200
    assert "Replace the set" not in page.text
