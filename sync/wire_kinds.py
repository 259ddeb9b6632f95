"""The wire contract's plain enums, outside ``sync.protocol`` so that naming one does not load
the pydantic models (importing any ``sync.protocol`` module runs the package, which builds
them all: ~0.1-0.4 s of a till's cold start, issue 18). ``sync.protocol`` re-exports them; the
till imports them from here."""

from __future__ import annotations

from enum import StrEnum


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


class OriginalKind(StrEnum):
    SALE = "sale"  # an in-store sale, by its sale UUID
    WEB_ORDER = "web_order"  # a web order, by its number
