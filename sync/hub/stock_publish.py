"""Stock out to the web store: available-to-sell per location, through Shopify's GraphQL Admin
API (docs/architecture.md, "One stock truth").

Why GraphQL ``inventorySetQuantities`` (API 2026-04): REST is legacy for new integrations, and
the mutation sets absolute levels for up to many (item, location) pairs in one call, which is
what a source of truth does. We set ``name: "available"`` with ``reason: "correction"`` and
``changeFromQuantity: null`` on every quantity: the field is mandatory, and null skips the
compare-and-swap check, which is what Shopify advises for "the source of truth" (Shopify's own
checkout lowers ``available`` between two of our pushes, so a compare would fail for no
reason). From 2026-04 the mutation must carry ``@idempotent(key:)``; the key is derived from the
rows and *versions* sent, so a retry of the same send is recognised by Shopify while a later
send of the same level (after it went down and up again) is a new request.

Ordering: one ``stock_pushes`` row per (shop, location, SKU). A publisher claims due rows by
moving ``due_at`` forward (a conditional UPDATE: two publishers, in two hub workers, never hold
the same row), reads the ATS *after* claiming, sends it, and records the version it read. The
next send of that row reads again, later, so an older level is never sent after a newer one.
Coalescing: after a send the row is not due again before ``coalesce_seconds``, however many
changes arrive meanwhile (they only bump its version).

Failures: THROTTLED (HTTP 200 with ``errors[].extensions.code``) and HTTP 429 wait as the
answer says (``extensions.cost.throttleStatus``: the missing points over ``restoreRate``;
``Retry-After``) and count no attempt; timeouts, resets and 5xx retry with capped exponential
backoff; ``userErrors`` that name a quantity (unknown item or location, not stocked there) fail
that row with the reason (listed by ``hub stock-pushes``), the others go again at once.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import requests
from sqlalchemy import case, select, update

from pos_app.domain.retry import capped_delay
from sync.hub import stock_truth
from sync.hub.db import HubDatabase, dialect_insert
from sync.hub.models import ShopifyItem, ShopifyLocation, ShopifyPublish, StockPush, utc_now
from sync.hub.shopify_admin import (
    MAX_ERROR,
    MUTATION_COST,
    PERMANENT_CODES,
    Refused,
    ShopifyAdmin,
    Throttled,
    Unavailable,
    UserError,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublishTiming:
    poll_seconds: float = 0.5
    coalesce_seconds: float = 3.0  # at most one update per item and location this often
    retry_base_seconds: float = 2.0
    retry_cap_seconds: float = 600.0
    max_attempts: int = 15  # then failed (a new change of the item queues it again)
    batch: int = 100  # quantities per mutation
    lease_seconds: float = 60.0  # > the request timeout: a claim outlives its send
    timeout_seconds: float = 10.0
    max_throttle_wait: float = 30.0


@dataclass(frozen=True)
class Claimed:
    id: int
    shop: str
    store_id: str
    sku: str
    version: int
    attempts: int
    changed_at: datetime


@dataclass
class PublishReport:
    sent: int = 0  # rows whose level reached the web store
    requests: int = 0
    failed: int = 0
    retried: int = 0
    throttled: int = 0
    paced: int = 0  # waits taken before a mutation because the bucket was nearly empty
    delays: list[float] = field(default_factory=list)  # first change -> sent, per row


class StockPublisher:
    """Sends what ``stock_pushes`` says is owed; ``run_once`` is one pass (the jobs thread, the
    ``hub run-jobs`` command and the tests call it)."""

    def __init__(
        self,
        db: HubDatabase,
        timing: PublishTiming | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        http: requests.Session | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self._db = db
        self.timing = timing or PublishTiming()
        self._clock = clock
        self._http = http or requests.Session()
        self._stop = threading.Event()
        self._sleep = sleep or self._stop.wait
        self._failing = False

    def stop(self) -> None:
        self._stop.set()

    def run_once(self) -> PublishReport:
        report = PublishReport()
        claimed = self._claim()
        by_shop: dict[str, list[Claimed]] = defaultdict(list)
        for row in claimed:
            by_shop[row.shop].append(row)
        for shop, rows in sorted(by_shop.items()):
            self._publish_shop(shop, rows, report)
        return report

    def run_until_idle(self, max_passes: int = 1000) -> PublishReport:
        """Passes until nothing is due now (tests and ``hub run-jobs``)."""
        total = PublishReport()
        for _ in range(max_passes):
            report = self.run_once()
            for name in ("sent", "requests", "failed", "retried", "throttled", "paced"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            total.delays.extend(report.delays)
            if report.requests == 0 and report.sent == 0 and report.failed == 0:
                break
        return total

    # -- claiming --------------------------------------------------------------------------

    def _claim(self) -> list[Claimed]:
        now = self._clock()
        lease = now + timedelta(seconds=self.timing.lease_seconds)
        limit = self.timing.batch * 5
        # Look first with a read (no write lock on SQLite when nothing is due), then claim.
        with self._db.read() as session:
            due = list(
                session.scalars(
                    select(StockPush.id)
                    .where(StockPush.status == stock_truth.PENDING, StockPush.due_at <= now)
                    .order_by(StockPush.due_at, StockPush.id)
                    .limit(limit)
                )
            )
        if not due:
            return []
        with self._db.write() as session:
            # SKIP LOCKED (PostgreSQL): rows an ingest is touching right now are left for the
            # next pass instead of waited for, so a claim never takes part in a deadlock.
            free = list(
                session.scalars(
                    select(StockPush.id)
                    .where(StockPush.id.in_(due))
                    .order_by(StockPush.id)
                    .with_for_update(skip_locked=True)
                )
            )
            rows = session.execute(
                update(StockPush)
                .where(
                    StockPush.id.in_(free),
                    StockPush.status == stock_truth.PENDING,
                    StockPush.due_at <= now,
                )
                .values(due_at=lease)
                .returning(
                    StockPush.id,
                    StockPush.shop_domain,
                    StockPush.store_id,
                    StockPush.sku,
                    StockPush.version,
                    StockPush.attempts,
                    StockPush.changed_at,
                )
            ).all()
        return sorted((Claimed(*row) for row in rows), key=lambda c: c.id)

    # -- one shop --------------------------------------------------------------------------

    def _publish_shop(self, shop: str, rows: list[Claimed], report: PublishReport) -> None:
        with self._db.read() as session:
            config = session.get(ShopifyPublish, shop)
            locations = dict(
                session.execute(
                    select(ShopifyLocation.store_id, ShopifyLocation.location_gid).where(
                        ShopifyLocation.shop_domain == shop
                    )
                ).all()
            )
        if config is None:
            self._fail(rows, "the shop no longer publishes stock", permanent=True, report=report)
            return
        admin = ShopifyAdmin(
            config.endpoint, config.access_token, self._http, self.timing.timeout_seconds
        )
        try:
            items = self._items(admin, shop, sorted({r.sku for r in rows}))
        except Throttled as exc:
            report.throttled += 1
            self._release(rows, exc.wait_seconds)
            self._sleep(min(exc.wait_seconds, self.timing.max_throttle_wait))
            return
        except (Unavailable, Refused) as exc:
            self._fail(rows, str(exc), permanent=False, report=report)
            return
        sendable: list[Claimed] = []
        for row in rows:
            if row.store_id not in locations:
                self._fail(
                    [row],
                    f"store {row.store_id} has no Shopify location",
                    permanent=True,
                    report=report,
                )
            elif items.get(row.sku) is None:
                self._fail(
                    [row],
                    f"SKU {row.sku} is not an inventory item in {shop}",
                    permanent=True,
                    report=report,
                )
            else:
                sendable.append(row)
        size = self.timing.batch
        for start in range(0, len(sendable), size):
            if not self._send(admin, sendable[start : start + size], locations, items, report):
                self._release(sendable[start + size :], 0.0)  # throttled: the rest later
                return

    def _items(self, admin: ShopifyAdmin, shop: str, skus: list[str]) -> dict[str, str | None]:
        """Each SKU's inventory item: from the table, else asked once and kept (a SKU Shopify
        does not have is asked again after an hour: it may have been added since)."""
        now = self._clock()
        with self._db.read() as session:
            known = {
                row.sku: row
                for row in session.scalars(
                    select(ShopifyItem).where(
                        ShopifyItem.shop_domain == shop, ShopifyItem.sku.in_(skus)
                    )
                )
            }
        found: dict[str, str | None] = {}
        ask: list[str] = []
        for sku in skus:
            row = known.get(sku)
            if row is not None and (
                row.inventory_item_gid is not None or now - row.checked_at < timedelta(hours=1)
            ):
                found[sku] = row.inventory_item_gid
            else:
                ask.append(sku)
        for start in range(0, len(ask), 50):
            part = ask[start : start + 50]
            answer = admin.find_items(part)
            with self._db.write() as session:
                for sku in part:
                    found[sku] = answer.get(sku)
                    stmt = dialect_insert(session, ShopifyItem).values(
                        shop_domain=shop, sku=sku, inventory_item_gid=found[sku], checked_at=now
                    )
                    session.execute(
                        stmt.on_conflict_do_update(
                            index_elements=["shop_domain", "sku"],
                            set_={
                                "inventory_item_gid": stmt.excluded.inventory_item_gid,
                                "checked_at": stmt.excluded.checked_at,
                            },
                        )
                    )
        return found

    def _send(
        self,
        admin: ShopifyAdmin,
        rows: list[Claimed],
        locations: dict[str, str],
        items: dict[str, str | None],
        report: PublishReport,
    ) -> bool:
        """One mutation; False when throttled (the caller stops this pass for the shop)."""
        # Read the levels now, after the claim: nothing older than this can be sent later.
        levels: dict[int, int] = {}
        with self._db.read() as session:
            by_store: dict[str, list[Claimed]] = defaultdict(list)
            for row in rows:
                by_store[row.store_id].append(row)
            for store_id, part in by_store.items():
                ats = stock_truth.available_at(session, store_id, [r.sku for r in part])
                for row in part:
                    levels[row.id] = stock_truth.publishable_units(ats[row.sku])
        quantities = [
            {
                "inventoryItemId": items[row.sku],
                "locationId": locations[row.store_id],
                "quantity": levels[row.id],
            }
            for row in rows
        ]
        key = _idempotency_key(rows, quantities)
        pause = admin.wait_before(MUTATION_COST)
        if pause > 0:
            report.paced += 1
            self._sleep(min(pause, self.timing.max_throttle_wait))
        report.requests += 1
        try:
            errors = admin.set_available(
                quantities, key=key, reference=f"gid://omnitill/StockSync/{key}"
            )
        except Throttled as exc:
            report.throttled += 1
            self._release(rows, exc.wait_seconds)
            self._sleep(min(exc.wait_seconds, self.timing.max_throttle_wait))
            return False
        except (Unavailable, Refused) as exc:
            self._fail(rows, str(exc), permanent=False, report=report)
            return True
        if not errors:
            self._sent(rows, levels, report)
            return True
        # All or nothing: nothing was applied. Rows an error names fail; the rest go again.
        named: dict[int, UserError] = {}
        general: list[UserError] = []
        for error in errors:
            index = error.quantity_index
            if index is not None and index < len(rows):
                named.setdefault(index, error)
            else:
                general.append(error)
        if general:
            text = "; ".join(f"{e.code}: {e.message}" for e in general)
            self._fail(rows, f"refused by the web store: {text}", permanent=False, report=report)
            return True
        for index, error in sorted(named.items()):
            self._fail(
                [rows[index]],
                f"{error.code}: {error.message}",
                permanent=error.code in PERMANENT_CODES,
                report=report,
            )
        rest = [row for i, row in enumerate(rows) if i not in named]
        self._release(rest, 0.0)
        report.retried += len(rest)
        return True

    # -- recording outcomes ----------------------------------------------------------------

    def _sent(self, rows: list[Claimed], levels: dict[int, int], report: PublishReport) -> None:
        now = self._clock()
        next_due = now + timedelta(seconds=self.timing.coalesce_seconds)
        with self._db.write() as session:
            for row in _lock_order(rows):
                session.execute(
                    update(StockPush)
                    .where(StockPush.id == row.id)
                    .values(
                        sent_version=row.version,
                        sent_level=levels[row.id],
                        sent_at=now,
                        attempts=0,
                        last_error=None,
                        # Changed again while we sent: pending, due after the window.
                        status=case(
                            (StockPush.version > row.version, stock_truth.PENDING),
                            else_=stock_truth.SENT,
                        ),
                        due_at=next_due,
                    )
                )
        report.sent += len(rows)
        report.delays.extend((now - row.changed_at).total_seconds() for row in rows)
        if self._failing:
            self._failing = False
            log.info("web-store stock updates are going through again")

    def _release(self, rows: list[Claimed], wait_seconds: float) -> None:
        """Give rows back unsent and without an attempt counted (a throttle, a retry)."""
        if not rows:
            return
        due = self._clock() + timedelta(seconds=wait_seconds)
        with self._db.write() as session:
            for row in _lock_order(rows):
                session.execute(update(StockPush).where(StockPush.id == row.id).values(due_at=due))

    def _fail(
        self, rows: list[Claimed], error: str, *, permanent: bool, report: PublishReport
    ) -> None:
        now = self._clock()
        timing = self.timing
        with self._db.write() as session:
            for row in _lock_order(rows):
                attempts = row.attempts + 1
                give_up = permanent or attempts >= timing.max_attempts
                delay = capped_delay(
                    timing.retry_base_seconds, timing.retry_cap_seconds, attempts - 1
                )
                session.execute(
                    update(StockPush)
                    .where(StockPush.id == row.id)
                    .values(
                        attempts=attempts,
                        last_error=error[:MAX_ERROR],
                        status=stock_truth.FAILED if give_up else stock_truth.PENDING,
                        due_at=now + timedelta(seconds=delay),
                    )
                )
        report.failed += sum(1 for _ in rows) if permanent else 0
        report.retried += 0 if permanent else len(rows)
        if not permanent and not self._failing:
            self._failing = True
            log.warning("web-store stock updates failing (will retry): %s", error)


def _lock_order(rows: Sequence[Claimed]) -> list[Claimed]:
    """Rows in the order every writer locks them (store, shop, SKU; ``stock_truth.touch``),
    so a publisher's update and an ingest's touch queue instead of deadlocking."""
    return sorted(rows, key=lambda r: (r.store_id, r.shop, r.sku))


def _idempotency_key(rows: Sequence[Claimed], quantities: Sequence[dict[str, Any]]) -> str:
    """The same rows at the same versions with the same levels: the same key (a retry)."""
    text = repr([(r.id, r.version) for r in rows]) + repr(list(quantities))
    return str(uuid.UUID(hashlib.sha256(text.encode()).hexdigest()[:32]))
