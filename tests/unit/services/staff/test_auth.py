from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import JournalEntry, Staff
from pos_app.services.staff.auth import (
    AuthError,
    AuthService,
    LockoutPolicy,
    Permission,
    PermissionDeniedError,
    PinHasher,
    Role,
    StaffMember,
    require,
)
from pos_app.services.store import journal
from tests.helpers.pins import legacy_scrypt

FAST = PinHasher(time_cost=1, memory_kib=64)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def auth(clock: Clock) -> AuthService:
    policy = LockoutPolicy(max_failures=3, cooldown=timedelta(seconds=30))
    return AuthService(till_id="till-1", hasher=FAST, policy=policy, clock=clock)


@pytest.fixture
def staffed(seeded: sessionmaker[Session], auth: AuthService) -> sessionmaker[Session]:
    with seeded.begin() as s:
        auth.enroll(s, code="A1", name="Ann", role=Role.ASSOCIATE, pin="1111", badge="B-ANN")
        auth.enroll(s, code="M1", name="Max", role=Role.MANAGER, pin="9999")
    return seeded


def test_a_legacy_pin_hash_is_upgraded_on_sign_in(
    staffed: sessionmaker[Session], auth: AuthService
) -> None:
    legacy = legacy_scrypt("4821", b"\x01" * 16, encode="hex")
    with staffed.begin() as s:
        s.add(Staff(code="OLD", name="Olga", role="associate", pin_hash=legacy, active=True))
    with staffed.begin() as s:
        assert auth.sign_in(s, "4821").ok
    with staffed() as s:
        upgraded = s.scalars(select(Staff.pin_hash).where(Staff.code == "OLD")).one()
    assert upgraded.startswith("$argon2id$")
    assert FAST.verify("4821", upgraded)
    with staffed.begin() as s:  # and it still signs in with the upgraded hash
        assert auth.sign_in(s, "4821").ok


def test_sign_in_success(staffed: sessionmaker[Session], auth: AuthService) -> None:
    with staffed.begin() as s:
        result = auth.sign_in(s, "1111")
    assert result.ok
    assert result.staff == StaffMember(result.staff.staff_id, "A1", "Ann", Role.ASSOCIATE)
    with staffed.begin() as s:
        assert auth.sign_in_badge(s, "B-ANN").staff == result.staff
        assert not auth.sign_in_badge(s, "B-NOBODY").ok


def test_pins_are_stored_hashed(staffed: sessionmaker[Session]) -> None:
    with staffed() as s:
        hashes = s.scalars(select(Staff.pin_hash)).all()
    assert all(h.startswith("$argon2id$") and "1111" not in h for h in hashes)


def test_lockout_after_failures_and_cooldown(
    staffed: sessionmaker[Session], auth: AuthService, clock: Clock
) -> None:
    for left in (2, 1):
        with staffed.begin() as s:
            result = auth.sign_in(s, "0000")
        assert not result.ok
        assert result.attempts_left == left
    with staffed.begin() as s:
        result = auth.sign_in(s, "abc")  # garbage counts too
    assert result.locked_until == clock.now + timedelta(seconds=30)
    assert "Try again in 30 s" in str(result.message)
    # Even the right PIN is refused while locked, and the lock survives a new service.
    fresh = AuthService(till_id="till-1", hasher=FAST, clock=clock)
    with staffed.begin() as s:
        assert not fresh.sign_in(s, "1111").ok
    clock.now += timedelta(seconds=31)
    with staffed.begin() as s:
        assert auth.sign_in(s, "1111").ok
    with staffed.begin() as s:  # the count started again
        assert auth.sign_in(s, "0000").attempts_left == 2


def test_success_resets_the_failure_count(
    staffed: sessionmaker[Session], auth: AuthService
) -> None:
    for _ in range(2):
        with staffed.begin() as s:
            auth.sign_in(s, "0000")
    with staffed.begin() as s:
        assert auth.sign_in(s, "1111").ok
    with staffed.begin() as s:
        assert auth.sign_in(s, "0000").attempts_left == 2


