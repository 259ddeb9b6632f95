"""Customers at the till: what a cashier types or scans to find one, the local cache of recent
customers that answers while the hub is away, creating one offline, and emailed receipts.

Qt-free. Hub calls (``sync.client.lookups.HubLookups``) happen on a worker thread chosen by
the caller; the cache and the outbox are written in the caller's transaction (the DB lane),
one user action = one transaction.

Loyalty cards: a card's barcode is the configured prefix (``LOY`` by default) followed by 6 to
16 digits, e.g. ``LOY00012345`` (Code 128 on the card). Product barcodes are all digits
(EAN/UPC/scale labels), so a scan starting with the prefix is never taken for a product.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pos_app.db.models import CustomerCacheRow, OutboxEvent
from pos_app.domain.l10n.messages import msg
from sync.client.errors import Conflict, HubUnavailable, HubUnreachable

if TYPE_CHECKING:
    from sync.client.lookups import HubLookups
    from sync.protocol import Customer, CustomerHistory

CUSTOMER_CREATED_EVENT = "customer.created"
RECEIPT_EMAIL_EVENT = "receipt.email_requested"
CACHE_LIMIT = 500  # recent customers kept at this till for offline look-ups
MAX_FOUND = 20
# Deliberately plain: one @, no spaces, a dot in the domain, a 2+ letter top-level domain.
# It refuses typos a cashier makes ("ann@example", "ann example.com") without pretending to
# decide what a mail server will accept.
_EMAIL = re.compile(
    r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)
_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,31}$")


class CustomerError(ValueError):
    """Input that cannot be a customer search, a customer or an email address; nothing changed."""


def valid_email(text: str) -> str:
    value = text.strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise CustomerError(
            msg(
                "{text} is not an email address (name@example.com).",
                text=repr(text.strip()[:60]),
            )
        )
    return value.lower()


def valid_phone(text: str) -> str:
    value = text.strip()
    if not _PHONE.match(value) or sum(ch.isdigit() for ch in value) < 3:
        raise CustomerError(msg("{text} is not a phone number.", text=repr(value[:40])))
    return value


@dataclass(frozen=True)
class LoyaltyCardFormat:
    prefix: str = "LOY"
    min_digits: int = 6
    max_digits: int = 16

    def matches(self, code: str) -> bool:
        text = code.strip().upper()
        digits = text[len(self.prefix) :]
        return (
            text.startswith(self.prefix)
            and digits.isdigit()
            and self.min_digits <= len(digits) <= self.max_digits
        )


class QueryKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    CARD = "card"


@dataclass(frozen=True)
class CustomerQuery:
    kind: QueryKind
    value: str


def parse_query(text: str, cards: LoyaltyCardFormat) -> CustomerQuery:
    """What the cashier typed or scanned: an email, a loyalty card or a phone number."""
    value = text.strip()
    if not value:
        raise CustomerError(msg("Type an email, a phone number or scan a loyalty card."))
    if cards.matches(value):
        return CustomerQuery(QueryKind.CARD, value.upper())
    if "@" in value:
        return CustomerQuery(QueryKind.EMAIL, valid_email(value))
    try:
        return CustomerQuery(QueryKind.PHONE, valid_phone(value))
    except CustomerError:
        raise CustomerError(
            msg(
                "{text} is not an email, a phone number or a loyalty card ({prefix} and "
                "{least}-{most} digits).",
                text=repr(value[:40]),
                prefix=cards.prefix,
                least=cards.min_digits,
                most=cards.max_digits,
            )
        ) from None


@dataclass(frozen=True)
class CustomerRef:
    """A customer as the till knows it (plain data: crosses threads)."""

    email: str
    name: str
    phone: str | None = None
    hub_ref: str | None = None  # the hub's opaque customer id
    loyalty_card: str | None = None
    pending: bool = False  # created here while offline; the hub has not seen it yet

    @classmethod
    def from_wire(cls, customer: Customer) -> CustomerRef:
        return cls(
            email=customer.email,
            name=customer.name,
            phone=customer.phone,
            hub_ref=customer.ref,
            loyalty_card=customer.loyalty_card,
        )


@dataclass(frozen=True)
class NewCustomer:
    name: str
    email: str
    phone: str | None
    loyalty_card: str | None = None


def new_customer(
    name: str, email: str, phone: str, card: str = "", cards: LoyaltyCardFormat | None = None
) -> NewCustomer:
    """Checked input of the "new customer" form; CustomerError names the first problem."""
    clean_name = " ".join(name.split())
    if not clean_name:
        raise CustomerError(msg("Enter the customer's name."))
    if len(clean_name) > 200:
        raise CustomerError(msg("The name is too long (200 characters at most)."))
    card_format = cards or LoyaltyCardFormat()
    if card.strip() and not card_format.matches(card):
        raise CustomerError(
            msg(
                "{text} is not a loyalty card ({prefix} and {least}-{most} digits).",
                text=repr(card.strip()[:40]),
                prefix=card_format.prefix,
                least=card_format.min_digits,
                most=card_format.max_digits,
            )
        )
    return NewCustomer(
        name=clean_name,
        email=valid_email(email),
        phone=valid_phone(phone) if phone.strip() else None,
        loyalty_card=card.strip().upper() or None,
    )


class CustomerCache:
    """The bounded table of recent customers (``customer_cache``)."""

    def __init__(self, limit: int = CACHE_LIMIT) -> None:
        self._limit = limit

    def remember(self, session: Session, customers: Sequence[CustomerRef], now: datetime) -> None:
        """Insert or refresh by email; then keep only the ``limit`` most recently seen."""
        for customer in customers:
            row = session.scalar(
                select(CustomerCacheRow).where(CustomerCacheRow.email == customer.email.lower())
            )
            if row is None:
                row = CustomerCacheRow(email=customer.email.lower())
                session.add(row)
            row.name, row.phone, row.seen_at = customer.name, customer.phone, now
            if customer.hub_ref is not None:  # the hub knows it now: no longer pending
                row.hub_ref, row.pending = customer.hub_ref, False
            else:
                row.pending = row.hub_ref is None and customer.pending
            row.loyalty_card = customer.loyalty_card or row.loyalty_card
        session.flush()
        count = session.scalar(select(func.count()).select_from(CustomerCacheRow)) or 0
        if count > self._limit:
            keep = (
                select(CustomerCacheRow.id)
                .order_by(CustomerCacheRow.seen_at.desc(), CustomerCacheRow.id.desc())
                .limit(self._limit)
            )
            # A pending customer is never dropped: its sales still name it by email.
            session.execute(
                delete(CustomerCacheRow).where(
                    CustomerCacheRow.id.not_in(keep), CustomerCacheRow.pending.is_(False)
                )
            )

    def find(self, session: Session, query: CustomerQuery) -> list[CustomerRef]:
        column = {
            QueryKind.EMAIL: CustomerCacheRow.email,
            QueryKind.PHONE: CustomerCacheRow.phone,
            QueryKind.CARD: CustomerCacheRow.loyalty_card,
        }[query.kind]
        rows = session.scalars(
            select(CustomerCacheRow)
            .where(column == query.value)
            .order_by(CustomerCacheRow.seen_at.desc())
            .limit(MAX_FOUND)
        )
        return [
            CustomerRef(
                email=r.email,
                name=r.name,
                phone=r.phone,
                hub_ref=r.hub_ref,
                loyalty_card=r.loyalty_card,
                pending=r.pending,
            )
            for r in rows
        ]


def _outbox(session: Session, kind: str, payload: dict[str, object], now: datetime,
            event_id: uuid.UUID) -> str:  # fmt: skip
    session.add(
        OutboxEvent(
            event_id=str(event_id),
            kind=kind,
            payload=json.dumps(payload, sort_keys=True, separators=(",", ":")),
            created_at=now,
            attempts=0,
            rejected=False,
        )
    )
    return str(event_id)


def queue_created(
    session: Session,
    customer: NewCustomer,
    *,
    store_id: str,
    now: datetime,
    cache: CustomerCache,
    new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
) -> CustomerRef:
    """A customer created while the hub is away: a ``customer.created`` outbox event (sent
    exactly once, like a sale) and a pending cache row, in the caller's transaction. The hub
    creates it, or links to the customer who already has this email."""
    payload: dict[str, object] = {
        "store_id": store_id,
        "email": customer.email,
        "name": customer.name,
    }
    if customer.phone is not None:
        payload["phone"] = customer.phone
    if customer.loyalty_card is not None:
        payload["loyalty_card"] = customer.loyalty_card
    _outbox(session, CUSTOMER_CREATED_EVENT, payload, now, new_uuid())
    ref = CustomerRef(email=customer.email, name=customer.name, phone=customer.phone, pending=True)
    cache.remember(session, [ref], now)
    return ref


@dataclass(frozen=True)
class ReceiptEmail:
    sale_uuid: str
    receipt_no: str
    to: str
    subject: str
    body: str


def receipt_email(
    *, sale_uuid: str, receipt_no: str, store_name: str, to: str, receipt_text: str
) -> ReceiptEmail:
    """Checked before anything is queued: a bad address is refused here, at the till."""
    return ReceiptEmail(
        sale_uuid=sale_uuid,
        receipt_no=receipt_no,
        to=valid_email(to),
        subject=f"Your receipt {receipt_no} from {store_name}"[:200],
        body=receipt_text,
    )


def queue_receipt_email(
    session: Session,
    email: ReceiptEmail,
    *,
    store_id: str,
    now: datetime,
    new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
) -> str:
    """A ``receipt.email_requested`` outbox event; the hub's mailer sends it. The event id."""
    payload: dict[str, object] = {
        "store_id": store_id,
        "sale_uuid": email.sale_uuid,
        "receipt_no": email.receipt_no,
        "to": email.to,
        "subject": email.subject,
        "body": email.body,
    }
    return _outbox(session, RECEIPT_EMAIL_EVENT, payload, now, new_uuid())


