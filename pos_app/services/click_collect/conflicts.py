"""Conflicts between the hub and this till's click-and-collect steps, flagged for a manager.

The hub is the authority on an order's state (docs/architecture.md §7): when it refused a step
this till sent, or moved an order on (cancelled or expired online, collected or shipped at
another till) while it was active here, the order is flagged with a reason in the manager's
words, stored as a message id (``messages.stored``) and shown in the till's language.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.models import CollectionOrderRow, WebOrderRow
from pos_app.domain.click_collect.states import ACTIVE, describe
from pos_app.domain.click_collect.states import OrderState as S
from pos_app.domain.l10n.messages import Label, Message, msg, stored
from pos_app.services.click_collect.queue import plain_rejection, rejected_collection_events
from pos_app.services.click_collect.transitions import record_stock_return
from pos_app.services.store.till_context import TillContext, load_till_context


def reconcile(
    session: Session,
    *,
    clock: Callable[[], datetime],
    new_uuid: Callable[[], uuid.UUID],
    context: TillContext | None = None,
) -> list[str]:
    """Flag orders the hub refused or contradicts; returns the newly flagged numbers.

    An order the hub cancelled or expired while its goods sat in a bag here gives that
    stock back (movements, ``stock.adjusted`` event, journal) in this same transaction,
    once: the hold flag is cleared with it. ``context`` is read from the till's profile
    when not given, and only when stock has to move.
    """
    flagged: list[str] = []
    rejected = rejected_collection_events(session)
    rows = session.execute(
        select(WebOrderRow, CollectionOrderRow).join(
            CollectionOrderRow, CollectionOrderRow.order_number == WebOrderRow.number
        )
    ).all()
    for order, local in rows:
        hub, mine = S(order.status), S(local.local_status)
        reason: Message | None = None
        fresh = [r for r in rejected.get(order.number, []) if r[0] > local.reviewed_outbox_id]
        if fresh:
            row_id, asked, why = fresh[-1]
            reason = plain_rejection(order.number, asked, why, hub)
            local.reviewed_outbox_id = row_id
        elif hub in (S.CANCELLED, S.EXPIRED) and mine in ACTIVE:
            online, here = Label(describe(hub)), Label(describe(mine))
            reason = msg(
                "Order {number} was {online} online while it was {here} here. "
                "Stop, and put the items back.",
                number=order.number,
                online=online,
                here=here,
            )
            local.local_status = str(hub)
            back = held_in_bag(local)
            if back:
                names = {ln.sku: ln.name for ln in order.lines}
                items = ", ".join(f"{Decimal(q) / 1000} x {names.get(sku, sku)}" for sku, q in back)
                reason = msg(
                    "Order {number} was {online} online while it was {here} here. Empty its "
                    "bag and put the items back on the shelf: {items}. They are back in stock.",
                    number=order.number,
                    online=online,
                    here=here,
                    items=items,
                )
                context = context or load_till_context(session)
                record_stock_return(
                    session,
                    local,
                    back,
                    status=hub,
                    reason=f"{hub.value} online",
                    context=context,
                    now=clock(),
                    new_uuid=new_uuid,
                )
        elif hub in (S.COLLECTED, S.PARTIALLY_COLLECTED, S.SHIPPED) and mine in (
            S.NEW,
            S.PICKING,
            S.READY,
        ):
            number = order.number
            if hub is S.SHIPPED:
                reason = msg("Order {number} was shipped from another till.", number=number)
            else:
                reason = msg("Order {number} was collected at another till.", number=number)
            local.local_status = str(hub)
        if reason is not None and stored(reason) != local.review_reason:
            local.needs_review, local.review_reason = True, stored(reason)
            local.updated_at = clock()
            flagged.append(order.number)
    session.flush()
    return flagged


def held_in_bag(local: CollectionOrderRow) -> list[tuple[str, int]]:
    """What sits in the bag off sellable stock: picked, not handed over (per SKU line)."""
    if not local.stock_held:
        return []
    return [
        (ln.sku, ln.picked_milli - ln.collected_milli)
        for ln in local.lines
        if ln.picked_milli > ln.collected_milli
    ]
