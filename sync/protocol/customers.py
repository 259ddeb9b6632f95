"""A customer's history across channels and the state of an e-mailed receipt."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field

from sync.protocol.common import WireModel
from sync.protocol.headoffice import Customer, StoredValueBalance


class CustomerOrder(WireModel):
    """One of a customer's orders in any channel: a web order or an in-store sale/return."""

    channel: Literal["web", "store"]
    reference: str = Field(description="web order number or in-store receipt number")
    store_id: str
    status: str
    currency: str
    total_minor: int
    created_at: datetime


class CustomerHistory(WireModel):
    customer: Customer
    orders: list[CustomerOrder]
    store_credit: list[StoredValueBalance]


class ReceiptEmailState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class ReceiptEmailStatus(WireModel):
    sale_uuid: str
    to: str
    status: ReceiptEmailState
    attempts: int
    last_error: str | None
    updated_at: datetime