# --- at the hub (call on a worker thread, never the GUI thread) ---------------------------

OFFLINE_ERRORS = (HubUnreachable, HubUnavailable)


class CustomerExistsError(CustomerError):
    """The hub already has a customer with this email: offer to attach ``existing``."""

    def __init__(self, message: object, existing: CustomerRef | None) -> None:
        super().__init__(message)
        self.existing = existing


def search_hub(
    lookups: HubLookups, query: CustomerQuery, staff: str | None = None
) -> list[CustomerRef]:
    """``staff``: the signed-in person's code; the hub logs who looked whom up."""
    found = lookups.customers(staff=staff, **{query.kind.value: query.value})
    return [CustomerRef.from_wire(c) for c in found[:MAX_FOUND]]


def history_at_hub(
    lookups: HubLookups, customer: CustomerRef, staff: str | None = None
) -> CustomerHistory | None:
    """Orders across channels and store credit; None for a customer the hub has not seen."""
    if customer.hub_ref is None:
        return None
    return lookups.customer_history(customer.hub_ref, staff=staff)


def create_at_hub(lookups: HubLookups, customer: NewCustomer) -> CustomerRef:
    from sync.protocol import CustomerCreate  # the wire models load when the hub is spoken to

    spec = CustomerCreate(
        email=customer.email,
        name=customer.name,
        phone=customer.phone,
        loyalty_card=customer.loyalty_card,
    )
    try:
        return CustomerRef.from_wire(lookups.create_customer(spec))
    except Conflict as exc:
        existing = lookups.customers(email=customer.email)
        if existing:
            raise CustomerExistsError(
                msg(
                    "A customer with the email {email} already exists",
                    email=customer.email.lower(),
                ),
                CustomerRef.from_wire(existing[0]),
            ) from None
        # The hub's refusal as it came: a message id when it names its code (a loyalty card
        # that is someone else's), else the hub's English detail.
        raise CustomerExistsError(exc.args[0] if exc.args else "", None) from None
