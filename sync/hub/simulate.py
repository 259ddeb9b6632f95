"""``simulate-web-orders``: believable click-and-collect orders at a steady rate, for demos.

Orders use real products of the hub's catalog and a small cast of returning customers (so
look-ups by email find several orders). The run is always bounded by a count or a duration.
"""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable

from sqlalchemy import select

from sync.hub.context import Hub
from sync.hub.errors import Invalid
from sync.hub.models import Product
from sync.hub.web_orders import create_web_order
from sync.protocol import WebOrder, WebOrderIn

SAMPLE_PRODUCTS = 2_000
FIRST_NAMES = ("Ana", "Ben", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hugo", "Inès", "Jon")
LAST_NAMES = ("Martin", "Okafor", "Lindqvist", "Moreau", "Novak", "Haddad", "Tanaka", "Rossi")


def sample_products(hub: Hub) -> list[tuple[str, str, int]]:
    """(sku, name, price_minor) of up to SAMPLE_PRODUCTS unit-priced products to order from."""
    with hub.db.read() as session:
        rows = session.execute(
            select(Product.sku, Product.name, Product.price_minor)
            .where(Product.active.is_(True), Product.sold_by_weight.is_(False))
            .limit(SAMPLE_PRODUCTS)
        ).all()
    if not rows:
        raise Invalid("the hub has no products yet: run 'omnitill hub import-catalog' first")
    return [(r.sku, r.name, r.price_minor) for r in rows]


def make_order(
    rnd: random.Random, run: str, n: int, store_id: str, products: list[tuple[str, str, int]]
) -> WebOrderIn:
    """Order ``n`` of simulation run ``run``: 1-4 random products for a returning customer."""
    first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
    picked = rnd.sample(products, k=min(len(products), rnd.randint(1, 4)))
    return WebOrderIn.model_validate(
        {
            "number": f"SIM-{run}-{n:06d}",
            "pickup_store_id": store_id,
            "customer": {
                "email": f"{first}.{last}@example.com".lower().replace("é", "e").replace("è", "e"),
                "name": f"{first} {last}",
                "phone": f"+33 6 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}",
            },
            "currency": "EUR",
            "payment_status": "paid" if rnd.random() < 0.7 else "pay_in_store",
            "lines": [
                {
                    "sku": sku,
                    "name": name,
                    "quantity_milli": rnd.randint(1, 3) * 1000,
                    "unit_price_minor": price,
                }
                for sku, name, price in picked
            ],
        }
    )


def simulate_web_orders(
    hub: Hub,
    *,
    store_id: str,
    rate: float,
    count: int | None,
    duration: float | None,
    seed: int | None = None,
    on_order: Callable[[WebOrder], None] | None = None,
) -> int:
    """Create orders at ``rate`` per second until ``count`` orders or ``duration`` seconds."""
    if rate <= 0:
        raise Invalid("rate must be above zero")
    if count is None and duration is None:
        raise Invalid("give --count or --duration so the simulation stops")
    rnd = random.Random(seed)
    run = secrets.token_hex(3).upper()
    products = sample_products(hub)
    started = time.monotonic()
    made = 0
    while (count is None or made < count) and (
        duration is None or time.monotonic() - started < duration
    ):
        # Pace against the start time, not the previous order, so the rate does not drift.
        due = started + made / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        created = create_web_order(
            hub, make_order(rnd, run, made, store_id, products), source="sim"
        )
        made += 1
        if on_order is not None:
            on_order(created.order)
    return made
