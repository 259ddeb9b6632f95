"""Click-and-collect at the store (DESIGN §7): the state machine and the bag label.

Pure Python. The hub decides in the end (it refuses an impossible move with a reason); the
till checks the same moves first so an associate is told at once, even offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pos_app.domain.errors import DomainError
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
    "describe",
    "pick_list",
]


class CollectionError(DomainError):
    """A click-and-collect step cannot be done as asked; nothing was written."""


class OrderState(StrEnum):
    NEW = "new"
    PICKING = "picking"
    READY = "ready"
    PARTIALLY_COLLECTED = "partially_collected"
    COLLECTED = "collected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


S = OrderState
ALLOWED_MOVES: dict[OrderState, frozenset[OrderState]] = {
    S.NEW: frozenset({S.PICKING, S.CANCELLED, S.EXPIRED}),
    S.PICKING: frozenset({S.NEW, S.READY, S.CANCELLED, S.EXPIRED}),
    S.READY: frozenset({S.COLLECTED, S.PARTIALLY_COLLECTED, S.CANCELLED, S.EXPIRED}),
    S.PARTIALLY_COLLECTED: frozenset({S.PARTIALLY_COLLECTED, S.COLLECTED, S.CANCELLED, S.EXPIRED}),
    S.COLLECTED: frozenset(),
    S.CANCELLED: frozenset(),
    S.EXPIRED: frozenset(),
}
# Orders still waiting for something to happen at the store.
ACTIVE = frozenset({S.NEW, S.PICKING, S.READY, S.PARTIALLY_COLLECTED})

_WORDS = {
    S.NEW: "new",
    S.PICKING: "being picked",
    S.READY: "ready for collection",
    S.PARTIALLY_COLLECTED: "partly collected",
    S.COLLECTED: "collected",
    S.CANCELLED: "cancelled",
    S.EXPIRED: "expired",
}


def describe(state: OrderState) -> str:
    return _WORDS[state]


def check_move(number: str, current: OrderState, target: OrderState) -> None:
    if target not in ALLOWED_MOVES[current]:
        raise CollectionError(
            f"Order {number} is {describe(current)}; it cannot become {describe(target)}."
        )


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
) -> ReceiptDocument:
    """A label for one bag, printed like a receipt: the order number is the barcode."""
    zero = Money.zero(currency)
    return ReceiptDocument(
        kind="collection label",
        store_name=store_name,
        store_lines=(f"ORDER {number}", customer_name, f"BAG {bag} OF {bags}"),
        till_id=till_id,
        receipt_no=number,
        issued_at=issued_at,
        cashier=staff,
        lines=tuple(ReceiptLine(name, qty, zero, zero) for name, qty in items),
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
) -> ReceiptDocument:
    """What the customer took away (``handed``: name, quantity, unit price), what still waits
    in the bag, and how the order was paid; the order number is the barcode."""
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
        rounding_adjustment=zero,
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
            f"Due by {due_by.strftime('%a %d %b %H:%M')}",
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
