"""The chain's reason codes at the hub (pos_app/domain/reasons.py is the rule): head office
replaces the set whole, and the same transaction puts it in the feed of every store, as one
change the tills apply (services/sale/reason_codes.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pos_app.domain.reasons import ReasonCodeError, ReasonKind, parse_reason_codes
from sync.hub.context import Hub
from sync.hub.errors import Invalid
from sync.hub.feed import PendingChanges
from sync.hub.models import CHAIN_SCOPE, ReasonCodeRow
from sync.protocol import FeedKind, ReasonCodeIn, ReasonCodesIn

FEED_KEY = "reason_codes"


def current(session: Session) -> ReasonCodesIn:
    rows = session.scalars(select(ReasonCodeRow).order_by(ReasonCodeRow.position)).all()
    return ReasonCodesIn(
        codes=[
            ReasonCodeIn(
                code=r.code, kind=ReasonKind(r.kind), label=r.label, needs_text=r.needs_text
            )
            for r in rows
        ]
    )


def get_reason_codes(hub: Hub) -> ReasonCodesIn:
    with hub.db.read() as session:
        return current(session)


def replace_in(
    session: Session, pending: PendingChanges, codes: ReasonCodesIn, now: datetime
) -> None:
    """Replace the set in the caller's transaction (the console adds its audit entry to it)."""
    data = [c.model_dump(mode="json") for c in codes.codes]
    try:
        parse_reason_codes(data)  # the model checked it; the one rule, said once more here
    except ReasonCodeError as exc:
        raise Invalid(str(exc)) from None
    session.execute(delete(ReasonCodeRow))
    session.add_all(
        ReasonCodeRow(
            kind=c.kind.value, code=c.code, label=c.label.strip(), needs_text=c.needs_text,
            position=i, updated_at=now,
        )
        for i, c in enumerate(codes.codes)
    )  # fmt: skip
    pending.add(CHAIN_SCOPE, FeedKind.REASON_CODE, FEED_KEY, {"codes": data})


def set_reason_codes(hub: Hub, codes: ReasonCodesIn) -> ReasonCodesIn:
    """Replace the set (an empty one: the tills' defaults) and send it to every till."""
    with hub.change() as (session, pending):
        replace_in(session, pending, codes, hub.clock())
    return get_reason_codes(hub)