def test_enroll_refuses_bad_and_duplicate_pins(
    staffed: sessionmaker[Session], auth: AuthService
) -> None:
    with staffed.begin() as s:
        for pin in ("12", "abcd", "123456789", ""):
            with pytest.raises(AuthError, match="4 to 8 digits"):
                auth.enroll(s, code="X", name="X", role=Role.ASSOCIATE, pin=pin)
        with pytest.raises(AuthError, match="already uses that PIN"):
            auth.enroll(s, code="X", name="X", role=Role.ASSOCIATE, pin="9999")
        with pytest.raises(AuthError, match="already taken"):
            auth.enroll(s, code="A1", name="X", role=Role.ASSOCIATE, pin="4321")


def test_roles_and_require() -> None:
    ann = StaffMember(1, "A1", "Ann", Role.ASSOCIATE)
    sue = StaffMember(2, "S1", "Sue", Role.SUPERVISOR)
    max_ = StaffMember(3, "M1", "Max", Role.MANAGER)
    require(ann, Permission.SELL)
    with pytest.raises(PermissionDeniedError, match="may not give a line discount"):
        require(ann, Permission.LINE_DISCOUNT)
    require(sue, Permission.LINE_DISCOUNT)
    with pytest.raises(PermissionDeniedError):
        require(sue, Permission.PRICE_OVERRIDE)
    for permission in Permission:
        require(max_, permission)


def test_manager_approval_is_journaled_and_lets_one_action_through(
    staffed: sessionmaker[Session], auth: AuthService
) -> None:
    with staffed.begin() as s:
        ann = auth.sign_in(s, "1111").staff
    assert ann is not None
    with staffed.begin() as s:
        result = auth.approve(
            s,
            pin="9999",
            permission=Permission.PRICE_OVERRIDE,
            requested_by=ann,
            what="line 1 price 8.99 -> 5.00",
            reason="damaged box",
        )
    assert result.ok
    assert result.approval is not None
    require(ann, Permission.PRICE_OVERRIDE, result.approval)
    with pytest.raises(PermissionDeniedError):  # the approval is for one permission only
        require(ann, Permission.VOID_BASKET, result.approval)
    with staffed() as s:
        entry = s.scalars(select(JournalEntry).where(JournalEntry.kind == "approval")).one()
        assert journal.verify_journal(s).ok
    body = json.loads(entry.payload)["body"]
    assert body["approver"] == {"code": "M1", "name": "Max", "role": "manager"}
    assert body["requested_by"] == {"code": "A1", "name": "Ann"}
    assert body["permission"] == "price_override"
    assert body["reason"] == "damaged box"
    assert body["what"] == "line 1 price 8.99 -> 5.00"


def test_approval_refused_for_wrong_pin_lacking_right_or_no_reason(
    staffed: sessionmaker[Session], auth: AuthService
) -> None:
    ann = StaffMember(1, "A1", "Ann", Role.ASSOCIATE)
    max_ = StaffMember(2, "M1", "Max", Role.MANAGER)
    kwargs = {"permission": Permission.VOID_BASKET, "what": "void", "reason": "customer left"}
    with staffed.begin() as s:
        assert "not right" in str(auth.approve(s, pin="0000", requested_by=ann, **kwargs).message)
        assert "cannot approve" in str(
            auth.approve(s, pin="1111", requested_by=ann, **kwargs).message
        )
        assert "Someone else" in str(
            auth.approve(s, pin="9999", requested_by=max_, **kwargs).message
        )
        no_reason = {**kwargs, "reason": " "}
        assert "reason" in str(auth.approve(s, pin="9999", requested_by=ann, **no_reason).message)
    with staffed() as s:
        assert s.scalars(select(JournalEntry)).all() == []
