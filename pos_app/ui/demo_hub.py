"""Demo mode's omnichannel half: start the demo hub and keep the demo till enrolled with it."""

from __future__ import annotations

import dataclasses
import logging
from datetime import UTC, datetime
from pathlib import Path

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.services.sync.enrollment import enroll
from pos_app.services.sync.feed_apply import skip_feed_to
from sync.client.config import load_config, save_config
from sync.hub.demo_runner import DemoHub, start_demo_hub

log = logging.getLogger(__name__)
DEMO_STORE = "demo-store"
WEB_ORDER_EVERY_S = 30.0


def connect_demo_hub(till_db: Path, *, order_every_s: float = WEB_ORDER_EVERY_S) -> DemoHub:
    """A running demo hub with this demo till enrolled at it (hub.json beside the database)."""
    folder = till_db.parent
    hub = start_demo_hub(
        folder / "hub", store_id=DEMO_STORE, store_name="OmniTill Demo Store", till_db=till_db
    )
    try:
        config = load_config(folder)
        if config is None:
            engine = create_till_engine(till_db)
            try:
                sessions = make_session_factory(engine)
                enroll(
                    hub.base_url,
                    hub.enroll_code(),
                    config_dir=folder,
                    write_sessions=sessions,
                    till_name="demo till",
                )
                # The hub's catalog is this till's own: never download it back (issue 18).
                with sessions.begin() as session:
                    skip_feed_to(session, hub.catalog_position, datetime.now(UTC))
            finally:
                engine.dispose()
        elif config.hub_url != hub.base_url:
            # The demo hub listens on a new loopback port each run; the token stays valid.
            save_config(folder, dataclasses.replace(config, hub_url=hub.base_url))
        hub.start_web_orders(order_every_s)
    except Exception:
        hub.stop()
        raise
    log.info("demo hub at %s, web orders every %.0f s", hub.base_url, order_every_s)
    return hub
