"""Applying the hub's feed to the till database, with the cursor in the same transaction.

A page is applied in chunks; each chunk is one short write transaction that writes its changes
AND the position of its last change, so a crash or an error leaves the cursor exactly at the
data (never ahead: docs/architecture.md §6). Short chunks keep the single writer lock free for
sales: a checkout waits at most one chunk. Within a chunk the latest change of a key wins, and every
kind is written with a few set-based statements (no ORM objects): a first sync of a big
catalog is millions of rows. Products go through the ``products`` table, whose triggers keep the
FTS name index in step, so a synced item is scannable and searchable at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import (
    HubStockLevel,
    PromotionRow,
    Staff,
    StoreProfile,
    SyncState,
    TaxRateRow,
    WebOrderLineRow,
    WebOrderRow,
)
from pos_app.db.write_gate import WriteGate
from pos_app.domain.staff.roles import Role
from pos_app.services.returns.policy import apply_policy_changes
from pos_app.services.sale.reason_codes import apply_reason_code_changes
from sync.protocol import FeedChange, FeedKind, StoreInfo, WebOrder

DEFAULT_CHUNK = 250


class FeedApplyError(Exception):
    """A change the till cannot apply; its chunk was rolled back with its cursor."""


class _ProductData(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    sku: str
    name: str
    department: str = ""
    tax_class: str
    price_minor: int
    sold_by_weight: bool = False
    active: bool = True
    barcodes: list[str] = []
    # Price lists per currency (hub price_lists.py): the store's own currency wins.
    prices: dict[str, int] = {}

    def price_in(self, currency: str) -> int:
        return self.prices.get(currency, self.price_minor)


class _TaxData(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    tax_class: str
    rate: str
    label: str


class _StockData(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    sku: str
    quantity_milli: int


class _StaffData(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    staff_code: str
    name: str
    # A role the till does not know fails the chunk (FeedApplyError names it): never a
    # silent demotion or promotion of someone's rights.
    role: Role
    pin_hash: str
    active: bool = True


class _PromotionData(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    promo_id: str
    name: str
    store_id: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    rules: dict[str, Any]


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


class FeedApplier:
    """The puller's sink: ``cursor()`` and ``apply(changes, next_cursor)``."""

    def __init__(
        self,
        write_sessions: sessionmaker[Session],
        read_sessions: sessionmaker[Session] | None = None,
        *,
        chunk_size: int = DEFAULT_CHUNK,
        pause: float = 0.002,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
        gate: WriteGate | None = None,
    ) -> None:
        self._write = write_sessions
        # With a gate (the running till), sales go ahead of the next chunk; without one (a
        # tool or a test), the pause below leaves the lock free between chunks.
        self._gate = gate
        self._read = read_sessions if read_sessions is not None else write_sessions
        self._chunk = max(1, chunk_size)
        # Between chunks, leave the write lock free for a moment: a checkout waiting in
        # SQLite's busy handler (which polls) gets in before the next chunk starts.
        self._pause = pause
        self._clock = clock
        self._sleep = sleep

    def cursor(self) -> int:
        with self._read() as session:
            state = session.get(SyncState, 1)
            return 0 if state is None else state.feed_cursor

    def apply(self, changes: Sequence[FeedChange], next_cursor: int) -> None:
        ordered = sorted(changes, key=lambda c: c.position)
        for start in range(0, len(ordered), self._chunk):
            chunk = ordered[start : start + self._chunk]
            last = start + self._chunk >= len(ordered)
            cursor = max(next_cursor, chunk[-1].position) if last else chunk[-1].position
            if self._gate is not None:
                with self._gate.bulk(), self._write.begin() as session:
                    apply_changes(session, chunk)
                    _store_cursor(session, cursor, self._clock())
                continue
            if start:
                self._sleep(self._pause)
            with self._write.begin() as session:
                apply_changes(session, chunk)
                _store_cursor(session, cursor, self._clock())


def apply_changes(session: Session, changes: Iterable[FeedChange]) -> None:
    """Write ``changes`` in the caller's transaction; FeedApplyError names a bad one."""
    latest: dict[FeedKind, dict[str, FeedChange]] = {kind: {} for kind in FeedKind}
    for change in changes:
        latest[change.kind][change.key] = change  # the latest change of a key wins
    for kind, apply_kind in _APPLIERS:
        picked = list(latest[kind].values())
        if not picked:
            continue
        try:
            apply_kind(session, picked)
        except (ValueError, TypeError, KeyError) as exc:
            first = min(c.position for c in picked)
            raise FeedApplyError(f"{kind} change at position ≥ {first}: {exc}") from exc


