"""What a completed operation changed, told to every screen that shows it.

The model is Anki's ``OpChanges``: an operation does not know which screens depend on what it
wrote, it says what changed, and each screen that cares subscribes once and refreshes its own
part. On the till an operation is one user action: one DB lane transaction (a sale, a return,
a collection hand-over, a queued customer) or one edit of the basket in memory (a coupon, a
customer attached). Once it has completed, the screen that ran it publishes an ``OpChanges``
on the till's ``ChangeNotifier``:

    changes.publish(OpChanges(outbox=True, drawer_open=opened), origin=self)

and a screen that cares subscribed when it was built:

    changes.subscribe(self.on_op_changes)

    def on_op_changes(self, changes: OpChanges, origin: object | None) -> None:
        if changes.promotions or changes.customer:
            self.show_basket()

Rules that keep it simple:

- Publish after the commit (in the lane's success callback), on the GUI thread; subscribers
  run on the publisher's thread and may touch widgets. A failed operation publishes nothing.
- The flags say *what* changed, never *who* must react: a new screen adds a subscriber, the
  publishers stay as they are. Two changes carry their record (``sale``, ``drawer_open``)
  because the reaction needs it: the receipt to print, the journaled open to kick.
- ``origin`` is the publisher, so a screen can skip what it has already shown itself.
- A subscriber that publishes while being told is queued: every subscriber sees the changes
  in the order they were published. Every subscriber is told even when one of them fails; the
  first failure is raised afterwards, so it is loud but costs no other screen its refresh.

Qt-free (``pos_app.ui`` builds one per till in ``build_till`` and hands it to the screens), so
a service or a test can publish and subscribe without a window.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.sale.drawer import DrawerOpen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpChanges:
    """What one completed operation changed; everything left out did not change."""

    basket: bool = False  # the sale's lines, prices or coupons: the sale screen reprices
    customer: bool = False  # a customer attached to or detached from the sale
    promotions: bool = False  # the store's active promotions (brought by the feed)
    collections: bool = False  # the click-and-collect queue (a step, or a reconcile)
    outbox: bool = False  # events were queued for the hub: the sync client sends them now
    sale: CompletedSale | None = None  # a sale committed at this till, on any screen
    drawer_open: DrawerOpen | None = None  # a drawer open journaled: the drawer may be kicked


Subscriber = Callable[[OpChanges, object | None], None]


class ChangeNotifier:
    """The till's subscribers to ``OpChanges``; one per till, passed in, never global."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._queue: deque[tuple[OpChanges, object | None]] = deque()
        self._telling = False

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Tell ``subscriber`` every later change; returns what unsubscribes it."""
        self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: OpChanges, origin: object | None = None) -> None:
        self._queue.append((changes, origin))
        if self._telling:
            return  # published by a subscriber: told once the current changes are
        self._telling = True
        failures: list[Exception] = []
        try:
            while self._queue:
                told, by = self._queue.popleft()
                for subscriber in list(self._subscribers):
                    try:
                        subscriber(told, by)
                    except Exception as exc:  # the others still refresh; raised below
                        failures.append(exc)
        finally:
            self._telling = False
        for later in failures[1:]:
            log.error("a change subscriber failed", exc_info=later)
        if failures:
            raise failures[0]
