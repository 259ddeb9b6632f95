from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import EUR, Money
from pos_app.domain.sale.basket import Basket, Discount
from pos_app.domain.tax import TaxMode, TaxRate
from pos_app.ui.sale.basket_model import BasketTableModel

RATES = {"std": TaxRate("std", Decimal("0.20"), "VAT 20%")}


def item(sku: str, price: str, weighed: bool = False) -> CatalogItem:
    return CatalogItem(sku, f"Item {sku}", Money.of(price, EUR), "std", "dept", (), weighed)


def test_basket_model_passes_the_model_tester(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    basket = Basket(EUR, TaxMode.INCLUSIVE, RATES)
    model = BasketTableModel()
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.rowsInserted):
        basket.add_item(item("A", "2.50"))
        model.refresh(basket)
    basket.add_item(item("B", "1.99"))
    basket.add_item(item("C", "3.20", weighed=True), Decimal("0.750"))
    model.refresh(basket)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.columnCount() == 6
    with qtbot.waitSignal(model.dataChanged):
        basket.set_quantity(1, 4)
        basket.add_line_discount(2, Discount("percent", Decimal(50), "promo"))
        model.refresh(basket)
    with qtbot.waitSignal(model.rowsRemoved):
        basket.remove_line(1)
        model.refresh(basket)
    qtmodeltester.check(model)
    basket.clear()
    model.refresh(basket)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_money_is_right_aligned_and_discounts_shown(qtbot: QtBot) -> None:
    basket = Basket(EUR, TaxMode.INCLUSIVE, RATES)
    basket.add_item(item("A", "10.00"), 2)
    basket.add_item(item("W", "3.20", weighed=True), Decimal("0.750"))
    basket.add_line_discount(1, Discount("percent", Decimal(10), "loyalty"))
    model = BasketTableModel()
    model.refresh(basket)

    def cell(row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, col), role)

    assert [cell(0, c) for c in range(6)] == ["1", "Item A", "2", "10.00", "−2.00", "18.00"]
    assert [cell(1, c) for c in (2, 3, 5)] == ["0.750\u00a0kg", "3.20", "2.40"]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for col in (2, 3, 4, 5):
        assert cell(0, col, Qt.ItemDataRole.TextAlignmentRole) == right
    assert "10% off: loyalty" in str(cell(0, 1, Qt.ItemDataRole.ToolTipRole))
    assert cell(1, 0, BasketTableModel.LineNoRole) == 2


def test_the_basket_is_shown_in_the_store_locale(qtbot: QtBot, till_locale: Any) -> None:
    till_locale("fr_FR")
    basket = Basket(EUR, TaxMode.INCLUSIVE, RATES)
    basket.add_item(item("A", "1000.00"), 2)
    basket.add_item(item("W", "3.20", weighed=True), Decimal("0.750"))
    basket.add_line_discount(1, Discount("percent", Decimal(10), "loyalty"))
    model = BasketTableModel()
    model.refresh(basket)

    def cell(row: int, col: int) -> object:
        return model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)

    assert [cell(0, c) for c in (3, 4, 5)] == ["1\u202f000,00", "−200,00", "1\u202f800,00"]
    assert [cell(1, c) for c in (2, 3, 5)] == ["0,750\u00a0kg", "3,20", "2,40"]


def test_promotion_discounts_are_shown_per_line(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from pos_app.domain.promotions import PromotionContext, parse_promotion

    basket = Basket(EUR, TaxMode.INCLUSIVE, RATES)
    basket.add_item(item("A", "10.00"), 2)
    basket.add_item(item("B", "1.00"))
    promo = parse_promotion("P1", "Spring 20%", {"kind": "percent", "value": "20", "sku": "A"}, EUR)
    model = BasketTableModel()
    model.refresh(basket, basket.totals(PromotionContext((promo,), datetime.now(UTC))))

    def cell(row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, col), role)

    assert [cell(0, c) for c in (4, 5)] == ["−4.00", "16.00"]
    assert cell(1, 4) == ""
    assert "Spring 20%: -4.00" in str(cell(0, 1, Qt.ItemDataRole.ToolTipRole))
