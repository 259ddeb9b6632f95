"""Click-and-collect at the till: a web order as the feed carries it, and the steps a store
associate takes on the seeded till database."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import OutboxEvent
from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.store.till_context import load_till_context
from tests.helpers.catalog import COFFEE, TSHIRT

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def web_order(number: str, status: str = "new", **changes: Any) -> dict[str, Any]:
    """Two T-shirts and a coffee for pickup at the seeded store, paid online."""
    data: dict[str, Any] = {
        "number": number,
        "pickup_store_id": "store-1",
        "status": status,
        "payment_status": "paid",
        "pickup_code": f"PC{number[-4:]}XY".replace("-", "0"),
        "currency": "EUR",
        "total_minor": 3298,
        "customer_email": "ann@example.com",
        "customer_name": "Ann Lee",
        "customer_phone": "+44 20 7946 0000",
        "lines": [
            {
                "sku": "TSH-1",
                "name": "Cotton T-Shirt M",
                "quantity_milli": 2000,
                "unit_price_minor": 1200,
            },
            {
                "sku": "COF-1",
                "name": "Arabica Coffee Beans 500 g",
                "quantity_milli": 1000,
                "unit_price_minor": 899,
            },
        ],
        "created_at": (NOW - timedelta(hours=2)).isoformat(),
        "source": "api",
    }
    data.update(changes)
    return data


def run(seeded: sessionmaker[Session], fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """One step (a CollectionsService method) in its own transaction with the till context."""
    with seeded.begin() as session:
        ctx = load_till_context(session)
        return fn(session, *args, context=ctx, **kw)


def events(seeded: sessionmaker[Session]) -> list[dict[str, Any]]:
    with seeded() as session:
        rows = session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)).all()
        return [json.loads(r.payload) for r in rows if r.kind == "collection.status_changed"]


def pick_all(seeded: sessionmaker[Session], svc: CollectionsService, number: str) -> None:
    run(seeded, svc.start_picking, number, staff="bob")
    with seeded.begin() as session:
        for code in (TSHIRT, TSHIRT, COFFEE):
            svc.scan_pick(session, number, code, staff="bob")
