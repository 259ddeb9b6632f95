"""Voids are journaled: a voided basket or a removed line leaves an entry an auditor (and the
Z report's void counts, services.shifts.records) can see, though nothing was sold.

The basket edit itself happens in memory on the sale screen; this entry is written right
after it, in its own transaction, naming who did it and what.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from pos_app.services.store import journal

VOID_KIND = "void"  # a whole basket
LINE_VOID_KIND = "line_void"  # one line removed from a basket


def record_void(
    session: Session, *, till_id: str, kind: str, cashier: str, what: str, lines: int
) -> int:
    if kind not in (VOID_KIND, LINE_VOID_KIND):
        raise ValueError(f"not a void kind: {kind!r}")
    entry = journal.append_entry(
        session,
        till_id=till_id,
        kind=kind,
        created_at=datetime.now(UTC),
        body={"cashier": cashier, "what": what[:200], "lines": lines},
    )
    return entry.seq
