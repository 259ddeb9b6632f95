"""Console test data: catalog products and till sales with chosen departments and tenders,
stored through the hub's real ingest (sync/hub/ingest.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sync.hub.context import Hub
from sync.hub.db import dialect_insert
from sync.hub.ingest import ingest_batch
from sync.hub.models import Product
from sync.protocol import EventBatchResponse


def add_products(hub: Hub, *products: tuple[str, str, str, int]) -> None:
    """(sku, name, department, price_minor) rows, straight into the hub's catalog."""
    with hub.db.write() as session:
        for sku, name, department, price in products:
            session.execute(
                dialect_insert(session, Product)
                .values(sku=sku, name=name, department=department, tax_class="standard",
                        price_minor=price, sold_by_weight=False, active=True, barcodes="")
                .on_conflict_do_nothing()
            )  # fmt: skip


def till_sale(
    store: str,
    lines: list[tuple[str, int]],
    tenders: list[tuple[str, int]],
    *,
    change: int = 0,
    kind: str = "sale.completed",
    at: datetime | None = None,
) -> dict[str, Any]:
    """A sale event of (sku, amount_minor) lines, one unit each, paid by (kind, amount)."""
    total = sum(amount for _, amount in lines)
    sign = -1 if kind == "return.completed" else 1
    return {
        "event_id": str(uuid.uuid4()),
        "kind": kind,
        "payload": {
            "sale_uuid": str(uuid.uuid4()),
            "store_id": store,
            "till_id": "t",
            "receipt_no": f"t-{uuid.uuid4().hex[:8]}",
            "created_at": (at or datetime.now(UTC)).isoformat(),
            "currency": "EUR",
            "totals": {"total_minor": total, "tax_minor": 0, "change_minor": change},
            "lines": [
                {"line_no": n, "sku": sku, "quantity_milli": sign * 1000,
                 "unit_price_minor": abs(amount), "amount_minor": amount}
                for n, (sku, amount) in enumerate(lines, start=1)
            ],
            "tenders": [{"kind": k, "amount_minor": a} for k, a in tenders],
            "stock_movements": [
                {"uuid": str(uuid.uuid4()), "sku": sku, "quantity_delta_milli": -sign * 1000}
                for sku, _ in lines
            ],
        },
    }  # fmt: skip


def ingest(hub: Hub, store: str, *events: dict[str, Any]) -> EventBatchResponse:
    return ingest_batch(hub, store_id=store, till_id="t", raw_events=list(events))
