"""Pricing never blocks a scan (issue 18): the line is in the basket at once, the promotions,
totals and hints follow from the pricing lane, and a pricing overtaken by a newer basket is
never shown.

The pricer is slowed down at the lane's boundary (``build_till(pricer=...)``) by a gate the test
opens, so "before pricing finishes" is a fact of the test, not a race it hopes to win.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from pos_app.domain.promotions import PromotionContext
from pos_app.domain.sale.basket import Basket
from pos_app.services.sale.screen_pricing import ScreenPrice, price_for_screen
from tests.helpers.catalog import COFFEE, MILK, TSHIRT
from tests.helpers.gui import Driver, store_promotion

COFFEE_PROMO = {"kind": "amount", "value": "2.00", "sku": "COF-1"}


class GatedPricer:
    """The real pricer, held at a gate: each call waits until the test opens it."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.priced_line_counts: list[int] = []  # the baskets the worker started on

    def __call__(self, basket: Basket, context: PromotionContext | None) -> ScreenPrice:
        self.priced_line_counts.append(len(basket.lines))
        if not self.gate.wait(timeout=10):
            raise TimeoutError("the test never opened the gate")
        return price_for_screen(basket, context)


def signed_in_gated(make_till: Any, db: Path) -> tuple[Driver, GatedPricer]:
    pricer = GatedPricer()
    d: Driver = make_till(db, pricer=pricer)
    d.sign_in("1111")
    d.priced()  # the empty basket of the new sale
    pricer.priced_line_counts.clear()
    return d, pricer


def test_the_scanned_line_shows_before_its_pricing_finishes(
    make_till: Any, staffed_db: Path
) -> None:
    store_promotion(staffed_db, "P1", "2.00 off coffee", COFFEE_PROMO)
    d, pricer = signed_in_gated(make_till, staffed_db)
    sale = d.window.sale
    pricer.gate.clear()  # pricing now takes as long as the test wants

    with d.qtbot.waitSignal(d.controller.line_added, timeout=2000):
        d.scan(COFFEE)
    # The row is there at its own price while the worker is still pricing the basket.
    assert d.controller.model.rowCount() == 1
    assert d.cell(0, 1) == "Arabica Coffee Beans 500 g"
    assert d.cell(0, 5) == "8.99"
    assert not d.controller.pricing_settled
    assert sale.totals.total_value.text() == "€0.00"  # the totals follow with the pricing

    with d.qtbot.waitSignal(d.controller.basket_repriced, timeout=5000):
        pricer.gate.set()
    assert d.cell(0, 5) == "6.99"  # the promotion, from the pricing lane
    assert sale.totals.total_value.text() == "€6.99"
    assert "2.00 off coffee" in d.cell(0, 1)


def test_a_pricing_overtaken_by_a_newer_basket_is_dropped(make_till: Any, staffed_db: Path) -> None:
    d, pricer = signed_in_gated(make_till, staffed_db)
    shown: list[int] = []
    d.controller.basket_repriced.connect(lambda p: shown.append(len(p.basket.lines)))
    pricer.gate.clear()

    lane = d.controller.pricing_lane
    asked = lane.requested
    for rung, code in enumerate((COFFEE, TSHIRT, MILK), start=1):  # while pricing is held
        with d.qtbot.waitSignal(d.controller.line_added, timeout=2000):
            d.scan(code)
        assert d.controller.model.rowCount() == rung
        d.qtbot.waitUntil(lambda rung=rung: lane.requested == asked + rung, timeout=2000)
        if rung == 1:  # the worker has started on the 1-line basket and is held there
            d.qtbot.waitUntil(lambda: pricer.priced_line_counts == [1], timeout=5000)
    pricer.gate.set()
    d.priced()

    # The 1-line pricing finished but was overtaken: never shown. The 2-line one was overtaken
    # before it started: never priced. Only the basket on the screen was priced and shown.
    assert pricer.priced_line_counts == [1, 3]
    assert shown == [3]
    assert d.window.sale.totals.total_value.text() == "€25.18"
    assert [d.cell(r, 5) for r in range(3)] == ["8.99", "15.00", "1.19"]


class ContinuingPricer:
    """The real pricer, noting whether each context came with the last basket priced."""

    def __init__(self) -> None:
        self.continued: list[bool] = []

    def __call__(self, basket: Basket, context: PromotionContext | None) -> ScreenPrice:
        if basket.lines and context is not None:
            self.continued.append(context.available.last is not None)
        return price_for_screen(basket, context)


def test_each_scan_is_priced_from_the_basket_priced_before_it(
    make_till: Any, staffed_db: Path
) -> None:
    # The screen makes a context per pricing (its clock moves on); the lane hands each the
    # last pricing (PromotionContext.continue_from), so a scan prices only what its line
    # changes (tests/unit/domain/promotions/test_domain_promotions_incremental.py).
    store_promotion(staffed_db, "P1", "2.00 off coffee", COFFEE_PROMO)
    pricer = ContinuingPricer()
    d: Driver = make_till(staffed_db, pricer=pricer)
    d.sign_in("1111")
    d.priced()
    d.scan(COFFEE)
    d.priced()
    d.scan(MILK)
    d.priced()
    assert pricer.continued == [False, True]
    assert d.controller.model.rowCount() == 2
