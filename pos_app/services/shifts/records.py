"""What a shift recorded, read from the till database as plain domain records.

A shift covers the journal entries of its till after ``start_journal_seq`` (the previous Z's
entry) up to its own Z, so sales and returns are selected by their journal sequence, never by
a clock that can be moved. Cash movements belong to the shift by id; approvals are the
journal's own ``approval`` entries in that range. A cashier's own drawer (``shifts.cashier``,
the store's drawer per cashier) counts only what that cashier rang in the range: sales record
the cashier's name, returns their staff code, journal entries the name.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pos_app.db.models import (
    CashMovementRow,
    CollectionOrderRow,
    JournalEntry,
    Sale,
    ShiftRow,
    Staff,
)
from pos_app.domain.shifts.figures import (
    Approval,
    Channel,
    LineRecord,
    MovementKind,
    MovementRecord,
    ShiftFigures,
    TaxRecord,
    TransactionRecord,
    compute_figures,
)
from pos_app.services.sale.drawer import DRAWER_JOURNAL_KIND
from pos_app.services.sale.voids import LINE_VOID_KIND, VOID_KIND

__all__ = ["VOID_KINDS", "movement_label", "shift_figures"]

MOVEMENT_KIND = "cash_movement"  # ShiftService.record_movement's journal entries
# Journal kinds counted as voids and line voids on the Z report (services.sale.voids).
VOID_KINDS = {VOID_KIND: "voids", LINE_VOID_KIND: "line_voids"}


def movement_label(body: dict[str, object], reason: str) -> str:
    """The label a cash movement's reason shows on the X and Z: the one journaled with it, or,
    for an entry from before reason codes (no label; its reason is the old fixed list's
    "float_top_up"), the words the old screen showed ("Float top up")."""
    label = body.get("reason_label")
    return label if isinstance(label, str) and label else reason.replace("_", " ").capitalize()


def _done_by(kind: str, body: dict[str, object]) -> object:
    """Who an entry's action was for: the cashier who asked for an approval, else who did it."""
    if kind == "approval":
        requested = body.get("requested_by")
        return requested.get("name") if isinstance(requested, dict) else None
    return body.get("cashier")


def _transaction(sale: Sale, collected: set[str]) -> TransactionRecord:
    if sale.kind == "return" and any(ln.original_order_number for ln in sale.lines):
        channel = Channel.ONLINE_REFUND
    elif sale.uuid in collected:
        channel = Channel.CLICK_COLLECT
    else:
        channel = Channel.IN_STORE
    promotions = [len(json.loads(ln.promotions)) for ln in sale.lines]
    return TransactionRecord(
        kind="return" if sale.kind == "return" else "sale",
        receipt_no=sale.receipt_no,
        channel=channel,
        total_minor=sale.total_minor,
        rounding_minor=sale.rounding_minor,
        change_minor=sale.change_minor,
        tenders=tuple((t.kind, t.amount_minor) for t in sale.tenders),
        lines=tuple(
            LineRecord(
                department=ln.department,
                amount_minor=ln.amount_minor,
                manual_discount_minor=ln.line_discount_minor + ln.basket_discount_minor,
                promotion_discount_minor=ln.promotion_discount_minor,
                promotions=count,
            )
            for ln, count in zip(sale.lines, promotions, strict=True)
        ),
        taxes=tuple(TaxRecord(t.label, t.rate, t.net_minor, t.tax_minor) for t in sale.tax_lines),
        exchange=any(t.kind == "exchange" for t in sale.tenders),
    )


def shift_figures(
    session: Session,
    shift: ShiftRow,
    *,
    counted: dict[str, int] | None = None,
) -> ShiftFigures:
    """The open shift's figures so far: an X, or (with ``counted``) the Z being closed."""
    owner = shift.cashier
    rang_by = Sale.till_id == shift.till_id  # the till's drawer: whoever rang it
    if owner is not None:
        codes = session.scalars(select(Staff.code).where(Staff.name == owner))
        rang_by = Sale.cashier.in_([owner, *codes])
    sales_q = (
        select(Sale)
        .where(Sale.till_id == shift.till_id, Sale.journal_seq > shift.start_journal_seq, rang_by)
        .options(selectinload(Sale.lines), selectinload(Sale.tenders), selectinload(Sale.tax_lines))
        .order_by(Sale.journal_seq)
    )
    entries_q = select(JournalEntry.seq, JournalEntry.kind, JournalEntry.payload).where(
        JournalEntry.till_id == shift.till_id,
        JournalEntry.seq > shift.start_journal_seq,
        JournalEntry.kind.in_(["approval", DRAWER_JOURNAL_KIND, MOVEMENT_KIND, *VOID_KINDS]),
    )
    sales = list(session.scalars(sales_q))
    uuids = [s.uuid for s in sales]
    collected = {
        uuid
        for uuid in session.scalars(
            select(CollectionOrderRow.sale_uuid).where(CollectionOrderRow.sale_uuid.in_(uuids))
        )
        if uuid is not None
    }
    approvals: list[Approval] = []
    no_sales: list[MovementRecord] = []
    voids = {"voids": 0, "line_voids": 0}
    movement_bodies: dict[int, dict[str, object]] = {}
    for seq, kind, payload in session.execute(entries_q):
        body = json.loads(payload)["body"]
        if owner is not None and _done_by(kind, body) != owner:
            continue  # another cashier's drawer
        if kind == MOVEMENT_KIND:
            movement_bodies[seq] = body
        elif kind == "approval":
            approvals.append(Approval(body["approver"]["name"], body["permission"]))
        elif kind == DRAWER_JOURNAL_KIND:
            # The sale screen's own no-sale key (services.sale.drawer) counts too.
            if body.get("reason") == "no_sale":
                no_sales.append(MovementRecord(MovementKind.NO_SALE, 0, body.get("note") or ""))
        else:
            voids[VOID_KINDS[kind]] += 1
    movements = session.scalars(select(CashMovementRow).where(CashMovementRow.shift_id == shift.id))
    return compute_figures(
        float_minor=shift.float_minor,
        transactions=[_transaction(s, collected) for s in sales],
        movements=[
            *(
                MovementRecord(
                    MovementKind(m.kind),
                    abs(m.amount_minor),
                    movement_label(movement_bodies.get(m.journal_seq, {}), m.reason),
                )
                for m in movements
            ),
            *no_sales,
        ],
        approvals=approvals,
        voids=voids["voids"],
        line_voids=voids["line_voids"],
        counted=counted,
    )
