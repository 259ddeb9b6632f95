"""The print queue in the till database (``print_jobs``), and reprints journaled.

``hardware.workers.PrintQueue`` calls this on the printer's own worker thread, one short
transaction per call (BEGIN IMMEDIATE on the writer engine; the busy timeout covers the sale
lane holding the lock). A receipt is written before it is tried and marked once the printer
took it, so anything not yet printed is still there after a restart, in order. Printed rows
stay ``keep_days`` (``[printer] keep_days``, 90 by default), then are pruned at start and once
a day after (the queue must not grow for ever). A reprint of a past receipt starts from the
stored document, or, once pruned, from the receipt rebuilt from the sale rows
(services/sale/receipt_rows.py); either way it is marked DUPLICATE, queued, and a
``receipt_reprint`` journal entry is written in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from hardware.workers import JobKind
from pos_app.db.models import PrintJob
from pos_app.domain.l10n.messages import msg
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.receipt_codec import decode_receipt, encode_receipt
from pos_app.services.sale.receipt_rows import receipt_from_rows
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context

__all__ = ["DEFAULT_KEEP_DAYS", "REPRINT_JOURNAL_KIND", "SqlPrintJobs", "prune_printed"]

REPRINT_JOURNAL_KIND = "receipt_reprint"
DEFAULT_KEEP_DAYS = 90
PRUNE_EVERY = timedelta(days=1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SqlPrintJobs:
    """A ``hardware.workers.PrintJobStore`` on the till database."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        till_id: str,
        clock: Callable[[], datetime] = _utc_now,
        keep_days: int = DEFAULT_KEEP_DAYS,
    ) -> None:
        self._sessions = session_factory
        self._till_id = till_id
        self._clock = clock
        self._keep = timedelta(days=keep_days)
        self._pruned_at: datetime | None = None
        self.pruned = 0  # jobs removed by the last prune (for the log and the tests)

    def add(self, doc: ReceiptDocument, kind: JobKind) -> int:
        with self._sessions.begin() as session:
            return self._insert(session, doc, kind)

    def add_copy(self, receipt_no: str | None) -> tuple[int, ReceiptDocument]:
        with self._sessions.begin() as session:
            query = select(PrintJob).where(PrintJob.kind == "receipt")
            if receipt_no is not None:
                query = query.where(PrintJob.receipt_no == receipt_no)
            original = session.scalars(query.order_by(PrintJob.id.desc()).limit(1)).first()
            if original is not None:
                doc, source = decode_receipt(original.document), {"original_job": original.id}
            elif receipt_no is not None:
                # Pruned from the queue (or never printed: a printer fault that day): the
                # receipt as the sale rows say. LookupError names it when there is no sale.
                context = load_till_context(session)
                try:
                    doc = receipt_from_rows(session, receipt_no, context)
                except LookupError:
                    raise LookupError(
                        msg(
                            "Receipt {receipt} was never printed at this till, and no sale or "
                            "return of this till has that number: check the number.",
                            receipt=receipt_no,
                        )
                    ) from None
                source = {"rebuilt": True}
            else:
                raise LookupError(msg("Nothing has been printed yet: there is no receipt to copy."))
            copy = replace(doc, duplicate=True)
            job = self._insert(session, copy, "duplicate")
            journal.append_entry(
                session,
                till_id=self._till_id,
                kind=REPRINT_JOURNAL_KIND,
                created_at=self._clock(),
                body={"receipt_no": copy.receipt_no, "print_job": job, **source},
            )
            return job, copy

    def waiting(self) -> list[tuple[int, ReceiptDocument]]:
        self._prune_if_due()  # at start: the print queue loads what is waiting
        with self._sessions() as session:
            rows = session.scalars(
                select(PrintJob).where(PrintJob.printed_at.is_(None)).order_by(PrintJob.id)
            )
            return [(row.id, decode_receipt(row.document)) for row in rows]

    def mark_printed(self, job_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(PrintJob, job_id)
            if row is not None and row.printed_at is None:
                row.printed_at = self._clock()
        self._prune_if_due()  # a till left running for weeks: once a day

    def _prune_if_due(self) -> None:
        now = self._clock()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        with self._sessions.begin() as session:
            self.pruned = prune_printed(session, now - self._keep)

    def last_receipt_no(self) -> str | None:
        with self._sessions() as session:
            return session.scalars(
                select(PrintJob.receipt_no)
                .where(PrintJob.kind == "receipt")
                .order_by(PrintJob.id.desc())
                .limit(1)
            ).first()

    def _insert(self, session: Session, doc: ReceiptDocument, kind: JobKind) -> int:
        row = PrintJob(
            receipt_no=doc.receipt_no,
            kind=kind,
            document=encode_receipt(doc),
            created_at=self._clock(),
        )
        session.add(row)
        session.flush()
        return row.id


def prune_printed(session: Session, before: datetime) -> int:
    """Delete the jobs printed before ``before`` (never one still waiting); how many went.

    One indexed range delete (``ix_print_jobs_waiting`` starts with printed_at)."""
    result = session.execute(
        delete(PrintJob).where(PrintJob.printed_at.is_not(None), PrintJob.printed_at < before)
    )
    return int(getattr(result, "rowcount", 0) or 0)
