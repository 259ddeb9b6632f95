"""Stock as the till shows it: the hub's level − this till's movements the hub has not seen.

docs/architecture.md §6: tills send deltas, never levels. The hub's level arrives through the feed
(``hub_stock_levels``); this till's own movements that are still in the outbox (not yet
acknowledged) are subtracted, read straight from the queued events' ``stock_movements``, so
every event kind that moves stock counts, whatever table it came from. Rejected events count
as unsent: the goods left the shop even though the hub refused the record. The cost grows with
the backlog only (zero when online); SKUs are looked up by primary key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from pos_app.db.models import HubStockLevel

_UNSENT_DELTAS = text(
    "SELECT json_extract(m.value, '$.sku') AS sku, "
    "sum(json_extract(m.value, '$.quantity_delta_milli')) AS delta "
    "FROM outbox_events o, json_each(o.payload, '$.stock_movements') m "
    "WHERE o.sent_at IS NULL AND json_valid(o.payload) "
    "AND json_extract(m.value, '$.sku') IN :skus GROUP BY 1"
).bindparams(bindparam("skus", expanding=True))


@dataclass(frozen=True)
class StockAtTill:
    sku: str
    hub_quantity_milli: int | None  # None: the hub has not told this till about the SKU
    unsent_delta_milli: int

    @property
    def quantity_milli(self) -> int | None:
        if self.hub_quantity_milli is None:
            return None
        return self.hub_quantity_milli + self.unsent_delta_milli


def stock_at_till(session: Session, skus: Iterable[str]) -> dict[str, StockAtTill]:
    wanted = sorted(set(skus))
    if not wanted:
        return {}
    levels = {
        row.sku: row.quantity_milli
        for row in session.query(HubStockLevel).filter(HubStockLevel.sku.in_(wanted))
    }
    deltas = {
        str(sku): int(delta or 0)
        for sku, delta in session.execute(_UNSENT_DELTAS, {"skus": wanted})
    }
    return {sku: StockAtTill(sku, levels.get(sku), deltas.get(sku, 0)) for sku in wanted}


def stock_of(session: Session, sku: str) -> StockAtTill:
    return stock_at_till(session, [sku])[sku]
