"""What the hub owes a customer when a till moves a web order: an e-mail, sometimes a refund.

``record_status_effects`` runs inside the transaction that accepts a status change (a till's
``collection.status_changed`` event, or head office cancelling online), so a notification or
refund request exists exactly when the change does. Unique keys make each happen once: one
notification per (order, kind), one refund request per order, even if the same change is
reported twice.

Sending is not done here. A sender (the SMTP mailer) loops over::

    with hub.db.write() as session:
        batch = claim_queued_notifications(session, limit=20, now=hub.clock())
    for note in batch:                      # outside the transaction: SMTP may be slow
        try:
            send(note.recipient_email, note.subject, note.body)
        except Exception as exc:
            with hub.db.write() as session:
                mark_failed(session, note.id, str(exc), now=hub.clock())
        else:
            with hub.db.write() as session:
                mark_sent(session, note.id, now=hub.clock())

A claim sets ``status='sending'`` and ``claimed_at``; a claim older than ``CLAIM_TIMEOUT``
(a sender that died) is claimed again. ``mark_failed`` puts it back in the queue until
``MAX_ATTEMPTS``, then leaves it ``failed`` for a person to look at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from pos_app.domain.click_collect.states import DELIVERY
from pos_app.domain.l10n.catalog import translator
from pos_app.domain.l10n.formats import Formats
from pos_app.domain.l10n.locales import customer_locale
from pos_app.domain.l10n.messages import Message, msg
from pos_app.domain.money import Currency, Money, minor_units_of
from sync.hub.db import dialect_insert
from sync.hub.errors import Invalid, NotFound
from sync.hub.models import Customer, CustomerNotificationRow, RefundRequestRow, Store, WebOrderRow
from sync.protocol import (
    CollectionLineIn,
    CollectionStatus,
    CustomerNotification,
    NotificationKind,
    NotificationStatus,
    RefundRequest,
    RefundRequestStatus,
)

__all__ = [
    "CLAIM_TIMEOUT",
    "MAX_ATTEMPTS",
    "QueuedNotification",
    "claim_queued_notifications",
    "list_notifications",
    "list_refund_requests",
    "mark_failed",
    "mark_sent",
    "record_status_effects",
    "release",
]

MAX_ATTEMPTS = 5
CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ERROR = 2000
KINDS = {
    CollectionStatus.READY: NotificationKind.READY_FOR_PICKUP,
    CollectionStatus.CANCELLED: NotificationKind.CANCELLED,
    CollectionStatus.EXPIRED: NotificationKind.EXPIRED,
    CollectionStatus.SHIPPED: NotificationKind.SHIPPED,
}


@dataclass(frozen=True)
class QueuedNotification:
    """A claimed notification: everything a sender needs, no ORM row (it leaves the session)."""

    id: int
    order_number: str
    store_id: str
    kind: str
    recipient_email: str
    subject: str
    body: str
    pickup_code: str | None
    attempts: int


def _money(minor: int, currency: str) -> Money:
    # The currency's decimals from CLDR (a yen amount has none), for any ISO code a web store
    # sends, not only those a till sells in.
    return Money.from_minor(minor, Currency(currency, minor_units_of(currency)))


def format_minor(minor: int, currency: str) -> str:
    """ "23.99 EUR": amounts in head office's command-line reports."""
    return str(_money(minor, currency))


def pickup_link(template: str | None, code: str) -> str | None:
    """The web store's pickup page for this code (what the e-mail's QR code encodes)."""
    return template.replace("{code}", code) if template else None


