"""A SKU's stock in every store and warehouse, as the till shows it (docs/architecture.md,
"One stock truth"). Qt-free: the hub call itself runs on the UI's hub lane (a worker thread);
this turns its answer, or its failure, into rows and a note for the panel.

The hub's answer is kept in memory per SKU, so when the hub cannot be reached the panel still
shows what was last known, and says when: "Offline — last known at 14:05".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from pos_app.domain.l10n.messages import Message, msg

if TYPE_CHECKING:
    from sync.protocol import StockElsewhere as StockAnswer


_MILLI = Decimal(1000)


@dataclass(frozen=True)
class LocationRow:
    store_id: str
    name: str
    where: Message | str  # the region (as head office wrote it), and "warehouse" for one
    on_hand: Decimal
    available: Decimal
    here: bool  # this till's own store

    @property
    def can_sell(self) -> bool:
        return self.available > 0


@dataclass(frozen=True)
class StockView:
    sku: str
    name: str
    rows: tuple[LocationRow, ...]
    online: bool
    as_of: datetime | None  # when the hub answered (None: never, this session)
    note: Message | None  # what the panel says besides the rows, in the store's language

    def orderable(self) -> tuple[LocationRow, ...]:
        """Other locations that can fulfil an order for this SKU (endless aisle)."""
        return tuple(row for row in self.rows if row.can_sell and not row.here)


def _rows(answer: StockAnswer, store_id: str) -> tuple[LocationRow, ...]:
    rows = []
    for loc in answer.locations:
        where: Message | str = loc.region or ""
        if loc.kind == "warehouse":
            where = (
                msg("{region}, warehouse", region=loc.region) if loc.region else msg("warehouse")
            )
        rows.append(
            LocationRow(
                store_id=loc.store_id,
                name=loc.name,
                where=where,
                on_hand=Decimal(loc.on_hand_milli) / _MILLI,
                available=Decimal(loc.available_milli) / _MILLI,
                here=loc.store_id == store_id,
            )
        )
    # This store first, then as the hub ordered them (stores by name, warehouses last).
    return tuple(sorted(rows, key=lambda r: not r.here))


class StockElsewhereBook:
    """Last known answers per SKU, and the notes the panel shows."""

    def __init__(self, store_id: str) -> None:
        self.store_id = store_id
        self._last: dict[str, StockView] = {}

    def answered(self, sku: str, name: str, answer: StockAnswer, now: datetime) -> StockView:
        rows = _rows(answer, self.store_id)
        note = None if rows else msg("No store or warehouse counts this item.")
        view = StockView(sku, name, rows, True, now, note)
        self._last[sku] = view
        return view

    def unreachable(self, sku: str, name: str) -> StockView:
        known = self._last.get(sku)
        if known is None or known.as_of is None:
            return StockView(
                sku,
                name,
                (),
                False,
                None,
                msg("Offline: no stock known yet."),
            )
        at = known.as_of.astimezone().strftime("%H:%M")
        note = msg("Offline — last known at {time}.", time=at)
        return StockView(sku, name, known.rows, False, known.as_of, note)
