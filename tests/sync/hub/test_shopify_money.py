"""Shopify's money, as Shopify computed it, on Shopify's own sample orders (shopify_samples/).

Every expected figure below is printed in the sample itself (its total or current total);
none is worked out by our code.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from sync.hub.shopify import (
    NeedsReview,
    ShopifyOrder,
    checked_total,
    line_amount,
    map_shopify_order,
    shipping_amount,
    split_amount,
)
from tests.helpers.shopify import as_pickup, sample

ORDER_DISCOUNT = "order_450789469_order_discount_partly_refunded.json"
LINE_DISCOUNT = "order_1073459981_line_discount.json"
TAX_LINES = "order_1073459962_multiple_tax_lines.json"
ONE_TAX = "order_1073459975_tax_line.json"
TWO_DISCOUNTS_SHIPPING = "order_6200407294252_two_discounts_shipping.json"
LINE_DISCOUNT_SHIPPING = "order_6200354537772_line_discount_shipping.json"


def cents(text: str) -> int:
    return int(Decimal(text) * 100)


def order(name: str, **change: Any) -> ShopifyOrder:
    document = copy.deepcopy(sample(name))
    document.update(change)
    return ShopifyOrder.model_validate(document)


@pytest.mark.parametrize(
    "name",
    [ORDER_DISCOUNT, LINE_DISCOUNT, TAX_LINES, ONE_TAX, TWO_DISCOUNTS_SHIPPING,
     LINE_DISCOUNT_SHIPPING],
)  # fmt: skip
def test_lines_and_shipping_add_up_to_shopifys_current_total(name: str) -> None:
    document = sample(name)
    assert checked_total(order(name)) == cents(document["current_total_price"])


def test_order_level_discount_allocations_and_excluded_tax_are_in_each_line() -> None:
    # TENOFF (10.00) is allocated 3.34/3.33/3.33 and each line carries 3.98 of state tax;
    # two lines were refunded (current_quantity 0), the red one is what is left: 199.65.
    got = [line_amount(order(ORDER_DISCOUNT), i) for i in range(3)]
    assert got[1] == (1, cents("199.00") - cents("3.33") + cents("3.98"))
    assert [units for units, _ in got] == [0, 1, 0]


def test_two_discounts_on_lines_and_shipping_are_shopifys() -> None:
    hkd = order(TWO_DISCOUNTS_SHIPPING)
    assert line_amount(hkd, 0) == (1, cents("99.00") - cents("14.10") - cents("5.00"))
    assert line_amount(hkd, 1) == (1, cents("100.00") - cents("15.00"))
    assert shipping_amount(hkd) == cents("22.00")


def test_a_line_is_split_into_whole_cent_prices_that_add_up_exactly() -> None:
    assert split_amount(3, 10000) == [(2, 3333), (1, 3334)]
    for units in range(1, 12):
        for amount in (0, 1, 999, 4740, 18109):
            parts = split_amount(units, amount)
            assert len(parts) <= 2
            assert sum(n for n, _ in parts) == units
            assert sum(n * price for n, price in parts) == amount


def mapped(name: str, **store: Any) -> Any:
    facts: dict[str, Any] = {
        "store_id": "s1",
        "store_currency": "USD",
        "store_tax_mode": "inclusive",
        "known_skus": {"IPOD2008RED", "IPOD2008GREEN", "IPOD2008BLACK", "IPOD2009BLACK"},
    }
    facts.update(store)
    return map_shopify_order(ShopifyOrder.model_validate(as_pickup(sample(name))), **facts)


def total(spec: Any) -> int:
    return sum(ln.unit_price_minor * ln.quantity_milli // 1000 for ln in spec.lines)


def test_the_store_order_costs_exactly_shopifys_total() -> None:
    discounted = mapped(LINE_DISCOUNT)
    assert total(discounted) == cents(sample(LINE_DISCOUNT)["current_total_price"])  # 181.09
    assert [(ln.sku, ln.quantity_milli) for ln in discounted.lines] == [("IPOD2009BLACK", 1000)]
    left = mapped(ORDER_DISCOUNT)  # only what was not refunded reaches the store
    assert [ln.sku for ln in left.lines] == ["IPOD2008RED"]
    assert total(left) == cents(sample(ORDER_DISCOUNT)["current_total_price"])  # 199.65


@pytest.mark.parametrize(
    ("name", "change", "store", "reason"),
    [
        (LINE_DISCOUNT, {}, {"store_currency": "EUR"}, "sells in EUR"),
        (LINE_DISCOUNT, {}, {"known_skus": set()}, "not in the hub's catalog"),
        (LINE_DISCOUNT, {}, {"store_tax_mode": "exclusive"}, "exclude tax"),
        (LINE_DISCOUNT, {"current_total_price": "52.67", "current_total_price_set": None}, {},
         "does not equal"),
        (LINE_DISCOUNT, {"financial_status": "voided"}, {}, "financial_status"),
        (LINE_DISCOUNT, {"financial_status": "pending", "presentment_currency": "CAD"}, {},
         "shown prices in CAD"),
        (TAX_LINES, {"email": "jo@example.com"}, {}, "no SKU"),
    ],
)  # fmt: skip
def test_what_the_store_must_not_take_as_sent_is_flagged_with_the_reason(
    name: str, change: dict[str, Any], store: dict[str, Any], reason: str
) -> None:
    document = as_pickup(sample(name))
    document.update(change)
    facts: dict[str, Any] = {
        "store_id": "s1",
        "store_currency": "USD",
        "store_tax_mode": "inclusive",
        "known_skus": {"IPOD2009BLACK"},
    }
    facts.update(store)
    with pytest.raises(NeedsReview, match=reason):
        map_shopify_order(ShopifyOrder.model_validate(document), **facts)


def test_a_pickup_order_with_a_shipping_charge_is_flagged() -> None:
    document = sample(LINE_DISCOUNT_SHIPPING)  # shipping 10.00, as the shop charged it
    document["note_attributes"] = [{"name": "pickup_store", "value": "s1"}]
    with pytest.raises(NeedsReview, match="shipping charge of 1000"):
        map_shopify_order(
            ShopifyOrder.model_validate(document),
            store_id="s1",
            store_currency="HKD",
            store_tax_mode="inclusive",
            known_skus=set(),
        )


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("fr", "fr"), ("fr-Fr", "fr_FR"), ("en-CA", "en_CA"), ("zh-TW", "zh_Hant_TW"), (None, None),
     ("xx-garbage", None), ("not a tag", None)],
)  # fmt: skip
def test_the_customers_language_is_kept_checked_and_never_holds_the_order(
    sent: str | None, kept: str | None
) -> None:
    document = as_pickup(sample(LINE_DISCOUNT)) | {"customer_locale": sent}
    spec = map_shopify_order(
        ShopifyOrder.model_validate(document),
        store_id="s1",
        store_currency="USD",
        store_tax_mode="inclusive",
        known_skus={"IPOD2009BLACK"},
    )
    assert spec.customer_locale == kept  # unreadable: the store's language, the order taken
