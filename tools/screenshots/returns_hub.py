"""Render a return of ANOTHER till's receipt on the Returns screen (over the demo hub).

Till "north-T02" of store north sold three items for cash and its events reached the hub; at
the demo till the associate scans that receipt: the hub answers, the page says whose sale it
is, and one item is chosen to come back.

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/returns_hub.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select, update

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import OutboxEvent, StoreProfile
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.returns.rules import Condition, ReasonCode
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.services.store.till_context import load_till_context
from pos_app.ui.app import build_till
from pos_app.ui.demo_hub import connect_demo_hub
from pos_app.ui.returns.page import CONDITION_COLUMN, REASON_COLUMN
from sync.client.config import load_config
from sync.hub import tenancy
from sync.hub.ingest import ingest_batch
from sync.protocol import StoreIn
from tools.screenshots.sale import SIZES, settle, sign_in, themed_app, until

OTHER_STORE, OTHER_TILL = "north", "north-T02"


def sale_at_other_till(db: Path, folder: Path) -> tuple[str, list[dict[str, object]]]:
    """A copy of the demo till as till north-T02: one cash sale; its receipt and outbox."""
    copy = folder / "north.sqlite3"
    with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    engine = create_till_engine(copy)
    factory = make_session_factory(engine)
    try:
        with factory.begin() as session:
            session.execute(update(StoreProfile).values(store_id=OTHER_STORE, till_id=OTHER_TILL))
        with factory.begin() as session:
            ctx = load_till_context(session)
            basket = ctx.new_basket()
            catalog = SqlCatalog(session, ctx.currency)
            for featured in [f for f in DEMO_FEATURED if not f.sold_by_weight][:3]:
                basket.add_by_barcode(featured.barcode, catalog, VariableMeasureConfig.default())
            done = CheckoutService().complete_sale(
                session,
                basket=basket,
                tenders=[Tender(TenderKind.CASH, Money.of("100", ctx.currency))],
                cashier="north",
                context=ctx,
            )
        with factory() as session:
            events = [
                {"event_id": r.event_id, "kind": r.kind, "payload": json.loads(r.payload)}
                for r in session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))
            ]
        return done.receipt_no, events
    finally:
        engine.dispose()


def main(out: Path) -> None:
    _app = themed_app(out)  # held: dropping the last reference would delete the application
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        receipt_no, events = sale_at_other_till(db, Path(tmp))
        demo = connect_demo_hub(db, order_every_s=3600)
        try:
            hub = demo._hub_for_reading()
            tenancy.upsert_store(hub, StoreIn(store_id=OTHER_STORE, name="OmniTill North"))
            answer = ingest_batch(hub, store_id=OTHER_STORE, till_id=OTHER_TILL, raw_events=events)
            assert all(r.status == "accepted" for r in answer.results), answer
            config = load_config(db.parent)
            for width, height in SIZES:
                till = build_till(db, demo_hint=demo_hint(), hub=config)
                w, c, rc = till.window, till.controller, till.returns
                assert rc is not None
                w.resize(width, height)
                w.show()
                sign_in(c, "1111")
                settle(300)
                w.sale.returns_button.click()
                until(lambda w=w: w.current_page is w.returns)
                page = w.returns
                page.receipt_edit.setText(receipt_no)
                rc.on_page_receipt_entered(receipt_no)
                until(lambda rc=rc: rc.current is not None)
                settle(300)
                box = page.quantity_box(1)
                if box is not None:
                    box.setValue(1)
                reason = page.combo(1, REASON_COLUMN)
                if reason is not None:
                    reason.setCurrentIndex(reason.findData(str(ReasonCode.CHANGED_MIND)))
                condition = page.combo(1, CONDITION_COLUMN)
                if condition is not None:
                    condition.setCurrentIndex(condition.findData(str(Condition.UNOPENED)))
                settle(300)
                w.grab().save(str(out / f"11-returns-other-till-{width}x{height}.png"))
                till.close()
                settle()
        finally:
            demo.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
