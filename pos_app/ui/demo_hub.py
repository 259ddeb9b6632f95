"""Demo mode's omnichannel half: start the demo hub and keep the demo till enrolled with it."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.services.sync.enrollment import enroll
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
                enroll(
                    hub.base_url,
                    hub.enroll_code(),
                    config_dir=folder,
                    write_sessions=make_session_factory(engine),
                    till_name="demo till",
                )
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
