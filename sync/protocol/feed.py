"""The feed: what the hub sends tills, page by page, in commit order."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from sync.protocol.common import WireModel


class FeedKind(StrEnum):
    STORE = "store"
    TAX_CLASS = "tax_class"
    PRODUCT = "product"
    PROMOTION = "promotion"
    STOCK = "stock"
    WEB_ORDER = "web_order"
    STAFF = "staff"
    RETURN_POLICY = "return_policy"
    REASON_CODE = "reason_code"  # the chain's whole set, one change (key "reason_codes")


class FeedChange(WireModel):
    position: int
    kind: FeedKind
    key: str = Field(description="what changed, e.g. the SKU; the latest change of a key wins")
    data: dict[str, Any] = Field(description="the whole new state of that key")


class FeedPage(WireModel):
    changes: list[FeedChange]
    next_cursor: int = Field(description="pass back as ?cursor= for the next page")
    has_more: bool
