"""Render the click-and-collect screen (queue, an order mid-pick, a part hand-over with its
collection receipt, a pay-in-store order at the tender panel) to docs/screenshots/.

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/click_collect.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.services.store.till_context import load_till_context
from pos_app.services.sync.feed_apply import apply_changes
from pos_app.ui.app import build_till
from sync.protocol import FeedChange, FeedKind
from tools.screenshots.sale import SIZES, settle, sign_in, themed_app

CUSTOMERS = [
    ("W-10231", "Ann Lee", "paid", 30),
    ("W-10232", "Bo Martin", "pay_in_store", 26),
    ("W-10233", "Chloé Durand", "paid", 5),
    ("W-10234", "Dev Patel", "paid", 2),
    ("W-10198", "Eva Novak", "paid", 24 * 8),
]


def _order(i: int, number: str, name: str, pay: str, hours: int) -> dict[str, Any]:
    items = [f for f in DEMO_FEATURED if not f.sold_by_weight][i : i + 3]
    return {
        "number": number,
        "pickup_store_id": "demo",
        "status": "new",
        "payment_status": pay,
        "pickup_code": f"QR{i:04d}AB",
        "currency": "EUR",
        "total_minor": 0,
        "customer_email": name.split()[0].lower() + "@example.com",
        "customer_name": name,
        "customer_phone": "+44 20 7946 00" + f"{i:02d}",
        "lines": [
            {
                "sku": f.sku,
                "name": f.name,
                "quantity_milli": 1000 * (1 + j % 2),
                "unit_price_minor": 500,
            }
            for j, f in enumerate(items)
        ],
        "created_at": (datetime.now(UTC) - timedelta(hours=hours)).isoformat(),
        "source": "web",
    }


def _make_ready(db: Path, numbers: list[str]) -> None:
    """Pick and bag these orders, as the associate would have done earlier."""
    engine = create_till_engine(db)
    svc = CollectionsService()
    codes = {f.sku: f.barcode for f in DEMO_FEATURED}
    with make_session_factory(engine).begin() as session:
        ctx = load_till_context(session)
        for number in numbers:
            svc.start_picking(session, number, staff="Sam", context=ctx)
            for line in svc.detail(session, number).lines:
                for _ in range(line.ordered_milli // 1000):
                    svc.scan_pick(session, number, codes[line.sku], staff="Sam")
            svc.mark_ready(session, number, staff="Sam", context=ctx)
    engine.dispose()


def main(out: Path) -> None:
    _app = themed_app(out)  # held: dropping the last reference would delete the application
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        engine = create_till_engine(db)
        with make_session_factory(engine).begin() as session:
            changes = [
                FeedChange(position=i + 1, kind=FeedKind.WEB_ORDER, key=c[0],
                           data=_order(i, *c))
                for i, c in enumerate(CUSTOMERS)
            ]  # fmt: skip
            apply_changes(session, changes)
        engine.dispose()
        handing = ["W-10234", "W-10233"]  # one per size: a hand-over cannot be undone
        _make_ready(db, [*handing, "W-10232"])
        first = _order(0, *CUSTOMERS[0])["lines"][0]["sku"]
        code = next(f.barcode for f in DEMO_FEATURED if f.sku == first)
        for k, (width, height) in enumerate(SIZES):
            till = build_till(db, demo_hint=demo_hint(), web_features=True)  # as if enrolled
            w, c, cc = till.window, till.controller, till.collections
            assert cc is not None
            w.resize(width, height)
            w.show()
            sign_in(c, "9999")
            cc.refresh()
            settle(300)
            cc.open()
            settle(400)
            w.grab().save(str(out / f"09-collections-queue-{width}x{height}.png"))
            cc.on_page_order_chosen(CUSTOMERS[0][0])
            settle(300)
            if width == SIZES[0][0]:
                cc.on_start_button_clicked()
                settle(300)
                c.on_scanner_barcode_scanned(code)
                settle(300)
            cc.on_page_order_chosen(CUSTOMERS[0][0])
            settle(300)
            c.on_scanner_barcode_scanned("96385074")  # not in the order: refused inline
            settle(400)
            w.grab().save(str(out / f"09-collections-picking-{width}x{height}.png"))
            page = w.collections
            cc.on_page_order_chosen(handing[k])
            settle(300)
            box = page.give_box(2)  # the line of two: one now, one later
            if box is not None:
                box.setValue(1)
            page.note.setText("ID checked: driving licence")
            settle(200)
            w.grab().save(str(out / f"09-collections-give-now-{width}x{height}.png"))
            cc.on_handover_button_clicked()
            settle(500)
            w.grab().save(str(out / f"09-collections-handover-{width}x{height}.png"))
            cc.on_page_order_chosen("W-10232")  # pay in store: the normal tender panel
            settle(300)
            page.note.setText("pickup code")
            cc.on_handover_button_clicked()
            settle(400)
            w.grab().save(str(out / f"09-collections-pay-in-store-{width}x{height}.png"))
            w.tender.on_back_button_clicked()  # nothing is paid or handed over
            settle(200)
            till.close()
            settle()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
