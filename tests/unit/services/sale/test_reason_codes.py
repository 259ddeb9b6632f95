"""The chain's reason codes reach the till through the feed (issue 15 defect 7): applied into
``reason_codes`` with the cursor, the latest set wins, a bad set changes nothing, and a till
without a set (or with an empty one) offers the defaults."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.reasons import DEFAULT_REASON_CODES, ReasonCode, ReasonKind
from pos_app.services.sale.reason_codes import load_reason_codes
from pos_app.services.sync.feed_apply import FeedApplyError, apply_changes
from sync.protocol import FeedChange, FeedKind


def change(position: int, codes: list[dict[str, Any]]) -> FeedChange:
    return FeedChange(
        position=position, kind=FeedKind.REASON_CODE, key="reason_codes", data={"codes": codes}
    )


def loaded(seeded: sessionmaker[Session]) -> tuple[ReasonCode, ...]:
    with seeded() as session:
        return load_reason_codes(session)


def test_the_feed_set_replaces_the_defaults_and_the_latest_wins(
    seeded: sessionmaker[Session],
) -> None:
    assert loaded(seeded) == DEFAULT_REASON_CODES
    first = [{"code": "BENT", "kind": "discount", "label": "Bent tin"}]
    second = [{"code": "FIRE", "kind": "void", "label": "Fire drill", "needs_text": False}]
    with seeded.begin() as session:
        apply_changes(session, [change(5, first), change(6, second)])
    assert loaded(seeded) == (ReasonCode("FIRE", ReasonKind.VOID, "Fire drill"),)
    with seeded.begin() as session:
        apply_changes(session, [change(7, [])])  # head office cleared the set
    assert loaded(seeded) == DEFAULT_REASON_CODES


def test_a_bad_set_from_the_feed_changes_nothing(seeded: sessionmaker[Session]) -> None:
    good = [{"code": "BENT", "kind": "discount", "label": "Bent tin"}]
    with seeded.begin() as session:
        apply_changes(session, [change(5, good)])
    with pytest.raises(FeedApplyError, match="unknown kind 'refund'"), seeded.begin() as session:
        apply_changes(session, [change(6, [{"code": "X", "kind": "refund", "label": "x"}])])
    assert loaded(seeded) == (ReasonCode("BENT", ReasonKind.DISCOUNT, "Bent tin"),)
