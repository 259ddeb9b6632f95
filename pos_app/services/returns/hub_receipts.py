"""In-store receipts checked with the hub (docs/architecture.md §8): other tills' sales, and this
till's own.

A receipt barcode not in this till's database is a sale of another till or store: the hub
answers it by receipt number (``find_receipt_on_hub``, network only, from a worker thread) with
per line what was bought and what came back in every store and channel, and the tenders that
paid it. ``prepare`` adds this till's returns of it the hub has not seen yet (its unsent
outbox, the same helper web-order returns use) and builds the original the returns screen
shows; it completes through ``ReturnsService.complete_return(found=…)`` (the sale's lines name
``original_sale_uuid``, stock comes back at this store, the refund follows the original
tenders: cash to cash, card to card with the terminal's reference, store credit to store
credit).

This till's own receipt, when the hub answers: returned = max(this till's count, the hub's
count + this till's unsent returns) per line, so what came back at another till is not
returned again here (``with_hub_counts``). Offline this till's count stands; the hub flags an
over-return when the events meet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.db.models import Sale, SaleLine, SaleTender, StoreProfile
from pos_app.domain.l10n.messages import Message, msg
from pos_app.domain.returns.rules import OriginalTender, ReturnError
from pos_app.services.returns.in_store import ReturnableSale
from pos_app.services.returns.web_orders import ReturnLookups, sale_from_lines, unsent_returned
from sync.wire_kinds import OriginalKind

if TYPE_CHECKING:
    from sync.protocol import Returnable

SALE_FIELD = "original_sale_uuid"  # how a return's lines name an in-store original


def offline_message(receipt_no: str) -> Message:
    return msg(
        "Receipt {receipt} is not from this till and the hub can't be reached: try again "
        "when online, or return it without a receipt.",
        receipt=receipt_no,
    )


def find_receipt_on_hub(lookups: ReturnLookups, receipt_no: str) -> Returnable:
    """Network only (no database): an in-store sale of any till by its receipt number."""
    code = receipt_no.strip()
    if not code:
        raise ReturnError(msg("Scan or type the receipt number."))
    return lookups.returnable(receipt_no=code)


def is_local_receipt(session: Session, receipt_no: str) -> bool:
    """Whether this till's database has the sale (else: ask the hub)."""
    code = receipt_no.strip()
    return (
        session.scalar(select(Sale.id).where(Sale.receipt_no == code, Sale.kind == "sale"))
        is not None
    )


def _refunded_here(session: Session, sale_uuid: str) -> dict[str, int]:
    """What this till already refunded of ``sale_uuid`` per tender kind."""
    returns = (
        select(SaleLine.sale_id)
        .where(SaleLine.original_sale_uuid == sale_uuid)
        .distinct()
        .scalar_subquery()
    )
    rows = session.execute(
        select(SaleTender.kind, func.sum(SaleTender.amount_minor))
        .where(SaleTender.sale_id.in_(returns))
        .group_by(SaleTender.kind)
    ).all()
    out: dict[str, int] = defaultdict(int)
    for kind, total in rows:
        out[str(kind)] += -int(total)
    return out


class HubReturnsService:
    """Stateless; completion is ``ReturnsService.complete_return(found=…)``."""

    @staticmethod
    def prepare(session: Session, found: Returnable) -> ReturnableSale:
        """Another till's sale as the hub counts it, less this till's returns it has not seen."""
        if found.original_kind is not OriginalKind.SALE:
            raise ReturnError(msg("That is not an in-store sale."))
        if session.scalar(select(StoreProfile.tax_mode)) == "exclusive":
            # The hub's line amounts of a tax-exclusive sale are net: refunding them would
            # keep the tax the customer paid. Refuse rather than refund the wrong amount.
            raise ReturnError(
                msg(
                    "Receipt {receipt} is from another till: in a store with "
                    "prices before tax it can only be returned at the till that "
                    "sold it, or without a receipt.",
                    receipt=found.receipt_no or found.ref,
                )
            )
        unsent = unsent_returned(session, found.ref, SALE_FIELD)
        returned = {ln.line_no: ln.returned_milli + unsent.get(ln.line_no, 0) for ln in found.lines}
        lines = [
            (ln.line_no, ln.sku, ln.name, ln.bought_milli, ln.amount_minor)
            for ln in found.lines
            if ln.bought_milli > 0
        ]
        # The hub does not say what other tills refunded per tender; this till's own refunds
        # come off (a cash refund takes whatever is left anyway).
        refunded = _refunded_here(session, found.ref)
        tenders = []
        for t in found.tenders:
            done = min(refunded.get(t.kind, 0), t.amount_minor)
            refunded[t.kind] = refunded.get(t.kind, 0) - done
            tenders.append(OriginalTender(t.kind, t.amount_minor, done))
        if not tenders:  # a sale ingested before the hub kept its tenders: cash
            tenders.append(OriginalTender("cash", sum(amount for *_, amount in lines)))
        sale = sale_from_lines(
            session,
            sale_uuid=found.ref,
            receipt_no=found.receipt_no or found.ref,
            currency=found.currency,
            created_at=found.created_at,
            lines=lines,
            returned=returned,
            tenders=tuple(tenders),
        )
        where = f"till {found.till_id or '?'} at store {found.store_id}"
        return replace(sale, hub_counted=True, sold_elsewhere=where)

    @staticmethod
    def with_hub_counts(
        session: Session, sale: ReturnableSale, found: Returnable
    ) -> ReturnableSale:
        """This till's own sale with what came back elsewhere: max(own, hub + unsent) per line."""
        if found.original_kind is not OriginalKind.SALE or found.ref != sale.sale_uuid:
            return sale  # not the same sale (a receipt-number clash): keep this till's count
        unsent = unsent_returned(session, sale.sale_uuid, SALE_FIELD)
        hub = {ln.line_no: ln.returned_milli for ln in found.lines}
        lines = tuple(
            replace(
                line,
                original=replace(
                    line.original,
                    returned_milli=max(
                        line.original.returned_milli,
                        hub.get(line.original.line_no, 0) + unsent.get(line.original.line_no, 0),
                    ),
                ),
            )
            for line in sale.lines
        )
        return replace(sale, lines=lines, hub_counted=True)
