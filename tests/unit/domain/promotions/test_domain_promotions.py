"""Promotion rules and the engine, with cents worked out by hand in the comments."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import EUR, JPY, Money
from pos_app.domain.promotions import (
    EXHAUSTIVE_LIMIT,
    Channel,
    MultiBuy,
    Promotion,
    PromotionContext,
    PromotionError,
    Stacking,
    parse_promotion,
)
from pos_app.domain.sale.basket import Basket, BasketTotals
from pos_app.domain.tax import TaxMode, TaxRate

# A Monday, 10:30 UTC.
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def eur(value: str) -> Money:
    return Money.of(value, EUR)


def promo(rules: dict[str, Any], promo_id: str = "P1", **kwargs: Any) -> Promotion:
    return parse_promotion(promo_id, f"Deal {promo_id}", rules, EUR, **kwargs)


def ctx(*promos: Promotion, now: datetime = NOW, **kwargs: Any) -> PromotionContext:
    return PromotionContext(promotions=promos, now=now, **kwargs)


def basket(rates: dict[str, TaxRate], *lines: tuple[CatalogItem, int | str]) -> Basket:
    b = Basket(EUR, TaxMode.INCLUSIVE, rates)
    for item, qty in lines:
        b.add_item(item, Decimal(qty))
    return b


def off(totals: BasketTotals) -> list[str]:
    """Each line's promotion discount, as text for readable assertions."""
    return [format(line.promotion_discount.amount, "f") for line in totals.lines]


@pytest.fixture
def ten() -> CatalogItem:
    return CatalogItem("TEN", "Ten euro thing", eur("10.00"), "std", "household")


@pytest.fixture
def other_ten() -> CatalogItem:
    return CatalogItem("TEN2", "Other ten", eur("10.00"), "std", "drinks")


# -- each kind ---------------------------------------------------------------------------------


