"""The basket being rung up: lines, quantities, price overrides and discounts.

Line numbers are assigned in order and never reused within a sale, so the UI and the journal
can refer to a line after others were removed.

Merge rule: adding an item merges into the LAST line (quantity + n) only if that line is the
same SKU, sold per unit, at the same unit price, with no price override and no discount.
Anything else (a weighed item, a price-embedded label, a line that was discounted or
re-priced, the same SKU after another item) starts a new line. A scan therefore never changes
a line the cashier has already adjusted, and "scan, scan, scan" of one item shows as one line.

``lines`` and every returned ``BasketLine`` are copies: changes go through the methods, which
validate them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

from pos_app.domain.barcodes import ProductCode, VariableMeasureConfig, parse_scan
from pos_app.domain.catalog import CatalogItem, CatalogLookup
from pos_app.domain.errors import BasketError, UnknownProductError, WeightRequiredError
from pos_app.domain.gs1 import looks_like_gs1, parse_gs1
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, Money
from pos_app.domain.pricing import (
    BasketLine,
    BasketTotals,
    Discount,
    LineTotals,
    Traceability,
    compute_totals,
)
from pos_app.domain.promotions.engine import PromotionContext
from pos_app.domain.sale.gs1_scan import gs1_line
from pos_app.domain.tax import TaxMode, TaxRate

__all__ = [
    "MAX_QUANTITY",
    "Basket",
    "BasketError",
    "BasketLine",
    "BasketTotals",
    "Discount",
    "LineTotals",
    "UnknownProductError",
    "WeightRequiredError",
]

MAX_QUANTITY = Decimal(9999)
# A scale reports grams; finer weights are noise, not a quantity someone can check.
_WEIGHT_DECIMALS = 3


def _copy(line: BasketLine) -> BasketLine:
    return replace(line, discounts=list(line.discounts))


class Basket:
    def __init__(
        self, currency: Currency, tax_mode: TaxMode, tax_rates: Mapping[str, TaxRate]
    ) -> None:
        self._currency = currency
        self._tax_mode = TaxMode(tax_mode)
        self._tax_rates: Mapping[str, TaxRate] = MappingProxyType(dict(tax_rates))
        self._lines: list[BasketLine] = []
        self._basket_discount: Discount | None = None
        self._next_line_no = 1

    @classmethod
    def restore(
        cls,
        currency: Currency,
        tax_mode: TaxMode,
        tax_rates: Mapping[str, TaxRate],
        lines: Iterable[BasketLine],
        basket_discount: Discount | None = None,
    ) -> Basket:
        """Rebuild a basket from stored lines (a parked basket, a sale being re-priced)."""
        basket = cls(currency, tax_mode, tax_rates)
        for stored in lines:
            line = _copy(stored)
            if any(existing.line_no == line.line_no for existing in basket._lines):
                raise BasketError(
                    msg("Line {line} appears twice in the stored basket.", line=line.line_no)
                )
            if line.line_no < 1:
                raise BasketError(msg("Line number {line} is not valid.", line=line.line_no))
            basket._check_item(line.item)
            basket._check_price(line.unit_price)
            line.quantity = basket._checked_quantity(line.item, line.quantity)
            for discount in line.discounts:
                basket._check_discount(discount)
            basket._lines.append(line)
            basket._next_line_no = max(basket._next_line_no, line.line_no + 1)
        basket.set_basket_discount(basket_discount)
        return basket

    def copy(self) -> Basket:
        """An independent copy (what another thread prices or saves): its lines were checked
        when they entered this basket, so they are copied once and not checked again, as
        ``restore`` must for stored lines (issue 18: a snapshot on every scan)."""
        twin = Basket(self._currency, self._tax_mode, {})
        twin._tax_rates = self._tax_rates  # read-only already
        twin._lines = [_copy(line) for line in self._lines]
        twin._basket_discount = self._basket_discount  # frozen
        twin._next_line_no = self._next_line_no
        return twin

    # -- read access -------------------------------------------------------------------------

    @property
    def currency(self) -> Currency:
        return self._currency

    @property
    def tax_mode(self) -> TaxMode:
        return self._tax_mode

    @property
    def tax_rates(self) -> Mapping[str, TaxRate]:
        return self._tax_rates

    @property
    def lines(self) -> tuple[BasketLine, ...]:
        return tuple(_copy(line) for line in self._lines)

    @property
    def basket_discount(self) -> Discount | None:
        return self._basket_discount

    @property
    def is_empty(self) -> bool:
        return not self._lines

    def line(self, line_no: int) -> BasketLine:
        return _copy(self._find(line_no))

    def totals(self, promotions: PromotionContext | None = None) -> BasketTotals:
        """Price the basket; with ``promotions``, the best of them apply (see ``pricing``)."""
        return compute_totals(
            self._lines,
            self._basket_discount,
            self._currency,
            self._tax_mode,
            self._tax_rates,
            promotions,
        )

    # -- adding items ------------------------------------------------------------------------

    def add_item(
        self,
        item: CatalogItem,
        quantity: Decimal | int | None = None,
        *,
        scanned_code: str | None = None,
        unit_price: Money | None = None,
        trace: Traceability | None = None,
    ) -> BasketLine:
        """Add ``item``; ``quantity`` defaults to 1 but must be given (in kg) for weighed items.

        ``unit_price`` replaces the catalog price for price-embedded labels; it is not an
        override (no reason is needed, and the label is what the customer sees).
        """
        self._check_item(item)
        if quantity is None:
            if item.sold_by_weight:
                raise WeightRequiredError(
                    msg(
                        "{item} is sold by weight: put it on the scale or scan its weight label.",
                        item=item.name,
                    )
                )
            quantity = Decimal(1)
        qty = self._checked_quantity(item, quantity)
        price = item.unit_price if unit_price is None else unit_price
        self._check_price(price)

        last = self._lines[-1] if self._lines else None
        if (
            last is not None
            and trace is None  # a unit with its own lot or serial keeps its own line
            and last.trace is None
            and last.item.sku == item.sku
            and not item.sold_by_weight
            and not last.item.sold_by_weight
            and last.unit_price == price
            and last.price_override_reason is None
            and not last.discounts
        ):
            last.quantity = self._checked_quantity(item, last.quantity + qty)
            return _copy(last)

        line = BasketLine(
            line_no=self._next_line_no,
            item=item,
            quantity=qty,
            unit_price=price,
            price_override_reason=None,
            discounts=[],
            scanned_code=scanned_code,
            trace=trace,
        )
        self._next_line_no += 1
        self._lines.append(line)
        return _copy(line)

    def add_by_barcode(
        self, raw: str, catalog: CatalogLookup, config: VariableMeasureConfig
    ) -> BasketLine:
        if looks_like_gs1(raw):
            gs1 = gs1_line(parse_gs1(raw), catalog, self._currency)
            return self.add_item(gs1.item, gs1.quantity, scanned_code=gs1.scanned_code,
                                 unit_price=gs1.unit_price, trace=gs1.trace)  # fmt: skip
        code = parse_scan(raw, config)
        if isinstance(code, ProductCode):
            item = catalog.by_barcode(code.gtin)
            if item is None:
                raise UnknownProductError(msg("No product has the barcode {code}.", code=code.gtin))
            if item.sold_by_weight:
                raise WeightRequiredError(
                    msg(
                        "{item} is sold by weight: put it on the scale or scan its weight label.",
                        item=item.name,
                    )
                )
            return self.add_item(item, scanned_code=code.gtin)

        item = catalog.by_barcode(code.lookup_code)
        if item is None:
            raise UnknownProductError(
                msg(
                    "No product has the label barcode {code} (item {item}, catalog code {lookup}).",
                    code=code.gtin, item=code.item_code, lookup=code.lookup_code,
                )
            )  # fmt: skip
        if code.kind == "weight":
            if not item.sold_by_weight:
                raise BasketError(
                    msg(
                        "The label {code} carries a weight, but {item} is sold per unit.",
                        code=code.gtin, item=item.name,
                    )
                )  # fmt: skip
            if code.value <= 0:
                raise BasketError(
                    msg("The weight label {code} shows no weight. Weigh it again.", code=code.gtin)
                )
            return self.add_item(item, code.value, scanned_code=code.gtin)

        price = Money(code.value, self._currency)
        if not price.is_on_quantum():
            raise BasketError(
                msg(
                    "The price on label {code} does not fit {currency}; check the label settings.",
                    code=code.gtin, currency=self._currency.code,
                )
            )  # fmt: skip
        return self.add_item(item, Decimal(1), scanned_code=code.gtin, unit_price=price)

    def add_by_sku(
        self, sku: str, catalog: CatalogLookup, quantity: Decimal | int | None = None
    ) -> BasketLine:
        item = catalog.by_sku(sku.strip())
        if item is None:
            raise UnknownProductError(msg("No product has the SKU {sku}.", sku=sku.strip()[:40]))
        return self.add_item(item, quantity)

    # -- changing lines ----------------------------------------------------------------------

    def set_quantity(self, line_no: int, quantity: Decimal | int) -> BasketLine:
        line = self._find(line_no)
        line.quantity = self._checked_quantity(line.item, quantity)
        return _copy(line)

    def remove_line(self, line_no: int) -> None:
        self._lines.remove(self._find(line_no))

    def override_price(self, line_no: int, new_unit_price: Money, reason: str) -> BasketLine:
        line = self._find(line_no)
        if not reason.strip():
            raise BasketError(msg("Give a reason for the price change."))
        self._check_price(new_unit_price)
        line.unit_price = new_unit_price
        line.price_override_reason = reason.strip()
        return _copy(line)

    def add_line_discount(self, line_no: int, discount: Discount) -> BasketLine:
        line = self._find(line_no)
        self._check_discount(discount)
        line.discounts.append(discount)
        return _copy(line)

    def clear_line_discounts(self, line_no: int) -> BasketLine:
        line = self._find(line_no)
        line.discounts.clear()
        return _copy(line)

    def set_basket_discount(self, discount: Discount | None) -> None:
        if discount is not None:
            self._check_discount(discount)
        self._basket_discount = discount

    def clear(self) -> None:
        """Empty the basket for the next sale; line numbers start again at 1."""
        self._lines.clear()
        self._basket_discount = None
        self._next_line_no = 1

    # -- validation --------------------------------------------------------------------------

    def _find(self, line_no: int) -> BasketLine:
        for line in self._lines:
            if line.line_no == line_no:
                return line
        raise BasketError(msg("Line {line} is not in the basket.", line=line_no))

    def _check_item(self, item: CatalogItem) -> None:
        if item.unit_price.currency != self._currency:
            raise BasketError(
                msg(
                    "{item} is priced in {priced_in}, but this till sells in {currency}.",
                    item=item.name, priced_in=item.unit_price.currency.code,
                    currency=self._currency.code,
                )
            )  # fmt: skip
        if item.tax_class not in self._tax_rates:
            raise BasketError(
                msg(
                    "{item} has tax class {tax_class}, which has no tax rate here. "
                    "Ask a manager to fix the product.",
                    item=item.name, tax_class=repr(item.tax_class),
                )
            )  # fmt: skip

    def _check_price(self, price: Money) -> None:
        if price.currency != self._currency:
            raise BasketError(msg("The price must be in {currency}.", currency=self._currency.code))
        if price.is_negative():
            raise BasketError(msg("The price cannot be negative."))
        if not price.is_on_quantum():
            raise BasketError(
                msg(
                    "The price {amount} has more decimals than the currency allows.",
                    amount=str(price.amount),  # as typed: Money's format would round it
                )
            )

    def _check_discount(self, discount: Discount) -> None:
        if discount.kind == "amount":
            quantum = self._currency.quantum
            if discount.value != discount.value.quantize(quantum):
                raise BasketError(
                    msg(
                        "A discount of {value} has more decimals than {currency} allows.",
                        value=str(discount.value),
                        currency=self._currency.code,
                    )
                )

    def _checked_quantity(self, item: CatalogItem, quantity: Decimal | int) -> Decimal:
        if isinstance(quantity, float | bool) or not isinstance(quantity, Decimal | int):
            raise TypeError(f"Quantity must be a Decimal or int, not {type(quantity).__name__}.")
        qty = Decimal(quantity)
        if not qty.is_finite() or qty <= 0:
            raise BasketError(msg("The quantity must be more than zero."))
        if qty > MAX_QUANTITY:
            raise BasketError(msg("The quantity cannot be more than {limit}.", limit=MAX_QUANTITY))
        if item.sold_by_weight:
            if qty != qty.quantize(Decimal(1).scaleb(-_WEIGHT_DECIMALS)):
                raise BasketError(msg("Weights are recorded to the gram (at most 3 decimals)."))
            return qty
        if qty != qty.to_integral_value():
            raise BasketError(
                msg("{item} is sold per unit: the quantity must be a whole number.", item=item.name)
            )
        return Decimal(int(qty))
