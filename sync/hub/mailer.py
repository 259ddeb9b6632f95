"""Email from the hub: a plain SMTP client (``SmtpMailer.send(to, subject, body)``) and the
background sender that works through the ``receipt_emails`` queue.

The sender runs on its own thread in each hub process, never in a request: a till's push is
acknowledged once the request is stored, and the SMTP conversation happens afterwards. Each
due email is claimed by moving its ``next_attempt_at`` forward in a conditional UPDATE, so two
hub workers (or processes) never send the same email at the same time. A temporary failure
(server down, 4xx) keeps it queued with the error and retries with a capped exponential
backoff; a permanent one (5xx, e.g. the recipient refused) or too many attempts marks it
failed. Without an SMTP server configured the queue is kept and each email's status says why.

``SmtpMailer.send`` knows nothing about receipts, so customer notifications ("your order is
ready") can be sent through the same function.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import select, update

from pos_app.domain.retry import capped_delay
from sync.hub import notifications
from sync.hub.db import HubDatabase
from sync.hub.models import ReceiptEmail, utc_now
from sync.hub.settings import MailerTiming, SmtpSettings
from sync.protocol import ReceiptEmailState

log = logging.getLogger(__name__)
NOT_CONFIGURED = "no SMTP server is configured at the hub: kept queued until one is"
CLAIM_BATCH = 20
# Long enough for one SMTP conversation (timeouts included); a claim that outlives a crashed
# sender simply expires and the email is picked up again.
CLAIM_LEASE = timedelta(minutes=2)
MAX_ERROR = 500


class MailSendError(Exception):
    """Sending failed; ``permanent`` when retrying the same message cannot help."""

    def __init__(self, detail: str, *, permanent: bool) -> None:
        super().__init__(detail)
        self.permanent = permanent


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)  # text/plain, UTF-8, wrapped safely for SMTP
    return message


class SmtpMailer:
    """One SMTP conversation per message: a hub sends few emails, and a long-lived connection
    would only add reconnect logic (servers drop idle clients)."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, to: str, subject: str, body: str) -> None:
        s = self.settings
        message = build_message(s.sender, to, subject, body)
        try:
            with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as client:
                if s.starttls:
                    client.starttls(context=ssl.create_default_context())
                if s.user is not None:
                    client.login(s.user, s.password or "")
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise MailSendError(
                f"recipient refused: {_reply(exc.recipients)}",
                permanent=all(code >= 500 for code in codes),
            ) from None
        except smtplib.SMTPResponseException as exc:
            raw = exc.smtp_error
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
            raise MailSendError(
                f"SMTP {exc.smtp_code}: {text}", permanent=exc.smtp_code >= 500
            ) from None
        except (smtplib.SMTPException, OSError) as exc:  # refused, reset, timeout, TLS
            raise MailSendError(
                f"SMTP server {s.host}:{s.port} unreachable: {exc or type(exc).__name__}",
                permanent=False,
            ) from None


