"""Staff roles from the hub's feed at the till (one list of roles: pos_app/domain/staff/roles.py).

A role the till knows lands as it is (a fulfilment person is no longer turned into an
associate); a role it does not know is a clear error that changes nothing, never a demotion.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import Staff
from pos_app.domain.staff.credentials import PinHasher
from pos_app.services.staff.auth import Permission, Role, StaffMember
from pos_app.services.sync.feed_apply import FeedApplier, FeedApplyError
from sync.protocol import FeedChange, FeedKind

PIN_HASH = PinHasher().hash("4711")  # as the hub hashes a PIN it is given


def staff_change(position: int, code: str, role: str) -> FeedChange:
    data = {"staff_code": code, "name": f"Person {code}", "role": role, "pin_hash": PIN_HASH}
    return FeedChange(position=position, kind=FeedKind.STAFF, key=code, data=data)


def roles(db: sessionmaker[Session]) -> dict[str, str]:
    with db() as session:
        return {s.code: s.role for s in session.scalars(select(Staff))}


def test_every_known_role_lands_as_it_is(seeded: sessionmaker[Session]) -> None:
    applier = FeedApplier(seeded, pause=0)
    applier.apply([staff_change(i + 1, f"S{i}", str(r)) for i, r in enumerate(Role)], 10)
    assert roles(seeded) == {f"S{i}": str(r) for i, r in enumerate(Role)}
    picker = StaffMember(staff_id=1, code="S1", name="P", role=Role(roles(seeded)["S1"]))
    assert picker.role is Role.FULFILMENT
    # At the till a fulfilment person has an associate's rights, as before, and no more.
    assert picker.can(Permission.SELL)
    assert not picker.can(Permission.LINE_DISCOUNT)


def test_an_unknown_role_is_a_clear_error_and_changes_nothing(
    seeded: sessionmaker[Session],
) -> None:
    applier = FeedApplier(seeded, pause=0)
    applier.apply([staff_change(1, "E42", "manager")], 1)
    with pytest.raises(
        FeedApplyError, match=r"(?s)staff change at position ≥ 2: .*role.*'cashier'"
    ):
        applier.apply([staff_change(2, "E42", "cashier"), staff_change(3, "E43", "manager")], 3)
    assert roles(seeded) == {"E42": "manager"}  # not demoted, nothing of the chunk written
    assert applier.cursor() == 1
