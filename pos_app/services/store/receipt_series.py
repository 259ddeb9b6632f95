"""Receipt numbers: one consecutive series per till, apart from the journal sequence.

Sales, returns and exchanges (both halves) take the next number of their till's series, and
nothing else does: approvals, drawer openings, no-sales, cash movements and Z reports are
journal entries without a receipt number. So the numbers an auditor sees on paper run
000001, 000002, 000003… with no gaps (docs/store-day.md). The number is taken in the caller's
transaction, so a sale that rolls back gives its number back.

The printed form is ``<till id>-<number, six digits or more>``; returns look receipts up by
that text, and receipts printed before the series existed keep the numbers they carry
(migration 0012 starts each series after the highest one).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pos_app.db.models import ReceiptSeries

__all__ = ["format_receipt_no", "next_receipt_no", "peek_receipt_no"]


def format_receipt_no(till_id: str, number: int) -> str:
    return f"{till_id}-{number:06d}"


def _last(session: Session, till_id: str) -> ReceiptSeries | None:
    # no_autoflush: reading the series must not flush the caller's half-built rows.
    with session.no_autoflush:
        return session.get(ReceiptSeries, till_id)


def peek_receipt_no(session: Session, till_id: str, ahead: int = 1) -> str:
    """The number the ``ahead``-th next receipt will take (an exchange names both halves)."""
    row = _last(session, till_id)
    return format_receipt_no(till_id, (row.last_no if row else 0) + ahead)


def next_receipt_no(session: Session, till_id: str) -> str:
    """Take the next number, in the caller's transaction (it holds the write lock)."""
    row = _last(session, till_id)
    if row is None:
        row = ReceiptSeries(till_id=till_id, last_no=0)
        session.add(row)
    row.last_no += 1
    return format_receipt_no(till_id, row.last_no)
