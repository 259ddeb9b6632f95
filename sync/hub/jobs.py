"""Scheduled work at the hub: expiring uncollected orders and publishing stock to the web
stores (docs/architecture.md, "One stock truth").

It runs on a thread of each ``hub serve`` process (``HubJobs``), and as one pass of
``omnitill hub run-jobs`` for a systemd timer. Several processes may run it at once: an
expiry is one transaction per order that re-checks the order's state under its row lock
(``web_orders.change_status``), and the publisher claims its rows; so nothing is done twice.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from pos_app.domain.click_collect.states import DELIVERY, PICKUP, OrderState, expires_uncollected
from sync.hub import stock_truth
from sync.hub.context import Hub
from sync.hub.errors import HubError
from sync.hub.models import StockLocation, WebOrderRow
from sync.hub.stock_publish import PublishReport, PublishTiming, StockPublisher
from sync.hub.web_orders import close_in

log = logging.getLogger(__name__)
# Partly collected orders are closed by their store (only it knows what left the shop).
EXPIRABLE = (OrderState.NEW, OrderState.PICKING, OrderState.READY)
# Deliveries wait for the carrier, not for a customer: the hold period is not theirs (issue 21).
HELD_FOR_PICKUP = [f for f in (PICKUP, DELIVERY) if expires_uncollected(f)]


def overdue_orders(hub: Hub, now: datetime) -> list[str]:
    """Open orders older than their store's hold period, oldest first."""
    with hub.db.read() as session:
        holds = dict(session.execute(select(StockLocation.store_id, StockLocation.hold_days)).all())
        default = stock_truth.LocationRules().hold_days
        oldest = now - timedelta(days=min([default, *holds.values()]))
        rows = session.execute(
            select(WebOrderRow.number, WebOrderRow.store_id, WebOrderRow.created_at)
            .where(
                WebOrderRow.status.in_([str(s) for s in EXPIRABLE]),
                WebOrderRow.fulfilment.in_(HELD_FOR_PICKUP),
                WebOrderRow.created_at <= oldest,
            )
            .order_by(WebOrderRow.created_at, WebOrderRow.id)
        ).all()
    return [
        number
        for number, store_id, created in rows
        if created <= now - timedelta(days=holds.get(store_id, default))
    ]


def expire_overdue(hub: Hub) -> list[str]:
    """Expire every overdue order, each in its own transaction: its reservation is released
    and its customer told (``close_in``); its store's tills hear it through the feed and put
    back what waited in a bag. The numbers expired."""
    expired = []
    for number in overdue_orders(hub, hub.clock()):
        try:
            with hub.change() as (session, pending):
                close_in(session, pending, hub, number, OrderState.EXPIRED)
        except HubError as exc:  # collected or cancelled meanwhile: nothing to do
            log.info("order %s not expired: %s", number, exc.detail)
            continue
        expired.append(number)
    if expired:
        log.info("expired %d uncollected order(s): %s", len(expired), ", ".join(expired))
    return expired


@dataclass(frozen=True)
class JobsTiming:
    expiry_every_seconds: float = 60.0
    publish: PublishTiming = field(default_factory=PublishTiming)


@dataclass
class JobsReport:
    expired: list[str] = field(default_factory=list)
    published: PublishReport = field(default_factory=PublishReport)


def run_jobs_once(hub: Hub, publisher: StockPublisher) -> JobsReport:
    """One pass of everything (``hub run-jobs``): expire, then publish until nothing is due."""
    expired = expire_overdue(hub)
    return JobsReport(expired, publisher.run_until_idle())


class HubJobs:
    """The jobs thread of one hub process."""

    def __init__(self, hub: Hub, timing: JobsTiming | None = None) -> None:
        self.hub = hub
        self.timing = timing or JobsTiming()
        self.publisher = StockPublisher(hub.db, self.timing.publish, clock=hub.clock)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="hub-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self.publisher.stop()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        next_expiry = 0.0
        elapsed = 0.0
        poll = self.timing.publish.poll_seconds
        failing = False  # log when passes start failing and when they recover, not each one
        while not self._stop.is_set():
            try:
                if elapsed >= next_expiry:
                    expire_overdue(self.hub)
                    next_expiry = elapsed + self.timing.expiry_every_seconds
                self.publisher.run_once()
            except Exception:  # the database or the network away for a moment: next round
                if not failing:
                    log.exception("hub jobs failing (will keep trying)")
                failing = True
            else:
                if failing:
                    log.info("hub jobs running again")
                failing = False
            self._stop.wait(poll)
            elapsed += poll
