"""What a hub process is configured with; passed to ``create_app``, never read from globals."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

SMTP_ENV_PREFIX = "OMNITILL_SMTP_"


@dataclass(frozen=True)
class SmtpSettings:
    """The SMTP server the hub sends receipts (and customer notifications) through."""

    host: str
    port: int = 25
    sender: str = "receipts@omnitill.invalid"
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    timeout: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings | None:
        """``OMNITILL_SMTP_HOST`` (required), ``_PORT``, ``_FROM``, ``_STARTTLS`` (1/true),
        ``_USER``, ``_PASSWORD``; None without a host (receipts then stay queued)."""
        values = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = values.get(SMTP_ENV_PREFIX + name, "").strip()
            return value or None

        host = get("HOST")
        if host is None:
            return None
        port = get("PORT")
        try:
            port_number = int(port) if port is not None else 25
        except ValueError:
            raise ValueError(f"{SMTP_ENV_PREFIX}PORT is not a number: {port!r}") from None
        return cls(
            host=host,
            port=port_number,
            sender=get("FROM") or cls.sender,
            starttls=(get("STARTTLS") or "").lower() in ("1", "true", "yes", "on"),
            user=get("USER"),
            password=get("PASSWORD"),
        )


@dataclass(frozen=True)
class MailerTiming:
    """How the hub's mail sender polls and backs off (short in tests)."""

    poll_seconds: float = 2.0
    retry_base_seconds: float = 30.0
    retry_cap_seconds: float = 3600.0
    max_attempts: int = 10  # then the email is marked failed, with its last error


@dataclass(frozen=True)
class HubSettings:
    db_url: str
    # Console passwords (argon2id): argon2-cffi's defaults (RFC 9106's low-memory choice).
    # Tests lower them; a stored hash keeps its own parameters, so verifying still works.
    password_time_cost: int = 3
    password_memory_kib: int = 65536
    password_parallelism: int = 4
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
    # None: no SMTP server configured; receipt emails are kept queued and their status says so.
    smtp: SmtpSettings | None = None
    mailer: MailerTiming = MailerTiming()
    run_mailer: bool = True  # the background sender in this process (off: a CLI/openapi app)
    # Expiring uncollected orders and publishing stock to the web stores (sync/hub/jobs.py),
    # on a thread of this process; off when a systemd timer runs ``hub run-jobs`` instead.
    run_jobs: bool = True
    # Every request body, on every route, is refused (413) beyond this, before it is parsed
    # (sync/hub/limits.py). A till's push batch is a few hundred KB; its pusher halves a
    # batch the hub refused as too large.
    max_body_bytes: int = 8 * 1024 * 1024
    # Enrollment attempts per client address per minute (429 beyond).
    enroll_attempts_per_minute: int = 10