def test_percent_off_a_sku(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    # 3 x 3.99 = 11.97; 10 % = 1.197 -> 1.20. The milk line is not in the promotion.
    b = basket(rates, (items["SOAP"], 3), (items["MILK"], 1))
    totals = b.totals(ctx(promo({"kind": "percent", "value": "10", "sku": "SOAP"})))
    assert off(totals) == ["1.20", "0.00"]
    assert totals.lines[0].amount == eur("10.77")
    assert totals.total == eur("11.97")
    assert totals.promotion_total == eur("1.20")
    assert totals.discount_total == eur("1.20")
    assert totals.lines[0].promotions[0].promo_id == "P1"
    assert totals.lines[0].promotions[0].name == "Deal P1"


def test_percent_off_departments_is_rounded_once_and_allocated(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    # 15 % of 3.99 + 0.99 = 0.747 -> 0.75 in all. Pro rata: soap 60.09 -> 60, cola 14.9 -> 14,
    # the remaining cent to the largest share (soap): 0.61 + 0.14.
    b = basket(rates, (items["SOAP"], 1), (items["COLA"], 1), (items["GUM"], 1))
    rules = {"kind": "percent", "value": "15", "departments": ["household", "drinks"]}
    assert off(b.totals(ctx(promo(rules)))) == ["0.61", "0.14", "0.00"]


def test_amount_off_each_unit(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    b = basket(rates, (items["SOAP"], 3))
    assert off(b.totals(ctx(promo({"kind": "amount", "value": "0.50", "sku": "SOAP"})))) == ["1.50"]


def test_amount_off_the_basket(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    # 5.00 over 3.99 and 2.50 (6.49): 3.074 -> 3.07, 1.926 -> 1.92, the cent to soap.
    b = basket(rates, (items["SOAP"], 1), (items["BREAD"], 1))
    assert off(b.totals(ctx(promo({"kind": "amount", "value": "5.00"})))) == ["3.08", "1.92"]
    # More than the basket: capped, every line at zero, never below.
    totals = b.totals(ctx(promo({"kind": "amount", "value": "10.00"})))
    assert off(totals) == ["3.99", "2.50"]
    assert totals.total == eur("0.00")


def test_fixed_price(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    # 4 colas at 0.75 instead of 0.99: 4 x 0.24 = 0.96. A fixed price above the price is no deal.
    b = basket(rates, (items["COLA"], 4))
    assert off(b.totals(ctx(promo({"kind": "fixed_price", "price": "0.75", "sku": "COLA"})))) == [
        "0.96"
    ]
    assert off(b.totals(ctx(promo({"kind": "fixed_price", "price": "1.50", "sku": "COLA"})))) == [
        "0.00"
    ]


def test_fixed_price_per_kg(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    # 1.500 kg apples at 2.00/kg instead of 2.99/kg: 4.49 (4.485 rounded) - 3.00 = 1.49.
    b = basket(rates, (items["APPLE"], "1.5"))
    rules = {"kind": "fixed_price", "price": "2.00", "sku": "APPLE"}
    assert off(b.totals(ctx(promo(rules)))) == ["1.49"]


def test_multi_buy_n_for_x(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    # 7 colas, 3 for 2.00: two sets of 2.97 -> 0.97 off each = 1.94; the 7th pays full price.
    b = basket(rates, (items["COLA"], 7))
    rules = {"kind": "multi_buy", "quantity": 3, "price": "2.00", "department": "drinks"}
    totals = b.totals(ctx(promo(rules)))
    assert off(totals) == ["1.94"]
    assert totals.total == eur("4.99")


def test_multi_buy_mixes_items_dearest_first(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    # Units 0.99 0.99 0.50 0.50; one set of the dearest three (2.48) for 2.00: 0.48 off.
    # Pro rata: cola 1.98/2.48 x 48 = 38.3 -> 38, gum 0.50/2.48 x 48 = 9.7 -> 9, +1 to cola.
    b = basket(rates, (items["GUM"], 2), (items["COLA"], 2))
    rules = {"kind": "multi_buy", "quantity": 3, "price": "2.00", "skus": ["COLA", "GUM"]}
    assert off(b.totals(ctx(promo(rules)))) == ["0.09", "0.39"]
    # A set worth less than the deal price is left alone: 3 gums are 1.50, not "3 for 5.00".
    b = basket(rates, (items["GUM"], 3))
    assert off(b.totals(ctx(promo({**rules, "price": "5.00"})))) == ["0.00"]


def test_multi_buy_ignores_weighed_lines(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    b = basket(rates, (items["APPLE"], "3"))
    rules = {"kind": "multi_buy", "quantity": 2, "price": "1.00", "sku": "APPLE"}
    assert off(b.totals(ctx(promo(rules)))) == ["0.00"]


def test_buy_x_get_y_cheapest_of_each_set_free(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    # 3 colas and 3 gums, buy 2 get 1: sets (0.99 0.99 0.99) and (0.50 0.50 0.50) -> 0.99 +
    # 0.50 = 1.49 free (freeing the two cheapest overall would give only 1.00).
    b = basket(rates, (items["COLA"], 3), (items["GUM"], 3))
    rules = {"kind": "buy_x_get_y", "buy": 2, "get": 1, "skus": ["COLA", "GUM"]}
    assert off(b.totals(ctx(promo(rules)))) == ["0.99", "0.50"]


def test_buy_one_get_one_half_price(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    # Half of 0.99 = 0.495 -> 0.50 (half up); a lone third cola is not in a set.
    b = basket(rates, (items["COLA"], 3))
    rules = {"kind": "buy_x_get_y", "buy": 1, "get": 1, "percent": "50", "sku": "COLA"}
    assert off(b.totals(ctx(promo(rules)))) == ["0.50"]


def test_spend_threshold(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    rules = {"kind": "spend_threshold", "threshold": "20.00", "amount": "1.00"}
    # 19.90: under the threshold.
    assert off(basket(rates, (items["CHEESE"], 1)).totals(ctx(promo(rules)))) == ["0.00"]
    # 19.90 + 0.50 = 20.40: 1.00 off, pro rata 0.9755 -> 0.97 (+1 cent, largest) and 0.02.
    b = basket(rates, (items["CHEESE"], 1), (items["GUM"], 1))
    assert off(b.totals(ctx(promo(rules)))) == ["0.98", "0.02"]
    # Percent: 10 % of 22.40 = 2.24: 1.99 + 0.25.
    b = basket(rates, (items["CHEESE"], 1), (items["BREAD"], 1))
    percent = {"kind": "spend_threshold", "threshold": "20.00", "percent": "10"}
    assert off(b.totals(ctx(promo(percent)))) == ["1.99", "0.25"]


def test_spend_threshold_at_exactly_the_threshold(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    b = basket(rates, (items["BREAD"], 4))  # 10.00
    rules = {"kind": "spend_threshold", "threshold": "10.00", "amount": "1.00"}
    assert off(b.totals(ctx(promo(rules)))) == ["1.00"]
    assert off(b.totals(ctx(promo({**rules, "threshold": "10.01"})))) == ["0.00"]


# -- who and when ------------------------------------------------------------------------------


def test_start_inclusive_end_exclusive(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    end = NOW + timedelta(hours=1)
    p = promo({"kind": "percent", "value": "10"}, starts_at=NOW, ends_at=end)
    b = basket(rates, (items["BREAD"], 1))
    assert off(b.totals(ctx(p, now=NOW))) == ["0.25"]
    assert off(b.totals(ctx(p, now=end - timedelta(microseconds=1)))) == ["0.25"]
    assert off(b.totals(ctx(p, now=end))) == ["0.00"]
    assert off(b.totals(ctx(p, now=NOW - timedelta(microseconds=1)))) == ["0.00"]


def test_time_of_day_windows(rates: dict[str, TaxRate], items: dict[str, CatalogItem]) -> None:
    window = {"days": ["mon"], "from": "09:00", "to": "12:00"}
    p = promo({"kind": "percent", "value": "10", "windows": [window]})
    b = basket(rates, (items["BREAD"], 1))
    monday_9 = NOW.replace(hour=9, minute=0)
    assert off(b.totals(ctx(p, now=monday_9))) == ["0.25"]
    assert off(b.totals(ctx(p, now=monday_9.replace(hour=11, minute=59)))) == ["0.25"]
    assert off(b.totals(ctx(p, now=monday_9.replace(hour=12)))) == ["0.00"]
    assert off(b.totals(ctx(p, now=monday_9 + timedelta(days=1)))) == ["0.00"]


def test_channels_customer_and_coupon(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    b = basket(rates, (items["BREAD"], 1))
    base = {"kind": "percent", "value": "10"}
    online = promo({**base, "channels": "online"})
    assert off(b.totals(ctx(online))) == ["0.00"]
    assert off(b.totals(ctx(online, channel=Channel.ONLINE))) == ["0.25"]
    store = promo({**base, "channels": "store"})
    assert off(b.totals(ctx(store))) == ["0.25"]
    members = promo({**base, "customer_only": True})
    assert off(b.totals(ctx(members))) == ["0.00"]
    assert off(b.totals(ctx(members, has_customer=True))) == ["0.25"]
    coupon = promo({**base, "coupon": "Spring10"})
    assert off(b.totals(ctx(coupon))) == ["0.00"]
    assert off(b.totals(ctx(coupon, coupons=frozenset({"OTHER"})))) == ["0.00"]
    assert off(b.totals(ctx(coupon, coupons=frozenset({" spring10 "})))) == ["0.25"]


def test_overridden_price_gets_no_promotion(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    b = basket(rates, (items["BREAD"], 1), (items["GUM"], 1))
    b.override_price(1, eur("2.00"), "damaged")
    assert off(b.totals(ctx(promo({"kind": "percent", "value": "10"})))) == ["0.00", "0.05"]


def test_manual_discounts_apply_after_promotions(
    rates: dict[str, TaxRate], ten: CatalogItem
) -> None:
    from pos_app.domain.pricing import Discount

    # 10.00 - 20 % promotion = 8.00; then the cashier's 10 % takes 0.80 (of 8.00, not 10.00).
    b = basket(rates, (ten, 1))
    b.add_line_discount(1, Discount("percent", Decimal(10), "goodwill"))
    totals = b.totals(ctx(promo({"kind": "percent", "value": "20"})))
    line = totals.lines[0]
    assert (line.promotion_discount, line.line_discount, line.amount) == (
        eur("2.00"),
        eur("0.80"),
        eur("7.20"),
    )
    assert totals.discount_total == eur("2.80")


# -- stacking ----------------------------------------------------------------------------------


def test_best_price_promotions_do_not_stack_on_a_line(
    rates: dict[str, TaxRate], ten: CatalogItem
) -> None:
    a = promo({"kind": "percent", "value": "10", "sku": "TEN"}, "A")
    b = promo({"kind": "percent", "value": "20", "department": "household"}, "B")
    totals = basket(rates, (ten, 1)).totals(ctx(a, b))
    assert [p.promo_id for p in totals.lines[0].promotions] == ["B"]
    assert off(totals) == ["2.00"]


def test_compound_promotions_stack_in_priority_order(
    rates: dict[str, TaxRate], ten: CatalogItem
) -> None:
    # 10 % first (priority 2): 10.00 -> 9.00, then 1.00 off: 8.00. Saving 2.00.
    pct = {"kind": "percent", "value": "10", "stacking": "compound"}
    amt = {"kind": "amount", "value": "1.00", "sku": "TEN", "stacking": "compound"}
    b = basket(rates, (ten, 1))
    totals = b.totals(
        ctx(promo({**pct, "priority": 2}, "PCT"), promo({**amt, "priority": 1}, "AMT"))
    )
    assert [(p.promo_id, str(p.amount)) for p in totals.lines[0].promotions] == [
        ("PCT", "1.00 EUR"),
        ("AMT", "1.00 EUR"),
    ]
    # The other way round: 10.00 -> 9.00 -> 10 % of 9.00 = 0.90. Saving 1.90.
    totals = b.totals(
        ctx(promo({**pct, "priority": 1}, "PCT"), promo({**amt, "priority": 2}, "AMT"))
    )
    assert [p.promo_id for p in totals.lines[0].promotions] == ["AMT", "PCT"]
    assert off(totals) == ["1.90"]


def test_best_price_against_compound_pair(rates: dict[str, TaxRate], ten: CatalogItem) -> None:
    c1 = promo({"kind": "percent", "value": "10", "stacking": "compound"}, "C1")
    c2 = promo({"kind": "percent", "value": "10", "stacking": "compound", "sku": "TEN"}, "C2")
    b = basket(rates, (ten, 1))
    # Two compounding 10 % = 1.90; a best-price 25 % (2.50) beats them, 15 % (1.50) does not.
    big = promo({"kind": "percent", "value": "25"}, "BIG")
    assert off(b.totals(ctx(c1, c2, big))) == ["2.50"]
    small = promo({"kind": "percent", "value": "15"}, "SMALL")
    totals = b.totals(ctx(c1, c2, small))
    assert off(totals) == ["1.90"]
    assert [p.promo_id for p in totals.lines[0].promotions] == ["C1", "C2"]


def test_exclusive_applies_alone_only_when_it_saves_most(
    rates: dict[str, TaxRate], ten: CatalogItem, other_ten: CatalogItem
) -> None:
    b = basket(rates, (ten, 1), (other_ten, 1))
    x = promo({"kind": "percent", "value": "15", "stacking": "exclusive"}, "X")
    a = promo({"kind": "percent", "value": "20", "sku": "TEN"}, "A")
    c = promo({"kind": "percent", "value": "20", "sku": "TEN2"}, "C")
    # A + C save 4.00, the exclusive 15 % of 20.00 only 3.00.
    assert off(b.totals(ctx(x, a, c))) == ["2.00", "2.00"]
    # Without C, A saves 2.00 and the exclusive wins, alone on every line.
    totals = b.totals(ctx(x, a))
    assert off(totals) == ["1.50", "1.50"]
    assert {p.promo_id for line in totals.lines for p in line.promotions} == {"X"}


def test_best_combination_where_greedy_is_wrong(
    rates: dict[str, TaxRate], ten: CatalogItem, other_ten: CatalogItem
) -> None:
    # A: 30 % on both lines (6.00), the best alone; B and C: 50 % on one line each (5.00 each).
    # Greedy takes A first, which shuts B and C out; B + C save 10.00.
    a = promo({"kind": "percent", "value": "30", "skus": ["TEN", "TEN2"], "priority": 9}, "A")
    b_ = promo({"kind": "percent", "value": "50", "sku": "TEN"}, "B")
    c = promo({"kind": "percent", "value": "50", "sku": "TEN2"}, "C")
    totals = basket(rates, (ten, 1), (other_ten, 1)).totals(ctx(a, b_, c))
    assert off(totals) == ["5.00", "5.00"]
    assert [line.promotions[0].promo_id for line in totals.lines] == ["B", "C"]


def test_large_group_falls_back_to_greedy(rates: dict[str, TaxRate], ten: CatalogItem) -> None:
    promos = [
        promo({"kind": "percent", "value": str(5 + i), "stacking": "compound"}, f"P{i}")
        for i in range(EXHAUSTIVE_LIMIT + 2)
    ]
    totals = basket(rates, (ten, 1)).totals(ctx(*promos))
    # Every compounding promotion adds something, so greedy keeps them all.
    assert len(totals.lines[0].promotions) == EXHAUSTIVE_LIMIT + 2
    assert totals.lines[0].amount.is_positive()


def test_result_does_not_depend_on_promotion_order(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    b = basket(rates, (items["COLA"], 5), (items["GUM"], 4), (items["SOAP"], 2))
    promos = [
        promo({"kind": "multi_buy", "quantity": 3, "price": "2.00", "sku": "COLA"}, "M"),
        promo({"kind": "buy_x_get_y", "buy": 1, "get": 1, "department": "candy"}, "G"),
        promo({"kind": "percent", "value": "5", "stacking": "compound"}, "C"),
        promo({"kind": "amount", "value": "0.30", "sku": "SOAP", "stacking": "compound"}, "S"),
        promo({"kind": "spend_threshold", "threshold": "5", "amount": "1"}, "T"),
    ]
    expected = b.totals(ctx(*promos))
    shuffler = random.Random(7)
    for _ in range(5):
        shuffler.shuffle(promos)
        assert b.totals(ctx(*promos)) == expected


def test_duplicate_promotion_ids_are_refused(
    rates: dict[str, TaxRate], items: dict[str, CatalogItem]
) -> None:
    p = promo({"kind": "percent", "value": "10"})
    with pytest.raises(PromotionError, match="twice"):
        basket(rates, (items["BREAD"], 1)).totals(ctx(p, p))


# -- parsing -----------------------------------------------------------------------------------


def test_parses_the_demo_hub_rule() -> None:
    p = promo({"kind": "percent", "value": "10", "department": "grocery"})
    assert p.scope.departments == {"grocery"}
    assert p.stacking is Stacking.BEST_PRICE
    assert p.channels == {Channel.STORE, Channel.ONLINE}


def test_parses_every_field() -> None:
    p = promo(
        {
            "kind": "multi_buy",
            "quantity": 3,
            "price": 10,
            "skus": ["A", "B"],
            "stacking": "compound",
            "priority": 5,
            "channels": "online",
            "customer_only": True,
            "coupon": "web5",
            "windows": [{"from": "00:00", "to": "24:00"}],
        }
    )
    assert p.reward == MultiBuy(3, eur("10"))
    assert (p.priority, p.customer_only, p.coupon) == (5, True, "WEB5")
    assert p.windows[0].days == frozenset(range(7))


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"kind": "x_for_y", "x": 2}, "unknown kind 'x_for_y'"),
        ({"type": "percent_off", "percent": "10"}, "the rules need a 'kind'"),
        ({"kind": "percent", "value": "10", "depts": ["a"]}, "unknown rule keys: depts"),
        ({"kind": "percent", "value": 10.5}, "'value' must be a number written as a string"),
        ({"kind": "percent", "value": "0"}, "more than 0 and at most 100"),
        ({"kind": "percent", "value": "101"}, "more than 0 and at most 100"),
        ({"kind": "percent", "value": "ten"}, "'value' is not a number"),
        ({"kind": "amount", "value": "0.001"}, "more decimals than EUR allows"),
        ({"kind": "amount", "value": "-1"}, "'value' must be more than zero"),
        ({"kind": "fixed_price", "price": "1"}, "needs 'skus' or 'departments'"),
        ({"kind": "multi_buy", "quantity": 1, "price": "1", "sku": "A"}, "at least 2"),
        ({"kind": "multi_buy", "quantity": True, "price": "1", "sku": "A"}, "whole number"),
        ({"kind": "buy_x_get_y", "buy": 2, "get": 0, "sku": "A"}, "'get' must be between"),
        ({"kind": "spend_threshold", "threshold": "5"}, "either 'percent' or 'amount'"),
        (
            {"kind": "spend_threshold", "threshold": "5", "percent": "5", "amount": "1"},
            "either 'percent' or 'amount'",
        ),
        ({"kind": "percent", "value": "5", "stacking": "always"}, "'stacking' must be one of"),
        ({"kind": "percent", "value": "5", "channels": "web"}, "'channels' must be one of"),
        ({"kind": "percent", "value": "5", "priority": 5000}, "'priority' must be between"),
        ({"kind": "percent", "value": "5", "customer_only": "yes"}, "true or false"),
        ({"kind": "percent", "value": "5", "sku": "A", "skus": ["B"]}, "not both"),
        ({"kind": "percent", "value": "5", "skus": []}, "non-empty list"),
        ({"kind": "percent", "value": "5", "skus": [3]}, "short non-empty text"),
        ({"kind": "percent", "value": "5", "coupon": ""}, "short non-empty text"),
        ({"kind": "percent", "value": "5", "windows": [{"from": "9:00", "to": "10:00"}]}, "HH:MM"),
        (
            {"kind": "percent", "value": "5", "windows": [{"from": "22:00", "to": "02:00"}]},
            "crosses midnight",
        ),
        (
            {"kind": "percent", "value": "5", "windows": [{"days": ["monday"], "to": "02:00"}]},
            "window days",
        ),
    ],
)
def test_bad_rules_are_refused_with_a_reason(rules: dict[str, Any], message: str) -> None:
    with pytest.raises(PromotionError, match=message) as caught:
        promo(rules, "BAD-1")
    assert str(caught.value).startswith("Promotion BAD-1: ")


def test_amounts_must_fit_the_currency() -> None:
    with pytest.raises(PromotionError, match="more decimals than JPY allows"):
        parse_promotion("P", "n", {"kind": "amount", "value": "1.50"}, JPY)


def test_times_must_be_aware_and_in_order() -> None:
    rules = {"kind": "percent", "value": "5"}
    with pytest.raises(PromotionError, match="time zone"):
        promo(rules, starts_at=datetime(2026, 1, 1))
    with pytest.raises(PromotionError, match="ends before it starts"):
        promo(rules, starts_at=NOW, ends_at=NOW)
    with pytest.raises(PromotionError, match="time zone"):
        promo(rules).is_available(datetime(2026, 1, 1), Channel.STORE, False, frozenset())
