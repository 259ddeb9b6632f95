"""What a hub process is configured with; passed to ``create_app``, never read from globals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class HubSettings:
    db_url: str
    # A long-poll re-reads the feed at least this often even without a wake-up: covers writes
    # made by another process on SQLite (no NOTIFY there) and a listener reconnecting.
    feed_recheck_seconds: float = 1.0
    pool_size: int = 10
    max_overflow: int = 20
    enroll_code_ttl: timedelta = timedelta(hours=24)
    # The web store's pickup page, e.g. "https://shop.example/pickup?code={code}": the
    # ready-for-pickup e-mail links it (and its QR code encodes it; the till's scanner finds
    # the order from that link). None: the e-mail gives the pickup code only.
    pickup_link_template: str | None = None
