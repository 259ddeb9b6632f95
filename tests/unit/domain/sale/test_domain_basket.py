from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.barcodes import BarcodeError, VariableMeasureConfig, VariableMeasureRule
from pos_app.domain.catalog import CatalogItem, InMemoryCatalog
from pos_app.domain.errors import (
    BasketError,
    DomainError,
    UnknownProductError,
    WeightRequiredError,
)
from pos_app.domain.money import EUR, USD, Money
from pos_app.domain.sale.basket import MAX_QUANTITY, Basket, Discount
from pos_app.domain.tax import TaxMode, TaxRate

Items = dict[str, CatalogItem]
Rates = dict[str, TaxRate]
DEFAULT = VariableMeasureConfig.default()
# "20" weight labels, "21" price labels.
WEIGHT_AND_PRICE = VariableMeasureConfig(
    (
        VariableMeasureRule(prefix="20", kind="weight", value_decimals=3),
        VariableMeasureRule(prefix="21", kind="price", value_decimals=2),
    )
)


def eur(value: str) -> Money:
    return Money.of(value, EUR)


def pct(value: str, reason: str = "promo") -> Discount:
    return Discount("percent", Decimal(value), reason)


def off(value: str, reason: str = "promo") -> Discount:
    return Discount("amount", Decimal(value), reason)


@pytest.fixture
def basket(rates: Rates) -> Basket:
    return Basket(EUR, TaxMode.INCLUSIVE, rates)


