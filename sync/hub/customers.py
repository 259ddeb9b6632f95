"""One customer across channels: created at a till or by a web order, found by email, phone or
loyalty card, with their web orders and in-store sales in one history, and their store credit.

Customers are chain data (docs/architecture.md §12): any till of the chain finds them. The email is
the identity (stored lower-cased, unique), so a customer created at a till while offline and
synced later becomes the existing customer with that email instead of a duplicate.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.hub.context import Hub
from sync.hub.errors import Conflict, Invalid, NotFound
from sync.hub.models import (
    Customer,
    CustomerLookup,
    CustomerSale,
    ReceiptEmail,
    StoredValue,
    WebOrderRow,
)
from sync.protocol import Customer as CustomerOut
from sync.protocol import (
    CustomerCreate,
    CustomerCreatedPayload,
    CustomerHistory,
    CustomerOrder,
    ReceiptEmailPayload,
    ReceiptEmailState,
    ReceiptEmailStatus,
    SalePayload,
    StoredValueBalance,
    StoredValueKind,
)

MAX_RESULTS = 50
HISTORY_LIMIT = 20
_REF = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def customer_out(row: Customer) -> CustomerOut:
    """The customer as the API shows it: named by the opaque public_id, never the key."""
    return CustomerOut(
        ref=row.public_id,
        email=row.email,
        name=row.name,
        phone=row.phone,
        loyalty_card=row.loyalty_card,
    )


def by_ref(session: Session, ref: str) -> Customer | None:
    """The customer with this opaque id; None for anything else (a guess, an old integer)."""
    if not _REF.fullmatch(ref):
        return None
    return session.execute(
        select(Customer).where(Customer.public_id == ref.lower())
    ).scalar_one_or_none()


def find(
    session: Session, *, email: str | None, phone: str | None, card: str | None = None
) -> list[CustomerOut]:
    given = [v for v in (email, phone, card) if v is not None]
    if len(given) != 1:
        raise Invalid("give exactly one of email, phone or card")
    query = select(Customer).order_by(Customer.id).limit(MAX_RESULTS)
    if email is not None:
        query = query.where(Customer.email == email.strip().lower())
    elif phone is not None:
        query = query.where(Customer.phone == phone.strip())
    else:
        assert card is not None
        query = query.where(Customer.loyalty_card == card.strip().upper())
    return [customer_out(c) for c in session.execute(query).scalars()]


def _by_email(session: Session, email: str) -> Customer | None:
    return session.execute(
        select(Customer).where(Customer.email == email.strip().lower())
    ).scalar_one_or_none()


def create(hub: Hub, spec: CustomerCreate) -> CustomerOut:
    """A new customer; 409 when the email (or the loyalty card) already belongs to one."""
    with hub.db.write() as session:
        if _by_email(session, spec.email) is not None:
            raise Conflict(
                f"a customer with the email {spec.email.lower()} already exists; "
                "look it up and attach it instead"
            )
        if (
            spec.loyalty_card is not None
            and session.execute(
                select(Customer.id).where(Customer.loyalty_card == spec.loyalty_card)
            ).first()
        ):
            raise Conflict.problem("customer.card_taken", card=spec.loyalty_card)
        row = Customer(
            email=spec.email.lower(),
            name=spec.name,
            phone=spec.phone,
            loyalty_card=spec.loyalty_card,
            created_at=hub.clock(),
        )
        session.add(row)
        session.flush()
        return customer_out(row)


def history(session: Session, ref: str) -> CustomerHistory:
    """Recent orders in every channel (newest first) and the store credit accounts.

    NotFound for any ref that is not a customer's: a guessed or sequential id gets a 404,
    never another customer."""
    customer = by_ref(session, ref)
    if customer is None:
        raise NotFound("no such customer")
    customer_id = customer.id
    web = session.execute(
        select(WebOrderRow)
        .where(WebOrderRow.customer_id == customer_id)
        .order_by(WebOrderRow.created_at.desc(), WebOrderRow.id.desc())
        .limit(HISTORY_LIMIT)
    ).scalars()
    store = session.execute(
        select(CustomerSale)
        .where(CustomerSale.customer_id == customer_id)
        .order_by(CustomerSale.created_at.desc())
        .limit(HISTORY_LIMIT)
    ).scalars()
    orders = [
        CustomerOrder(
            channel="web",
            reference=o.number,
            store_id=o.store_id,
            status=o.status,
            currency=o.currency,
            total_minor=o.total_minor,
            created_at=o.created_at,
        )
        for o in web
    ] + [
        CustomerOrder(
            channel="store",
            reference=s.receipt_no,
            store_id=s.store_id,
            status=s.kind,
            currency=s.currency,
            total_minor=s.total_minor,
            created_at=s.created_at,
        )
        for s in store
    ]
    orders.sort(key=lambda o: o.created_at, reverse=True)
    credit = session.execute(
        select(StoredValue).where(StoredValue.customer_id == customer_id).order_by(StoredValue.code)
    ).scalars()
    return CustomerHistory(
        customer=customer_out(customer),
        orders=orders[:HISTORY_LIMIT],
        store_credit=[
            StoredValueBalance(
                code=a.code,
                kind=StoredValueKind(a.kind),
                currency=a.currency,
                balance_minor=a.balance_minor,
            )
            for a in credit
        ],
    )


# --- ingest (called by sync.hub.ingest inside its transaction, in outbox order) -----------


def apply_created(session: Session, payload: CustomerCreatedPayload, now: datetime) -> str | None:
    """Create the customer a till made offline, or link to the one with that email."""
    if _by_email(session, payload.email) is not None:
        return f"customer {payload.email.lower()} already existed at the hub: linked to it"
    card, warning = payload.loyalty_card, None
    if (
        card is not None
        and session.execute(select(Customer.id).where(Customer.loyalty_card == card)).first()
    ):
        card, warning = None, f"loyalty card {card} already belongs to another customer: not set"
    session.add(
        Customer(email=payload.email.lower(), name=payload.name, phone=payload.phone,
                 loyalty_card=card, created_at=now)
    )  # fmt: skip
    session.flush()  # a sale later in the same batch finds it by email
    return warning


def link_sale(session: Session, payload: SalePayload, kind: str) -> str | None:
    """Record an ingested sale/return in its customer's history; a warning when unknown.

    The customer is named by its opaque ref; an event queued at a till before hub migration
    0014 names it by the old integer key, which is still honoured (the till got that key from
    this hub, and the event was accepted by the till's customer before ids became opaque)."""
    if payload.customer_ref is None and payload.customer_id is None and not payload.customer_email:
        return None
    customer: Customer | None = None
    if payload.customer_ref is not None:
        customer = by_ref(session, payload.customer_ref)
    elif payload.customer_id is not None:
        customer = session.get(Customer, payload.customer_id)
    if customer is None and payload.customer_email is not None:
        customer = _by_email(session, payload.customer_email)
    if customer is None:
        who = payload.customer_ref or payload.customer_id or payload.customer_email
        return f"customer {who} is not known at the hub; the sale is kept without it"
    if session.get(CustomerSale, str(payload.sale_uuid)) is not None:
        return None  # the same sale sent again under another event id: already linked
    session.add(
        CustomerSale(
            sale_uuid=str(payload.sale_uuid),
            customer_id=customer.id,
            store_id=payload.store_id,
            kind=kind,
            receipt_no=payload.receipt_no,
            currency=payload.currency,
            total_minor=payload.totals.total_minor,
            # A till always sends an offset; a naive time is taken as UTC, never refused here.
            created_at=payload.created_at
            if payload.created_at.tzinfo is not None
            else payload.created_at.replace(tzinfo=UTC),
        )
    )
    return None


def queue_receipt_email(
    session: Session, event_id: str, payload: ReceiptEmailPayload, now: datetime
) -> None:
    session.add(
        ReceiptEmail(
            event_id=event_id,
            store_id=payload.store_id,
            sale_uuid=str(payload.sale_uuid),
            to_address=payload.to,
            subject=payload.subject,
            body=payload.body,
            status=ReceiptEmailState.QUEUED.value,
            attempts=0,
            last_error=None,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
    )


def receipt_email_status(
    session: Session, store_id: str, sale_uuid: uuid.UUID
) -> list[ReceiptEmailStatus]:
    """This store's email requests for one sale, oldest first."""
    rows = session.execute(
        select(ReceiptEmail)
        .where(ReceiptEmail.store_id == store_id, ReceiptEmail.sale_uuid == str(sale_uuid))
        .order_by(ReceiptEmail.id)
    ).scalars()
    return [
        ReceiptEmailStatus(
            sale_uuid=r.sale_uuid,
            to=r.to_address,
            status=ReceiptEmailState(r.status),
            attempts=r.attempts,
            last_error=r.last_error,
            updated_at=r.updated_at,
        )
        for r in rows
    ]


def log_lookup(
    hub: Hub, *, caller: str, staff_code: str | None, query: str, customer_ids: list[str]
) -> None:
    """One row per look-up, in its own short write: who looked at which customers."""
    with hub.change() as (session, _):
        session.add(
            CustomerLookup(
                at=hub.clock(),
                caller=caller[:100],
                staff_code=staff_code[:64] if staff_code else None,
                query=query,
                customer_ids=" ".join(str(i) for i in customer_ids),
            )
        )
