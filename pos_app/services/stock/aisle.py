"""Endless aisle at the till (docs/architecture.md, "One stock truth"): a basket line sold
here, paid here, and handed over by another store (pickup there) or shipped from it or the
warehouse (delivery to the customer's address).

The request is checked before the sale (a bad e-mail or a missing address changes nothing);
the checkout then writes the sale without moving this store's stock for those lines and puts
the order in the sale's own outbox event (``aisle_order``): one transaction at the till, one
idempotent event at the hub, which makes it a paid web order at the fulfilling location.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pos_app.domain.l10n.messages import msg
from pos_app.domain.sale.basket import Basket
from pos_app.services.customers.directory import CustomerError, valid_email

Mode = Literal["pickup", "delivery"]
OFFLINE_NOTE = (
    "The hub cannot be reached: the order is queued with the sale, and the other store's "
    "stock is checked when the till is back online."
)


class AisleError(ValueError):
    """The order cannot be taken as entered; nothing was changed."""


@dataclass(frozen=True)
class AisleRequest:
    line_nos: frozenset[int]  # the basket lines fulfilled elsewhere
    sku: str  # of that line: a different item on that line number is not this order
    fulfil_store_id: str
    fulfil_name: str
    mode: Mode
    customer_email: str
    customer_name: str = ""
    delivery_address: str | None = None
    checked_online: bool = True

    def still_in(self, basket: Basket) -> bool:
        """The ordered line is still in the basket, with the same item."""
        return any(
            line.line_no in self.line_nos and line.item.sku == self.sku for line in basket.lines
        )

    def describe(self) -> str:
        how = (
            f"for pickup at {self.fulfil_name}"
            if self.mode == "pickup"
            else f"for delivery, from {self.fulfil_name}"
        )
        lines = ", ".join(str(n) for n in sorted(self.line_nos))
        return f"Line {lines} ordered {how} for {self.customer_email}."


def make_request(
    *,
    line_no: int,
    sku: str,
    fulfil_store_id: str,
    fulfil_name: str,
    mode: Mode,
    email: str,
    name: str = "",
    address: str = "",
    online: bool = True,
) -> AisleRequest:
    """Check what the associate entered; ``AisleError`` with what to fix."""
    try:
        customer_email = valid_email(email)
    except CustomerError as exc:
        raise AisleError(*exc.args) from None
    address = " ".join(address.split())
    if mode == "delivery" and len(address) < 8:
        raise AisleError(msg("Enter the customer's delivery address (street, town, postcode)."))
    if len(address) > 500 or len(name) > 200:
        raise AisleError(msg("The name or the address is too long: shorten it."))
    return AisleRequest(
        line_nos=frozenset({line_no}),
        sku=sku,
        fulfil_store_id=fulfil_store_id,
        fulfil_name=fulfil_name,
        mode=mode,
        customer_email=customer_email,
        customer_name=name.strip(),
        delivery_address=address if mode == "delivery" else None,
        checked_online=online,
    )


def aisle_payload(
    request: AisleRequest, receipt_no: str, line_rows: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The sale event's ``aisle_order``: the ordered lines at what the customer paid."""
    lines = []
    for row in line_rows:
        if row["line_no"] not in request.line_nos or row["sku"] != request.sku:
            continue
        quantity = int(row["quantity_milli"])
        if quantity <= 0:
            raise AisleError(msg("Line {line} has no quantity to order.", line=row["line_no"]))
        lines.append(
            {
                "line_no": row["line_no"],
                "sku": row["sku"],
                "name": row["name"],
                "quantity_milli": quantity,
                # What the customer paid per unit (after discounts), rounded down.
                "unit_price_minor": int(row["amount_minor"]) * 1000 // quantity,
            }
        )
    if not lines:
        raise AisleError(
            msg("The ordered line is no longer in the basket: order it again from the aisle.")
        )
    return {
        "number": f"A-{receipt_no}"[:64],
        "fulfil_store_id": request.fulfil_store_id,
        "fulfil_name": request.fulfil_name,  # for the receipt; the hub has its own names
        "mode": request.mode,
        "customer_email": request.customer_email,
        "customer_name": request.customer_name,
        "delivery_address": request.delivery_address,
        "lines": lines,
        "checked_online": request.checked_online,
    }


def aisle_receipt_lines(order: Mapping[str, Any] | None) -> tuple[str, ...]:
    """What the receipt says about the ordered lines: the order number and where it comes
    from (the customer leaves without the goods, and needs the number to ask about them)."""
    if not order:
        return ()
    how = "pickup at" if order["mode"] == "pickup" else "delivery from"
    store = order.get("fulfil_name") or order["fulfil_store_id"]
    items = ", ".join(f"{line['name'] or line['sku']}" for line in order["lines"])
    return (
        f"Order {order['number']}: {how} {store}",
        f"  {items}",
        "  Confirmation sent to " + order["customer_email"],
    )
