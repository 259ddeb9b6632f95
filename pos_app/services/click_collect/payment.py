"""Paying at a click-and-collect hand-over, and the collection receipt (docs/architecture.md §7).

A pay-in-store order is paid through the normal checkout, in the hand-over's own transaction:
the basket is the handed-over lines at the web order's prices, so the tender panel asks for
what the checkout will charge (``amount_due`` prices the same basket). Split from the steps
(steps.py) because paying is the sale's rules applied to an order, not an order state move.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import CollectionOrderRow, WebOrderRow
from pos_app.domain.click_collect.orders import CollectionError, collection_receipt
from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, Money, currency_by_code
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.sale.basket import Basket
from pos_app.domain.sale.tenders import Tender
from pos_app.services.click_collect.queue import OrderDetail
from pos_app.services.sale.checkout import CheckoutError, CheckoutService, CompletedSale
from pos_app.services.store.till_context import TillContext

__all__ = [
    "amount_of",
    "handover_basket",
    "lines_to_give",
    "order_currency",
    "pay_in_store",
    "receipt_of",
]


def order_currency(order: WebOrderRow) -> Currency:
    return currency_by_code(order.currency)


def lines_to_give(
    number: str, local: CollectionOrderRow, quantities: Mapping[int, int] | None
) -> dict[int, int]:
    """Milli per line to hand over: all that waits in the bag (``quantities`` None) or the
    asked quantities, each within what waits; at least one item."""
    waiting = {ln.line_no: ln.picked_milli - ln.collected_milli for ln in local.lines}
    give = dict(waiting) if quantities is None else dict(quantities)
    for line_no, qty in give.items():
        if line_no not in waiting or qty < 0 or qty > waiting[line_no]:
            raise CollectionError(
                msg("Line {line_no}: that is more than waits in the bag.", line_no=line_no)
            )
    if not any(give.values()):
        raise CollectionError(
            msg("Choose at least one item of order {number} to hand over.", number=number)
        )
    return give


def handover_basket(
    session: Session, order: WebOrderRow, give: Mapping[int, int], context: TillContext
) -> Basket:
    """The handed-over lines at the web order's prices."""
    basket = context.new_basket()
    catalog = SqlCatalog(session, context.currency)
    lines = {ln.line_no: ln for ln in order.lines}
    for line_no, qty in sorted(give.items()):
        if not qty:
            continue
        line = lines[line_no]
        added = basket.add_by_sku(line.sku, catalog, Decimal(qty) / 1000)
        web_price = Money.from_minor(line.unit_price_minor, context.currency)
        if added.unit_price != web_price:
            basket.override_price(added.line_no, web_price, f"web order {order.number}")
    return basket


def amount_of(
    session: Session, order: WebOrderRow, give: Mapping[int, int], context: TillContext
) -> Money:
    """What the customer pays for ``give``: the total of the basket the checkout will price."""
    try:
        return handover_basket(session, order, give, context).totals().total
    except DomainError as exc:
        raise CollectionError(*exc.args) from exc  # keeps the message id


def pay_in_store(
    checkout: CheckoutService,
    session: Session,
    order: WebOrderRow,
    give: Mapping[int, int],
    tenders: Sequence[Tender],
    *,
    staff: str,
    context: TillContext,
    offline: bool,
) -> CompletedSale:
    """The hand-over's sale, in the caller's transaction."""
    if not tenders:
        raise CollectionError(
            msg("Order {number} is paid in store: take payment first.", number=order.number)
        )
    try:
        basket = handover_basket(session, order, give, context)
        return checkout.complete_sale(
            session,
            basket=basket,
            tenders=tenders,
            cashier=staff,
            context=context,
            offline=offline,
        )
    except (DomainError, CheckoutError) as exc:
        raise CollectionError(*exc.args) from exc  # keeps the message id


def receipt_of(
    order: WebOrderRow,
    detail: OrderDetail,
    give: Mapping[int, int],
    sale: CompletedSale | None,
    *,
    staff: str,
    context: TillContext,
    issued_at: datetime,
) -> ReceiptDocument:
    """The collection receipt: what was taken, what still waits, how it was paid."""
    currency = order_currency(order)
    by_no = {ln.line_no: ln for ln in detail.lines}
    handed = [
        (
            by_no[n].name,
            Decimal(q) / 1000,
            Money.from_minor(by_no[n].unit_price_minor, currency),
        )
        for n, q in sorted(give.items())
        if q
    ]
    waiting = [
        (ln.name, Decimal(ln.waiting_milli) / 1000) for ln in detail.lines if ln.waiting_milli
    ]
    rounding = None
    if sale is not None:
        payment = f"PAID IN STORE: receipt {sale.receipt_no}"
        tenders, change = sale.receipt.tenders, sale.receipt.change
        rounding = sale.receipt.rounding_adjustment  # TOTAL, rounding, TO PAY, cash, change
    else:
        payment, tenders, change = "PAID ONLINE", (), None
    return collection_receipt(
        number=order.number,
        customer_name=order.customer_name,
        handed=handed,
        waiting=waiting,
        payment=payment,
        tenders=tenders,
        change=change,
        store_name=context.store_name,
        till_id=context.till_id,
        staff=staff,
        issued_at=issued_at,
        currency=currency,
        offline=detail.offline_handover,
        rounding=rounding,
    )
