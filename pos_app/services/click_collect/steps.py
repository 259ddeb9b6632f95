"""Click-and-collect at the store (docs/architecture.md §7): pick, ready, hand over, cancel, expire.

Every step is one transaction in the caller's session: the till's own state, the
``collection.status_changed`` outbox event the hub ingests, and a journal entry (and stock
movements where goods move). Picked goods are taken off sellable stock when the order is
ready (they sit in a bag); a cancel or expiry puts what was not handed over back. A pay-in-store
order is paid through the normal checkout in the same transaction as its hand-over (payment.py),
and the sale's own stock movements replace the hold. The hub has the last word: an event it refuses,
or a feed state that contradicts ours, flags the order for review (``reconcile``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import (
    CollectionLineRow,
    CollectionOrderRow,
    WebOrderRow,
)
from pos_app.domain.barcodes import ProductCode, VariableMeasureConfig, parse_scan
from pos_app.domain.click_collect.orders import (
    ACTIVE,
    CollectionError,
    OrderState,
    bag_label,
    check_move,
    describe,
    pick_list,
)
from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import Label, Message, msg, restored, stored
from pos_app.domain.money import Money, currency_by_code
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.sale.tenders import Tender
from pos_app.services.click_collect import conflicts
from pos_app.services.click_collect.conflicts import held_in_bag
from pos_app.services.click_collect.payment import (
    amount_of,
    lines_to_give,
    order_currency,
    pay_in_store,
    receipt_of,
)
from pos_app.services.click_collect.queue import (
    DEFAULT_HOLD_DAYS,
    CollectionsView,
    OrderDetail,
    OrderSummary,
    Queue,
)
from pos_app.services.click_collect.transitions import (
    Transition,
    record_transition,
)
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.staff.auth import Approval, Permission, StaffMember, require
from pos_app.services.store.till_context import TillContext

__all__ = ["CollectionError", "CollectionsService", "HandOver", "PickOutcome", "Ready"]

S = OrderState
MAX_TRACKING_REF = 100  # the wire's limit (CollectionStatusPayload.tracking_ref)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PickOutcome:
    detail: OrderDetail
    line_no: int
    message: Message  # shown in the till's language (formatting.message_text)


@dataclass(frozen=True)
class Ready:
    detail: OrderDetail
    labels: tuple[ReceiptDocument, ...]


@dataclass(frozen=True)
class HandOver:
    detail: OrderDetail
    sale: CompletedSale | None
    receipt: ReceiptDocument  # the collection receipt: what was taken, what still waits


class CollectionsService:
    def __init__(
        self,
        *,
        hold_days: int = DEFAULT_HOLD_DAYS,
        clock: Callable[[], datetime] = utc_now,
        new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
        scan_config: VariableMeasureConfig | None = None,
        checkout: CheckoutService | None = None,
    ) -> None:
        self.view = CollectionsView(hold_days)
        self._clock = clock
        self._new_uuid = new_uuid
        self._scan_config = scan_config or VariableMeasureConfig.default()
        self._checkout = checkout or CheckoutService(clock=clock, new_uuid=new_uuid)

    # -- reading ---------------------------------------------------------------------------

    def queue(self, session: Session) -> Queue:
        return self.view.queue(session, self._clock())

    def detail(self, session: Session, number: str) -> OrderDetail:
        return self.view.detail(session, number, self._clock())

    def find(self, session: Session, text: str) -> list[OrderSummary]:
        return self.view.find(session, text, self._clock())

    # -- picking ---------------------------------------------------------------------------

    def start_picking(
        self, session: Session, number: str, *, staff: str, context: TillContext
    ) -> OrderDetail:
        order, local = self._load(session, number)
        state = self._state(order, local)
        if local is None and state is S.PICKING:
            raise CollectionError(
                msg("Order {number} is already being picked at another till.", number=number)
            )
        if local is not None and state is S.PICKING and local.claimed_by == staff:
            return self.detail(session, number)  # already mine: carry on
        check_move(number, state, S.PICKING)
        now = self._clock()
        local = local or self._new_local(session, order, now)
        local.claimed_by, local.claimed_at = staff, now
        self._step(session, local, Transition(S.PICKING, staff), context)
        return self.detail(session, number)

    def pick_list(
        self, session: Session, number: str, *, staff: str, context: TillContext
    ) -> ReceiptDocument:
        """The paper pick list of an order still to pick (reads only; printing is the UI's)."""
        detail = self.detail(session, number)
        if detail.summary.state not in (S.NEW, S.PICKING):
            raise CollectionError(
                msg(
                    "Order {number} is {state}: nothing to pick.",
                    number=number,
                    state=Label(describe(detail.summary.state)),
                )
            )
        return pick_list(
            number=number,
            customer_name=detail.summary.customer_name,
            due_by=detail.summary.due_by.astimezone(),  # the store's wall clock
            lines=[
                (ln.department, ln.name, ln.sku, Decimal(ln.ordered_milli) / 1000)
                for ln in detail.lines
            ],
            store_name=context.store_name,
            till_id=context.till_id,
            staff=staff,
            issued_at=self._clock(),
            currency=currency_by_code(detail.summary.currency),
            deliver_to=_delivery_address(detail.summary),
        )

    def scan_pick(self, session: Session, number: str, raw: str, *, staff: str) -> PickOutcome:
        """Verify a scanned item against the pick list; a wrong item or an extra is refused."""
        order, local = self._load(session, number)
        if local is None or S(local.local_status) is not S.PICKING:
            raise CollectionError(
                msg("Start picking order {number} before scanning items.", number=number)
            )
        try:
            code = parse_scan(raw, self._scan_config)
        except DomainError as exc:
            raise CollectionError(*exc.args) from exc  # keeps the message id
        gtin = code.gtin if isinstance(code, ProductCode) else code.lookup_code
        catalog = SqlCatalog(session, order_currency(order))
        item = catalog.by_barcode(gtin)
        if item is None:
            raise CollectionError(
                msg("No product has the barcode {gtin}. Put it aside.", gtin=gtin)
            )
        ordered = {ln.line_no: ln for ln in order.lines if ln.sku == item.sku}
        if not ordered:
            raise CollectionError(
                msg("Wrong item: {name} is not in order {number}.", name=item.name, number=number)
            )
        progress = {ln.line_no: ln for ln in local.lines}
        for line_no, line in sorted(ordered.items()):
            done = progress[line_no]
            if line.quantity_milli - done.picked_milli - done.short_milli >= 1000:
                done.picked_milli += 1000
                local.updated_at = self._clock()
                session.flush()
                left = (line.quantity_milli - done.picked_milli - done.short_milli) // 1000
                message = msg(
                    "{name}: picked {picked}, {left} to go",
                    name=item.name,
                    picked=done.picked_milli // 1000,
                    left=left,
                )
                return PickOutcome(self.detail(session, number), line_no, message)
        raise CollectionError(
            msg(
                "Too many: order {number} has all the {name} it needs.",
                number=number,
                name=item.name,
            )
        )

    def mark_short(
        self, session: Session, number: str, line_no: int, *, quantity_milli: int | None = None
    ) -> OrderDetail:
        """Record that (some of) a line cannot be found; the hub decides refund/substitute."""
        order, local = self._load(session, number)
        if local is None or S(local.local_status) is not S.PICKING:
            raise CollectionError(
                msg("Start picking order {number} before marking a line short.", number=number)
            )
        line = next((ln for ln in order.lines if ln.line_no == line_no), None)
        if line is None:
            raise CollectionError(
                msg("Order {number} has no line {line_no}.", number=number, line_no=line_no)
            )
        done = next(ln for ln in local.lines if ln.line_no == line_no)
        missing = line.quantity_milli - done.picked_milli - done.short_milli
        qty = missing if quantity_milli is None else quantity_milli
        if qty <= 0 or qty > missing:
            raise CollectionError(msg("{name}: nothing left to mark short.", name=line.name))
        done.short_milli += qty
        local.updated_at = self._clock()
        session.flush()
        return self.detail(session, number)

    def mark_ready(
        self, session: Session, number: str, *, staff: str, context: TillContext, bags: int = 1
    ) -> Ready:
        order, local = self._load(session, number)
        if local is None:
            raise CollectionError(
                msg("Pick order {number} before marking it ready.", number=number)
            )
        detail = self.detail(session, number)
        if not detail.fully_picked:
            raise CollectionError(msg("Scan or mark short every line before marking it ready."))
        if not any(ln.picked_milli for ln in detail.lines):
            raise CollectionError(msg("Nothing was picked: cancel the order instead."))
        if not 1 <= bags <= 20:
            raise CollectionError(msg("Give between 1 and 20 bags."))
        local.bag_count = bags
        held = [(ln.sku, -ln.picked_milli) for ln in local.lines if ln.picked_milli]
        self._step(session, local, Transition(S.READY, staff, held, "collection_hold"), context)
        local.stock_held = True
        now = self._clock()
        items = [(ln.name, Decimal(ln.picked_milli) / 1000) for ln in detail.lines]
        labels = tuple(
            bag_label(
                number=number,
                customer_name=order.customer_name,
                bag=i,
                bags=bags,
                items=items,
                store_name=context.store_name,
                till_id=context.till_id,
                staff=staff,
                issued_at=now,
                currency=context.currency,
                deliver_to=_delivery_address(detail.summary),
            )
            for i in range(1, bags + 1)
        )
        return Ready(self.detail(session, number), labels)

    # -- hand-over -------------------------------------------------------------------------

    def hand_over(
        self,
        session: Session,
        number: str,
        *,
        staff: str,
        context: TillContext,
        identity_note: str,
        quantities: Mapping[int, int] | None = None,
        tenders: Sequence[Tender] = (),
        offline: bool = False,
    ) -> HandOver:
        """Give the customer all (``quantities`` None) or some of what waits, in milli per line.

        A pay-in-store order needs ``tenders`` covering the handed-over lines; they go through
        the normal checkout in this same transaction.
        """
        order, local = self._load(session, number)
        state = self._state(order, local)
        if local is None or state not in (S.READY, S.PARTIALLY_COLLECTED):
            raise CollectionError(msg("Order {number} is not ready for collection.", number=number))
        # A delivery has no customer at the counter: say so before asking for an ID.
        check_move(number, state, S.COLLECTED, order.fulfilment)
        if not identity_note.strip():
            raise CollectionError(msg("Check the customer's ID or pickup code and note it."))
        give = lines_to_give(number, local, quantities)
        sale = None
        if order.payment_status != "paid":
            sale = pay_in_store(
                self._checkout,
                session,
                order,
                give,
                tenders,
                staff=staff,
                context=context,
                offline=offline,
            )
        elif tenders:
            raise CollectionError(
                msg("Order {number} is already paid; take no payment.", number=number)
            )
        progress = {ln.line_no: ln for ln in local.lines}
        for line_no, qty in give.items():
            progress[line_no].collected_milli += qty
        done = all(ln.collected_milli == ln.picked_milli for ln in local.lines)
        local.identity_note = identity_note.strip()[:500]
        local.offline_handover = local.offline_handover or offline
        # A sale moves its own stock; hand the hold of those goods back so nothing counts twice.
        release = [(progress[n].sku, q) for n, q in give.items() if q] if sale else []
        if sale is not None:
            local.sale_uuid = sale.sale_uuid
        target = S.COLLECTED if done else S.PARTIALLY_COLLECTED
        extra = {"identity": local.identity_note, "offline": offline}
        if sale is not None:
            extra["sale_uuid"] = sale.sale_uuid
        step = Transition(target, staff, release, "collection_release", extra)
        self._step(session, local, step, context)
        detail = self.detail(session, number)
        receipt = receipt_of(
            order, detail, give, sale, staff=staff, context=context, issued_at=self._clock()
        )
        return HandOver(detail, sale, receipt)

    def ship(
        self,
        session: Session,
        number: str,
        *,
        staff: str,
        context: TillContext,
        tracking_ref: str = "",
    ) -> OrderDetail:
        """A delivery's last step: its bags left with the carrier (``tracking_ref``, typed or
        scanned, optional). The same kind of event as a hand-over: the hub ends the order
        once (its hold already moved at ``ready``; nothing moves twice) and tells the
        customer; a line picked short is refunded as at a hand-over."""
        order, local = self._load(session, number)
        state = self._state(order, local)
        check_move(number, state, S.SHIPPED, order.fulfilment)
        if local is None:  # made ready at another till: its bags are there
            raise CollectionError(
                msg("Order {number} was made ready at another till; ship it there.", number=number)
            )
        ref = " ".join(tracking_ref.split())
        if len(ref) > MAX_TRACKING_REF or not ref.isprintable():
            raise CollectionError(
                msg(
                    "A tracking reference is at most {limit} letters and digits.",
                    limit=MAX_TRACKING_REF,
                )
            )
        for line in local.lines:  # all that was bagged left the store
            line.collected_milli = line.picked_milli
        local.tracking_ref = ref or None
        extra = {"tracking_ref": ref} if ref else {}
        self._step(session, local, Transition(S.SHIPPED, staff, extra=extra), context)
        return self.detail(session, number)

    def amount_due(
        self,
        session: Session,
        number: str,
        *,
        context: TillContext,
        quantities: Mapping[int, int] | None = None,
    ) -> Money:
        """What a pay-in-store customer pays for these lines (all that waits if None): the
        same basket the checkout will price, so the tender panel asks for the right amount."""
        order, local = self._load(session, number)
        if local is None:
            raise CollectionError(msg("Order {number} is not ready for collection.", number=number))
        return amount_of(session, order, lines_to_give(number, local, quantities), context)

    # -- cancel / expire -------------------------------------------------------------------

    def cancel(
        self, session: Session, number: str, *, reason: str, staff: str, context: TillContext
    ) -> OrderDetail:
        if not reason.strip():
            raise CollectionError(msg("Give a reason for cancelling the order."))
        order, local = self._load(session, number)
        self._close(session, order, local, S.CANCELLED, staff, context, reason.strip()[:500])
        return self.detail(session, number)

    def expire_overdue(
        self,
        session: Session,
        *,
        actor: StaffMember,
        context: TillContext,
        approval: Approval | None = None,
    ) -> list[str]:
        """Expire every order past its hold period; what waited in bags goes back to stock.

        A manager's job: ``actor`` needs ``expire_orders`` or a manager's ``approval``."""
        require(actor, Permission.EXPIRE_ORDERS, approval)
        staff = _signed(actor, approval)
        expired = []
        for summary in self.queue(session).orders:
            if summary.overdue and summary.state in ACTIVE:
                order, local = self._load(session, summary.number)
                self._close(session, order, local, S.EXPIRED, staff, context, "not collected")
                expired.append(summary.number)
        return expired

    def _close(
        self,
        session: Session,
        order: WebOrderRow,
        local: CollectionOrderRow | None,
        target: OrderState,
        staff: str,
        context: TillContext,
        reason: str,
    ) -> None:
        check_move(order.number, self._state(order, local), target, order.fulfilment)
        local = local or self._new_local(session, order, self._clock())
        back = held_in_bag(local)
        local.cancel_reason = reason
        step = Transition(target, staff, back, "collection_return", {"reason": reason})
        self._step(session, local, step, context)

    # -- conflicts -------------------------------------------------------------------------

    def reconcile(self, session: Session, *, context: TillContext | None = None) -> list[str]:
        """Flag orders the hub refused or contradicts; returns the newly flagged numbers
        (``conflicts.reconcile``: what it flags, and the stock an order cancelled online gives
        back)."""
        return conflicts.reconcile(
            session, clock=self._clock, new_uuid=self._new_uuid, context=context
        )

    def review_list(self, session: Session) -> list[OrderSummary]:
        """For a manager: every flagged order, with the reason in plain words."""
        return [o for o in self.queue(session).orders if o.needs_review]

    def acknowledge(
        self,
        session: Session,
        number: str,
        *,
        actor: StaffMember,
        approval: Approval | None = None,
    ) -> OrderDetail:
        """A manager has seen a conflict the hub flagged (``review_orders`` or an approval)."""
        _, local = self._load(session, number)
        if local is None or not local.needs_review:
            raise CollectionError(msg("Order {number} has nothing to review.", number=number))
        require(actor, Permission.REVIEW_ORDERS, approval)
        staff = _signed(actor, approval)
        local.needs_review = False
        seen = restored(local.review_reason or "")
        local.review_reason = stored(msg("reviewed by {staff}: {reason}", staff=staff, reason=seen))
        session.flush()
        return self.detail(session, number)

    # -- plumbing --------------------------------------------------------------------------

    def _load(self, session: Session, number: str) -> tuple[WebOrderRow, CollectionOrderRow | None]:
        order = session.get(WebOrderRow, number)
        if order is None:
            raise CollectionError(
                msg("There is no web order {number} for this store.", number=number)
            )
        return order, session.get(CollectionOrderRow, number)

    def _step(
        self, session: Session, local: CollectionOrderRow, step: Transition, ctx: TillContext
    ) -> None:
        record_transition(
            session, local, step, context=ctx, now=self._clock(), new_uuid=self._new_uuid
        )

    @staticmethod
    def _state(order: WebOrderRow, local: CollectionOrderRow | None) -> OrderState:
        return S(local.local_status) if local is not None else S(order.status)

    def _new_local(self, session: Session, order: WebOrderRow, now: datetime) -> CollectionOrderRow:
        local = CollectionOrderRow(
            order_number=order.number,
            local_status=order.status,
            updated_at=now,
            bag_count=0,
            offline_handover=False,
            stock_held=False,
            needs_review=False,
            reviewed_outbox_id=0,
            lines=[
                CollectionLineRow(
                    line_no=ln.line_no, sku=ln.sku, picked_milli=0, short_milli=0, collected_milli=0
                )
                for ln in order.lines
            ],
        )
        session.add(local)
        return local


def _delivery_address(summary: OrderSummary) -> str | None:
    """What the printouts give as the address: "" for a delivery without one (still marked)."""
    return (summary.deliver_to or "") if summary.delivery else None


def _signed(actor: StaffMember, approval: Approval | None) -> str:
    """Who did it, as the event and the journal name them: with the approver if there was one."""
    if approval is None:
        return actor.name
    return f"{actor.name} (approved by {approval.approver.name})"
