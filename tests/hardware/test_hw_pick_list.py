"""The paper pick list: built from a real order as a device-independent document and printed
through the same path as receipts and bag labels, to the simulated ESC/POS printer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from hardware.config import DeviceConfig
from hardware.sim.printer import SimulatedPrinter
from hardware.till_devices import DeviceListeners, TillDevices
from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.store.till_context import load_till_context
from pos_app.services.sync.feed_apply import apply_changes
from sync.protocol import FeedChange, FeedKind

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def _order(seeded: sessionmaker[Session]) -> None:
    lines = [  # web order line order, not the walk through the store
        ("MLK-1", "Whole Milk 1 L", 2000),
        ("TSH-1", "Cotton T-Shirt M", 1000),
        ("COF-1", "Arabica Coffee Beans 500 g", 3000),
        ("BAT-1", "AA Batteries 4-pack", 1000),
    ]
    data = {
        "number": "W-7001",
        "pickup_store_id": "store-1",
        "status": "new",
        "payment_status": "paid",
        "pickup_code": "PC7001XY",
        "currency": "EUR",
        "total_minor": 0,
        "customer_email": "ann@example.com",
        "customer_name": "Ann Lee",
        "customer_phone": None,
        "lines": [
            {"sku": sku, "name": name, "quantity_milli": qty, "unit_price_minor": 100}
            for sku, name, qty in lines
        ],
        "created_at": (NOW - timedelta(hours=2)).isoformat(),
        "source": "api",
    }
    change = FeedChange(position=1, kind=FeedKind.WEB_ORDER, key="W-7001", data=data)
    with seeded.begin() as session:
        apply_changes(session, [change])


def test_pick_list_prints_by_department_with_ticks_skus_counts_and_barcode(
    seeded: sessionmaker[Session], sim_printer: SimulatedPrinter
) -> None:
    _order(seeded)
    svc = CollectionsService(clock=lambda: NOW)
    with seeded() as session:
        doc = svc.pick_list(session, "W-7001", staff="bob", context=load_till_context(session))
    devices = TillDevices(DeviceConfig(printer=sim_printer.url, printer_timeout_s=2.0))
    devices.start(DeviceListeners())
    try:
        job = devices.print_receipt(doc, reprintable=False)  # as the Collections screen does
        assert job is not None
        assert job.result(timeout=10) is True
        with pytest.raises(LookupError):  # "reprint last receipt" never gives a pick list
            devices.reprint_last()
    finally:
        devices.close()
    (printed,) = sim_printer.wait_for_receipts(1)
    text = [line.text.rstrip() for line in printed.lines]
    assert "ORDER W-7001" in [t.strip() for t in text]
    assert "Ann Lee" in [t.strip() for t in text]
    due = (NOW + timedelta(days=7) - timedelta(hours=2)).astimezone().strftime("%a %d %b %H:%M")
    assert f"Due by {due}" in [t.strip() for t in text]
    assert "PICK LIST" in [t.strip() for t in text]
    body = text[text.index("OK   QTY  ITEM / SKU") + 1 :]
    assert body[:12] == [
        "CLOTHING",
        "[ ]    1  Cotton T-Shirt M",
        "          SKU TSH-1",
        "DAIRY",
        "[ ]    2  Whole Milk 1 L",
        "          SKU MLK-1",
        "GROCERY",
        "[ ]    3  Arabica Coffee Beans 500 g",
        "          SKU COF-1",
        "HOUSEHOLD",
        "[ ]    1  AA Batteries 4-pack",
        "          SKU BAT-1",
    ]
    assert "4 lines, 7 items" in [t.strip() for t in body]
    assert not any("0.00" in t or "TOTAL" in t for t in text)  # a work list, not a bill
    assert [(b.symbology, b.data) for b in printed.barcodes] == [("CODE128", "W-7001")]
    assert printed.cut
