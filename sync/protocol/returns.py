"""Returns across tills and channels: what an original sale or web order can still take back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from sync.protocol.common import WireModel
from sync.wire_kinds import OriginalKind as OriginalKind


class ReturnableLine(WireModel):
    line_no: int
    sku: str
    name: str
    bought_milli: int
    returned_milli: int = Field(description="returned so far in every store and channel")
    returnable_milli: int = Field(description="bought - returned, never below zero")
    amount_minor: int = Field(description="what the whole line cost, after discounts")


class ReturnableTender(WireModel):
    """What one tender kind paid of a sale (net of change), for refunding the same way."""

    kind: str
    amount_minor: int


class Returnable(WireModel):
    """What of an in-store sale or a web order can still come back, as the hub counts it."""

    original_kind: OriginalKind
    ref: str = Field(description="the sale UUID or the web order number")
    store_id: str = Field(description="the store that sold it (the pickup store of an order)")
    currency: str
    created_at: datetime | None
    paid_online: bool = Field(description="a web order paid online: refunds go back online")
    customer_email: str | None = None
    lines: list[ReturnableLine]
    # In-store sales only (empty for web orders): the receipt barcode, the till that sold it
    # and the tender kinds that paid it, so another till can refund it sensibly.
    receipt_no: str | None = None
    till_id: str | None = None
    tenders: list[ReturnableTender] = []  # noqa: RUF012 (pydantic copies a default per model)


Department = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Role = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]
Days = Annotated[int, Field(ge=0, le=3650)]
