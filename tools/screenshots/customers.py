"""Render the customer panel (a customer found at the hub, their web and in-store orders and
store credit, a members-only promotion applied to the basket) to docs/screenshots/.

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/customers.py

Runs the demo hub on loopback: the customer, her web orders and store credit are made there,
the members-only promotion reaches the till through the feed, and her earlier in-store sale is
rung at this till and pushed, so the history really spans both channels.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

import requests

from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.ui.app import TillApp, build_till
from pos_app.ui.demo_hub import DEMO_STORE, connect_demo_hub
from sync.client.config import load_config
from tools.screenshots.sale import SIZES, settle, sign_in, themed_app, until

EMAIL = "ann.lee@example.com"
BASKET = ["3790000000014", "3790000000045", "3790000000021", "3790000000083"]


def seed_hub(base_url: str, admin_token: str) -> None:
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {admin_token}"

    def call(method: str, path: str, body: object) -> None:
        answer = api.request(method, base_url + path, json=body, timeout=10)
        assert answer.status_code < 300, answer.text

    ann = {"email": EMAIL, "name": "Ann Lee", "phone": "+44 20 7946 0018",
           "loyalty_card": "LOY00012345"}  # fmt: skip
    call("POST", "/v1/customers", ann)
    for number, picks in (("W-10187", [0, 6, 8]), ("W-10240", [4, 5])):
        lines = [
            {"sku": DEMO_FEATURED[i].sku, "name": DEMO_FEATURED[i].name, "quantity_milli": 1000,
             "unit_price_minor": DEMO_FEATURED[i].price_minor}
            for i in picks
        ]  # fmt: skip
        call("POST", "/v1/web-orders", {
            "number": number, "pickup_store_id": DEMO_STORE, "currency": "EUR",
            "payment_status": "paid", "lines": lines,
            "customer": {"email": EMAIL, "name": "Ann Lee"},
        })  # fmt: skip
    call("PUT", "/v1/admin/stored-value", {"code": "SC-ANN-0042", "kind": "store_credit",
                                           "currency": "EUR", "balance_minor": 1250,
                                           "customer_email": EMAIL})  # fmt: skip
    call("PUT", "/v1/admin/promotions", {
        "promo_id": "MEMBERS-BAKERY", "name": "Members: 20% off bakery",
        "rules": {"kind": "percent", "value": "20", "department": "bakery",
                  "customer_only": True},
    })  # fmt: skip


def has_promotion(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT 1 FROM promotions WHERE promo_id = 'MEMBERS-BAKERY'")
        return found.fetchone() is not None


def in_store_sales(base_url: str, admin_token: str) -> int:
    headers = {"Authorization": f"Bearer {admin_token}"}
    found = requests.get(f"{base_url}/v1/lookup/customers", params={"email": EMAIL},
                         headers=headers, timeout=10).json()  # fmt: skip
    history = requests.get(f"{base_url}/v1/lookup/customers/{found[0]['id']}/history",
                           headers=headers, timeout=10).json()  # fmt: skip
    return sum(1 for order in history["orders"] if order["channel"] == "store")


def find_and_attach(till: TillApp) -> None:
    customers = till.customers
    assert customers is not None
    panel = customers.panel
    customers.open()
    panel.query_edit.setText(EMAIL)
    panel.on_find_button_clicked()
    until(lambda: panel.results.count() == 1, "the customer at the hub")
    panel.on_attach_button_clicked()
    settle(200)


def main(out: Path) -> None:
    _app = themed_app(out)  # held: dropping the last reference would delete the application
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        hub = connect_demo_hub(db, order_every_s=3600.0)
        try:
            seed_hub(hub.base_url, hub.admin_token)
            config = load_config(db.parent)
            for k, (width, height) in enumerate(SIZES):
                till = build_till(db, demo_hint=demo_hint(), hub=config)
                w, c = till.window, till.controller
                w.resize(width, height)
                w.show()
                sign_in(c, "9999")
                until(lambda: has_promotion(db), "the members' promotion through the feed")
                settle(300)
                if k == 0:  # her earlier visit: an in-store sale, pushed to the hub
                    find_and_attach(till)
                    c.on_scanner_barcode_scanned("3790000000052")
                    c.on_pay_button_clicked()
                    w.tender.cash_edit.setText("20")
                    w.tender.on_cash_edit_return_pressed()
                    w.tender.on_complete_button_clicked()
                    customers = till.customers
                    assert customers is not None
                    until(lambda w=w: w.current_page is w.receipt, "the receipt")
                    customers.email_bar.on_send_button_clicked()
                    settle(400)
                    w.grab().save(str(out / f"13-email-receipt-{width}x{height}.png"))
                    assert till.sync is not None
                    until(lambda: in_store_sales(hub.base_url, hub.admin_token) == 1,
                             "the sale at the hub")  # fmt: skip
                    c.on_receipt_new_sale_requested()
                for code in BASKET:
                    c.on_scanner_barcode_scanned(code)
                find_and_attach(till)
                customers = till.customers
                assert customers is not None
                customers.open()  # back to her details, as a cashier checking her credit
                panel = customers.panel
                until(lambda p=panel: p.history.rowCount() >= 3, "her history")
                settle(300)
                w.grab().save(str(out / f"13-customer-attached-{width}x{height}.png"))
                till.close()
                settle()
        finally:
            hub.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
