"""Render a web-order return on the Returns screen (over the demo hub) to docs/screenshots/.

An order of another store, paid online, is found by the customer's email (F6); the manager
returns one line and the refund goes back to the card online. One shot with the order and the
chosen quantities, one after the refund with the return receipt.

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/returns_web.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.domain.returns.rules import Condition, ReasonCode
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.ui.app import build_till
from pos_app.ui.demo_hub import connect_demo_hub
from pos_app.ui.returns.page import CONDITION_COLUMN, REASON_COLUMN
from sync.client.config import load_config
from sync.hub import tenancy
from sync.hub.web_orders import create_web_order
from sync.protocol import StoreIn, WebOrderIn
from tools.screenshots.sale import SIZES, settle, sign_in, themed_app, until


def _order(number: str) -> WebOrderIn:
    items = [f for f in DEMO_FEATURED if not f.sold_by_weight][2:5]
    return WebOrderIn.model_validate(
        {
            "number": number,
            "pickup_store_id": "north",
            "customer": {"email": "chloe@example.com", "name": "Chloé Durand"},
            "currency": "EUR",
            "payment_status": "paid",
            "lines": [
                {"sku": f.sku, "name": f.name, "quantity_milli": 1000 * (1 + i % 2),
                 "unit_price_minor": f.price_minor}
                for i, f in enumerate(items)
            ],
        }
    )  # fmt: skip


def main(out: Path) -> None:
    _app = themed_app(out)  # held: dropping the last reference would delete the application
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        demo = connect_demo_hub(db, order_every_s=3600)
        try:
            hub = demo._hub_for_reading()
            tenancy.upsert_store(hub, StoreIn(store_id="north", name="OmniTill North"))
            for width, _height in SIZES:
                create_web_order(hub, _order(f"W-2{width}"))
            config = load_config(db.parent)
            for width, height in SIZES:
                till = build_till(db, demo_hint=demo_hint(), hub=config)
                w, c, rc = till.window, till.controller, till.returns
                assert rc is not None
                assert rc.web is not None
                web = rc.web
                w.resize(width, height)
                w.show()
                sign_in(c, "9999")
                settle(300)
                w.sale.returns_button.click()
                until(lambda w=w: w.current_page is w.returns)
                web.bar.edit.setText(f"W-2{width}")
                web.bar.edit.setFocus()
                web.on_bar_lookup_requested(web.bar.edit.text())
                until(lambda web=web: web.current is not None)
                settle(300)
                page = w.returns
                box = page.quantity_box(2)
                if box is not None:
                    box.setValue(1)
                reason = page.combo(2, REASON_COLUMN)
                if reason is not None:
                    reason.setCurrentIndex(reason.findData(str(ReasonCode.WRONG_SIZE)))
                condition = page.combo(2, CONDITION_COLUMN)
                if condition is not None:
                    condition.setCurrentIndex(condition.findData(str(Condition.OPENED)))
                settle(300)
                w.grab().save(str(out / f"11-returns-web-order-{width}x{height}.png"))
                page.refund_button.click()
                until(lambda page=page: page.receipt_preview.isVisible())
                settle(300)
                w.grab().save(str(out / f"11-returns-web-order-refunded-{width}x{height}.png"))
                till.close()
                settle()
        finally:
            demo.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
