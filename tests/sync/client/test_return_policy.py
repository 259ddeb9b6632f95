"""The return policy authored at the hub reaches the till through the feed and is applied.

``omnitill hub set-return-policy`` (real CLI, real hub database) → the store's feed → the
till's real puller over HTTP → ``return_policy`` row → the returns service refuses what the
policy refuses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.db.models import ReturnPolicyRow
from pos_app.domain.returns.rules import Condition, ReasonCode, ReturnError, ReturnItem
from pos_app.services.returns.in_store import ReturnApprovalRequiredError, ReturnsService
from pos_app.services.returns.policy import load_return_policy
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.staff.auth import Role, StaffMember
from pos_app.services.store.till_context import load_till_context
from sync.hub.models import FeedRow
from tests.helpers.hub import TILL_STORE, EnrolledTill
from tests.helpers.hub_calls import run_hub

COFFEE, BATTERIES = "4006381333931", "5012345678900"  # grocery, household
ANN = StaffMember(staff_id=901, code="A1", name="Ann", role=Role.ASSOCIATE)


def policy_file(tmp_path: Path, **policy: object) -> Path:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy), encoding="utf-8")
    return path


def test_policy_from_the_hub_refuses_a_late_return_at_the_till(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    hub_db_url: str,
    enrolled_till: EnrolledTill,
    sell: Callable[..., CompletedSale],
) -> None:
    sale = sell([COFFEE, BATTERIES])
    path = policy_file(
        tmp_path,
        default_window_days=30,
        window_days_by_department={"grocery": 7},
        non_returnable_departments=["household"],
        receiptless_allowed=False,
    )
    code, out, err = run_hub(
        capsys, "set-return-policy", "--db", hub_db_url, "--store", TILL_STORE, "--file", str(path)
    )
    assert code == 0, err
    assert "tills get it in the feed" in out

    sync = enrolled_till.sync()
    sync.puller.pull_once()
    with enrolled_till.read() as session:
        policy = load_return_policy(session)
    assert policy is not None
    assert policy.window_days("grocery") == 7

    service = ReturnsService(
        policy=policy, clock=lambda: datetime.now(UTC) + timedelta(days=10)
    )  # ten days after the sale: inside the default 30, outside grocery's 7

    def give_back(line_no: int) -> None:
        with enrolled_till.write.begin() as session:
            service.complete_return(
                session,
                receipt_no=sale.receipt_no,
                items=[ReturnItem(line_no, 1000, ReasonCode.CHANGED_MIND, Condition.UNOPENED)],
                cashier=ANN,
                context=load_till_context(session),
            )

    with pytest.raises(ReturnApprovalRequiredError, match="outside the 7-day return window"):
        give_back(1)
    with pytest.raises(ReturnError, match="cannot be returned"):
        give_back(2)
    service = ReturnsService(clock=lambda: datetime.now(UTC) + timedelta(days=10))
    give_back(1)  # the defaults (30 days for every department) would have taken it


def test_a_bad_policy_file_is_one_clear_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hub_db_url: str, hub
) -> None:
    run_hub(capsys, "add-store", "--db", hub_db_url, "--store", "s1", "--name", "One")
    with hub.db.read() as session:
        before = session.scalar(select(func.count()).select_from(FeedRow))
    for policy, expected in (
        ({"default_window_days": -1}, "default_window_days: Input should be greater than"),
        ({"windw_days": 3}, "windw_days: Extra inputs are not permitted"),
        ({"cash_limit_minor_by_role": {"Manager!": 5}}, "cash_limit_minor_by_role.Manager!"),
    ):
        code, _, err = run_hub(
            capsys, "set-return-policy", "--db", hub_db_url, "--store", "s1",
            "--file", str(policy_file(tmp_path, **policy)),
        )  # fmt: skip
        assert code == 1
        assert expected in err
        assert len(err.strip().splitlines()) == 1
    (tmp_path / "list.json").write_text("[1]", encoding="utf-8")
    code, _, err = run_hub(
        capsys, "set-return-policy", "--db", hub_db_url, "--store", "s1",
        "--file", str(tmp_path / "list.json"),
    )  # fmt: skip
    assert (code, "must hold a JSON object" in err) == (1, True)
    code, _, err = run_hub(
        capsys, "set-return-policy", "--db", hub_db_url, "--store", "nowhere",
        "--file", str(policy_file(tmp_path)),
    )  # fmt: skip
    assert code == 1
    with hub.db.read() as session:
        assert session.scalar(select(func.count()).select_from(FeedRow)) == before


def test_no_policy_from_the_hub_keeps_the_defaults(enrolled_till: EnrolledTill) -> None:
    enrolled_till.sync().puller.pull_once()
    with enrolled_till.read() as session:
        assert session.get(ReturnPolicyRow, 1) is None
        assert load_return_policy(session) is None
