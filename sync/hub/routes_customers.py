"""Customers at the till: create one, see their history across channels, and the status of
receipts the hub was asked to email. (Finding customers is ``GET /v1/lookup/customers``.)"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from sync.hub import customers
from sync.hub.deps import Caller, Services, StaffHeader, TillCaller
from sync.hub.errors import NotFound
from sync.protocol import Customer, CustomerCreate, CustomerHistory, ReceiptEmailStatus

router = APIRouter(prefix="/v1")
# Any short string: what is not a customer's opaque ref (a guess, an old integer id) is a 404
# like a ref nobody has, so the answer never tells a guesser more than "no such customer".
CustomerRefPath = Annotated[str, Path(min_length=1, max_length=64)]


@router.post("/customers", response_model=Customer, status_code=201, tags=["customers"])
def create_customer(spec: CustomerCreate, svc: Services, who: Caller) -> Customer:
    """A new customer; 409 when one already has this email (look it up and attach it)."""
    return customers.create(svc.hub, spec)


@router.get(
    "/lookup/customers/{customer_ref}/history",
    response_model=CustomerHistory,
    tags=["lookup"],
)
def customer_history(
    svc: Services, who: Caller, customer_ref: CustomerRefPath, staff: StaffHeader = None
) -> CustomerHistory:
    """The customer's recent web orders and in-store sales (newest first) and store credit.

    Logged with the caller and the signed-in staff the till names."""
    try:
        with svc.hub.db.read() as session:
            found = customers.history(session, customer_ref)
    except NotFound:
        # A miss is logged too: a run of misses from one till is someone guessing ids.
        customers.log_lookup(
            svc.hub, caller=who.label, staff_code=staff, query="history", customer_ids=[]
        )
        raise
    assert found.customer.ref is not None
    customers.log_lookup(
        svc.hub,
        caller=who.label,
        staff_code=staff,
        query="history",
        customer_ids=[found.customer.ref],
    )
    return found


@router.get(
    "/lookup/receipt-emails/{sale_uuid}",
    response_model=list[ReceiptEmailStatus],
    tags=["lookup"],
)
def receipt_email_status(
    svc: Services, who: TillCaller, sale_uuid: uuid.UUID
) -> list[ReceiptEmailStatus]:
    """Emails of this store's sale: queued (with the last error), sent or failed."""
    assert who.store_id is not None
    with svc.hub.db.read() as session:
        return customers.receipt_email_status(session, who.store_id, sale_uuid)
