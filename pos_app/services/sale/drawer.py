"""Opening the cash drawer: every open is journaled with its reason (docs/architecture.md §3, §5).

The journal entry is written in the caller's transaction — for a sale, the same transaction
as the sale — and the drawer is kicked only after that commit (``kick``). So an open that was
never journaled cannot happen, and a crash between commit and kick leaves a journaled open
that did not physically happen, which an auditor can live with; the reverse they cannot.

No-sale opens need permission: the caller passes a callable that decides for a cashier
(services check permissions, not just the UI). Nothing here imports Qt or a device library:
the drawer is any ``hardware.base.CashDrawer``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from hardware.base import CashDrawer
from pos_app.domain.l10n.messages import msg
from pos_app.services.store import journal

__all__ = [
    "DRAWER_JOURNAL_KIND",
    "DrawerOpen",
    "DrawerPermissionError",
    "DrawerReason",
    "DrawerService",
]

DRAWER_JOURNAL_KIND = "drawer_open"
_MAX_NOTE = 200


class DrawerReason(StrEnum):
    SALE = "sale"
    NO_SALE = "no_sale"
    REFUND = "refund"


class DrawerPermissionError(Exception):
    """The cashier may not open the drawer for this reason; nothing was journaled."""


@dataclass(frozen=True)
class DrawerOpen:
    """A journaled drawer open, handed to ``kick`` after the commit."""

    till_id: str
    reason: DrawerReason
    cashier: str
    reference: str | None
    journal_seq: int
    at: datetime


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DrawerService:
    def __init__(
        self,
        may_open_no_sale: Callable[[str], bool],
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._may_open_no_sale = may_open_no_sale
        self._clock = clock

    def record_open(
        self,
        session: Session,
        *,
        till_id: str,
        cashier: str,
        reason: DrawerReason | str,
        reference: str | None = None,
        note: str = "",
    ) -> DrawerOpen:
        """Journal the open in the caller's transaction. Sale and refund opens name their
        receipt in ``reference``; a no-sale open needs permission and a note is kept."""
        reason = DrawerReason(reason)  # a bad reason string fails here, before any write
        if reason is not DrawerReason.NO_SALE and not reference:
            raise ValueError(f"a {reason} drawer open must name its receipt (reference)")
        if reason is DrawerReason.NO_SALE and not self._may_open_no_sale(cashier):
            raise DrawerPermissionError(
                msg(
                    "{cashier} may not open the drawer without a sale: ask a manager.",
                    cashier=cashier,
                )
            )
        now = self._clock()
        entry = journal.append_entry(
            session,
            till_id=till_id,
            kind=DRAWER_JOURNAL_KIND,
            created_at=now,
            body={
                "reason": str(reason),
                "cashier": cashier,
                "reference": reference,
                "note": note[:_MAX_NOTE],
            },
        )
        return DrawerOpen(till_id, reason, cashier, reference, entry.seq, now)

    def record_sale_open(
        self, session: Session, *, till_id: str, cashier: str, receipt_no: str, cash: bool
    ) -> DrawerOpen | None:
        """In the sale's own transaction: journal the open that cash calls for (None if no
        cash was tendered — a card-only sale does not open the drawer)."""
        if not cash:
            return None
        return self.record_open(
            session, till_id=till_id, cashier=cashier, reason=DrawerReason.SALE,
            reference=receipt_no,
        )  # fmt: skip

    @staticmethod
    def kick(drawer: CashDrawer, record: DrawerOpen) -> None:
        """After the commit: pulse the drawer. Device errors propagate as DeviceError."""
        del record  # the record is the proof the open was journaled; the pulse needs nothing
        drawer.open()
