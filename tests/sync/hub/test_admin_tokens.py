"""`omnitill hub admin-token list|revoke`: a revoked admin token is refused on its next request.

The CLI works on the hub's database while a real hub serves HTTP on loopback from the same
database (SQLite file, and PostgreSQL when OMNITILL_TEST_PG_URL is set).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pos_app.cli import main
from sync.hub import credentials
from sync.hub.models import AdminToken
from tests.helpers.hub import HubUnderTest


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["hub", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def revoked_at(hub_under_test: HubUnderTest) -> dict[str, object]:
    with hub_under_test.hub.db.read() as session:
        rows = session.execute(select(AdminToken)).scalars()
        return {row.token_hash: row.revoked_at for row in rows}


def can_create_a_code(hub_under_test: HubUnderTest, token: str) -> int:
    api = hub_under_test.client(token)
    return api.post("/v1/admin/stores/s1/enroll-codes").status_code


def test_a_revoked_admin_token_gets_401_on_its_next_request(
    capsys: pytest.CaptureFixture[str], running_hub: HubUnderTest, hub_db_url: str
) -> None:
    running_hub.add_store("s1")
    code, out, err = run(capsys, "admin-token", "--db", hub_db_url, "--label", "Ann, 2026-11")
    assert code == 0, err
    token = out.strip()
    token_id = credentials.token_digest(token)[:12]
    assert f"admin token {token_id} shown once" in err
    assert can_create_a_code(running_hub, token) == 200

    code, out, _ = run(capsys, "admin-token", "list", "--db", hub_db_url)
    assert code == 0
    assert token not in out  # only ids, never a token
    line = next(row for row in out.splitlines() if row.startswith(token_id))
    assert "active" in line
    assert line.endswith("Ann, 2026-11")

    code, out, err = run(capsys, "admin-token", "revoke", token_id[:8], "--db", hub_db_url)
    assert code == 0, err
    assert out.strip() == f"admin token {token_id} (Ann, 2026-11) revoked"
    refused = running_hub.client(token).post("/v1/admin/stores/s1/enroll-codes")
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert can_create_a_code(running_hub, running_hub.admin_token) == 200  # the others work

    code, out, _ = run(capsys, "admin-token", "list", "--db", hub_db_url)
    assert "revoked" in next(row for row in out.splitlines() if row.startswith(token_id))
    code, out, _ = run(capsys, "admin-token", "revoke", token_id, "--db", hub_db_url)
    assert (code, out.strip()) == (0, f"admin token {token_id} (Ann, 2026-11) was already revoked")


def test_revoking_by_the_token_itself(
    capsys: pytest.CaptureFixture[str], running_hub: HubUnderTest, hub_db_url: str
) -> None:
    running_hub.add_store("s1")
    code, out, _ = run(capsys, "admin-token", "revoke", running_hub.admin_token, "--db", hub_db_url)
    assert code == 0
    assert out.strip().endswith("(tests) revoked")
    assert can_create_a_code(running_hub, running_hub.admin_token) == 401


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("0123456789ab", "no admin token '0123456789ab'"),
        ("ota_not-a-real-token", "no admin token"),
        ("abc", "is not an admin token id"),
        ("zzzzzzzzzz", "is not an admin token id"),
        ("a%_%_%_%", "is not an admin token id"),
    ],
)
def test_an_unknown_id_is_a_clear_error_exit_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    running_hub: HubUnderTest,
    hub_db_url: str,
    ref: str,
    message: str,
) -> None:
    running_hub.add_store("s1")
    before = revoked_at(running_hub)
    code, out, err = run(capsys, "admin-token", "revoke", ref, "--db", hub_db_url)
    assert code == 2
    assert out == ""
    assert message in err
    assert revoked_at(running_hub) == before
    assert can_create_a_code(running_hub, running_hub.admin_token) == 200


def test_revoke_without_an_id_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], running_hub: HubUnderTest, hub_db_url: str
) -> None:
    before = revoked_at(running_hub)
    code, _, err = run(capsys, "admin-token", "revoke", "--db", hub_db_url)
    assert code == 2
    assert "needs a TOKEN_ID" in err
    assert revoked_at(running_hub) == before


def test_a_prefix_matching_two_tokens_is_refused(
    capsys: pytest.CaptureFixture[str], running_hub: HubUnderTest, hub_db_url: str
) -> None:
    with running_hub.hub.change() as (session, _):
        for last in "12":
            session.add(AdminToken(token_hash="abcdef0" + last + "0" * 56, label=last,
                                   created_at=running_hub.hub.clock()))  # fmt: skip
    before = revoked_at(running_hub)
    code, _, err = run(capsys, "admin-token", "revoke", "abcdef0", "--db", hub_db_url)
    assert code == 2
    assert "matches more than one admin token" in err
    assert revoked_at(running_hub) == before
