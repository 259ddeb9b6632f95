"""A Shopify pickup order (its documented sample, signed like Shopify) holds its units at the
pickup store as it arrives and its cancellation gives them back; the lower and then restored
available-to-sell goes back out to the fake Shopify over real HTTP. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sync.hub import headoffice, shopify_webhooks, stock_publish, stock_truth, web_stock
from sync.hub.models import Product
from sync.hub.settings import HubSettings
from tests.helpers.fake_shopify import TOKEN, FakeShopify
from tests.helpers.shopify import SECRET, SHOP, as_pickup, as_shipped, sample, send_webhook

STORE = "s1"
SAMPLE = "order_1073459981_line_discount.json"  # one IPOD2009BLACK, paid
SKU = "IPOD2009BLACK"


@pytest.fixture
def hub_settings(hub_settings: HubSettings) -> HubSettings:
    """These tests drive the publisher themselves: the served hub's own jobs thread would
    claim the changed rows first (a lease) and the test's pass would find nothing due (the
    PostgreSQL run failed so when the thread's poll fell between the webhook and the pass)."""
    return replace(hub_settings, run_jobs=False)


def _headphones() -> Product:
    """The product both Shopify orders buy (SKU), in the hub's catalog."""
    return Product(
        sku=SKU,
        name=SKU,
        department="Audio",
        tax_class="standard",
        price_minor=19900,
        sold_by_weight=False,
        active=True,
        barcodes="",
    )


def test_a_shopify_pickup_order_reserves_and_its_cancel_releases(running_hub) -> None:
    hub = running_hub.hub
    running_hub.add_store(STORE, currency="USD")
    with hub.db.write() as session:
        session.add(_headphones())
    shopify_webhooks.add_shop(hub, shop_domain=SHOP, secret=SECRET, store_id=STORE)
    headoffice.set_stock(hub, STORE, SKU, 4_000)
    with FakeShopify() as shop:
        location = shop.add_location(1)
        shop.add_item(SKU, 1, stocked_at=(location,))
        with hub.db.write() as session:
            web_stock.connect_shop(
                session,
                shop_domain=SHOP,
                access_token=TOKEN,
                locations={STORE: location},
                now=hub.clock(),
                endpoint=shop.endpoint,
            )
        publisher = stock_publish.StockPublisher(
            hub.db, stock_publish.PublishTiming(coalesce_seconds=0), sleep=lambda s: None
        )
        publisher.run_until_idle()
        assert shop.level(SKU, location) == 4

        order = as_pickup(sample(SAMPLE))
        answer = send_webhook(running_hub.base_url, "orders/create", order)
        assert answer.json()["status"] == "applied", answer.text
        with hub.db.read() as session:
            assert stock_truth.reserved_by_order(session, "SHOP-1002") == {SKU: (1000, "held")}
        publisher.run_until_idle()
        assert shop.level(SKU, location) == 3

        cancelled = dict(order, cancelled_at="2026-12-05T10:00:00-05:00")
        answer = send_webhook(running_hub.base_url, "orders/cancelled", cancelled)
        assert answer.json()["status"] == "applied", answer.text
        with hub.db.read() as session:
            assert stock_truth.reserved_by_order(session, "SHOP-1002") == {SKU: (1000, "released")}
        publisher.run_until_idle()
        assert shop.sent_levels(SKU, location)[-2:] == [3, 4]


WAREHOUSE = "w1"
# as the sample's shipping_address is written on one line: name, street, zip and city, country
ADDRESS = "Jane Smith, 123 Fake Street, K2P 1L4 Fakecity, Canada"


def test_a_shipped_shopify_order_reserves_at_the_warehouse_and_its_cancel_releases_once(
    running_hub,
) -> None:
    hub = running_hub.hub
    running_hub.add_store(STORE, currency="USD")
    running_hub.add_store(WAREHOUSE, currency="USD")
    with hub.db.write() as session:
        session.add(_headphones())
        stock_truth.set_location(session, WAREHOUSE, now=hub.clock(), kind="warehouse")
    shopify_webhooks.add_shop(hub, shop_domain=SHOP, secret=SECRET, store_id=STORE)
    headoffice.set_stock(hub, STORE, SKU, 2_000)
    headoffice.set_stock(hub, WAREHOUSE, SKU, 4_000)
    with FakeShopify() as shop:
        store_loc, warehouse_loc = shop.add_location(1), shop.add_location(2)
        shop.add_item(SKU, 1, stocked_at=(store_loc, warehouse_loc))
        with hub.db.write() as session:
            web_stock.connect_shop(
                session,
                shop_domain=SHOP,
                access_token=TOKEN,
                locations={STORE: store_loc, WAREHOUSE: warehouse_loc},
                now=hub.clock(),
                endpoint=shop.endpoint,
            )
        publisher = stock_publish.StockPublisher(
            hub.db, stock_publish.PublishTiming(coalesce_seconds=0), sleep=lambda s: None
        )
        publisher.run_until_idle()
        assert (shop.level(SKU, store_loc), shop.level(SKU, warehouse_loc)) == (2, 4)

        order = as_shipped(sample(SAMPLE))
        answer = send_webhook(running_hub.base_url, "orders/create", order)
        assert answer.json()["status"] == "applied", answer.text
        till, _ = running_hub.enroll(WAREHOUSE)  # the warehouse's till sees a delivery
        seen = till.get("/v1/lookup/web-orders", params={"number": "SHOP-1002"}).json()
        assert [(o["fulfilment"], o["deliver_to"]) for o in seen] == [("delivery", ADDRESS)]
        with hub.db.read() as session:
            assert stock_truth.reserved_by_order(session, "SHOP-1002") == {SKU: (1000, "held")}
            assert stock_truth.available_at(session, WAREHOUSE, [SKU]) == {SKU: 3000}
            assert stock_truth.available_at(session, STORE, [SKU]) == {SKU: 2000}
        publisher.run_until_idle()
        assert (shop.level(SKU, store_loc), shop.level(SKU, warehouse_loc)) == (2, 3)

        # Shopify marking it fulfilled moves nothing: the warehouse's pick (its till's `ready`)
        # is what moves the hold, once (docs/architecture.md §7b).
        fulfilled = dict(order, fulfillment_status="fulfilled")
        answer = send_webhook(running_hub.base_url, "orders/updated", fulfilled)
        assert answer.json()["status"] == "ignored", answer.text
        with hub.db.read() as session:
            assert stock_truth.reserved_by_order(session, "SHOP-1002") == {SKU: (1000, "held")}

        cancelled = dict(order, cancelled_at="2026-12-05T10:00:00-05:00")
        for _ in range(2):  # a second cancellation (a new webhook id) releases nothing more
            send_webhook(running_hub.base_url, "orders/cancelled", cancelled)
        with hub.db.read() as session:
            assert stock_truth.reserved_by_order(session, "SHOP-1002") == {SKU: (1000, "released")}
            assert stock_truth.available_at(session, WAREHOUSE, [SKU]) == {SKU: 4000}
        publisher.run_until_idle()
        assert shop.sent_levels(SKU, warehouse_loc)[-2:] == [3, 4]
        assert shop.level(SKU, store_loc) == 2
