"""GET /v1/feed: ordered, gap-free paging under concurrent writers; long-poll wake-up."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest

from sync.hub import headoffice
from sync.hub.models import CHAIN_SCOPE

STORE = "s1"


def adjustment(sku: str, delta: int, store: str = STORE) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "stock.adjusted",
        "payload": {
            "store_id": store,
            "reason": "count",
            "stock_movements": [
                {"uuid": str(uuid.uuid4()), "sku": sku, "quantity_delta_milli": delta}
            ],
        },
    }


def web_order(number: str, store: str = STORE) -> dict[str, Any]:
    return {
        "number": number,
        "pickup_store_id": store,
        "customer": {"email": "bo@example.com", "name": "Bo"},
        "currency": "EUR",
        "payment_status": "pay_in_store",
        "lines": [{"sku": "A", "quantity_milli": 2000, "unit_price_minor": 100}],
    }


def pull_all(till: Any, cursor: int = 0, limit: int = 7) -> tuple[list[dict[str, Any]], int]:
    changes: list[dict[str, Any]] = []
    while True:
        page = till.get("/v1/feed", params={"cursor": cursor, "limit": limit}).json()
        changes.extend(page["changes"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, cursor


def test_pages_follow_the_cursor_without_gaps_or_repeats(running_hub) -> None:
    running_hub.add_store(STORE)
    running_hub.add_store("s2")
    till, _ = running_hub.enroll(STORE)
    headoffice.set_tax_class(running_hub.hub, "standard", "0.20", "VAT 20%")  # chain-wide
    for i in range(30):
        headoffice.set_stock(running_hub.hub, STORE if i % 2 else "s2", f"SKU-{i}", i)
    changes, cursor = pull_all(till)
    positions = [c["position"] for c in changes]
    assert positions == sorted(set(positions))
    kinds = [(c["kind"], c["key"]) for c in changes]
    assert ("tax_class", "standard") in kinds
    assert ("store", STORE) in kinds
    stock = [key for kind, key in kinds if kind == "stock"]
    assert stock == [f"SKU-{i}" for i in range(1, 30, 2)]
    assert cursor == positions[-1]
    assert till.get("/v1/feed", params={"cursor": cursor}).json()["changes"] == []


def test_reader_never_skips_a_row_under_concurrent_writers(running_hub) -> None:
    """Four tills push while a fifth pages the feed as fast as it can; it sees every row once."""
    running_hub.add_store(STORE)
    reader, _ = running_hub.enroll(STORE)
    writers = [running_hub.enroll(STORE)[0] for _ in range(4)]
    done = threading.Event()
    errors: list[BaseException] = []

    def push(till: Any, w: int) -> None:
        try:
            for i in range(15):
                batch = [adjustment(f"W{w}-{i}-{j}", 1_000) for j in range(3)]
                assert till.post("/v1/events", json={"events": batch}).status_code == 200
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(t, w)) for w, t in enumerate(writers)]
    for thread in threads:
        thread.start()
    seen: list[int] = []
    cursor = 0
    while not done.is_set():
        if not any(t.is_alive() for t in threads):
            done.set()  # one more full read after the last commit
        page = reader.get("/v1/feed", params={"cursor": cursor, "limit": 5}).json()
        seen.extend(c["position"] for c in page["changes"])
        cursor = page["next_cursor"]
    rest, _ = pull_all(reader, cursor)
    seen.extend(c["position"] for c in rest)
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    everything, _ = pull_all(reader, 0, limit=1000)
    assert seen == [c["position"] for c in everything]
    assert len([c for c in everything if c["kind"] == "stock"]) == 4 * 15 * 3


def test_long_poll_wakes_promptly_on_a_new_web_order(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    _, cursor = pull_all(till)
    answer: dict[str, Any] = {}

    def poll() -> None:
        started = time.monotonic()
        page = till.get("/v1/feed", params={"cursor": cursor, "wait": 20}, timeout=30)
        answer["seconds"] = time.monotonic() - started
        answer["page"] = page.json()

    poller = threading.Thread(target=poll)
    poller.start()
    # Let the request reach the server and start waiting: it holds a connection once it does.
    deadline = time.monotonic() + 10
    while not _has_waiting_request(running_hub) and time.monotonic() < deadline:
        time.sleep(0.01)
    created_at = time.monotonic()
    assert running_hub.admin.post("/v1/web-orders", json=web_order("W-9")).status_code == 201
    poller.join(timeout=25)
    woke_after = time.monotonic() - created_at
    assert [c["key"] for c in answer["page"]["changes"]] == ["W-9"]
    # The server re-checks only every 30 s here, so only the commit's wake-up explains this.
    assert woke_after < 2.0
    assert answer["seconds"] < 10


def test_long_poll_wakes_on_a_commit_made_elsewhere(running_hub) -> None:
    """Another worker or the head-office CLI: only PostgreSQL's NOTIFY reaches this server."""
    if not running_hub.hub.db.is_postgres:
        pytest.skip("SQLite has no cross-process notification; readers re-check instead")
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    _, cursor = pull_all(till)
    answer: dict[str, Any] = {}

    def poll() -> None:
        answer["page"] = till.get("/v1/feed", params={"cursor": cursor, "wait": 20}, timeout=30)

    poller = threading.Thread(target=poll)
    poller.start()
    deadline = time.monotonic() + 10
    while not _has_waiting_request(running_hub) and time.monotonic() < deadline:
        time.sleep(0.01)
    written_at = time.monotonic()
    # running_hub.hub is a separate engine with no link to the server's notifier.
    headoffice.set_stock(running_hub.hub, STORE, "ELSEWHERE", 1_000)
    poller.join(timeout=25)
    assert time.monotonic() - written_at < 2.0
    assert [c["key"] for c in answer["page"].json()["changes"]] == ["ELSEWHERE"]


def _has_waiting_request(running_hub) -> bool:
    services = running_hub.server.app.state.services
    return services.notifier is not None and services.notifier.waiting > 0


def test_long_poll_returns_empty_after_wait(running_hub) -> None:
    running_hub.add_store(STORE)
    till, _ = running_hub.enroll(STORE)
    _, cursor = pull_all(till)
    started = time.monotonic()
    page = till.get("/v1/feed", params={"cursor": cursor, "wait": 0.5}).json()
    elapsed = time.monotonic() - started
    assert page == {"changes": [], "next_cursor": cursor, "has_more": False}
    assert 0.45 <= elapsed < 5


def test_chain_rows_reach_every_store(running_hub) -> None:
    for store in ("a", "b"):
        running_hub.add_store(store)
    till_a, _ = running_hub.enroll("a")
    till_b, _ = running_hub.enroll("b")
    headoffice.set_tax_class(running_hub.hub, "reduced", "0.055", "VAT 5.5%")
    for till in (till_a, till_b):
        changes, _ = pull_all(till)
        assert ("tax_class", "reduced") in {(c["kind"], c["key"]) for c in changes}


def test_chain_scope_is_not_a_valid_store_id() -> None:
    from pydantic import ValidationError

    from sync.protocol import StoreIn

    with pytest.raises(ValidationError):
        StoreIn(store_id=CHAIN_SCOPE, name="everyone")
