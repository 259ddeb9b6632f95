"""The chain's reason codes at the till (pos_app/domain/reasons.py): stored from the feed, read
by the sale screen's prompts. Head office sets them (``omnitill hub reason-codes set``); the feed
brings the whole set as one change; the till keeps the latest in ``reason_codes`` (one row). A
till that never got a set, or got an empty one, offers the defaults.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from pos_app.db.models import ReasonCodesRow
from pos_app.domain.reasons import DEFAULT_REASON_CODES, ReasonCode, parse_reason_codes

if TYPE_CHECKING:
    from sync.protocol import FeedChange


def apply_reason_code_changes(session: Session, changes: list[FeedChange]) -> None:
    """Feed applier: the last change wins (one set for the chain). A set the domain refuses
    raises ReasonCodeError (a ValueError): its chunk rolls back and says why."""
    change = max(changes, key=lambda c: c.position)
    codes = parse_reason_codes(change.data.get("codes", []))
    stmt = insert(ReasonCodesRow).values(
        id=1, data=json.dumps([c.to_data() for c in codes]), feed_position=change.position
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={"data": stmt.excluded.data, "feed_position": stmt.excluded.feed_position},
        )
    )


def load_reason_codes(session: Session) -> tuple[ReasonCode, ...]:
    """The set the till offers: the hub's, or the defaults."""
    row = session.get(ReasonCodesRow, 1)
    codes = parse_reason_codes(json.loads(row.data)) if row is not None else ()
    return codes or DEFAULT_REASON_CODES
