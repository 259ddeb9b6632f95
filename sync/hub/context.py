"""``Hub``: the database plus what happens around each write (feed rows, wake-ups)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from pos_app.domain.staff.credentials import PinHasher
from sync.hub import feed
from sync.hub.db import HubDatabase
from sync.hub.feed import PendingChanges
from sync.hub.models import utc_now

WakeCallback = Callable[[Iterable[str]], None]


@dataclass
class Hub:
    db: HubDatabase
    clock: Callable[[], datetime] = utc_now
    # Called after each commit that added feed rows, with their scopes (from any thread).
    wake_listeners: list[WakeCallback] = field(default_factory=list)
    # See HubSettings.pickup_link_template.
    pickup_link_template: str | None = None
    # Staff PINs: the same argon2id hashing the tills verify with (pos_app.domain.staff).
    pin_hasher: PinHasher = field(default_factory=PinHasher)
    # Hashes and checks console passwords (sync/hub/console/accounts.py).
    passwords: PasswordHasher = field(default_factory=PasswordHasher)

    @contextmanager
    def change(self) -> Iterator[tuple[Session, PendingChanges]]:
        """One write transaction; its feed rows are appended last, numbered, then readers woken."""
        pending = PendingChanges()
        with self.db.write() as session:
            yield session, pending
            feed.append(session, pending.changes)
        if pending.changes:
            # After the commit, outside the write transaction (sync/hub/feed.py).
            feed.publish(self.db.engine)
            for listener in self.wake_listeners:
                listener(pending.scopes)
