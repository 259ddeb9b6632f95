"""Shifts per till: open with a counted float, move cash, X at any time, blind close, Z.

One drawer per till by default (docs/store-day.md): the shift belongs to the till's drawer,
whoever signs in. With the store's ``drawer_per_cashier`` each signed-in cashier has their own
drawer on the till: their own shift, float, X and Z (the Z number stays per till), and what
they ring goes on their shift (``drawer_of``). Every action is one transaction in the
caller's session and one journal entry; the drawer is kicked by the caller after the commit
(as services.sale.drawer does). The Z report is a journal entry in the hash chain, numbered
per till, and carries the perpetual grand total; its ``shift.closed`` event goes to the hub
through the outbox, so a Z closed offline syncs later like a sale.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.db.models import (
    CashMovementRow,
    OutboxEvent,
    ShiftRow,
    ShiftSettings,
    ZReportRow,
)
from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import N_, Label, msg
from pos_app.domain.reasons import ReasonCode, ReasonCodeError, ReasonKind, for_kind, reason_text
from pos_app.domain.shifts.denominations import CashCount
from pos_app.domain.shifts.figures import TENDERS, MovementKind, ShiftFigures
from pos_app.services.sale.reason_codes import load_reason_codes
from pos_app.services.shifts.records import MOVEMENT_KIND, shift_figures
from pos_app.services.staff.auth import Approval, Permission
from pos_app.services.store import journal
from pos_app.services.store.till_context import TillContext

__all__ = [
    "SHIFT_CLOSED_EVENT",
    "ClosedShift",
    "OverShortApprovalRequiredError",
    "ShiftError",
    "ShiftRules",
    "ShiftService",
    "ShiftView",
    "drawer_of",
    "load_rules",
    "movement_reasons",
    "open_shift_of",
    "require_open_shift",
    "save_rules",
    "shift_missing",
]

SHIFT_CLOSED_EVENT = "shift.closed"
# Each cash movement takes its reason from the chain's reason codes of its kind (§16).
MOVEMENT_REASON_KINDS: Mapping[MovementKind, ReasonKind] = {
    MovementKind.PAID_IN: ReasonKind.PAID_IN,
    MovementKind.PAID_OUT: ReasonKind.PAID_OUT,
    MovementKind.SAFE_DROP: ReasonKind.SAFE_DROP,
    MovementKind.NO_SALE: ReasonKind.NO_SALE,
}
_MAX_NOTE = 200
_NONE_OPEN = msg("No shift is open on this till: open one (count the float) first.")
_MAX_AMOUNT_MINOR = 10**9
# A movement's kind inside a refusal, translated with it.
_MOVEMENT_NAMES = {
    MovementKind.PAID_IN: N_("paid in"),
    MovementKind.PAID_OUT: N_("paid out"),
    MovementKind.SAFE_DROP: N_("safe drop"),
    MovementKind.NO_SALE: N_("no sale"),
}


class ShiftError(DomainError):
    """The shift action cannot be done as asked; nothing was written."""


class OverShortApprovalRequiredError(ShiftError):
    def __init__(self, over_short_minor: int, threshold_minor: int) -> None:
        super().__init__(
            msg(
                "The cash count is off by more than the store allows: a manager must approve "
                "the close with a reason."
            )
        )
        self.over_short_minor = over_short_minor
        self.threshold_minor = threshold_minor


@dataclass(frozen=True)
class ShiftRules:
    shift_required: bool = False
    over_short_threshold_minor: int = 500
    drawer_per_cashier: bool = False  # off: one shift per till, whoever is signed in


def load_rules(session: Session) -> ShiftRules:
    row = session.get(ShiftSettings, 1)
    if row is None:
        return ShiftRules()
    return ShiftRules(
        row.shift_required, row.over_short_threshold_minor, bool(row.drawer_per_cashier)
    )


def save_rules(session: Session, rules: ShiftRules) -> None:
    if rules.over_short_threshold_minor < 0:
        raise ShiftError(msg("The over/short threshold cannot be negative."))
    row = session.get(ShiftSettings, 1)
    if rules.drawer_per_cashier != (row is not None and row.drawer_per_cashier):
        # An open shift is either the till's or a cashier's: switching under it would leave a
        # drawer no one can close, or two drawers counting the same sales.
        still_open = select(ShiftRow.id).where(ShiftRow.status == "open")
        if session.scalars(still_open).first() is not None:
            raise ShiftError(msg("Close every open shift before changing drawer per cashier."))
    if row is None:
        session.add(
            ShiftSettings(
                id=1,
                shift_required=rules.shift_required,
                over_short_threshold_minor=rules.over_short_threshold_minor,
                drawer_per_cashier=rules.drawer_per_cashier,
            )
        )
    else:
        row.shift_required = rules.shift_required
        row.over_short_threshold_minor = rules.over_short_threshold_minor
        row.drawer_per_cashier = rules.drawer_per_cashier


def drawer_of(session: Session, cashier: str | None) -> str | None:
    """The drawer ``cashier`` works from: their own (their name, as sales and movements record
    who rang them) when the store gives each cashier a drawer; else the till's (None)."""
    with session.no_autoflush:
        if not load_rules(session).drawer_per_cashier:
            return None
    if not cashier:
        raise ShiftError(msg("Each cashier has their own drawer here: sign in first."))
    return cashier


