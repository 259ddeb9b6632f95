"""Stock out to the web store: the hub publishes available-to-sell per location to a local fake
of Shopify's GraphQL Admin API over real HTTP (tests/helpers/fake_shopify.py checks the
documented request shapes and answers with the documented errors, THROTTLED and 429s).
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from sync.hub import headoffice, shopify_webhooks, stock_publish, stock_truth, tenancy, web_stock
from sync.hub.context import Hub
from sync.hub.web_orders import close_web_order, create_web_order
from sync.protocol import CollectionStatus, StoreIn, WebOrderIn
from tests.helpers.fake_shopify import TOKEN, FakeShopify
from tests.helpers.hub import CHEAP_PASSWORDS

SHOP = "omnitill-test.myshopify.com"
S1, S2 = "s1", "s2"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed_hub(hub_db, clock) -> Hub:
    return Hub(db=hub_db, clock=clock, passwords=CHEAP_PASSWORDS)


@pytest.fixture
def shop() -> Iterator[FakeShopify]:
    with FakeShopify() as fake:
        yield fake


class Setup:
    def __init__(self, hub: Hub, shop: FakeShopify, clock: Clock) -> None:
        self.hub, self.shop, self.clock = hub, shop, clock
        self.waits: list[float] = []
        self.publisher = stock_publish.StockPublisher(hub.db, clock=clock, sleep=self.waits.append)
        for store in (S1, S2):
            tenancy.upsert_store(hub, StoreIn(store_id=store, name=f"Store {store}"))
        shopify_webhooks.add_shop(hub, shop_domain=SHOP, secret="x" * 32, store_id=S1)
        self.loc1, self.loc2 = shop.add_location(1), shop.add_location(2)
        shop.add_item("A", 11, stocked_at=(self.loc1, self.loc2))
        shop.add_item("B", 12, stocked_at=(self.loc1,))  # not stocked at location 2
        headoffice.set_stock(hub, S1, "A", 10_000)
        headoffice.set_stock(hub, S2, "A", 4_000)
        headoffice.set_stock(hub, S1, "B", 6_000)
        with hub.db.write() as session:
            queued = web_stock.connect_shop(
                session,
                shop_domain=SHOP,
                access_token=TOKEN,
                locations={S1: self.loc1, S2: self.loc2},
                now=clock(),
                endpoint=shop.endpoint,
            )
        assert queued == 3

    def publish(self) -> stock_publish.PublishReport:
        return self.publisher.run_until_idle()

    def rows(self, status: str | None = None) -> list[web_stock.PushRow]:
        with self.hub.db.read() as session:
            return web_stock.list_pushes(session, status=status)


@pytest.fixture
def setup(timed_hub, shop, clock) -> Setup:
    return Setup(timed_hub, shop, clock)


def web_order(number: str, sku: str, units: int) -> WebOrderIn:
    return WebOrderIn.model_validate(
        {
            "number": number,
            "pickup_store_id": S1,
            "customer": {"email": "ann@example.com", "name": "Ann"},
            "currency": "EUR",
            "payment_status": "paid",
            "lines": [
                {"sku": sku, "name": sku, "quantity_milli": units * 1000, "unit_price_minor": 100}
            ],
        }
    )


def test_available_to_sell_reaches_each_location_as_documented(setup: Setup) -> None:
    shop = setup.shop
    report = setup.publish()
    assert report.sent == 3
    assert report.requests == 1  # one mutation for the three (item, location) pairs
    assert shop.level("A", setup.loc1) == 10
    assert shop.level("A", setup.loc2) == 4
    assert shop.level("B", setup.loc1) == 6
    call = shop.calls[-1]
    assert call.reason == "correction"
    assert call.reference is not None
    assert call.reference.startswith("gid://omnitill/StockSync/")
    assert all(q["changeFromQuantity"] is None for q in call.quantities)
    # A web order reserves: the web store sees on hand - reserved - safety stock.
    create_web_order(setup.hub, web_order("W-1", "A", 3))
    with setup.hub.db.write() as session:
        stock_truth.set_location(session, S1, safety_milli=1_000, now=setup.clock())
    setup.clock.advance(5)
    setup.publish()
    assert shop.level("A", setup.loc1) == 6
    assert shop.level("B", setup.loc1) == 5
    # Cancelling releases the hold: back up.
    close_web_order(setup.hub, "W-1", CollectionStatus.CANCELLED)
    setup.clock.advance(5)
    setup.publish()
    assert shop.level("A", setup.loc1) == 9
    assert setup.rows() == []  # nothing pending or failed


def test_changes_are_coalesced_per_item_and_location(setup: Setup) -> None:
    setup.publish()
    sent_before = len(setup.shop.calls)
    for level in range(50, 0, -1):
        headoffice.set_stock(setup.hub, S1, "A", level * 1000)
    report = setup.publish()
    assert report.sent == 0  # inside the window after the last send: nothing yet
    setup.clock.advance(setup.publisher.timing.coalesce_seconds)
    report = setup.publish()
    assert (report.sent, report.requests) == (1, 1)  # 50 changes, one update
    assert setup.shop.level("A", setup.loc1) == 1
    assert len(setup.shop.calls) == sent_before + 1


def test_a_change_during_a_send_is_sent_after_it_never_before(setup: Setup) -> None:
    setup.publish()
    setup.clock.advance(10)
    headoffice.set_stock(setup.hub, S1, "A", 8_000)

    def sale_lands_meanwhile() -> None:
        setup.shop.before_set = None
        headoffice.set_stock(setup.hub, S1, "A", 7_000)

    setup.shop.before_set = sale_lands_meanwhile
    setup.publisher.run_once()
    assert setup.shop.level("A", setup.loc1) == 8
    [row] = setup.rows("pending")
    assert (row.sku, row.sent_level) == ("A", 8)
    setup.clock.advance(setup.publisher.timing.coalesce_seconds)
    setup.publish()
    assert setup.shop.sent_levels("A", setup.loc1) == [10, 8, 7]


def test_throttled_and_429_answers_wait_as_told_and_count_no_attempt(setup: Setup) -> None:
    setup.shop.faults.extend(["429", "throttled"])
    report = setup.publisher.run_once()
    assert (report.throttled, report.sent) == (1, 0)
    assert setup.waits == [1.0]  # Retry-After of the 429
    assert {r.attempts for r in setup.rows("pending")} == {0}
    setup.clock.advance(1)
    report = setup.publisher.run_once()
    assert (report.throttled, report.sent) == (1, 0)
    assert setup.waits[-1] > 0  # computed from extensions.cost.throttleStatus
    setup.clock.advance(setup.waits[-1])
    report = setup.publisher.run_once()
    assert report.sent == 3
    assert setup.shop.throttled == 1
    assert setup.rows() == []


def test_a_real_bucket_throttles_and_the_publisher_catches_up(timed_hub, clock) -> None:
    # The bucket refills by the test's clock, which the publisher's waits advance.
    with FakeShopify(maximum=15, restore_rate=20, clock=lambda: clock().timestamp()) as small:
        setup = Setup(timed_hub, small, clock)
        setup.publisher.timing = stock_publish.PublishTiming(batch=1)
        setup.publisher._sleep = lambda s: setup.waits.append(s) or clock.advance(s)  # type: ignore[method-assign]
        report = setup.publish()
        assert report.sent == 3
        # 10 points per mutation, a bucket of 15: after the first mutation the answer says 5
        # are left, so the publisher waits (5 / 20 s) before the next instead of being refused.
        assert report.paced >= 1
        assert small.throttled == report.throttled
        # Each wait was what the answer's throttleStatus said was missing: (10 - left) / 20.
        assert all(0 < wait <= 0.5 for wait in setup.waits)
        assert small.level("A", setup.loc2) == 4


def test_outages_retry_with_backoff_and_a_lost_answer_is_not_applied_twice(setup: Setup) -> None:
    setup.publish()  # the items are known now: every request below is the mutation
    setup.clock.advance(10)
    headoffice.set_stock(setup.hub, S1, "A", 9_000)
    setup.shop.faults.extend(["503", "reset"])
    setup.publisher.run_once()
    [row] = setup.rows("pending")
    assert row.attempts == 1
    assert "503" in (row.last_error or "")
    assert setup.publisher.run_once().sent == 0  # backing off: not due yet
    setup.clock.advance(setup.publisher.timing.retry_base_seconds)
    setup.publisher.run_once()  # the reset
    assert [r.attempts for r in setup.rows("pending")] == [2]
    setup.clock.advance(setup.publisher.timing.retry_base_seconds * 2)
    setup.shop.faults.append("drop")  # Shopify applies it, the answer is lost
    applied = len(setup.shop.calls)
    setup.publisher.run_once()
    assert len(setup.shop.calls) == applied + 1
    assert setup.shop.level("A", setup.loc1) == 9
    setup.clock.advance(setup.publisher.timing.retry_base_seconds * 4)
    assert setup.publisher.run_once().sent == 1  # same row, version, level: the same key
    assert len(setup.shop.calls) == applied + 1  # Shopify gave the first result back
    assert setup.rows() == []


def test_user_errors_fail_the_named_row_and_the_rest_go_through(setup: Setup) -> None:
    headoffice.set_stock(setup.hub, S2, "B", 2_000)  # B is not stocked at location 2
    headoffice.set_stock(setup.hub, S1, "C", 1_000)  # C is not a Shopify item at all
    report = setup.publish()
    assert report.sent == 3
    failed = {(r.store_id, r.sku): r.last_error for r in setup.rows("failed")}
    assert failed.keys() == {(S2, "B"), (S1, "C")}
    assert "ITEM_NOT_STOCKED_AT_LOCATION" in (failed[(S2, "B")] or "")
    assert "not an inventory item" in (failed[(S1, "C")] or "")
    assert setup.shop.level("A", setup.loc2) == 4
    # Head office fixes Shopify and retries the failed ones.
    setup.shop.shop.stocked.add((setup.shop.shop.items["B"], setup.loc2))
    with setup.hub.db.write() as session:
        assert web_stock.retry_failed(session, now=setup.clock()) == 2
    setup.clock.advance(5)
    setup.publish()
    assert setup.shop.level("B", setup.loc2) == 2
    assert {(r.store_id, r.sku) for r in setup.rows("failed")} == {(S1, "C")}


def test_a_wrong_token_is_retried_not_lost(setup: Setup) -> None:
    with setup.hub.db.write() as session:
        web_stock.connect_shop(
            session,
            shop_domain=SHOP,
            access_token="shpat_wrong",
            locations={S1: setup.loc1},
            now=setup.clock(),
            endpoint=setup.shop.endpoint,
        )
    setup.publisher.run_once()
    assert {r.status for r in setup.rows()} == {"pending"}
    assert "HTTP 401" in (setup.rows()[0].last_error or "")


def test_connecting_refuses_bad_input_and_changes_nothing(setup: Setup) -> None:
    from sync.hub.errors import Invalid

    for kwargs, message in (
        ({"shop_domain": "other.myshopify.com"}, "not connected"),
        ({"locations": {S1: "12345"}}, "not a Shopify location"),
        ({"locations": {"zz": setup.loc1}}, "no store"),
        ({"access_token": " "}, "empty"),
    ):
        args = {
            "shop_domain": SHOP,
            "access_token": TOKEN,
            "locations": {S1: setup.loc1},
            "now": setup.clock(),
        } | kwargs
        with pytest.raises(Invalid, match=message), setup.hub.db.write() as session:
            web_stock.connect_shop(session, **args)  # type: ignore[arg-type]
    with setup.hub.db.read() as session:
        assert len(web_stock.list_pushes(session)) == 3
