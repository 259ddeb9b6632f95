"""Render the returns screen (a receipt looked up, the refund methods, an exchange, a return
without a receipt) to docs/screenshots/.

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/returns.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.returns.rules import Condition, IdDocument, ReasonCode
from pos_app.domain.sale.tenders import CardReference, Tender, TenderKind
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.services.store.till_context import load_till_context
from pos_app.ui.app import build_till
from pos_app.ui.returns.page import CONDITION_COLUMN, REASON_COLUMN
from tools.screenshots.sale import SIZES, settle, sign_in, themed_app

CODES = [f.barcode for f in DEMO_FEATURED if not f.sold_by_weight]


def _sell(db: Path, codes: list[str], card_part: str | None = None) -> str:
    """Ring a sale straight into the database (paid in cash, or part card); its receipt no."""
    engine = create_till_engine(db)
    with make_session_factory(engine).begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        for code in codes:
            basket.add_by_barcode(
                code, SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
            )
        tenders = [Tender(TenderKind.CASH, Money.of("500", ctx.currency))]
        if card_part is not None:
            card = CardReference(approval_code="A81723", last4="4242", scheme="VISA")
            tenders.insert(0, Tender(TenderKind.CARD, Money.of(card_part, ctx.currency), card=card))
        done = CheckoutService().complete_sale(
            session, basket=basket, tenders=tenders, cashier="Alex Associate", context=ctx
        )
    engine.dispose()
    return done.receipt_no


def main(out: Path) -> None:
    _app = themed_app(out)  # held: dropping the last reference would delete the application
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        cash_sale = _sell(db, [CODES[0], CODES[1], CODES[1], CODES[2]])
        split_sale = _sell(db, [CODES[3], CODES[4]], card_part="10.00")
        for width, height in SIZES:
            till = build_till(db, demo_hint=demo_hint())
            w, c, rc = till.window, till.controller, till.returns
            assert rc is not None
            page = w.returns
            w.resize(width, height)
            w.show()
            sign_in(c, "1111")  # an associate: a manager approves above limits

            def shot(name: str, w: Any = w, width: int = width, height: int = height) -> None:
                settle(300)
                w.grab().save(str(out / f"11-returns-{name}-{width}x{height}.png"))

            rc.open()
            settle(200)
            c.on_scanner_barcode_scanned(cash_sale)
            settle(400)
            page.quantity_box(2).setValue(1)
            page.quantity_box(3).setValue(1)
            reason = page.combo(2, REASON_COLUMN)
            reason.setCurrentIndex(reason.findData(str(ReasonCode.WRONG_SIZE)))
            condition = page.combo(3, CONDITION_COLUMN)
            condition.setCurrentIndex(condition.findData(str(Condition.OPENED)))
            shot("receipt")

            page.receipt_edit.setText(split_sale)
            rc.on_page_receipt_entered(split_sale)
            settle(400)
            page.quantity_box(1).setValue(1)
            page.quantity_box(2).setValue(1)
            page.card_approval.setText("R40917")
            page.card_last4.setText("4242")
            shot("refund-methods")

            c.on_scanner_barcode_scanned(cash_sale)
            settle(400)
            page.quantity_box(2).setValue(1)
            rc.on_exchange_button_clicked()
            settle(200)
            c.on_scanner_barcode_scanned(CODES[5])
            settle(300)
            c.on_scanner_barcode_scanned(CODES[6])
            settle(400)
            shot("exchange")

            rc.open()
            rc.on_no_receipt_button_clicked()
            settle(200)
            c.on_scanner_barcode_scanned(CODES[2])
            settle(400)
            page.id_type.setCurrentIndex(page.id_type.findData(str(IdDocument.DRIVING_LICENCE)))
            page.id_number.setText("DL-99887766")
            shot("no-receipt")  # F12 then asks for a manager's PIN inline
            till.close()
            settle()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
