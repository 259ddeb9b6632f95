"""The store's return policy from the hub (docs/architecture.md §8): stored from the feed, used by
returns.

Head office authors it (``omnitill hub set-return-policy``); the feed brings the whole policy
as one change; the till keeps the latest in ``return_policy`` (one row) and the returns
service uses it instead of its defaults. A till that never got one keeps the defaults.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from pos_app.db.models import ReturnPolicyRow
from pos_app.domain.returns.rules import ReturnPolicy

if TYPE_CHECKING:
    from sync.protocol import FeedChange, ReturnPolicyIn


def _wire_model() -> type[ReturnPolicyIn]:
    # The wire model (pydantic, with the whole protocol module: ~0.4 s) loads when a policy
    # is read, not when the till starts and imports the returns screen (docs/architecture.md,
    # start-up).
    from sync.protocol import ReturnPolicyIn

    return ReturnPolicyIn


def apply_policy_changes(session: Session, changes: list[FeedChange]) -> None:
    """Feed applier: the last change wins (there is one policy per store)."""
    change = max(changes, key=lambda c: c.position)
    policy = _wire_model().model_validate(change.data)  # ValueError names what is wrong
    stmt = insert(ReturnPolicyRow).values(
        id=1, data=policy.model_dump_json(), feed_position=change.position
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={"data": stmt.excluded.data, "feed_position": stmt.excluded.feed_position},
        )
    )


def to_domain(policy: ReturnPolicyIn) -> ReturnPolicy:
    return ReturnPolicy(
        default_window_days=policy.default_window_days,
        window_days_by_department=dict(policy.window_days_by_department),
        non_returnable_skus=frozenset(policy.non_returnable_skus),
        non_returnable_departments=frozenset(policy.non_returnable_departments),
        cash_limit_minor_by_role=dict(policy.cash_limit_minor_by_role),
        approval_threshold_minor=policy.approval_threshold_minor,
        receiptless_allowed=policy.receiptless_allowed,
    )


def load_return_policy(session: Session) -> ReturnPolicy | None:
    """The hub's policy for this store, or None (the defaults apply)."""
    row = session.get(ReturnPolicyRow, 1)
    if row is None:
        return None
    return to_domain(_wire_model().model_validate(json.loads(row.data)))
