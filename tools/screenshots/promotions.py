"""Render the sale screen with several promotions applied, the Deals panel open and a near-miss
hint to docs/screenshots/12-sale-promotions-*.png.

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/promotions.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import PromotionRow
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.ui.app import build_till
from tools.screenshots.sale import SIZES, settle, sign_in, themed_app

BY_NAME = {f.name.split()[1]: f for f in DEMO_FEATURED}
MILK, SHIRT = BY_NAME["Whole"], BY_NAME["White"]
COFFEE, CHOCOLATE, BATTERIES = BY_NAME["Arabica"], BY_NAME["Fino"], BY_NAME["AA"]


def demo_promotions() -> list[tuple[str, str, dict[str, Any], int | None]]:
    """(id, name, rules, days until it ends): one of each kind a store runs."""
    return [
        ("MILK3", "Milk 3 for 3.00", {"kind": "multi_buy", "quantity": 3, "price": "3.00",
         "sku": MILK.sku, "stacking": "compound", "priority": 10}, 5),
        ("TEES10", "10% off clothing", {"kind": "percent", "value": "10",
         "department": "clothing", "stacking": "compound", "priority": 10,
         "channels": "store"}, None),
        ("CHOC-B2G1", "Chocolate: buy 2 get 1 free", {"kind": "buy_x_get_y", "buy": 2, "get": 1,
         "sku": CHOCOLATE.sku, "stacking": "compound", "priority": 10}, 12),
        ("SPEND25", "5% off over 25.00", {"kind": "spend_threshold", "threshold": "25.00",
         "percent": "5", "stacking": "compound"}, 3),
        ("SPEND45", "10% off over 45.00", {"kind": "spend_threshold", "threshold": "45.00",
         "percent": "10", "stacking": "exclusive"}, 3),
        ("FLYER-7", "Flyer: 2.00 off coffee", {"kind": "amount", "value": "2.00",
         "sku": COFFEE.sku, "coupon": "FLYER-7", "coupon_single_use": True}, 30),
    ]  # fmt: skip


def add_promotions(db: Path) -> None:
    engine = create_till_engine(db)
    now = datetime.now(UTC).replace(hour=23, minute=59, second=0, microsecond=0)
    with make_session_factory(engine).begin() as session:
        for i, (promo_id, name, rules, days) in enumerate(demo_promotions(), start=1):
            session.merge(
                PromotionRow(
                    promo_id=promo_id, name=name, store_id=None, starts_at=None,
                    ends_at=None if days is None else now + timedelta(days=days),
                    rules=json.dumps(rules), feed_position=i,
                )
            )  # fmt: skip
    engine.dispose()


def main(out: Path) -> None:
    _app = themed_app(out)  # held: dropping the last reference would delete the application
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=2000, out=lambda _l: None)
        add_promotions(db)
        for width, height in SIZES:
            till = build_till(db, demo_hint=demo_hint())
            w, c = till.window, till.controller
            w.resize(width, height)
            w.show()
            settle()
            sign_in(c, "9999")
            for item in (MILK, MILK, MILK, SHIRT, COFFEE, CHOCOLATE, CHOCOLATE, BATTERIES):
                c.on_scanner_barcode_scanned(item.barcode)
            w.sale.deals_button.click()
            settle(300)
            w.grab().save(str(out / f"12-sale-promotions-{width}x{height}.png"))
            till.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