def _reply(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(
        f"{address}: {code} {text.decode('utf-8', 'replace')}"
        for address, (code, text) in recipients.items()
    )


class ReceiptSender:
    """Works through the hub's email queues: receipts the tills asked for, then the customer
    notifications of click-and-collect orders (sync.hub.notifications); ``run_once`` is one
    pass (used by the thread)."""

    def __init__(
        self,
        db: HubDatabase,
        smtp: SmtpSettings | None,
        timing: MailerTiming | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        send: Callable[[str, str, str], None] | None = None,
    ) -> None:
        self._db = db
        self._timing = timing or MailerTiming()
        self._clock = clock
        if send is None and smtp is not None:
            send = SmtpMailer(smtp).send
        self._send = send
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing = False  # log a failure when the state flips, and the recovery once
        # After a notification could not be sent for a passing reason (server down), wait
        # before the next one: each claim counts an attempt, and they run out at MAX_ATTEMPTS.
        self._notes_paused_until: datetime | None = None
        self._notes_failures = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="hub-mailer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # the database away for a moment: try again next round
                log.exception("receipt mailer pass failed")
            self._stop.wait(self._timing.poll_seconds)

    def run_once(self) -> int:
        """Send what is due; the number of emails attempted."""
        if self._send is None:
            self._mark_not_configured()
            return 0
        attempted = 0
        for email_id in self._due():
            claimed = self._claim(email_id)
            if claimed is None:
                continue  # another sender took it
            attempted += 1
            to, subject, body, attempts = claimed
            try:
                self._send(to, subject, body)
            except MailSendError as exc:
                self._failed(email_id, attempts + 1, str(exc), permanent=exc.permanent)
            else:
                self._sent(email_id, attempts + 1)
        return attempted + self._send_notifications()

    def _send_notifications(self) -> int:
        assert self._send is not None
        now = self._clock()
        if self._notes_paused_until is not None and now < self._notes_paused_until:
            return 0
        with self._db.write() as session:
            batch = notifications.claim_queued_notifications(session, CLAIM_BATCH, now=now)
        for i, note in enumerate(batch):
            try:
                self._send(note.recipient_email, note.subject, note.body)
            except MailSendError as exc:
                with self._db.write() as session:
                    notifications.mark_failed(session, note.id, str(exc), now=self._clock())
                if not exc.permanent:
                    self._pause_notifications(batch[i + 1 :])
                    return i + 1
            else:
                with self._db.write() as session:
                    notifications.mark_sent(session, note.id, now=self._clock())
                self._notes_failures, self._notes_paused_until = 0, None
        return len(batch)

    def _pause_notifications(self, unsent: list[notifications.QueuedNotification]) -> None:
        """Hand back what this pass claimed but did not try, and wait (doubling) before more."""
        now = self._clock()
        with self._db.write() as session:
            notifications.release(session, [n.id for n in unsent])
        timing = self._timing
        delay = capped_delay(
            timing.retry_base_seconds, timing.retry_cap_seconds, self._notes_failures
        )
        self._notes_failures += 1
        self._notes_paused_until = now + timedelta(seconds=delay)

    def _due(self) -> list[int]:
        with self._db.read() as session:
            return list(
                session.scalars(
                    select(ReceiptEmail.id)
                    .where(
                        ReceiptEmail.status == ReceiptEmailState.QUEUED.value,
                        ReceiptEmail.next_attempt_at <= self._clock(),
                    )
                    .order_by(ReceiptEmail.next_attempt_at, ReceiptEmail.id)
                    .limit(CLAIM_BATCH)
                )
            )

    def _claim(self, email_id: int) -> tuple[str, str, str, int] | None:
        now = self._clock()
        with self._db.write() as session:
            won = session.execute(
                update(ReceiptEmail)
                .where(
                    ReceiptEmail.id == email_id,
                    ReceiptEmail.status == ReceiptEmailState.QUEUED.value,
                    ReceiptEmail.next_attempt_at <= now,
                )
                .values(next_attempt_at=now + CLAIM_LEASE)
                .returning(
                    ReceiptEmail.to_address,
                    ReceiptEmail.subject,
                    ReceiptEmail.body,
                    ReceiptEmail.attempts,
                )
            ).first()
        return None if won is None else (won[0], won[1], won[2], won[3])

    def _sent(self, email_id: int, attempts: int) -> None:
        now = self._clock()
        with self._db.write() as session:
            session.execute(
                update(ReceiptEmail)
                .where(ReceiptEmail.id == email_id)
                .values(
                    status=ReceiptEmailState.SENT.value,
                    attempts=attempts,
                    last_error=None,
                    updated_at=now,
                )
            )
        if self._failing:
            self._failing = False
            log.info("receipt emails are being sent again")

    def _failed(self, email_id: int, attempts: int, error: str, *, permanent: bool) -> None:
        now = self._clock()
        timing = self._timing
        give_up = permanent or attempts >= timing.max_attempts
        delay = capped_delay(timing.retry_base_seconds, timing.retry_cap_seconds, attempts - 1)
        with self._db.write() as session:
            session.execute(
                update(ReceiptEmail)
                .where(ReceiptEmail.id == email_id)
                .values(
                    status=(
                        ReceiptEmailState.FAILED if give_up else ReceiptEmailState.QUEUED
                    ).value,
                    attempts=attempts,
                    last_error=error[:MAX_ERROR],
                    next_attempt_at=now + timedelta(seconds=delay),
                    updated_at=now,
                )
            )
        if permanent:
            log.warning("receipt email %s refused: %s", email_id, error)
        elif not self._failing:
            self._failing = True
            log.warning("receipt emails cannot be sent now (will retry): %s", error)

    def _mark_not_configured(self) -> None:
        now = self._clock()
        with self._db.write() as session:
            session.execute(
                update(ReceiptEmail)
                .where(
                    ReceiptEmail.status == ReceiptEmailState.QUEUED.value,
                    ReceiptEmail.last_error.is_(None),
                )
                .values(last_error=NOT_CONFIGURED, updated_at=now)
            )