def _message(
    kind: NotificationKind,
    order: WebOrderRow,
    customer: Customer,
    store: Store,
    refund: int,
    link: str | None,
    tracking_ref: str | None = None,
) -> tuple[str, str]:
    # In the customer's language when the web store sent it and the catalogs have it, else the
    # store's; amounts in the order's currency, formatted for that locale (docs/architecture.md
    # §13).
    locale = customer_locale(order.customer_locale, store.locale)
    translate, formats = translator(locale), Formats(locale)

    def say(message: Message) -> str:
        return message.render(translate, formats.show)

    number, where = order.number, store.name
    lines = [say(msg("Hello {name},", name=customer.name or customer.email)), ""]
    if kind is NotificationKind.READY_FOR_PICKUP:
        subject = say(msg("Your order {number} is ready for pickup at {store}", number=number,
                          store=where))  # fmt: skip
        lines += [
            say(msg("Your order {number} is ready for pickup at {store}.", number=number,
                    store=where)),
            say(msg("Your pickup code: {code}", code=order.pickup_code)),
            say(msg("Show this code (or its QR code) at the till; bring an ID if someone else "
                    "collects.")),
        ]  # fmt: skip
        if link:
            lines.append(say(msg("Your pickup page and QR code: {link}", link=link)))
        if order.payment_status != "paid":
            due = _money(order.total_minor, order.currency)
            lines.append(say(msg("You pay in store: {amount}.", amount=due)))
    elif kind is NotificationKind.SHIPPED:
        subject = say(msg("Your order {number} has been shipped", number=number))
        lines.append(say(msg("Your order {number} has left {store} and is on its way to: "
                             "{address}", number=number, store=where,
                             address=order.deliver_to or customer.name)))  # fmt: skip
        if tracking_ref:
            lines.append(say(msg("Parcel tracking reference: {ref}", ref=tracking_ref)))
        if refund:
            back = _money(refund, order.currency)
            lines.append(say(msg("We refund {amount} to your original payment method.",
                                 amount=back)))  # fmt: skip
    else:
        if kind is NotificationKind.CANCELLED:
            subject = say(msg("Your order {number} at {store} was cancelled", number=number,
                              store=where))  # fmt: skip
            lines.append(say(msg("Your order {number} for pickup at {store} was cancelled.",
                                 number=number, store=where)))  # fmt: skip
        else:
            subject = say(msg("Your order {number} at {store} has expired", number=number,
                              store=where))  # fmt: skip
            lines.append(say(msg("Your order {number} for pickup at {store} has expired.",
                                 number=number, store=where)))  # fmt: skip
            lines.append(say(msg("It was not collected within the store's hold period.")))
        if refund:
            back = _money(refund, order.currency)
            lines.append(say(msg("We refund {amount} to your original payment method.",
                                 amount=back)))  # fmt: skip
    return subject[:200], "\n".join([*lines, "", store.name])


def refund_due(order: WebOrderRow, lines: list[CollectionLineIn] | None) -> int:
    """What was paid for the goods not handed over: ordered − collected, at the web prices."""
    collected = {ln.line_no: ln.collected_milli for ln in lines or []}
    total = 0
    for line_no, line in enumerate(json.loads(order.lines), start=1):
        quantity = int(line["quantity_milli"])
        left = max(quantity - min(collected.get(line_no, 0), quantity), 0)
        total += int(line["unit_price_minor"]) * left // 1000
    return total


def record_status_effects(
    session: Session,
    *,
    order: WebOrderRow,
    customer: Customer,
    status: CollectionStatus,
    lines: list[CollectionLineIn] | None,
    source_event_id: str | None,
    now: datetime,
    pickup_link_template: str | None = None,
    tracking_ref: str | None = None,
) -> None:
    """In the caller's transaction: queue the customer's e-mail and, for a paid order closed
    with goods not handed over, the refund request. Both at most once (unique keys)."""
    kind = KINDS.get(status)
    if kind is NotificationKind.READY_FOR_PICKUP and order.fulfilment == DELIVERY:
        kind = None  # nothing to pick up: the customer hears when it is shipped
    # A paid order closed with goods not handed over is refunded for them: cancelled or
    # expired (whatever was not collected), or collected (shipped) with lines short at
    # picking; a "collected" that does not say what was handed over (an older till) refunds
    # nothing.
    ended = status in (CollectionStatus.COLLECTED, CollectionStatus.SHIPPED)
    closed = kind in (NotificationKind.CANCELLED, NotificationKind.EXPIRED) or (
        ended and bool(lines)
    )
    refund = refund_due(order, lines) if closed and order.payment_status == "paid" else 0
    if refund > 0:
        where = "online" if source_event_id is None else "in store"
        why = f"{status.value} without the goods that were short" if ended else status.value
        reason = f"order {why} ({where})"
        session.execute(
            dialect_insert(session, RefundRequestRow)
            .values(
                order_number=order.number,
                store_id=order.store_id,
                amount_minor=refund,
                currency=order.currency,
                reason=reason,
                status=str(RefundRequestStatus.REQUESTED),
                created_at=now,
                source_event_id=source_event_id,
            )
            .on_conflict_do_nothing(index_elements=["order_number"])
        )
    if kind is None:
        return
    store = session.get(Store, order.store_id)
    assert store is not None  # a foreign key
    link = pickup_link(pickup_link_template, order.pickup_code)
    subject, body = _message(kind, order, customer, store, refund, link, tracking_ref)
    session.execute(
        dialect_insert(session, CustomerNotificationRow)
        .values(
            order_number=order.number,
            store_id=order.store_id,
            kind=str(kind),
            recipient_email=customer.email,
            subject=subject,
            body=body,
            pickup_code=order.pickup_code if kind is NotificationKind.READY_FOR_PICKUP else None,
            status=str(NotificationStatus.QUEUED),
            created_at=now,
            attempts=0,
        )
        .on_conflict_do_nothing(index_elements=["order_number", "kind"])
    )


# -- the sender's side ---------------------------------------------------------------------