class TestScanning:
    def test_scan_ean13(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        line = basket.add_by_barcode("4006381333931", catalog, DEFAULT)
        assert (line.line_no, line.item.sku, line.quantity) == (1, "MILK", Decimal(1))
        assert line.unit_price == eur("1.20")
        assert line.scanned_code == "4006381333931"

    @pytest.mark.parametrize(
        ("raw", "sku"),
        [
            ("96385074", "SOAP"),  # EAN-8
            ("036000291452", "COLA"),  # UPC-A
            ("00036000291452", "COLA"),  # GTIN-14
            ("04252614", "GUM"),  # UPC-E; catalog lists it as UPC-E too
            ("042100005264", "GUM"),  # the same product scanned as UPC-A
        ],
    )
    def test_every_symbology_finds_the_product(
        self, basket: Basket, catalog: InMemoryCatalog, raw: str, sku: str
    ) -> None:
        assert basket.add_by_barcode(raw, catalog, DEFAULT).item.sku == sku

    def test_rescanning_merges_into_the_last_line_only(
        self, basket: Basket, catalog: InMemoryCatalog
    ) -> None:
        basket.add_by_barcode("4006381333931", catalog, DEFAULT)
        merged = basket.add_by_barcode("4006381333931", catalog, DEFAULT)
        assert (merged.line_no, merged.quantity) == (1, Decimal(2))
        basket.add_by_barcode("96385074", catalog, DEFAULT)
        again = basket.add_by_barcode("4006381333931", catalog, DEFAULT)
        assert again.line_no == 3
        assert [(x.item.sku, x.quantity) for x in basket.lines] == [
            ("MILK", Decimal(2)),
            ("SOAP", Decimal(1)),
            ("MILK", Decimal(1)),
        ]

    def test_adjusted_line_is_not_merged_into(
        self, basket: Basket, catalog: InMemoryCatalog
    ) -> None:
        basket.add_by_barcode("4006381333931", catalog, DEFAULT)
        basket.add_line_discount(1, pct("10"))
        assert basket.add_by_barcode("4006381333931", catalog, DEFAULT).line_no == 2
        basket.override_price(2, eur("1.00"), "damaged")
        assert basket.add_by_barcode("4006381333931", catalog, DEFAULT).line_no == 3

    def test_weight_label(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        line = basket.add_by_barcode("2012345012349", catalog, DEFAULT)
        assert (line.item.sku, line.quantity) == ("APPLE", Decimal("1.234"))
        assert line.scanned_code == "2012345012349"
        # 2.99/kg x 1.234 kg = 3.68966 -> 3.69
        assert basket.totals().lines[0].gross == eur("3.69")
        # Two labels of the same item stay two lines: each is its own weighing.
        assert basket.add_by_barcode("2012345012349", catalog, DEFAULT).line_no == 2

    def test_price_label(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        line = basket.add_by_barcode("2100042012998", catalog, WEIGHT_AND_PRICE)
        assert (line.item.sku, line.quantity, line.unit_price) == (
            "CHEESE",
            Decimal(1),
            eur("12.99"),
        )
        assert line.price_override_reason is None

    def test_weight_label_on_a_per_unit_item(
        self, basket: Basket, catalog: InMemoryCatalog
    ) -> None:
        # With the default config "21" is a weight prefix, but CHEESE is sold per unit.
        with pytest.raises(BasketError, match="sold per unit"):
            basket.add_by_barcode("2100042012998", catalog, DEFAULT)
        assert basket.is_empty

    def test_zero_weight_label(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        with pytest.raises(BasketError, match="no weight"):
            basket.add_by_barcode("2012345000001", catalog, DEFAULT)

    def test_unknown_barcode(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        with pytest.raises(UnknownProductError, match="5901234123457"):
            basket.add_by_barcode("5901234123457", catalog, DEFAULT)

    def test_unknown_label_names_the_code(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        with pytest.raises(UnknownProductError, match="2099999012345") as info:
            basket.add_by_barcode("2099999012345", catalog, DEFAULT)
        assert "99999" in str(info.value)

    def test_weighed_item_needs_a_weight(self, basket: Basket, items: Items) -> None:
        loose = CatalogItem(
            "NUTS", "Nuts", eur("9.90"), "red", "bulk", ("5901234123457",), sold_by_weight=True
        )
        with pytest.raises(WeightRequiredError, match="Nuts"):
            basket.add_by_barcode("5901234123457", InMemoryCatalog([loose]), DEFAULT)

    def test_bad_scan_changes_nothing(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        basket.add_by_barcode("4006381333931", catalog, DEFAULT)
        before = basket.totals()
        with pytest.raises(BarcodeError):
            basket.add_by_barcode("4006381333932", catalog, DEFAULT)
        with pytest.raises(BarcodeError):
            basket.add_by_barcode("9" * 10_000, catalog, DEFAULT)
        assert basket.totals() == before
        assert len(basket.lines) == 1


class TestAddBySku:
    def test_unit_item(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        assert basket.add_by_sku("SOAP", catalog, 3).quantity == Decimal(3)

    def test_weighed_item_requires_quantity(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        with pytest.raises(WeightRequiredError):
            basket.add_by_sku("SALAD", catalog)
        line = basket.add_by_sku("SALAD", catalog, Decimal("0.350"))
        assert line.quantity == Decimal("0.350")

    def test_unknown_sku(self, basket: Basket, catalog: InMemoryCatalog) -> None:
        with pytest.raises(UnknownProductError, match="NOPE"):
            basket.add_by_sku("NOPE", catalog)


class TestLineChanges:
    def test_set_quantity(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["MILK"])
        assert basket.set_quantity(1, 5).quantity == Decimal(5)
        assert basket.set_quantity(1, Decimal("2.0")).quantity == Decimal(2)

    @pytest.mark.parametrize("qty", [Decimal(0), Decimal(-1), Decimal("2.5"), Decimal(10_000)])
    def test_set_quantity_refuses(self, basket: Basket, items: Items, qty: Decimal) -> None:
        basket.add_item(items["MILK"])
        with pytest.raises(BasketError):
            basket.set_quantity(1, qty)
        assert basket.line(1).quantity == Decimal(1)

    def test_quantity_types(self, basket: Basket, items: Items) -> None:
        with pytest.raises(TypeError):
            basket.add_item(items["MILK"], 1.0)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            basket.add_item(items["MILK"], True)

    def test_weights_to_the_gram(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["SALAD"], Decimal("0.5"))
        with pytest.raises(BasketError, match="gram"):
            basket.set_quantity(1, Decimal("0.5001"))

    def test_merge_respects_the_maximum(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["MILK"], MAX_QUANTITY)
        with pytest.raises(BasketError, match="9999"):
            basket.add_item(items["MILK"])
        assert basket.line(1).quantity == MAX_QUANTITY

    def test_remove_line_and_numbering(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["MILK"])
        basket.add_item(items["SOAP"])
        basket.remove_line(1)
        assert [x.line_no for x in basket.lines] == [2]
        assert basket.add_item(items["COLA"]).line_no == 3
        with pytest.raises(BasketError, match="Line 1 "):
            basket.remove_line(1)

    def test_clear(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["MILK"])
        basket.set_basket_discount(pct("5"))
        basket.clear()
        assert basket.is_empty
        assert basket.basket_discount is None
        assert basket.add_item(items["SOAP"]).line_no == 1

    def test_lines_are_copies(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["MILK"])
        copy = basket.lines[0]
        copy.quantity = Decimal(50)
        copy.discounts.append(pct("50"))
        assert basket.line(1).quantity == Decimal(1)
        assert basket.line(1).discounts == []

    def test_override_price(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["SOAP"], 2)
        line = basket.override_price(1, eur("2.50"), "  price match  ")
        assert (line.unit_price, line.price_override_reason) == (eur("2.50"), "price match")
        assert basket.totals().subtotal == eur("5.00")
        assert basket.override_price(1, eur("0"), "free sample").unit_price.is_zero()

    @pytest.mark.parametrize(
        ("price", "reason"),
        [
            (Money.of("-1", EUR), "x"),
            (Money.of("1.00", EUR), "  "),
            (Money.of("1.005", EUR), "x"),
            (Money.of("1.00", USD), "x"),
        ],
    )
    def test_override_price_refuses(
        self, basket: Basket, items: Items, price: Money, reason: str
    ) -> None:
        basket.add_item(items["SOAP"])
        with pytest.raises(BasketError):
            basket.override_price(1, price, reason)
        assert basket.line(1).unit_price == eur("3.99")

    def test_item_without_tax_rate_refused_on_add(self, items: Items, rates: Rates) -> None:
        del rates["zero"]
        basket = Basket(EUR, TaxMode.INCLUSIVE, rates)
        with pytest.raises(BasketError, match="'zero'"):
            basket.add_item(items["BREAD"])

    def test_item_in_other_currency_refused(self, rates: Rates, items: Items) -> None:
        with pytest.raises(BasketError, match="EUR"):
            Basket(USD, TaxMode.EXCLUSIVE, rates).add_item(items["MILK"])


class TestDiscounts:
    def test_discount_validation(self) -> None:
        with pytest.raises(DomainError):
            pct("0")
        with pytest.raises(DomainError):
            pct("100.5")
        with pytest.raises(DomainError):
            off("0")
        with pytest.raises(DomainError, match="reason"):
            pct("10", reason=" ")
        with pytest.raises(TypeError):
            Discount("percent", 10.0, "x")  # type: ignore[arg-type]
        assert pct("100").value == 100

    def test_amount_discount_in_whole_cents(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["SOAP"])
        with pytest.raises(BasketError):
            basket.add_line_discount(1, off("0.005"))
        with pytest.raises(BasketError):
            basket.set_basket_discount(off("0.001"))

    def test_percent_line_discount_rounded(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["SOAP"])  # 3.99
        basket.add_line_discount(1, pct("12.5"))  # 0.49875 -> 0.50
        (line,) = basket.totals().lines
        assert (line.gross, line.line_discount, line.amount) == (
            eur("3.99"),
            eur("0.50"),
            eur("3.49"),
        )

    def test_line_discounts_apply_in_order_on_the_remainder(
        self, basket: Basket, items: Items
    ) -> None:
        basket.add_item(items["SOAP"], 10)  # 39.90
        basket.add_line_discount(1, off("9.90"))  # 30.00 left
        basket.add_line_discount(1, pct("50"))  # 15.00 off
        basket.add_line_discount(1, off("100"))  # capped at the 15.00 left
        (line,) = basket.totals().lines
        assert line.line_discount == eur("39.90")
        assert line.amount == eur("0.00")

    def test_basket_discount_allocated_pro_rata(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["SOAP"], 2)  # 7.98
        basket.add_item(items["MILK"])  # 1.20
        basket.add_item(items["BREAD"])  # 2.50
        basket.set_basket_discount(off("1.00"))
        totals = basket.totals()
        # exact shares 0.6832.., 0.1027.., 0.2140.. -> 0.68, 0.10, 0.21 + 0.01 to the largest
        assert [x.basket_discount_share for x in totals.lines] == [
            eur("0.69"),
            eur("0.10"),
            eur("0.21"),
        ]
        assert totals.discount_total == eur("1.00")
        assert totals.basket_discount == eur("1.00")
        assert totals.total == eur("10.68")

    def test_basket_percent_on_amounts_after_line_discounts(
        self, basket: Basket, items: Items
    ) -> None:
        basket.add_item(items["SOAP"])  # 3.99
        basket.add_line_discount(1, off("0.99"))  # 3.00
        basket.add_item(items["BREAD"])  # 2.50
        basket.set_basket_discount(pct("10"))  # 10 % of 5.50 = 0.55
        totals = basket.totals()
        assert totals.basket_discount == eur("0.55")
        assert totals.line_discount_total == eur("0.99")
        assert totals.discount_total == eur("1.54")
        assert totals.total == eur("4.95")

    def test_basket_amount_discount_capped(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["MILK"])
        basket.set_basket_discount(off("50.00"))
        assert basket.totals().total == eur("0.00")

    def test_near_total_discount_never_makes_a_line_negative(self, rates: Rates) -> None:
        basket = Basket(EUR, TaxMode.INCLUSIVE, rates)
        for sku in ("A", "B", "C"):
            basket.add_item(CatalogItem(sku, sku, eur("0.50"), "std", "misc"))
        basket.set_basket_discount(off("1.49"))
        totals = basket.totals()
        assert all(not x.amount.is_negative() for x in totals.lines)
        assert sum(x.basket_discount_share.amount for x in totals.lines) == Decimal("1.49")
        assert totals.total == eur("0.01")


class TestTotals:
    def _fill(self, basket: Basket, items: Items) -> None:
        basket.add_item(items["MILK"], 2)  # 2.40, 5.5 %
        basket.add_item(items["SOAP"])  # 3.99, 20 %

    def test_inclusive(self, basket: Basket, items: Items) -> None:
        self._fill(basket, items)
        totals = basket.totals()
        assert totals.subtotal == eur("6.39")
        # red: 2.40 x 0.055 / 1.055 = 0.1251 -> 0.13; std: 3.99 / 6 = 0.665 -> 0.67
        assert [(t.tax_class, t.tax) for t in totals.tax_lines] == [
            ("red", eur("0.13")),
            ("std", eur("0.67")),
        ]
        assert totals.tax_total == eur("0.80")
        assert totals.total == eur("6.39")
        assert totals.tax_mode is TaxMode.INCLUSIVE

    def test_exclusive(self, rates: Rates, items: Items) -> None:
        basket = Basket(EUR, TaxMode.EXCLUSIVE, rates)
        self._fill(basket, items)
        totals = basket.totals()
        # red: 2.40 x 0.055 = 0.132 -> 0.13; std: 3.99 x 0.2 = 0.798 -> 0.80
        assert totals.tax_total == eur("0.93")
        assert totals.total == eur("7.32")
        assert [t.gross for t in totals.tax_lines] == [eur("2.53"), eur("4.79")]

    def test_empty(self, basket: Basket) -> None:
        totals = basket.totals()
        assert totals.total == eur("0")
        assert totals.tax_lines == ()
        assert basket.is_empty

    def test_totals_are_stable_and_restorable(
        self, basket: Basket, items: Items, rates: Rates
    ) -> None:
        self._fill(basket, items)
        basket.add_item(items["APPLE"], Decimal("0.777"))
        basket.add_line_discount(2, pct("33"))
        basket.set_basket_discount(off("0.77"))
        first = basket.totals()
        assert basket.totals() == first
        restored = Basket.restore(
            EUR, TaxMode.INCLUSIVE, rates, basket.lines, basket.basket_discount
        )
        assert restored.totals() == first
        assert restored.add_item(items["BREAD"]).line_no == 4

    def test_restore_refuses_duplicate_line_numbers(
        self, basket: Basket, items: Items, rates: Rates
    ) -> None:
        basket.add_item(items["MILK"])
        line = basket.lines[0]
        with pytest.raises(BasketError, match="twice"):
            Basket.restore(EUR, TaxMode.INCLUSIVE, rates, [line, line])


def test_a_copy_is_equal_and_independent(basket: Basket, catalog: InMemoryCatalog) -> None:
    basket.add_by_barcode("4006381333931", catalog, DEFAULT)
    basket.add_by_barcode("96385074", catalog, DEFAULT)
    basket.set_basket_discount(pct("10"))

    twin = basket.copy()

    assert twin.lines == basket.lines
    assert twin.basket_discount == basket.basket_discount
    assert twin.totals() == basket.totals()
    twin.set_quantity(1, 5)
    twin.add_by_barcode("036000291452", catalog, DEFAULT)
    assert [(ln.line_no, ln.quantity) for ln in basket.lines] == [(1, 1), (2, 1)]
    assert [ln.line_no for ln in twin.lines] == [1, 2, 3]  # numbering goes on in the copy
