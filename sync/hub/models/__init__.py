"""The hub's schema (SQLAlchemy 2 typed models), for SQLite and PostgreSQL alike.

Money is integer minor units and quantities integer thousandths, as on the till. Free-form
documents (event payloads, promotion rules, feed data) are JSON text: the hub stores them as
sent and never queries inside them. The schema is owned by the Alembic migrations in
``sync/hub/migrations``; a test checks these models against them.

One module per workflow (base, tenancy, catalog, customers, web_orders, events, returns,
console, sales, stock); importing this package registers every table on ``Base.metadata``.
Import from here.
"""

from __future__ import annotations

from sync.hub.models.base import Base, BigId, UtcDateTime, utc_now
from sync.hub.models.catalog import (
    CouponDoubleUse,
    CouponRedemption,
    Product,
    Promotion,
    ReasonCodeRow,
    TaxClass,
)
from sync.hub.models.console import ConsoleAudit, ConsoleSession, ConsoleUser
from sync.hub.models.customers import (
    Customer,
    CustomerLookup,
    CustomerNotificationRow,
    CustomerSale,
    ReceiptEmail,
    StoredValue,
)
from sync.hub.models.events import CHAIN_SCOPE, FeedRow, IngestedEvent, PendingFeedRow
from sync.hub.models.returns import ReturnableLineRow, ReturnableSaleRow, ReturnRefund, ReturnReview
from sync.hub.models.sales import Gs1Trace, SalesByDepartment, SalesDaily, ShiftClosure
from sync.hub.models.stock import (
    SafetyStock,
    ShopifyItem,
    ShopifyLocation,
    ShopifyPublish,
    StockAdjustment,
    StockLevel,
    StockLocation,
    StockPush,
    StockReservation,
)
from sync.hub.models.tenancy import AdminToken, EnrollCode, Staff, Store, Till
from sync.hub.models.web_orders import (
    AisleOrderRow,
    RefundRequestRow,
    ShopifyDelivery,
    ShopifyFlag,
    ShopifyRefund,
    ShopifyShop,
    WebOrderRow,
)

__all__ = [
    "CHAIN_SCOPE",
    "AdminToken",
    "AisleOrderRow",
    "Base",
    "BigId",
    "ConsoleAudit",
    "ConsoleSession",
    "ConsoleUser",
    "CouponDoubleUse",
    "CouponRedemption",
    "Customer",
    "CustomerLookup",
    "CustomerNotificationRow",
    "CustomerSale",
    "EnrollCode",
    "FeedRow",
    "Gs1Trace",
    "IngestedEvent",
    "PendingFeedRow",
    "Product",
    "Promotion",
    "ReasonCodeRow",
    "ReceiptEmail",
    "RefundRequestRow",
    "ReturnRefund",
    "ReturnReview",
    "ReturnableLineRow",
    "ReturnableSaleRow",
    "SafetyStock",
    "SalesByDepartment",
    "SalesDaily",
    "ShiftClosure",
    "ShopifyDelivery",
    "ShopifyFlag",
    "ShopifyItem",
    "ShopifyLocation",
    "ShopifyPublish",
    "ShopifyRefund",
    "ShopifyShop",
    "Staff",
    "StockAdjustment",
    "StockLevel",
    "StockLocation",
    "StockPush",
    "StockReservation",
    "Store",
    "StoredValue",
    "TaxClass",
    "Till",
    "UtcDateTime",
    "WebOrderRow",
    "utc_now",
]
