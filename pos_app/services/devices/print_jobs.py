"""The print queue in the till database (``print_jobs``), and reprints journaled.

``hardware.workers.PrintQueue`` calls this on the printer's own worker thread, one short
transaction per call (BEGIN IMMEDIATE on the writer engine; the busy timeout covers the sale
lane holding the lock). A receipt is written before it is tried and marked once the printer
took it, so anything not yet printed is still there after a restart, in order. Printed rows
stay: a reprint of any past receipt starts from the stored document, marks it DUPLICATE,
queues it and writes a ``receipt_reprint`` journal entry in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hardware.workers import JobKind
from pos_app.db.models import PrintJob
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.receipt_codec import decode_receipt, encode_receipt
from pos_app.services.store import journal

__all__ = ["REPRINT_JOURNAL_KIND", "SqlPrintJobs"]

REPRINT_JOURNAL_KIND = "receipt_reprint"


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SqlPrintJobs:
    """A ``hardware.workers.PrintJobStore`` on the till database."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        till_id: str,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._sessions = session_factory
        self._till_id = till_id
        self._clock = clock

    def add(self, doc: ReceiptDocument, kind: JobKind) -> int:
        with self._sessions.begin() as session:
            return self._insert(session, doc, kind)

    def add_copy(self, receipt_no: str | None) -> tuple[int, ReceiptDocument]:
        with self._sessions.begin() as session:
            query = select(PrintJob).where(PrintJob.kind == "receipt")
            if receipt_no is not None:
                query = query.where(PrintJob.receipt_no == receipt_no)
            original = session.scalars(query.order_by(PrintJob.id.desc()).limit(1)).first()
            if original is None:
                raise LookupError(
                    f"receipt {receipt_no} was never printed at this till"
                    if receipt_no
                    else "nothing has been printed yet"
                )
            copy = replace(decode_receipt(original.document), duplicate=True)
            job = self._insert(session, copy, "duplicate")
            journal.append_entry(
                session,
                till_id=self._till_id,
                kind=REPRINT_JOURNAL_KIND,
                created_at=self._clock(),
                body={"receipt_no": copy.receipt_no, "print_job": job, "original_job": original.id},
            )
            return job, copy

    def waiting(self) -> list[tuple[int, ReceiptDocument]]:
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
