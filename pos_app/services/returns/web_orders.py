"""Returns of web orders in store (docs/architecture.md §8): the hub's numbers, this till's
machinery.

Look-up: by order number or customer email, straight to the hub (``find_on_hub``, network
only, called from a worker thread). The hub answers per line what was bought and what came
back in every store and channel; ``prepare`` takes off this till's returns the hub has not
seen yet (its unsent outbox), so a return made a minute ago offline is not returned twice.

Completion goes through ``ReturnsService.complete_return`` (same pricing, approval, rows,
journal, outbox event and receipt as an in-store return); only the original is different: a
``ReturnableSale`` whose lines name the web order. An order paid online is refunded with a
"web_refund" tender (no cash moves; the hub has the web store refund the card), and the
receipt says what the customer will see. Stock comes back at this store, whichever store the
order was for (the event is this till's).

Offline, the hub cannot confirm the order: only an order this store has in its feed copy can
be returned, with a manager's override (approval with a reason), what the customer presented
is recorded, and the event carries ``offline_web_return`` so the hub flags it for review.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pos_app.db.models import OutboxEvent, Product, SaleLine, WebOrderRow
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money, currency_by_code
from pos_app.domain.returns.rules import (
    OriginalLine,
    OriginalTender,
    RefundMethod,
    ReturnError,
    ReturnItem,
)
from pos_app.services.returns.in_store import (
    RETURN_EVENT,
    CompletedReturn,
    ReturnableLine,
    ReturnableSale,
    ReturnApprovalRequiredError,
    ReturnsService,
)
from pos_app.services.staff.auth import Approval, Permission, StaffMember
from pos_app.services.store.till_context import TillContext
from sync.wire_kinds import OriginalKind

if TYPE_CHECKING:
    from sync.protocol import Returnable

REFUND_DAYS = 5  # what the web store's payment provider promises for a card refund
OFFLINE_REASON = msg("web order returned while the hub cannot be reached")


class ReturnLookups(Protocol):
    """What ``HubLookups`` offers for returns (its ``returnable*`` methods)."""

    def returnable(
        self,
        *,
        sale_uuid: str | None = None,
        order_number: str | None = None,
        receipt_no: str | None = None,
    ) -> Returnable: ...

    def returnable_orders(self, email: str) -> list[Returnable]: ...


@dataclass(frozen=True)
class WebOrderReturn:
    """A web order as the returns screen shows it, ready for ``complete``."""

    sale: ReturnableSale  # its lines with what can still come back
    number: str
    pickup_store_id: str
    customer_email: str | None
    paid_online: bool
    checked_online: bool  # False: from this till's copy while the hub was unreachable
    presented: str  # what the customer gave: the order number or email typed in

    @property
    def fully_returned(self) -> bool:
        return self.sale.fully_returned


def find_on_hub(lookups: ReturnLookups, presented: str) -> list[Returnable]:
    """Network only (no database): the orders matching an order number or an email."""
    text = presented.strip()
    if not text:
        raise ReturnError(msg("Type the web order number or the customer's email."))
    if "@" in text:
        return lookups.returnable_orders(text)
    return [lookups.returnable(order_number=text)]


def unsent_returned(
    session: Session, ref: str, field: str = "original_order_number"
) -> dict[int, int]:
    """This till's returns of ``ref`` the hub has not counted yet (unsent or refused).

    ``field``: what the return lines name the original by (``original_sale_uuid`` for an
    in-store sale of another till, pos_app.services.returns.hub_receipts).
    """
    out: dict[int, int] = defaultdict(int)
    payloads = session.scalars(
        select(OutboxEvent.payload).where(
            OutboxEvent.kind == RETURN_EVENT,
            OutboxEvent.sent_at.is_(None),
            OutboxEvent.payload.contains(ref),  # a cheap filter before parsing
        )
    )
    for text in payloads:
        for line in json.loads(text).get("lines", []):
            if line.get(field) == ref and line.get("original_line_no"):
                out[int(line["original_line_no"])] += -int(line["quantity_milli"])
    return out


def _local_returned(session: Session, number: str) -> dict[int, int]:
    rows = session.execute(
        select(SaleLine.original_line_no, func.sum(SaleLine.quantity_milli))
        .where(SaleLine.original_order_number == number)
        .group_by(SaleLine.original_line_no)
    ).all()
    return {int(no): -int(total) for no, total in rows if no is not None}


def sale_from_lines(
    session: Session,
    *,
    sale_uuid: str,
    receipt_no: str,
    currency: str,
    created_at: datetime | None,
    lines: list[tuple[int, str, str, int, int]],
    returned: dict[int, int],
    tenders: tuple[OriginalTender, ...],
    order_number: str | None = None,
) -> ReturnableSale:
    """An original known only by its lines (line no, SKU, name, bought, amount), e.g. from the
    hub, as the returns screen shows it: department and tax class from this till's catalog."""
    skus = {sku for _, sku, _, _, _ in lines}
    products = {p.sku: p for p in session.scalars(select(Product).where(Product.sku.in_(skus)))}
    out: list[ReturnableLine] = []
    for line_no, sku, name, bought, amount in lines:
        product = products.get(sku)
        if product is None:
            raise ReturnError(
                msg("{name} ({sku}) is not in this till's catalog yet.", name=name or sku, sku=sku)
            )
        out.append(
            ReturnableLine(
                original=OriginalLine(
                    line_no=line_no,
                    sku=sku,
                    name=name or product.name,
                    department=product.department,
                    quantity_milli=bought,
                    amount_minor=amount,
                    returned_milli=returned.get(line_no, 0),
                ),
                unit_price_minor=amount * 1000 // bought,
                tax_class=product.tax_class,
            )
        )
    return ReturnableSale(
        sale_uuid=sale_uuid,
        receipt_no=receipt_no,
        created_at=created_at if created_at is not None else datetime.now(UTC),
        currency=currency,
        tax_mode="inclusive",
        lines=tuple(out),
        tenders=tenders,
        tax_rates=(),
        order_number=order_number,
    )


