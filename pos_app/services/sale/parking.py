"""Park (suspend) a basket and resume it later, at this or any till of the store.

A parked basket keeps the prices it was rung at (docs/architecture.md §6: a price change mid-basket
does not reprice it); its lines are stored as JSON in one row, written and deleted in the caller's
transaction, so resuming is all-or-nothing: two tills cannot both resume the same basket
(the second finds the row gone).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.models import ParkedBasket
from pos_app.domain.catalog import CatalogItem
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money
from pos_app.domain.pricing import Traceability
from pos_app.domain.promotions import PromotionContext
from pos_app.domain.sale.basket import Basket, BasketLine, Discount
from pos_app.services.staff.auth import Permission, StaffMember, require
from pos_app.services.store.till_context import TillContext

PAYLOAD_VERSION = 1


class ParkingError(Exception):
    """The basket cannot be parked or resumed; the message is fit for the cashier."""


@dataclass(frozen=True)
class ParkedSummary:
    parked_id: int
    label: str
    cashier: str
    created_at: datetime
    line_count: int
    total: Money


def utc_now() -> datetime:
    return datetime.now(UTC)


def _money(minor: int, context: TillContext) -> Money:
    return Money.from_minor(minor, context.currency)


def _line_json(line: BasketLine) -> dict[str, Any]:
    item = line.item
    return {
        "line_no": line.line_no,
        "sku": item.sku,
        "name": item.name,
        "department": item.department,
        "tax_class": item.tax_class,
        "catalog_price_minor": item.unit_price.to_minor(),
        "sold_by_weight": item.sold_by_weight,
        "barcodes": list(item.barcodes),
        "quantity": str(line.quantity),
        "unit_price_minor": line.unit_price.to_minor(),
        "price_override_reason": line.price_override_reason,
        "discounts": [[d.kind, str(d.value), d.reason] for d in line.discounts],
        "scanned_code": line.scanned_code,
        "trace": _trace_json(line.trace),
    }


def _trace_json(trace: Traceability | None) -> list[str | None] | None:
    if trace is None:
        return None
    return [trace.lot, trace.serial, trace.expiry.isoformat() if trace.expiry else None]


def _trace_from_json(data: list[str | None] | None) -> Traceability | None:
    if data is None:
        return None
    lot, serial, expiry = data
    return Traceability(lot, serial, date.fromisoformat(expiry) if expiry else None)


def _line_from_json(data: dict[str, Any], context: TillContext) -> BasketLine:
    item = CatalogItem(
        sku=data["sku"],
        name=data["name"],
        unit_price=_money(int(data["catalog_price_minor"]), context),
        tax_class=data["tax_class"],
        department=data["department"],
        barcodes=tuple(data["barcodes"]),
        sold_by_weight=bool(data["sold_by_weight"]),
    )
    return BasketLine(
        line_no=int(data["line_no"]),
        item=item,
        quantity=Decimal(data["quantity"]),
        unit_price=_money(int(data["unit_price_minor"]), context),
        price_override_reason=data["price_override_reason"],
        discounts=[Discount(k, Decimal(v), r) for k, v, r in data["discounts"]],
        scanned_code=data["scanned_code"],
        trace=_trace_from_json(data.get("trace")),  # baskets parked before GS1 have none
    )


def basket_payload(basket: Basket) -> str:
    """The basket's lines and discounts as stored JSON (a parked basket, the basket in
    progress): the prices it was rung at, not the catalog's of the day it comes back."""
    discount = basket.basket_discount
    payload = {
        "version": PAYLOAD_VERSION,
        "lines": [_line_json(line) for line in basket.lines],
        "basket_discount": None
        if discount is None
        else [discount.kind, str(discount.value), discount.reason],
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"))


def basket_from_payload(text: str, context: TillContext) -> Basket:
    data = json.loads(text)
    if data.get("version") != PAYLOAD_VERSION:
        raise ParkingError(
            msg("That basket was saved by a newer version of OmniTill: resume it at that till.")
        )
    lines = [_line_from_json(line, context) for line in data["lines"]]
    bd = data.get("basket_discount")
    discount = None if bd is None else Discount(bd[0], Decimal(bd[1]), bd[2])
    return Basket.restore(context.currency, context.tax_mode, context.tax_rates, lines, discount)


def _summary(row: ParkedBasket, context: TillContext) -> ParkedSummary:
    return ParkedSummary(
        parked_id=row.id,
        label=row.label,
        cashier=row.cashier,
        created_at=row.created_at,
        line_count=row.line_count,
        total=_money(row.total_minor, context),
    )


class ParkingService:
    def __init__(
        self,
        clock: Callable[[], datetime] = utc_now,
        new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
    ) -> None:
        self._clock = clock
        self._new_uuid = new_uuid

    def park(
        self,
        session: Session,
        basket: Basket,
        *,
        actor: StaffMember,
        context: TillContext,
        label: str = "",
        promotions: PromotionContext | None = None,
    ) -> ParkedSummary:
        """``promotions``: what the screen priced the basket with, so the parked total is the
        one the cashier saw (issue 15: "Basket parked (€10.18)" for a €9.28 basket)."""
        require(actor, Permission.PARK)
        if basket.is_empty:
            raise ParkingError(msg("There is nothing to park: the basket is empty."))
        row = ParkedBasket(
            uuid=str(self._new_uuid()),
            till_id=context.till_id,
            cashier=actor.name,
            label=label.strip()[:100],
            created_at=self._clock(),
            currency=context.currency.code,
            line_count=len(basket.lines),
            total_minor=basket.totals(promotions).total.to_minor(),
            payload=basket_payload(basket),
        )
        session.add(row)
        session.flush()
        return _summary(row, context)

    def list_parked(self, session: Session, context: TillContext) -> list[ParkedSummary]:
        rows = session.scalars(
            select(ParkedBasket)
            .where(ParkedBasket.currency == context.currency.code)
            .order_by(ParkedBasket.created_at, ParkedBasket.id)
        )
        return [_summary(row, context) for row in rows]

    def resume(
        self, session: Session, parked_id: int, *, actor: StaffMember, context: TillContext
    ) -> Basket:
        require(actor, Permission.SELL)
        row = session.get(ParkedBasket, parked_id)
        if row is None:
            raise ParkingError(msg("That basket was already resumed (here or at another till)."))
        if row.currency != context.currency.code:
            raise ParkingError(
                msg(
                    "That basket is in {currency}; this till sells in another: resume it at a "
                    "till that sells in {currency}.",
                    currency=row.currency,
                )
            )
        basket = basket_from_payload(row.payload, context)
        session.delete(row)
        session.flush()
        return basket