def skip_feed_to(session: Session, position: int, now: datetime) -> bool:
    """Start this till's feed cursor at ``position`` when it is behind it: for a till that
    already holds every change up to there (the demo till, whose catalog the demo hub was
    seeded from). Never moves the cursor back. True when it moved."""
    current = session.scalar(select(SyncState.feed_cursor).where(SyncState.id == 1)) or 0
    if current >= position:
        return False
    _store_cursor(session, position, now)
    return True


def _store_cursor(session: Session, cursor: int, now: datetime) -> None:
    stmt = insert(SyncState).values(id=1, feed_cursor=cursor, feed_updated_at=now)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={"feed_cursor": stmt.excluded.feed_cursor, "feed_updated_at": now},
        )
    )


# Products and their barcodes are the bulk of a first sync (millions of rows), so they go
# to the driver as plain ``executemany`` of tuples: no per-row parameter building by the ORM.
# An upsert (never INSERT OR REPLACE, whose delete would cascade to the barcodes and give the
# row a new id) fires the products_fts insert or update trigger, so search stays in step.
_UPSERT_PRODUCTS = (
    "INSERT INTO products (sku, name, department, tax_class, price_minor, sold_by_weight, active)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sku) DO UPDATE SET name = excluded.name,"
    " department = excluded.department, tax_class = excluded.tax_class,"
    " price_minor = excluded.price_minor, sold_by_weight = excluded.sold_by_weight,"
    " active = excluded.active"
)
_UPSERT_BARCODES = (
    "INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)"
    " ON CONFLICT (barcode) DO UPDATE SET product_id = excluded.product_id"
)
# Bound parameters per IN list: well below SQLite's limit on host parameters.
_IN_BATCH = 500


def _products(session: Session, changes: list[FeedChange]) -> None:
    items = [_ProductData.model_validate(c.data) for c in changes]
    profile = session.get(StoreProfile, 1)
    currency = profile.currency if profile is not None else ""
    conn = session.connection()
    conn.exec_driver_sql(
        _UPSERT_PRODUCTS,
        [
            (
                p.sku, p.name, p.department, p.tax_class, p.price_in(currency),
                p.sold_by_weight, p.active,
            )
            for p in items
        ],
    )  # fmt: skip
    skus = list(dict.fromkeys(p.sku for p in items))
    ids: dict[str, int] = {}
    for start in range(0, len(skus), _IN_BATCH):
        batch = skus[start : start + _IN_BATCH]
        marks = ", ".join("?" * len(batch))
        found = conn.exec_driver_sql(
            f"SELECT sku, id FROM products WHERE sku IN ({marks})",  # noqa: S608
            tuple(batch),
        )
        ids.update((sku, pid) for sku, pid in found)
    # Each product's barcodes are replaced as a set: the feed carries its whole state.
    pids = list(ids.values())
    for start in range(0, len(pids), _IN_BATCH):
        batch_ids = pids[start : start + _IN_BATCH]
        marks = ", ".join("?" * len(batch_ids))
        conn.exec_driver_sql(
            f"DELETE FROM product_barcodes WHERE product_id IN ({marks})",  # noqa: S608
            tuple(batch_ids),
        )
    codes = {code: ids[p.sku] for p in items for code in p.barcodes}  # a moved code: last wins
    if codes:
        conn.exec_driver_sql(_UPSERT_BARCODES, list(codes.items()))


def _tax_classes(session: Session, changes: list[FeedChange]) -> None:
    rows = [_TaxData.model_validate(c.data).model_dump() for c in changes]
    stmt = insert(TaxRateRow)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["tax_class"],
            set_={"rate": stmt.excluded.rate, "label": stmt.excluded.label},
        ),
        rows,
    )


def _store(session: Session, changes: list[FeedChange]) -> None:
    info = StoreInfo.model_validate(changes[-1].data)
    # The profile (with this till's id) is written at enrollment; the feed keeps it current.
    session.execute(
        update(StoreProfile)
        .where(StoreProfile.id == 1, StoreProfile.store_id == info.store_id)
        .values(
            store_name=info.name,
            currency=info.currency,
            tax_mode=info.tax_mode,
            cash_rounding_step=info.cash_rounding_step,
            locale=info.locale,
        )
    )


