"""Scheduled work at the hub: uncollected orders expire after the store's hold period (their
reservation released once), the web-store stock publisher runs inside `hub serve`, and the
CLI (`set-location`, `publish-stock`, `stock-pushes`, `run-jobs`) on a real database."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.cli import main
from sync.hub import jobs, shopify_webhooks, stock_truth, tenancy, web_stock
from sync.hub.context import Hub
from sync.hub.models import CustomerNotificationRow, WebOrderRow
from sync.hub.web_orders import change_status, create_web_order
from sync.protocol import CollectionStatus, StoreIn, WebOrderIn
from tests.helpers.fake_shopify import TOKEN, FakeShopify
from tests.helpers.hub import CHEAP_PASSWORDS

SHOP = "omnitill-test.myshopify.com"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def order(number: str, store: str = "s1") -> WebOrderIn:
    return WebOrderIn.model_validate(
        {
            "number": number,
            "pickup_store_id": store,
            "customer": {"email": "ann@example.com", "name": "Ann"},
            "currency": "EUR",
            "payment_status": "paid",
            "lines": [{"sku": "A", "name": "A", "quantity_milli": 1000, "unit_price_minor": 100}],
        }
    )


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Poll a condition another thread makes true (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        pause.wait(0.05)


def test_uncollected_orders_expire_after_their_store_hold_period(hub_db) -> None:
    clock = Clock()
    hub = Hub(db=hub_db, clock=clock, passwords=CHEAP_PASSWORDS)
    for store in ("s1", "s2"):
        tenancy.upsert_store(hub, StoreIn(store_id=store, name=store))
    with hub.db.write() as session:
        stock_truth.set_location(session, "s2", hold_days=2, now=clock())
    for number, store in (("W-1", "s1"), ("W-2", "s2"), ("W-3", "s1"), ("W-4", "s1")):
        create_web_order(hub, order(number, store))
    with hub.change() as (session, pending):  # W-3 partly collected: its store closes it
        for status in ("picking", "ready", "partially_collected"):
            change_status(
                session,
                pending,
                store_id="s1",
                number="W-3",
                status=CollectionStatus(status),
                hub=hub,
            )
    clock.now += timedelta(days=3)
    assert jobs.expire_overdue(hub) == ["W-2"]  # s2 holds 2 days, s1 the default 7
    clock.now += timedelta(days=5)
    with hub.change() as (session, pending):  # W-4 collected meanwhile: not touched
        for status in ("picking", "ready", "collected"):
            change_status(
                session,
                pending,
                store_id="s1",
                number="W-4",
                status=CollectionStatus(status),
                hub=hub,
            )
    assert jobs.expire_overdue(hub) == ["W-1"]
    assert jobs.expire_overdue(hub) == []  # once
    with hub.db.read() as session:
        states = {r.number: r.status for r in session.query(WebOrderRow)}
        assert stock_truth.reserved_by_order(session, "W-1") == {"A": (1000, "released")}
        told = {(n.order_number, n.kind) for n in session.query(CustomerNotificationRow)}
        ats = stock_truth.available_at(session, "s1", ["A"])
    assert states == {
        "W-1": "expired",
        "W-2": "expired",
        "W-3": "partially_collected",
        "W-4": "collected",
    }
    assert ("W-1", "expired") in told
    assert ats == {"A": 0}  # W-3 and W-4 were picked: no hold left; nothing counted yet


def test_hub_serve_publishes_stock_without_anyone_pressing_a_button(running_hub) -> None:
    hub = running_hub.hub
    running_hub.add_store("s1")
    shopify_webhooks.add_shop(hub, shop_domain=SHOP, secret="x" * 32, store_id="s1")
    with FakeShopify() as shop:
        location = shop.add_location(7)
        shop.add_item("A", 1, stocked_at=(location,))
        with hub.db.write() as session:
            web_stock.connect_shop(
                session,
                shop_domain=SHOP,
                access_token=TOKEN,
                locations={"s1": location},
                now=hub.clock(),
                endpoint=shop.endpoint,
            )
        answer = running_hub.admin.put("/v1/admin/stores/s1/stock/A", json={"quantity_milli": 5000})
        assert answer.status_code == 200
        wait_until(lambda: shop.level("A", location) == 5)
        till, _ = running_hub.enroll("s1")
        sale = {
            "event_id": "00000000-0000-4000-8000-000000000001",
            "kind": "stock.adjusted",
            "payload": {
                "store_id": "s1",
                "reason": "count",
                "stock_movements": [
                    {
                        "uuid": "00000000-0000-4000-8000-000000000002",
                        "sku": "A",
                        "quantity_delta_milli": -2000,
                    }
                ],
            },
        }
        assert till.post("/v1/events", json={"events": [sale]}).status_code == 200
        wait_until(lambda: shop.level("A", location) == 3)


def test_cli_locations_publishing_pushes_and_run_jobs(
    capsys: pytest.CaptureFixture[str], hub_db_url: str, hub, tmp_path: Path
) -> None:
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["hub", *argv, "--db", hub_db_url])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("add-store", "--store", "s1", "--name", "One")[0] == 0
    code, out, err = run(
        "set-location",
        "--store",
        "s1",
        "--kind",
        "warehouse",
        "--region",
        "North",
        "--safety",
        "1",
        "--hold-days",
        "3",
    )
    assert code == 0, err
    assert "warehouse, region North, safety 1, hold 3 days" in out
    assert run("set-location", "--store", "s1", "--hold-days", "0")[0] == 1
    assert run("set-safety-stock", "--store", "s1", "--sku", "A", "--quantity", "2")[0] == 0
    assert run("set-stock", "--store", "s1", "--sku", "A", "--quantity", "10")[0] == 0
    secret = tmp_path / "secret"
    secret.write_text("shpss_0123456789", encoding="utf-8")
    assert (
        run("add-shop", "--shop-domain", SHOP, "--secret-file", str(secret), "--store", "s1")[0]
        == 0
    )
    token = tmp_path / "token"
    token.write_text(TOKEN + "\n", encoding="utf-8")
    with FakeShopify() as shop:
        location = shop.add_location(3)
        shop.add_item("A", 1, stocked_at=(location,))
        base = ("--shop-domain", SHOP, "--token-file", str(token))
        code, _, err = run("publish-stock", *base, "--location", "s1", "--endpoint", shop.endpoint)
        assert (code, "expected STORE=gid" in err) == (1, True)
        code, out, err = run(
            "publish-stock", *base, "--location", f"s1={location}", "--endpoint", shop.endpoint
        )
        assert code == 0, err
        assert "1 update(s) queued" in out
        code, out, _ = run("stock-pushes")
        assert out.splitlines()[0] == "1 web-store stock update(s) pending or failed"
        assert "pending" in out
        code, out, err = run("run-jobs")
        assert code == 0, err
        assert "1 sent in 1 request(s)" in out
        assert shop.level("A", location) == 8  # 10 on hand - 2 safety for A
        assert run("stock-pushes")[1].splitlines()[0].startswith("0 web-store")
        assert run("stock-pushes", "retry")[1].startswith("0 failed")


def test_failing_jobs_are_logged_when_they_start_failing_not_on_every_pass(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from sync.hub.db import HubDatabase
    from sync.hub.stock_publish import PublishTiming

    db = HubDatabase(f"sqlite:///{tmp_path / 'no-such-dir' / 'hub.sqlite3'}")
    timing = jobs.JobsTiming(expiry_every_seconds=0, publish=PublishTiming(poll_seconds=0))
    worker = jobs.HubJobs(Hub(db=db), timing)
    passes = 0

    def wait(_: float) -> bool:  # five passes, then stop
        nonlocal passes
        passes += 1
        if passes >= 5:
            worker._stop.set()
        return worker._stop.is_set()

    worker._stop.wait = wait  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO, logger="sync.hub.jobs"):
        worker._loop()
    db.dispose()
    said = [r.getMessage() for r in caplog.records if r.name == "sync.hub.jobs"]
    assert passes == 5
    assert said == ["hub jobs failing (will keep trying)"]
