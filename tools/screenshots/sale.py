"""Render the till's screens to docs/screenshots/ at 1024x768 and 1920x1080.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/sale.py [OUT_DIR]
    ... tools/screenshots/sale.py OUT_DIR --locale=fr_FR   # in the store's formats (fr_FR-*.png)

Drives the real window on a throw-away demo database, as the GUI tests do. In the store's
language: OMNITILL_LOCALE=fr_FR … tools/screenshots/sale.py docs/screenshots/fr (the .qm
compiled first: python -m pos_app.ui.translations).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.demo import scale_label
from pos_app.domain.sale.basket import Discount
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.ui.app import build_till
from pos_app.ui.boot import load_theme

SIZES = ((1024, 768), (1920, 1080))


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def until(done: Callable[[], bool], what: str = "the screen", timeout_s: float = 40.0) -> None:
    """Process events until ``done()``: screens change when a lane's answer arrives, so the
    scripts wait for what they show, never for a guessed time."""
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        settle(50)


def sign_in(controller: Any, pin: str) -> None:
    """Sign in with ``pin`` and wait for it (the PIN is checked on the database lane)."""
    controller.on_signin_pin_submitted(pin)
    until(lambda: controller.register is not None, "the sign-in")


def themed_app(out: Path) -> QApplication:
    """The application with the till's theme; ``out``, where the pictures go, exists."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    load_theme(app)
    out.mkdir(parents=True, exist_ok=True)
    return app


def set_store_locale(db: Path, locale: str) -> None:
    """As the hub's feed or the standalone set-up would: the store's locale (docs §13)."""
    from pos_app.db.engine import create_till_engine, make_session_factory
    from pos_app.db.models import StoreProfile

    engine = create_till_engine(db, writer=True)
    try:
        with make_session_factory(engine).begin() as session:
            profile = session.get(StoreProfile, 1)
            assert profile is not None
            profile.locale = locale
    finally:
        engine.dispose()


def main(out: Path, locale: str | None = None) -> None:
    _app = themed_app(out)  # held: dropping the last reference would delete the application
    prefix = f"{locale}-" if locale else ""
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        if locale:
            set_store_locale(db, locale)
        for width, height in SIZES:
            till = build_till(db, demo_hint=demo_hint())
            w, c = till.window, till.controller
            w.resize(width, height)
            w.show()
            settle()

            def shot(name: str, w=w, width=width, height=height) -> None:
                settle()
                w.grab().save(str(out / f"{prefix}{name}-{width}x{height}.png"))

            shot("01-sign-in")
            sign_in(c, "9999")
            codes = [f.barcode for f in DEMO_FEATURED if not f.sold_by_weight][:5]
            for code in codes:
                c.on_scanner_barcode_scanned(code)
            c.on_scanner_barcode_scanned(codes[1])
            weighed = next(f.barcode for f in DEMO_FEATURED if f.sold_by_weight)
            c.on_scanner_barcode_scanned(scale_label(weighed, 1234))
            assert c.register is not None
            c.register.discount_line(1, Discount("percent", Decimal(10), "loyalty welcome"))
            c.show_basket(1)
            w.sale.search.edit.setText("choc")
            till.search.request("choc")
            settle(400)
            shot("02-sale-discount-search")
            w.sale.search.clear()
            c.on_scanner_barcode_scanned("5901234123457")
            shot("03-inline-error-unknown-barcode")
            w.sale.message.clear_message()
            c.on_pay_button_clicked()
            w.tender.cash_edit.setText("50")
            w.tender.on_cash_edit_return_pressed()
            shot("04-tender-cash-change")
            w.tender.on_remove_payment_button_clicked()
            w.tender.card_amount.setText("20,00" if locale else "20.00")
            w.tender.card_approval.setText("A1B2C3")
            w.tender.card_last4.setText("4242")
            w.tender.on_add_card_button_clicked()
            w.tender.cash_edit.setText("20")
            w.tender.on_cash_edit_return_pressed()
            shot("05-tender-split-card-cash")
            w.tender.on_complete_button_clicked()
            until(lambda w=w: w.current_page is w.receipt, "the receipt")  # committed on the lane
            shot("06-receipt-preview")
            till.close()
            settle()


if __name__ == "__main__" and "--devices" not in sys.argv:
    args = [a for a in sys.argv[1:] if not a.startswith("--locale")]
    chosen = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--locale=")), None)
    main(Path(args[0]) if args else Path("docs/screenshots"), chosen)


def devices_main(out: Path) -> None:
    """07/08: printer states in the status bar, and demo mode's simulated-printer panel."""
    from hardware.till_devices import TillDevices
    from pos_app.ui.devices.sim_panel import PrinterSimPanel, SimulatedDevices, add_sim_dock

    _app = themed_app(out)  # held: dropping the last reference would delete the application
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        codes = [f.barcode for f in DEMO_FEATURED if not f.sold_by_weight][:4]
        for width, height in SIZES:
            sims = SimulatedDevices()
            devices = TillDevices(sims.config(timeout_s=0.5), retry_initial_s=0.3)
            till = build_till(db, demo_hint=demo_hint(), devices=devices)
            w, c = till.window, till.controller
            w.resize(width, height)
            w.show()
            panel = PrinterSimPanel(sims)  # made at start-up, as in demo mode
            settle()
            sign_in(c, "9999")
            sims.printer.set_paper(out=True)
            for code in codes[:2]:
                c.on_scanner_barcode_scanned(code)
            c.on_pay_button_clicked()
            w.tender.cash_edit.setText("50")
            w.tender.on_cash_edit_return_pressed()
            w.tender.on_complete_button_clicked()
            settle(1200)
            w.grab().save(str(out / f"07-receipt-paper-out-{width}x{height}.png"))
            for code in codes[2:]:
                c.on_scanner_barcode_scanned(code)
            settle(300)
            w.grab().save(str(out / f"07-printer-paper-out-{width}x{height}.png"))
            sims.printer.set_paper(out=False)
            settle(1500)
            dock = add_sim_dock(w, panel)
            settle(600)
            if width >= 1600:
                w.grab().save(str(out / f"08-demo-printer-panel-{width}x{height}.png"))
            else:
                dock.resize(460, height - 40)
                settle()
                dock.grab().save(str(out / f"08-demo-printer-panel-{width}x{height}.png"))
            till.close()
            sims.stop()
            settle()


if __name__ == "__main__" and "--devices" in sys.argv:
    devices_main(Path("docs/screenshots"))