def _stock(session: Session, changes: list[FeedChange]) -> None:
    rows = [
        {**_StockData.model_validate(c.data).model_dump(), "feed_position": c.position}
        for c in changes
    ]
    stmt = insert(HubStockLevel)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["sku"],
            set_={
                "quantity_milli": stmt.excluded.quantity_milli,
                "feed_position": stmt.excluded.feed_position,
            },
        ),
        rows,
    )


def _staff(session: Session, changes: list[FeedChange]) -> None:
    rows = []
    for change in changes:
        data = _StaffData.model_validate(change.data)
        rows.append(
            {
                "code": data.staff_code,
                "name": data.name,
                "role": str(data.role),
                "pin_hash": data.pin_hash,  # verified offline at the till
                "hub_pin_hash": data.pin_hash,
                "active": data.active,
            }
        )
    stmt = insert(Staff)
    # A sign-in may have upgraded the hub's (legacy) hash locally (services/staff/auth.py):
    # keep that upgrade while the hub still sends the hash it sent before; a different hash
    # from the hub is a new PIN set at head office and replaces it.
    same_pin = Staff.hub_pin_hash == stmt.excluded.hub_pin_hash
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["code"],
            set_={
                **{k: stmt.excluded[k] for k in ("name", "role", "active", "hub_pin_hash")},
                "pin_hash": case((same_pin, Staff.pin_hash), else_=stmt.excluded.pin_hash),
            },
        ),
        rows,
    )


def _promotions(session: Session, changes: list[FeedChange]) -> None:
    # A tombstone: the promotion left this store's scope (moved, or removed at head office).
    removed = [c.key for c in changes if c.data.get("removed") is True]
    if removed:
        session.execute(delete(PromotionRow).where(PromotionRow.promo_id.in_(removed)))
    changes = [c for c in changes if c.data.get("removed") is not True]
    if not changes:
        return
    rows = []
    for change in changes:
        promo = _PromotionData.model_validate(change.data)
        rows.append(
            {
                "promo_id": promo.promo_id,
                "name": promo.name,
                "store_id": promo.store_id,
                "starts_at": _utc(promo.starts_at),
                "ends_at": _utc(promo.ends_at),
                "rules": json.dumps(promo.rules, sort_keys=True, separators=(",", ":")),
                "feed_position": change.position,
            }
        )
    stmt = insert(PromotionRow)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["promo_id"],
            set_={k: stmt.excluded[k] for k in rows[0] if k != "promo_id"},
        ),
        rows,
    )


def _web_orders(session: Session, changes: list[FeedChange]) -> None:
    orders = [(WebOrder.model_validate(c.data), c.position) for c in changes]
    rows = [
        {
            "number": o.number,
            "status": str(o.status),
            "payment_status": str(o.payment_status),
            "pickup_code": o.pickup_code,
            "currency": o.currency,
            "total_minor": o.total_minor,
            "customer_email": o.customer_email,
            "customer_name": o.customer_name,
            "customer_phone": o.customer_phone,
            "created_at": _utc(o.created_at),
            "source": o.source,
            "feed_position": position,
            # An older hub's order has neither: WebOrder reads it as a pickup.
            "fulfilment": o.fulfilment,
            "deliver_to": o.deliver_to if o.fulfilment == "delivery" else None,
        }
        for o, position in orders
    ]
    stmt = insert(WebOrderRow)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["number"],
            set_={k: stmt.excluded[k] for k in rows[0] if k != "number"},
        ),
        rows,
    )
    numbers = [o.number for o, _ in orders]
    session.execute(delete(WebOrderLineRow).where(WebOrderLineRow.order_number.in_(numbers)))
    lines = [
        {
            "order_number": o.number,
            "line_no": i,
            "sku": line.sku,
            "name": line.name,
            "quantity_milli": line.quantity_milli,
            "unit_price_minor": line.unit_price_minor,
        }
        for o, _ in orders
        for i, line in enumerate(o.lines, start=1)
    ]
    if lines:
        session.execute(insert(WebOrderLineRow), lines)


# Order matters: tax classes before the products that name them, the store before the rest.
_APPLIERS: tuple[tuple[FeedKind, Callable[[Session, list[FeedChange]], None]], ...] = (
    (FeedKind.STORE, _store),
    (FeedKind.TAX_CLASS, _tax_classes),
    (FeedKind.PRODUCT, _products),
    (FeedKind.STOCK, _stock),
    (FeedKind.PROMOTION, _promotions),
    (FeedKind.STAFF, _staff),
    (FeedKind.WEB_ORDER, _web_orders),
    (FeedKind.RETURN_POLICY, apply_policy_changes),
    (FeedKind.REASON_CODE, apply_reason_code_changes),
)