def movement_reasons(session: Session, kind: MovementKind) -> tuple[ReasonCode, ...]:
    """The reasons the till offers (and accepts) for a cash movement: the hub's codes of that
    kind, or the defaults (domain/reasons.py)."""
    return for_kind(load_reason_codes(session), MOVEMENT_REASON_KINDS[kind])


def open_shift_of(session: Session, till_id: str, cashier: str | None = None) -> ShiftRow | None:
    """The open shift of the drawer ``cashier`` works from (``drawer_of``)."""
    drawer = drawer_of(session, cashier)
    owner = ShiftRow.cashier.is_(None) if drawer is None else ShiftRow.cashier == drawer
    with session.no_autoflush:
        return session.scalars(
            select(ShiftRow).where(ShiftRow.till_id == till_id, ShiftRow.status == "open", owner)
        ).first()


def shift_missing(
    session: Session, till_id: str, cashier: str | None = None, rules: ShiftRules | None = None
) -> bool:
    """The store says selling needs an open shift and the drawer ``cashier`` works from has
    none: the sale would be refused (``require_open_shift``), so the till asks for the float
    as the cashier signs in instead of after a basket is rung. ``rules`` when the caller has
    read them already (each read is a SELECT on the sale's commit path)."""
    with session.no_autoflush:
        rules = rules if rules is not None else load_rules(session)
        return rules.shift_required and open_shift_of(session, till_id, cashier) is None


def require_open_shift(session: Session, till_id: str, cashier: str | None = None) -> None:
    """Refuse to sell when the store says selling needs an open shift and the drawer the
    cashier works from has none."""
    with session.no_autoflush:
        rules = load_rules(session)
        if shift_missing(session, till_id, cashier, rules):
            if rules.drawer_per_cashier:
                raise ShiftError(
                    msg(
                        "{cashier}: open your own shift (count your float) before selling.",
                        cashier=cashier,
                    )
                )
            raise ShiftError(msg("Open a shift (count the float) before selling."))


@dataclass(frozen=True)
class ShiftView:
    """A shift as screens and reports see it (no ORM object leaves the session)."""

    uuid: str
    till_id: str
    shift_no: int
    opened_at: datetime
    opened_by: str
    float_minor: int
    status: str


@dataclass(frozen=True)
class ClosedShift:
    shift: ShiftView
    z_no: int
    figures: ShiftFigures
    grand_total_minor: int
    journal_seq: int
    closed_at: datetime
    closed_by: str
    outbox_event_id: str


def _view(row: ShiftRow) -> ShiftView:
    return ShiftView(
        row.uuid,
        row.till_id,
        row.shift_no,
        row.opened_at,
        row.opened_by,
        row.float_minor,
        row.status,
    )


def _last_z(session: Session, till_id: str) -> ZReportRow | None:
    """The till's last Z (Z numbers and the grand total run per till, whoever's drawer)."""
    return session.scalars(
        select(ZReportRow).where(ZReportRow.till_id == till_id).order_by(ZReportRow.z_no.desc())
    ).first()


