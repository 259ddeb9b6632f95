"""Click-and-collect at the store: the bag label, the pick list and the collection receipt.

The order states and their moves are in states.py (shared with the hub). Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from pos_app.domain.click_collect.states import (
    ACTIVE,
    ALLOWED_MOVES,
    CollectionError,
    OrderState,
    check_move,
    describe,
)
from pos_app.domain.money import Currency, Money
from pos_app.domain.receipt import ReceiptDocument, ReceiptLine
from pos_app.domain.tax import TaxMode

__all__ = [
    "ACTIVE",
    "ALLOWED_MOVES",
    "CollectionError",
    "OrderState",
    "bag_label",
    "check_move",
    "collection_receipt",
    "delivery_lines",
    "delivery_town",
    "describe",
    "pick_list",
]


def delivery_lines(deliver_to: str | None) -> tuple[str, ...]:
    """A delivery's address as printed on its pick list and bag labels: one part a line
    (the hub sends it on one line, parts separated by commas); nothing for a pickup."""
    if deliver_to is None:
        return ()
    parts = tuple(p.strip() for p in deliver_to.split(",") if p.strip())
    return ("DELIVER TO:", *parts) if parts else ("DELIVER TO: (no address given)",)


def delivery_town(deliver_to: str | None) -> str:
    """The town part of a one-line address for the queue's row ("name, street, zip town,
    country" from the web store; an associate's typing may be shorter): with four parts or
    more the one before the country, else the last."""
    parts = [p.strip() for p in (deliver_to or "").split(",") if p.strip()]
    if not parts:
        return ""
    return parts[-2] if len(parts) >= 4 else parts[-1]


def bag_label(
    *,
    number: str,
    customer_name: str,
    bag: int,
    bags: int,
    items: Sequence[tuple[str, Decimal]],
    store_name: str,
    till_id: str,
    staff: str,
    issued_at: datetime,
    currency: Currency,
    deliver_to: str | None = None,
) -> ReceiptDocument:
    """A label for one bag, printed like a receipt: the order number is the barcode.

    A work document (``priced=False``): the items and their quantities, never prices or a
    total (issue 15: every line printed at 0.00 and "TOTAL EUR 0.00"); a line picked short to
    nothing is left off, it is not in the bag."""
    zero = Money.zero(currency)
    return ReceiptDocument(
        kind="collection label",
        store_name=store_name,
        store_lines=(
            f"ORDER {number}",
            customer_name,
            f"BAG {bag} OF {bags}",
            *delivery_lines(deliver_to),
        ),
        till_id=till_id,
        receipt_no=number,
        issued_at=issued_at,
        cashier=staff,
        lines=tuple(ReceiptLine(name, qty, zero, zero) for name, qty in items if qty > 0),
        subtotal=zero,
        discount_total=zero,
        tax_lines=(),
        tax_mode=TaxMode.INCLUSIVE,
        total=zero,
        rounding_adjustment=zero,
        tenders=(),
        change=zero,
        footer=("Click & collect",),
        offline=False,
        barcode=number,
        priced=False,
    )


def collection_receipt(
    *,
    number: str,
    customer_name: str,
    handed: Sequence[tuple[str, Decimal, Money]],
    waiting: Sequence[tuple[str, Decimal]],
    payment: str,
    tenders: Sequence[tuple[str, Money]],
    change: Money | None,
    store_name: str,
    till_id: str,
    staff: str,
    issued_at: datetime,
    currency: Currency,
    offline: bool,
    rounding: Money | None = None,
) -> ReceiptDocument:
    """What the customer took away (``handed``: name, quantity, unit price), what still waits
    in the bag, and how the order was paid (``rounding``: the drawer's cash rounding of that
    payment, printed as the sale's own receipt prints it); the order number is the barcode."""
    zero = Money.zero(currency)
    lines = tuple(
        ReceiptLine(name, qty, price, (price * qty).rounded()) for name, qty, price in handed
    )
    total = sum((ln.amount for ln in lines), zero)
    if waiting:
        rest = ("STILL TO COLLECT:", *(f"  {_qty(q)} x {name}" for name, q in waiting))
    else:
        rest = ("Order complete: nothing left to collect.",)
    return ReceiptDocument(
        kind="collection",
        store_name=store_name,
        store_lines=(f"ORDER {number}", customer_name),
        till_id=till_id,
        receipt_no=number,
        issued_at=issued_at,
        cashier=staff,
        lines=lines,
        subtotal=total,
        discount_total=zero,
        tax_lines=(),
        tax_mode=TaxMode.INCLUSIVE,
        total=total,
        rounding_adjustment=rounding or zero,
        tenders=tuple(tenders),
        change=change or zero,
        footer=(payment, *rest, "Click & collect"),
        offline=offline,
        barcode=number,
    )


def _qty(quantity: Decimal) -> str:
    return f"{quantity.normalize():f}"


def pick_list(
    *,
    number: str,
    customer_name: str,
    due_by: datetime,
    lines: Sequence[tuple[str, str, str, Decimal]],
    store_name: str,
    till_id: str,
    staff: str,
    issued_at: datetime,
    currency: Currency,
    deliver_to: str | None = None,
) -> ReceiptDocument:
    """The paper pick list: ``lines`` are (department, name, SKU, quantity to pick), listed
    by department then name (the walk through the store), each with a tick box; the order
    number is the barcode, so the bag it ends up in can be scanned back to the order."""
    zero = Money.zero(currency)
    ordered = sorted(lines, key=lambda ln: (ln[0].casefold(), ln[1].casefold()))  # stable
    items = sum((ln[3] for ln in ordered), Decimal(0))
    return ReceiptDocument(
        kind="pick list",
        store_name=store_name,
        store_lines=(
            f"ORDER {number}",
            customer_name,
            # A delivery is not collected by a date: it goes out with the carrier.
            *(delivery_lines(deliver_to) or (f"Due by {due_by.strftime('%a %d %b %H:%M')}",)),
        ),
        till_id=till_id,
        receipt_no=number,
        issued_at=issued_at,
        cashier=staff,
        lines=tuple(
            ReceiptLine(name, qty, zero, zero, code=sku, group=dept)
            for dept, name, sku, qty in ordered
        ),
        subtotal=zero,
        discount_total=zero,
        tax_lines=(),
        tax_mode=TaxMode.INCLUSIVE,
        total=zero,
        rounding_adjustment=zero,
        tenders=(),
        change=zero,
        footer=(f"{len(ordered)} lines, {_qty(items)} items", "Scan each item to verify"),
        offline=False,
        barcode=number,
        priced=False,
    )
