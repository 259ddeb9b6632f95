"""Till events written out by hand for hub tests: well-formed, so a test changes one thing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

STORE = "store-1"


def sale(
    *, price: int = 500, qty: int = 1000, sku: str = "MUG-1", store: str = STORE, **totals: int
) -> dict[str, Any]:
    """A well-formed cash sale of one line, as a till's outbox carries it."""
    total = price * qty // 1000
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "sale.completed",
        "payload": {
            "sale_uuid": str(uuid.uuid4()),
            "store_id": store,
            "till_id": "t",
            "receipt_no": f"t-{uuid.uuid4().hex[:8]}",
            "created_at": datetime.now(UTC).isoformat(),
            "currency": "EUR",
            "totals": {"total_minor": total, "tax_minor": 0, **totals},
            "lines": [
                {"line_no": 1, "sku": sku, "quantity_milli": qty, "unit_price_minor": price,
                 "amount_minor": total}
            ],
            "tenders": [{"kind": "cash", "amount_minor": total}],
            "stock_movements": [
                {"uuid": str(uuid.uuid4()), "sku": sku, "quantity_delta_milli": -qty}
            ],
        },
    }  # fmt: skip