def claim_queued_notifications(
    session: Session, limit: int, *, now: datetime
) -> list[QueuedNotification]:
    """Take up to ``limit`` notifications to send (oldest first), marking them ``sending``.

    Commit before sending. On PostgreSQL, ``SKIP LOCKED`` lets several senders claim at once
    without taking the same row; SQLite has one writer at a time anyway.
    """
    if not 1 <= limit <= 1000:
        raise ValueError("claim between 1 and 1000 notifications")
    N = CustomerNotificationRow
    stale = now - CLAIM_TIMEOUT
    rows = session.scalars(
        select(N)
        .where(
            or_(
                N.status == str(NotificationStatus.QUEUED),
                (N.status == str(NotificationStatus.SENDING)) & (N.claimed_at < stale),
            )
        )
        .order_by(N.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    claimed = []
    for row in rows:
        row.status, row.claimed_at = str(NotificationStatus.SENDING), now
        row.attempts += 1
        claimed.append(
            QueuedNotification(
                id=row.id,
                order_number=row.order_number,
                store_id=row.store_id,
                kind=row.kind,
                recipient_email=row.recipient_email,
                subject=row.subject,
                body=row.body,
                pickup_code=row.pickup_code,
                attempts=row.attempts,
            )
        )
    session.flush()
    return claimed


def mark_sent(session: Session, notification_id: int, *, now: datetime) -> None:
    N = CustomerNotificationRow
    session.execute(
        update(N)
        .where(N.id == notification_id)
        .values(status=str(NotificationStatus.SENT), sent_at=now, last_error=None)
    )


def release(session: Session, notification_ids: list[int]) -> None:
    """Claimed but not tried (the sender stopped early): queued again, the attempt not counted."""
    if not notification_ids:
        return
    N = CustomerNotificationRow
    session.execute(
        update(N)
        .where(N.id.in_(notification_ids), N.status == str(NotificationStatus.SENDING))
        .values(status=str(NotificationStatus.QUEUED), attempts=N.attempts - 1)
    )


def mark_failed(session: Session, notification_id: int, error: str, *, now: datetime) -> None:
    """Back to the queue for another try, or ``failed`` after ``MAX_ATTEMPTS``."""
    N = CustomerNotificationRow
    row = session.get(N, notification_id, with_for_update=True)
    if row is None:
        return
    row.last_error = error[:MAX_ERROR]
    row.claimed_at = now
    gave_up = row.attempts >= MAX_ATTEMPTS
    row.status = str(NotificationStatus.FAILED if gave_up else NotificationStatus.QUEUED)
    session.flush()


def requeue(session: Session, notification_id: int) -> CustomerNotificationRow:
    """Head office's resend of a failed notification: queued again with fresh attempts (the
    sender picks it up as any other); Invalid if it has not failed."""
    N = CustomerNotificationRow
    row = session.get(N, notification_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no notification {notification_id}")
    if row.status != str(NotificationStatus.FAILED):
        raise Invalid(f"notification {notification_id} is {row.status}, not failed")
    row.status, row.attempts, row.claimed_at = str(NotificationStatus.QUEUED), 0, None
    session.flush()
    return row


# -- head office's read-only view ------------------------------------------------------------


def list_notifications(
    session: Session,
    *,
    store_id: str | None = None,
    status: NotificationStatus | None = None,
    limit: int = 100,
) -> list[CustomerNotification]:
    N = CustomerNotificationRow
    query: Any = select(N).order_by(N.id.desc()).limit(limit)
    if store_id is not None:
        query = query.where(N.store_id == store_id)
    if status is not None:
        query = query.where(N.status == str(status))
    return [
        CustomerNotification(
            id=r.id,
            order_number=r.order_number,
            store_id=r.store_id,
            kind=NotificationKind(r.kind),
            recipient_email=r.recipient_email,
            subject=r.subject,
            body=r.body,
            pickup_code=r.pickup_code,
            status=NotificationStatus(r.status),
            created_at=r.created_at,
            sent_at=r.sent_at,
            attempts=r.attempts,
            last_error=r.last_error,
        )
        for r in session.scalars(query)
    ]


def list_refund_requests(
    session: Session, *, store_id: str | None = None, limit: int = 100
) -> list[RefundRequest]:
    R = RefundRequestRow
    query: Any = select(R).order_by(R.id.desc()).limit(limit)
    if store_id is not None:
        query = query.where(R.store_id == store_id)
    return [
        RefundRequest(
            id=r.id,
            order_number=r.order_number,
            store_id=r.store_id,
            amount_minor=r.amount_minor,
            currency=r.currency,
            reason=r.reason,
            status=RefundRequestStatus(r.status),
            created_at=r.created_at,
            source_event_id=r.source_event_id,
        )
        for r in session.scalars(query)
    ]
