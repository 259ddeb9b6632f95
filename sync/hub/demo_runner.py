"""The demo's own hub: a real hub on a loopback port, seeded from the demo till's catalog,
with web orders arriving for the demo store so the whole omnichannel loop shows on one machine.

Everything lives in one folder beside the demo till (``hub.sqlite3`` and the admin token), so a
second demo start finds the same hub with the same orders. Stopping the demo stops the server
and the order simulator.
"""

from __future__ import annotations

import csv
import logging
import random
import secrets
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

import requests

from sync.hub import feed, headoffice, migrate, simulate, tenancy
from sync.hub.app import create_app
from sync.hub.catalog_import import import_catalog
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.server import ServerThread
from sync.hub.settings import HubSettings
from sync.protocol import PromotionIn, StoreIn

log = logging.getLogger(__name__)

HUB_DB = "hub.sqlite3"
ADMIN_TOKEN_FILE = "hub-admin-token"  # noqa: S105 - a file name, not a secret
# The feed position up to which the hub's feed holds nothing but the till's own catalog.
CATALOG_POSITION_FILE = "catalog-feed-position"
HTTP_TIMEOUT_S = 5.0
DEMO_STOCK_ITEMS = 50


@dataclass
class DemoHub:
    server: ServerThread
    admin_token: str
    store_id: str
    # The demo till already holds every feed change up to here (its own catalog, imported
    # into the hub): its feed cursor starts there instead of downloading it back (issue 18).
    catalog_position: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _orders: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def enroll_code(self) -> str:
        answer = requests.post(
            f"{self.base_url}/v1/admin/stores/{self.store_id}/enroll-codes",
            headers={"Authorization": f"Bearer {self.admin_token}"},
            timeout=HTTP_TIMEOUT_S,
        )
        answer.raise_for_status()
        return str(answer.json()["code"])

    def start_web_orders(self, every_s: float, *, seed: int | None = None) -> None:
        """Post a simulated click-and-collect order every ``every_s`` seconds until stop().

        Over HTTP, as the web shop would: the server's own notifier then wakes the till's
        long-poll at once."""
        products = simulate.sample_products(self._hub_for_reading())
        rnd = random.Random(seed)
        run = secrets.token_hex(3).upper()

        def loop() -> None:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {self.admin_token}"
            # One order every few seconds gains nothing from keep-alive, and reusing a
            # connection uvicorn has just timed out made ~1 post in 6 fail with a reset.
            session.headers["Connection"] = "close"
            n = 0
            while not self._stop.wait(every_s):
                order = simulate.make_order(rnd, run, n, self.store_id, products)
                try:
                    session.post(
                        f"{self.base_url}/v1/web-orders",
                        json=order.model_dump(mode="json"),
                        timeout=HTTP_TIMEOUT_S,
                    ).raise_for_status()
                    n += 1
                except requests.RequestException as exc:
                    log.warning("demo web order not posted: %s", exc)
            session.close()

        self._orders = threading.Thread(target=loop, name="demo-web-orders", daemon=True)
        self._orders.start()

    def stop(self) -> None:
        self._stop.set()
        if self._orders is not None:
            self._orders.join(timeout=HTTP_TIMEOUT_S + 1)
        self.server.stop()

    def _hub_for_reading(self) -> Hub:
        return self._hub

    _hub: Hub = field(init=False, repr=False)


DEMO_GRACEFUL_S = 0.5  # the demo closes with its till: open long-polls get this long


def start_demo_hub(
    folder: Path,
    *,
    store_id: str,
    store_name: str,
    till_db: Path,
) -> DemoHub:
    """Start (creating on first use) the demo hub in ``folder``; the catalog comes from the
    demo till database ``till_db`` so scans at the till and orders at the hub agree."""
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / HUB_DB}"
    db = HubDatabase(url, pool_size=2, max_overflow=2)
    migrate.upgrade(db.engine)
    hub = Hub(db=db)
    token_path = folder / ADMIN_TOKEN_FILE
    position_path = folder / CATALOG_POSITION_FILE
    if token_path.exists():
        admin_token = token_path.read_text(encoding="utf-8").strip()
    else:
        position = _seed(hub, folder, store_id=store_id, store_name=store_name, till_db=till_db)
        position_path.write_text(str(position), encoding="utf-8")
        admin_token = tenancy.create_admin_token(hub, "demo")
        token_path.touch(mode=0o600)
        token_path.write_text(admin_token, encoding="utf-8")
    position = int(position_path.read_text()) if position_path.exists() else 0
    server = ServerThread(
        create_app(HubSettings(db_url=url, pool_size=3)), graceful_s=DEMO_GRACEFUL_S
    ).start()
    demo = DemoHub(
        server=server, admin_token=admin_token, store_id=store_id, catalog_position=position
    )
    demo._hub = hub
    return demo


def _seed(hub: Hub, folder: Path, *, store_id: str, store_name: str, till_db: Path) -> int:
    """Seed the hub from the till's catalog; returns the feed position the till already holds.

    The catalog is imported first, into an empty feed, so every position up to the returned
    one is a product the till has; the store, tax classes, stock and promotion come after it
    and reach the till through its feed as they would in a real store."""
    with sqlite3.connect(till_db) as till:
        csv_path = folder / "demo-catalog.csv"
        with csv_path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(
                ["sku", "name", "department", "tax_class", "price_minor", "sold_by_weight",
                 "barcodes"]
            )  # fmt: skip
            rows = till.execute(
                "SELECT p.sku, p.name, p.department, p.tax_class, p.price_minor, "
                "p.sold_by_weight, (SELECT group_concat(b.barcode, ' ') FROM product_barcodes b "
                "WHERE b.product_id = p.id) FROM products p ORDER BY p.id"
            )
            writer.writerows(rows)
        skus = [row[0] for row in till.execute("SELECT sku FROM products ORDER BY id LIMIT ?",
                                               (DEMO_STOCK_ITEMS,))]  # fmt: skip
        taxes = till.execute("SELECT tax_class, rate, label FROM tax_rates").fetchall()
    import_catalog(hub.db, csv_path)
    csv_path.unlink()
    with hub.db.read() as session:
        position = feed.head_position(session)
    tenancy.upsert_store(
        hub, StoreIn(store_id=store_id, name=store_name, cash_rounding_step="0.05")
    )
    for tax_class, rate, label in taxes:
        headoffice.set_tax_class(hub, tax_class, rate, label)
    for i, sku in enumerate(skus):
        headoffice.set_stock(hub, store_id, sku, (5 + i % 20) * 1000)
    headoffice.add_promotion(
        hub,
        PromotionIn(
            promo_id="WEB-WELCOME",
            name="Web welcome: 10% off coffee",
            store_id=None,
            rules={"kind": "percent", "value": "10", "department": "grocery"},
        ),
    )
    return position
