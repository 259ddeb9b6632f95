"""The Deals panel (Ctrl+O) and the near-miss hints under the basket, on the real window."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import PromotionRow
from tests.helpers.catalog import COFFEE, MILK

PROMOS = [
    ("MILK3", "Milk 3 for 3.00", {"kind": "multi_buy", "quantity": 3, "price": "3.00",
                                  "sku": "MLK-1"}, "both"),
    ("TEES", "10% off clothing", {"kind": "percent", "value": "10", "department": "clothing",
                                  "channels": "store"}, "store"),
    ("WEB", "Web only", {"kind": "percent", "value": "50", "sku": "COF-1",
                         "channels": "online"}, "online"),
]  # fmt: skip


def with_promotions(db: Path) -> None:
    engine = create_till_engine(db)
    ends = datetime.now(UTC) + timedelta(days=3)
    with make_session_factory(engine).begin() as session:
        for i, (promo_id, name, rules, _) in enumerate(PROMOS, start=1):
            session.add(
                PromotionRow(
                    promo_id=promo_id, name=name, store_id=None, ends_at=ends,
                    rules=json.dumps(rules), feed_position=i,
                )
            )  # fmt: skip
    engine.dispose()


def test_deals_panel_lists_current_deals_and_hints_follow_the_basket(
    make_till: Any, staffed_db: Path
) -> None:
    with_promotions(staffed_db)
    d = make_till(staffed_db)
    d.sign_in()
    sale = d.window.sale
    deals = d.till.promotions.deals
    assert not deals.panel.isVisible()
    d.qtbot.keyClick(sale.search.edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.waitUntil(deals.panel.isVisible, timeout=2000)
    text = deals.panel.body.text()
    assert "Milk 3 for 3.00" in text
    assert "3 for 1.19" not in text
    assert "also online" in text  # both channels
    assert "store only" in text
    assert "Web only" not in text  # online-only promotions never apply at the till
    assert "until " in text
    assert "2 promotion(s)" in deals.panel.title.text()

    assert not deals.hints.isVisible()
    d.scan_and_wait(MILK)
    d.scan_and_wait(MILK)  # 2 x 1.19 = 2.38; a third makes 3.57 for 3.00
    assert deals.hints.isVisible()
    assert "Add 1 more Whole Milk 1 L for Milk 3 for 3.00" in deals.hints.text()
    d.scan_and_wait(MILK)
    assert not deals.hints.isVisible()  # it applies now: no hint
    assert "Milk 3 for 3.00" in d.cell(0, 1)  # the line names its promotion
    assert "in this basket" in deals.panel.body.text()
    d.scan_and_wait(COFFEE)
    d.qtbot.keyClick(sale.search.edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.waitUntil(lambda: not deals.panel.isVisible(), timeout=2000)
