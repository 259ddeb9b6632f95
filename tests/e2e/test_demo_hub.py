"""Demo mode's omnichannel loop, without the window: a demo till enrolled with its own hub on
loopback receives simulated web orders through the real sync client (docs/architecture.md §6, issue
6 #8)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import Product, PromotionRow, SyncState, WebOrderRow
from pos_app.services.staff.demo_staff import prepare_demo_till
from pos_app.services.sync.runtime import TillSync
from pos_app.ui.demo_hub import connect_demo_hub
from sync.client.config import load_config

WAIT_S = 20.0


def wait_for(predicate: object, what: str) -> None:
    assert callable(predicate)
    deadline = time.monotonic() + WAIT_S
    pause = threading.Event()
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        pause.wait(0.05)


def test_demo_till_gets_web_orders_from_its_hub_and_survives_a_restart(tmp_path: Path) -> None:
    db_path = prepare_demo_till(tmp_path, products=300, out=lambda _line: None)
    hub = connect_demo_hub(db_path, order_every_s=0.2)
    writer = create_till_engine(db_path)
    reader = create_till_engine(db_path, writer=False)
    sync = None
    try:
        config = load_config(tmp_path)
        assert config is not None
        assert config.hub_url == hub.base_url
        assert (tmp_path / "hub.json").stat().st_mode & 0o777 == 0o600
        read = make_session_factory(reader)
        # The hub's catalog is the till's own: the till's feed starts past it (300 products
        # and their barcodes are not downloaded back), and what came after it still arrives.
        with read() as session:
            cursor = session.scalar(select(SyncState.feed_cursor))
        assert cursor == hub.catalog_position >= 300
        sync = TillSync(config, writer, reader, feed_wait=0.5, backoff_base=0.05, backoff_cap=0.5)
        sync.start()

        def promotions() -> list[str]:
            with read() as session:
                return list(session.scalars(select(PromotionRow.promo_id)))

        wait_for(lambda: promotions() == ["WEB-WELCOME"], "the hub's promotion at the till")

        def orders() -> int:
            with read() as session:
                return session.scalar(select(func.count()).select_from(WebOrderRow)) or 0

        wait_for(lambda: orders() >= 2, "two simulated web orders at the till")
        with read() as session:
            assert (session.scalar(select(func.count()).select_from(Product)) or 0) >= 300
    finally:
        if sync is not None:
            assert sync.stop(timeout=10.0)
        hub.stop()
        writer.dispose()
        reader.dispose()

    # A second demo start: same hub data and admin token, a new port, the same enrollment.
    token_before = json.loads((tmp_path / "hub.json").read_text())["token"]
    again = connect_demo_hub(db_path, order_every_s=60.0)
    try:
        config = load_config(tmp_path)
        assert config is not None
        assert config.hub_url == again.base_url
        assert config.token == token_before
    finally:
        again.stop()
