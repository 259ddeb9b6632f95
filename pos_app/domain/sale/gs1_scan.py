"""What a GS1 scan (DataMatrix, GS1-128, GS1 QR) adds to the basket.

The GTIN (AI 01) finds the product; a net weight (310n) is the quantity of a weighed item; an
amount payable (392n, or 393n in the till's currency) is what the customer pays for the unit,
as on an in-store price label (quantity 1); lot (10), serial (21) and expiry (17) go on the
line (``Traceability``) so they are stored and journaled with the sale. An expired unit is
still sold — the till cannot know whether the shop may sell it — but ``expiry_warning`` tells
the cashier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pos_app.domain.barcodes import normalize_gtin
from pos_app.domain.catalog import CatalogItem, CatalogLookup
from pos_app.domain.errors import BarcodeError, BasketError, MoneyError, UnknownProductError
from pos_app.domain.gs1 import Gs1Data
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, Money, currency_by_numeric_code
from pos_app.domain.pricing import Traceability

__all__ = ["Gs1Line", "expiry_warning", "gs1_line"]

# A GTIN-14 indicator digit 9 marks a variable measure trade item: its own catalog code.
_VARIABLE_MEASURE_INDICATOR = "9"


@dataclass(frozen=True)
class Gs1Line:
    item: CatalogItem
    quantity: Decimal | None
    unit_price: Money | None
    trace: Traceability
    scanned_code: str


def _lookup(gtin: str, catalog: CatalogLookup) -> CatalogItem:
    code = gtin if gtin[0] == _VARIABLE_MEASURE_INDICATOR else normalize_gtin(gtin)
    item = catalog.by_barcode(code)
    if item is None:
        raise UnknownProductError(
            msg("No product has the GTIN {gtin} (from a GS1 code).", gtin=gtin)
        )
    return item


def _price(data: Gs1Data, currency: Currency) -> Money | None:
    if data.amount_payable is None:
        return None
    if data.amount_currency is not None:
        try:
            label_currency = currency_by_numeric_code(data.amount_currency)
        except MoneyError:
            label_currency = None
        if label_currency != currency:
            raise BasketError(
                msg(
                    "The GS1 code gives a price in currency {label}, not in {currency}; "
                    "key the price in.",
                    label=data.amount_currency,
                    currency=currency.code,
                )
            )
    price = Money(data.amount_payable, currency)
    if not price.is_on_quantum():
        raise BasketError(
            msg(
                "The GS1 price {amount} does not fit {currency}; key the price in.",
                amount=str(data.amount_payable),  # as the label says: Money would round it
                currency=currency.code,
            )
        )
    return price


def gs1_line(data: Gs1Data, catalog: CatalogLookup, currency: Currency) -> Gs1Line:
    """The basket line a parsed GS1 code stands for; a DomainError a cashier can act on."""
    if data.gtin is None:
        raise BarcodeError(
            msg("This GS1 code names no product (no GTIN, AI 01); scan another code.")
        )
    item = _lookup(data.gtin, catalog)
    price = _price(data, currency)
    weight = data.net_weight_kg
    quantity: Decimal | None = None
    if price is not None:
        quantity = Decimal(1)  # the label's amount is what is paid for this one unit
    elif weight is not None:
        if not item.sold_by_weight:
            raise BasketError(
                msg(
                    "The GS1 code carries a weight, but {item} is sold per unit: scan its "
                    "own barcode.",
                    item=item.name,
                )
            )
        if weight <= 0:
            raise BasketError(
                msg("The GS1 code for {item} shows no weight. Weigh it again.", item=item.name)
            )
        quantity = weight
    trace = Traceability(lot=data.lot, serial=data.serial, expiry=data.expiry)
    return Gs1Line(item, quantity, price, trace, data.gtin)


def expiry_warning(trace: Traceability | None, today: date) -> str | None:
    """A message for the cashier when the unit's expiry date (AI 17) has passed."""
    if trace is None or trace.expiry is None or trace.expiry >= today:
        return None
    return f"Expired on {trace.expiry.isoformat()}: check the date before selling this item."
