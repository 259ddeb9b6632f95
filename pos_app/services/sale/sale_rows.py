"""The rows a completed sale writes, as plain column → value dicts, and what is built from them.

Checkout inserts these with SQLAlchemy Core, one statement per table (executemany for lines,
tenders, tax lines and movements): building and flushing ORM objects cost five times the
durable commit itself (issue 18). The journal body and the hub event read the same dicts, so
what is hashed, sent and stored cannot differ.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_app.domain.sale.basket import BasketLine, BasketTotals, LineTotals
from pos_app.domain.sale.tenders import Settlement, Tender, TenderKind
from pos_app.services.store.till_context import TillContext
from pos_app.services.sync.event_payloads import (
    Row,
    gs1_of,
    movements_of,
    sale_envelope,
    tenders_of,
)

SALE_EVENT_VERSION = 1
_COMPACT = (",", ":")


class QuantityError(ValueError):
    """A quantity the database cannot hold exactly (more than 3 decimals)."""


def quantity_milli(quantity: Decimal) -> int:
    milli = quantity * 1000
    if milli != milli.to_integral_value():
        raise QuantityError(f"quantity {quantity} has more than 3 decimals")
    return int(milli)


def sale_row(
    *,
    sale_uuid: str,
    receipt_no: str,
    seq: int,
    now: datetime,
    cashier: str,
    context: TillContext,
    totals: BasketTotals,
    settlement: Settlement,
    offline: bool,
    customer_ref: str | None,
    customer_email: str | None,
) -> dict[str, Any]:
    return {
        "uuid": sale_uuid,
        "kind": "sale",
        "store_id": context.store_id,
        "till_id": context.till_id,
        "receipt_no": receipt_no,
        "journal_seq": seq,
        "created_at": now,
        "cashier": cashier,
        "currency": context.currency.code,
        "tax_mode": str(context.tax_mode),
        "subtotal_minor": totals.subtotal.to_minor(),
        "discount_minor": totals.discount_total.to_minor(),
        "tax_minor": totals.tax_total.to_minor(),
        "total_minor": totals.total.to_minor(),
        "rounding_minor": settlement.rounding_adjustment.to_minor(),
        "paid_minor": settlement.paid.to_minor(),
        "change_minor": settlement.change.to_minor(),
        "offline": offline,
        "customer_ref": customer_ref,
        "customer_email": customer_email,
    }


def line_row(line: BasketLine, lt: LineTotals) -> dict[str, Any]:
    """A sale line; ``promotions`` stays a list here and becomes JSON text only when stored."""
    item = line.item
    return {
        "line_no": line.line_no,
        "sku": item.sku,
        "name": item.name,
        "department": item.department,
        "scanned_code": line.scanned_code,
        # What a GS1 scan said about this unit (issue 17): lot, serial, expiry (ISO date).
        "gs1_lot": line.trace.lot if line.trace else None,
        "gs1_serial": line.trace.serial if line.trace else None,
        "gs1_expiry": line.trace.expiry.isoformat() if line.trace and line.trace.expiry else None,
        "tax_class": item.tax_class,
        "quantity_milli": quantity_milli(line.quantity),
        "unit_price_minor": line.unit_price.to_minor(),
        "gross_minor": lt.gross.to_minor(),
        "line_discount_minor": lt.line_discount.to_minor(),
        "basket_discount_minor": lt.basket_discount_share.to_minor(),
        "amount_minor": lt.amount.to_minor(),
        "price_override_reason": line.price_override_reason,
        "discount_reasons": "\n".join(d.reason for d in line.discounts),
        "promotion_discount_minor": lt.promotion_discount.to_minor(),
        "promotions": [
            {"promo_id": p.promo_id, "name": p.name, "amount_minor": p.amount.to_minor()}
            for p in lt.promotions
        ],
    }


def stored_line(sale_id: int, line: Row) -> dict[str, Any]:
    return {
        **line,
        "sale_id": sale_id,
        "promotions": json.dumps(line["promotions"], sort_keys=True, separators=_COMPACT),
    }


def tender_row(seq: int, tender: Tender) -> dict[str, Any]:
    card = tender.card if tender.kind is TenderKind.CARD else None
    return {
        "seq": seq,
        "kind": str(tender.kind),
        "amount_minor": tender.amount.to_minor(),
        "approval_code": card.approval_code if card else None,
        "card_last4": card.last4 if card else None,
        "card_scheme": card.scheme if card else None,
        "terminal_ref": card.terminal_ref if card else None,
        "account": tender.account,
    }


def tax_rows(totals: BasketTotals) -> list[dict[str, Any]]:
    return [
        {
            "tax_class": t.tax_class,
            "label": t.label,
            "rate": str(t.rate),
            "net_minor": t.net.to_minor(),
            "tax_minor": t.tax.to_minor(),
            "gross_minor": t.gross.to_minor(),
        }
        for t in totals.tax_lines
    ]


def journal_body(
    sale: Row, lines: Sequence[Row], tenders: Sequence[Row], taxes: Sequence[Row]
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "receipt_no": sale["receipt_no"],
        "sale_uuid": sale["uuid"],
        "store_id": sale["store_id"],
        "cashier": sale["cashier"],
        "currency": sale["currency"],
        "offline": sale["offline"],
        "total_minor": sale["total_minor"],
        "tax_minor": sale["tax_minor"],
        "rounding_minor": sale["rounding_minor"],
        "lines": [
            [ln["sku"], ln["quantity_milli"], ln["amount_minor"], ln["tax_class"]] for ln in lines
        ],
        "tenders": [[t["kind"], t["amount_minor"]] for t in tenders],
        "tax": [[t["tax_class"], t["rate"], t["net_minor"], t["tax_minor"]] for t in taxes],
    }
    promoted = [
        [ln["line_no"], p["promo_id"], p["amount_minor"]] for ln in lines for p in ln["promotions"]
    ]
    if promoted:
        # Only when there are some, so a sale without promotions serialises (and hashes) as
        # it always did.
        body["promotions"] = promoted
    traced = [
        [ln["line_no"], ln["gs1_lot"], ln["gs1_serial"], ln["gs1_expiry"]]
        for ln in lines
        if ln["gs1_lot"] or ln["gs1_serial"] or ln["gs1_expiry"]
    ]
    if traced:  # likewise: GS1 lot, serial and expiry only where a scan carried them
        body["gs1"] = traced
    return body


def event_payload(
    sale: Row,
    lines: Sequence[Row],
    tenders: Sequence[Row],
    taxes: Sequence[Row],
    movements: Sequence[Row],
    journal: tuple[int, str],
) -> dict[str, Any]:
    customer = {
        key: sale[key] for key in ("customer_ref", "customer_email") if sale[key] is not None
    }  # only when a customer is attached: other sales' events stay as they were
    seq, digest = journal
    return {
        **customer,
        "version": SALE_EVENT_VERSION,
        **sale_envelope(sale),
        "lines": [
            {
                "line_no": ln["line_no"],
                "sku": ln["sku"],
                "name": ln["name"],
                "quantity_milli": ln["quantity_milli"],
                "unit_price_minor": ln["unit_price_minor"],
                "gross_minor": ln["gross_minor"],
                "line_discount_minor": ln["line_discount_minor"],
                "basket_discount_minor": ln["basket_discount_minor"],
                "promotion_discount_minor": ln["promotion_discount_minor"],
                "promotions": ln["promotions"],
                "amount_minor": ln["amount_minor"],
                "tax_class": ln["tax_class"],
                "price_override_reason": ln["price_override_reason"],
                **gs1_of(ln["gs1_lot"], ln["gs1_serial"], ln["gs1_expiry"]),
            }
            for ln in lines
        ],
        "tenders": tenders_of(tenders),
        "tax_lines": [
            {
                "tax_class": t["tax_class"],
                "rate": t["rate"],
                "net_minor": t["net_minor"],
                "tax_minor": t["tax_minor"],
                "gross_minor": t["gross_minor"],
            }
            for t in taxes
        ],
        "stock_movements": movements_of(movements),
        "journal": {"seq": seq, "hash": digest},
    }