class WebReturnsService:
    def __init__(self, returns: ReturnsService) -> None:
        self._returns = returns

    def prepare(self, session: Session, order: Returnable, presented: str) -> WebOrderReturn:
        """The hub's view of an order, less this till's returns it has not seen yet."""
        if order.original_kind is not OriginalKind.WEB_ORDER:
            raise ReturnError(msg("That is not a web order."))
        unsent = unsent_returned(session, order.ref)
        lines = [
            (ln.line_no, ln.sku, ln.name, ln.bought_milli, ln.amount_minor) for ln in order.lines
        ]
        returned = {ln.line_no: ln.returned_milli + unsent.get(ln.line_no, 0) for ln in order.lines}
        sale = self._sale(session, order.ref, order.currency, order.created_at, lines, returned,
                          order.paid_online)  # fmt: skip
        return WebOrderReturn(
            sale=sale,
            number=order.ref,
            pickup_store_id=order.store_id,
            customer_email=order.customer_email,
            paid_online=order.paid_online,
            checked_online=True,
            presented=presented.strip(),
        )

    def prepare_offline(self, session: Session, presented: str) -> list[WebOrderReturn]:
        """Hub unreachable: this store's orders from the feed copy, counted from this till."""
        text = presented.strip()
        if not text:
            raise ReturnError(msg("Type the web order number or the customer's email."))
        query = select(WebOrderRow).options(selectinload(WebOrderRow.lines))
        if "@" in text:
            query = query.where(WebOrderRow.customer_email == text.lower())
        else:
            query = query.where(WebOrderRow.number == text)
        rows = session.scalars(query.order_by(WebOrderRow.created_at.desc()).limit(20)).all()
        if not rows:
            raise ReturnError(
                msg(
                    "The hub cannot be reached and this till has no copy of that "
                    "order: only this store's web orders can be returned "
                    "offline. Try again when the hub is back."
                )
            )
        out = []
        for row in rows:
            lines = [
                (ln.line_no, ln.sku, ln.name, ln.quantity_milli,
                 ln.unit_price_minor * ln.quantity_milli // 1000)
                for ln in row.lines
            ]  # fmt: skip
            paid = row.payment_status == "paid"
            sale = self._sale(session, row.number, row.currency, row.created_at, lines,
                              _local_returned(session, row.number), paid)  # fmt: skip
            out.append(
                WebOrderReturn(
                    sale=sale,
                    number=row.number,
                    pickup_store_id="",
                    customer_email=row.customer_email,
                    paid_online=paid,
                    checked_online=False,
                    presented=text,
                )
            )
        return out

    @staticmethod
    def _sale(
        session: Session,
        number: str,
        currency: str,
        created_at: datetime | None,
        lines: list[tuple[int, str, str, int, int]],
        returned: dict[int, int],
        paid_online: bool,
    ) -> ReturnableSale:
        total = sum(amount for _, _, _, _, amount in lines)
        # Paid online: refunded online. Paid at the pickup: its till took the money, and the
        # store refunds it (cash, within the role's limit as for any return).
        tender = str(RefundMethod.WEB_REFUND if paid_online else RefundMethod.CASH)
        return sale_from_lines(
            session,
            sale_uuid="",
            receipt_no=number,
            currency=currency,
            created_at=created_at,
            lines=lines,
            returned=returned,
            tenders=(OriginalTender(tender, total),),
            order_number=number,
        )

    def complete(
        self,
        session: Session,
        order: WebOrderReturn,
        items: list[ReturnItem],
        *,
        cashier: StaffMember,
        context: TillContext,
        approval: Approval | None = None,
    ) -> CompletedReturn:
        """One transaction: the return (as any), plus the offline flag on its hub event."""
        offline = not order.checked_online
        if offline:
            _check_override(cashier, approval)
        sale = replace(order.sale, tax_mode=str(context.tax_mode))
        done = self._returns.complete_return(
            session,
            receipt_no=order.number,
            items=items,
            cashier=cashier,
            context=context,
            approval=approval,
            offline=offline,
            found=sale,
        )
        event = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_id == done.outbox_event_id)
        ).one()
        payload = json.loads(event.payload)
        payload["original_order_number"] = order.number
        if offline:
            payload["offline_web_return"] = True
            payload["presented"] = order.presented[:200]
        event.payload = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        return replace(
            done, receipt=replace(done.receipt, footer=self._footer(order, done, context))
        )

    @staticmethod
    def _footer(
        order: WebOrderReturn, done: CompletedReturn, context: TillContext
    ) -> tuple[str, ...]:
        currency = currency_by_code(context.currency.code)
        online = sum(
            (p.amount for p in done.assessment.refund if p.method is RefundMethod.WEB_REFUND),
            Money.zero(currency),
        )
        lines = [f"Return of web order {order.number}"]
        if not online.is_zero():
            lines.append(
                f"Refund of {online.format_amount()} {currency.code} to the card used online,"
                f" within {REFUND_DAYS} days"
            )
        if not order.checked_online:
            lines.append("Checked offline: head office will review")
        return (*lines, *context.footer)


def _check_override(cashier: StaffMember, approval: Approval | None) -> None:
    """Offline, a manager other than the cashier must override, with a reason."""
    if approval is None:
        raise ReturnApprovalRequiredError([OFFLINE_REASON])
    if (
        approval.permission is not Permission.RETURN_OVERRIDE
        or approval.requested_by.staff_id != cashier.staff_id
        or not approval.approver.can(Permission.RETURN_OVERRIDE)
    ):
        raise ReturnError(msg("That approval is not for this return; ask a manager to approve it."))
    if approval.approver.staff_id == cashier.staff_id:
        raise ReturnError(msg("Someone else must approve your own return."))
    if not approval.reason.strip():
        raise ReturnError(msg("The manager must give a reason for an offline web-order return."))