def _covered_up_to(session: Session, till_id: str, drawer: str | None) -> int:
    """The journal sequence a new shift of ``drawer`` starts after: the last Z of the till
    (the till's drawer), or the last Z that covered this cashier's entries: their own, or one
    of the till's drawer from before the store gave each cashier a drawer."""
    if drawer is None:
        last = _last_z(session, till_id)
        return last.journal_seq if last else 0
    seq = session.scalar(
        select(func.max(ZReportRow.journal_seq))
        .join(ShiftRow, ShiftRow.uuid == ZReportRow.shift_uuid)
        .where(
            ZReportRow.till_id == till_id,
            ShiftRow.cashier.is_(None) | (ShiftRow.cashier == drawer),
        )
    )
    return seq or 0


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ShiftService:
    def __init__(
        self,
        clock: Callable[[], datetime] = _utc_now,
        new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
    ) -> None:
        self._clock = clock
        self._new_uuid = new_uuid

    # -- open -------------------------------------------------------------------------------

    def open_shift(
        self, session: Session, *, context: TillContext, cashier: str, count: CashCount
    ) -> ShiftView:
        if count.currency_code != context.currency.code:
            raise ShiftError(msg("Count the float in {currency}.", currency=context.currency.code))
        drawer = drawer_of(session, cashier)
        if open_shift_of(session, context.till_id, cashier) is not None:
            if drawer is not None:
                raise ShiftError(
                    msg("{cashier} already has a shift open on this till.", cashier=cashier)
                )
            raise ShiftError(msg("A shift is already open on this till: close it first."))
        till = context.till_id
        last_no = select(func.max(ShiftRow.shift_no)).where(ShiftRow.till_id == till)
        number = (session.scalar(last_no) or 0) + 1
        now = self._clock()
        row = ShiftRow(
            uuid=str(self._new_uuid()),
            till_id=till,
            shift_no=number,
            status="open",
            opened_at=now,
            opened_by=cashier,
            float_minor=count.total_minor,
            float_count=json.dumps(count.as_json(), sort_keys=True),
            start_journal_seq=_covered_up_to(session, till, drawer),
            cashier=drawer,
        )
        session.add(row)
        journal.append_entry(
            session,
            till_id=till,
            kind="shift_open",
            created_at=now,
            body={
                "shift_uuid": row.uuid,
                "shift_no": number,
                "cashier": cashier,
                "drawer": drawer,  # None: the till's drawer
                "float_minor": row.float_minor,
                "float_count": count.as_json(),
            },
        )
        session.flush()
        return _view(row)

    def current(
        self, session: Session, till_id: str, cashier: str | None = None
    ) -> ShiftView | None:
        """The open shift of the drawer ``cashier`` works from."""
        row = open_shift_of(session, till_id, cashier)
        return _view(row) if row is not None else None

    # -- cash in / out ---------------------------------------------------------------------

    def record_movement(
        self,
        session: Session,
        *,
        till_id: str,
        cashier: str,
        kind: MovementKind | str,
        amount_minor: int,
        reason: str,
        note: str = "",
    ) -> int:
        """Paid in, paid out, safe drop or no-sale open (amount 0); journaled with the reason
        code, its label and the note. ``reason`` is a code of the till's set for that kind
        (``movement_reasons``). Returns the journal sequence; the caller kicks the drawer after
        the commit."""
        kind = MovementKind(kind)
        code = next((c for c in movement_reasons(session, kind) if c.code == reason), None)
        if code is None:
            raise ShiftError(
                msg(
                    "{reason} is not a reason for a {kind} at this till: choose one of the "
                    "reasons offered.",
                    reason=reason or "(none)",
                    kind=Label(_MOVEMENT_NAMES[kind]),
                )
            )
        note = " ".join(note.split())[:_MAX_NOTE]
        try:
            reason_text(code, note)  # a code needing words ("Other") has them
        except ReasonCodeError as exc:
            raise ShiftError(*exc.args) from None
        if kind is MovementKind.NO_SALE:
            amount_minor = 0
        elif isinstance(amount_minor, bool) or not 0 < amount_minor <= _MAX_AMOUNT_MINOR:
            raise ShiftError(msg("Enter an amount greater than zero."))
        shift = open_shift_of(session, till_id, cashier)
        if shift is None:
            raise ShiftError(_NONE_OPEN)
        now = self._clock()
        entry = journal.append_entry(
            session,
            till_id=till_id,
            kind=MOVEMENT_KIND,
            created_at=now,
            body={
                "shift_uuid": shift.uuid,
                "kind": str(kind),
                "amount_minor": amount_minor,
                "reason": code.code,
                # The label as the till offered it: the reports show it even if head office
                # renames or drops the code later.
                "reason_label": code.label,
                "note": note,
                "cashier": cashier,
            },
        )
        session.add(
            CashMovementRow(
                uuid=str(self._new_uuid()),
                shift_id=shift.id,
                kind=str(kind),
                amount_minor=kind.sign * amount_minor,
                reason=code.code,
                note=note,
                cashier=cashier,
                created_at=now,
                journal_seq=entry.seq,
            )
        )
        session.flush()
        return entry.seq

    # -- X and Z ---------------------------------------------------------------------------

    def x_report(
        self, session: Session, till_id: str, cashier: str | None = None
    ) -> tuple[ShiftView, ShiftFigures]:
        """Where the open shift (of ``cashier``'s drawer) stands; nothing is reset or written."""
        shift = open_shift_of(session, till_id, cashier)
        if shift is None:
            raise ShiftError(_NONE_OPEN)
        return _view(shift), shift_figures(session, shift)

    def close_shift(
        self,
        session: Session,
        *,
        context: TillContext,
        cashier: str,
        cash: CashCount,
        card_total_minor: int | None = None,
        approval: Approval | None = None,
    ) -> ClosedShift:
        """Blind close: the count comes in without the expected figures having been shown.

        Card is the payment terminal's batch total when given; the electronic tenders (store
        credit, gift card, exchange) are what the till recorded. Cash over/short beyond the
        store's threshold needs a manager's ``approval`` (journaled by AuthService.approve)."""
        till = context.till_id
        shift = open_shift_of(session, till, cashier)  # a cashier closes their own drawer
        if shift is None:
            raise ShiftError(_NONE_OPEN)
        if cash.currency_code != context.currency.code:
            raise ShiftError(msg("Count the drawer in {currency}.", currency=context.currency.code))
        if card_total_minor is not None and abs(card_total_minor) > _MAX_AMOUNT_MINOR:
            raise ShiftError(
                msg(
                    "The card total is not a plausible amount: type it from the card "
                    "terminal's report."
                )
            )
        draft = shift_figures(session, shift)
        counted = {t: draft.expected.get(t, 0) for t in TENDERS}
        counted["cash"] = cash.total_minor
        if card_total_minor is not None:
            counted["card"] = card_total_minor
        over_short = counted["cash"] - draft.expected["cash"]
        threshold = load_rules(session).over_short_threshold_minor
        approved = approval is not None and approval.permission is Permission.CASH_OVER_SHORT
        if abs(over_short) > threshold and not approved:
            raise OverShortApprovalRequiredError(over_short, threshold)
        now = self._clock()
        last_z = _last_z(session, till)
        z_no = last_z.z_no + 1 if last_z else 1
        # The caller holds the write lock: nothing was journaled since the draft was read.
        figures = replace(draft, counted=counted)
        grand_total = (last_z.grand_total_minor if last_z else 0) + figures.net_sales_minor
        body = {
            "z_no": z_no,
            "shift_uuid": shift.uuid,
            "shift_no": shift.shift_no,
            "opened_at": shift.opened_at.isoformat(),
            "opened_by": shift.opened_by,
            "drawer": shift.cashier,  # None: the till's drawer
            "closed_by": cashier,
            "currency": context.currency.code,
            "cash_count": cash.as_json(),
            "figures": figures.as_json(),
            # Beside the figures, not in them: the hub's shift.closed figures keep their shape.
            "movement_reasons": figures.reasons_json(),
            "grand_total_minor": grand_total,
            "approval": None
            if approval is None
            else {
                "approver": approval.approver.code,
                "reason": approval.reason,
                "journal_seq": approval.journal_seq,
            },
        }
        entry = journal.append_entry(
            session, till_id=till, kind="z_report", created_at=now, body=body
        )
        session.add(
            ZReportRow(
                till_id=till,
                z_no=z_no,
                shift_uuid=shift.uuid,
                created_at=now,
                journal_seq=entry.seq,
                grand_total_minor=grand_total,
                figures=journal.canonical_json(body),
            )
        )
        shift.status, shift.closed_at, shift.closed_by, shift.z_no = "closed", now, cashier, z_no
        event_id = str(self._new_uuid())
        payload = {
            "version": 1,
            "store_id": context.store_id,
            "till_id": till,
            "shift_id": shift.uuid,
            "z_no": z_no,
            "shift_no": shift.shift_no,
            "business_day": shift.opened_at.astimezone().date().isoformat(),
            "opened_at": shift.opened_at.isoformat(),
            "closed_at": now.isoformat(),
            "currency": context.currency.code,
            "figures": figures.as_json(),
            "grand_total_minor": grand_total,
            "journal": {"seq": entry.seq, "hash": entry.hash},
        }
        session.add(
            OutboxEvent(
                event_id=event_id,
                kind=SHIFT_CLOSED_EVENT,
                created_at=now,
                attempts=0,
                payload=json.dumps(payload, sort_keys=True, separators=(",", ":")),
                rejected=False,
            )
        )
        session.flush()
        return ClosedShift(
            _view(shift), z_no, figures, grand_total, entry.seq, now, cashier, event_id
        )
