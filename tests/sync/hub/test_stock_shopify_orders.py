"""A Shopify pickup order (its documented sample, signed like Shopify) holds its units at the
pickup store as it arrives and its cancellation gives them back; the lower and then restored
available-to-sell goes back out to the fake Shopify over real HTTP. SQLite and PostgreSQL."""

from __future__ import annotations

from sync.hub import headoffice, shopify_webhooks, stock_publish, stock_truth, web_stock
from sync.hub.models import Product
from tests.helpers.fake_shopify import TOKEN, FakeShopify
from tests.helpers.shopify import SECRET, SHOP, as_pickup, sample, send_webhook

STORE = "s1"
SAMPLE = "order_1073459981_line_discount.json"  # one IPOD2009BLACK, paid
SKU = "IPOD2009BLACK"


def test_a_shopify_pickup_order_reserves_and_its_cancel_releases(running_hub) -> None:
    hub = running_hub.hub
    running_hub.add_store(STORE, currency="USD")
    with hub.db.write() as session:
        session.add(
            Product(
                sku=SKU,
                name=SKU,
                department="Audio",
                tax_class="standard",
                price_minor=19900,
                sold_by_weight=False,
                active=True,
                barcodes="",
            )
        )
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
