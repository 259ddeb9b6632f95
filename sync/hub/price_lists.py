"""Price lists per currency: a chain with stores in two currencies (issue 22 point 6).

A product has its ``price_minor`` and, for the currencies head office lists, a price of their
own (``products.prices``, {"CHF": 1295}). The product's feed change carries both; a till takes
the price in its store's currency when listed (pos_app/services/sync/feed_apply.py), so a
Swiss till never sells a euro figure as francs once CHF is listed. Web orders and promotions
in a currency their store does not sell in are refused (web_orders.py, promo_check.py).
"""

from __future__ import annotations

import json
from typing import Any

from pos_app.domain.l10n.currencies import is_iso_currency
from sync.hub.context import Hub
from sync.hub.errors import Invalid, NotFound
from sync.hub.models import CHAIN_SCOPE, Product
from sync.hub.shopify import minor
from sync.protocol import MAX_AMOUNT, FeedKind

__all__ = ["product_data", "set_price"]


def product_data(product: Product) -> dict[str, Any]:
    """A product's whole state as its feed change (the same keys the catalog import writes)."""
    return {
        "sku": product.sku,
        "name": product.name,
        "department": product.department,
        "tax_class": product.tax_class,
        "price_minor": product.price_minor,
        "sold_by_weight": product.sold_by_weight,
        "active": product.active,
        "barcodes": product.barcodes.split(),
        "prices": json.loads(product.prices or "{}"),
    }


def set_price(hub: Hub, sku: str, currency: str, price: str) -> dict[str, int]:
    """List ``sku`` at ``price`` (decimal text, e.g. "12.95") in ``currency``; its price lists."""
    code = currency.strip().upper()
    if not is_iso_currency(code):
        raise Invalid(f"{currency.strip()[:10]!r} is not an ISO 4217 currency")
    text = price.strip()
    if len(text) > 20:
        raise Invalid("that price has too many digits")
    amount = minor(text, code, "price")  # Invalid unless whole minor units, not negative
    if amount > MAX_AMOUNT:
        raise Invalid("that price is larger than a till can record")
    with hub.change() as (session, pending):
        product = session.get(Product, sku)
        if product is None:
            raise NotFound(f"no product {sku!r}")
        prices: dict[str, int] = json.loads(product.prices or "{}")
        prices[code] = amount
        product.prices = json.dumps(prices, sort_keys=True, separators=(",", ":"))
        pending.add(CHAIN_SCOPE, FeedKind.PRODUCT, sku, product_data(product))
    return prices
