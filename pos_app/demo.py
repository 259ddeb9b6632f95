"""Demo mode before the till window exists: ring a scripted sale through the real checkout."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

from sqlalchemy import func, select
from stdnum import ean

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.db.engine import (
    create_till_engine,
    make_session_factory,
)
from pos_app.db.models import OutboxEvent
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.receipt import render_text
from pos_app.domain.sale.basket import Discount
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.staff.demo_staff import prepare_demo_till
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context

DEMO_WEIGHT_GRAMS = 1234


def scale_label(lookup_code: str, grams: int) -> str:
    """What a shop scale prints for a weighed item: the value digits carry the grams."""
    body = lookup_code[:7] + f"{grams:05d}"
    return body + ean.calc_check_digit(body)


def run_scripted_demo(
    data_dir: Path | None, *, products: int, out: Callable[[str], None] = print
) -> int:
    path = prepare_demo_till(data_dir, products=products, out=out)
    engine = create_till_engine(path)
    factory = make_session_factory(engine)

    config = VariableMeasureConfig.default()
    with factory.begin() as session:
        ctx = load_till_context(session)
        catalog = SqlCatalog(session, ctx.currency)
        basket = ctx.new_basket()
        plain = [f for f in DEMO_FEATURED if not f.barcode.startswith("2")][:4]
        weighed = next(f for f in DEMO_FEATURED if f.barcode.startswith("2"))
        for featured in plain:
            line = basket.add_by_barcode(featured.barcode, catalog, config)
            out(f"scan {featured.barcode}  → {line.item.name}")
        label = scale_label(weighed.barcode, DEMO_WEIGHT_GRAMS)
        line = basket.add_by_barcode(label, catalog, config)
        out(f"scan {label}  → {line.item.name}, {line.quantity} kg")
        basket.add_line_discount(
            basket.lines[0].line_no, Discount("percent", Decimal(10), "demo: loyalty welcome")
        )
        totals = basket.totals()
        # The customer hands over the next 10-unit note above what is due.
        note = (totals.total.amount / 10).to_integral_value(rounding=ROUND_CEILING) * 10
        tender = Tender(TenderKind.CASH, Money.of(note, ctx.currency))
        done = CheckoutService().complete_sale(
            session, basket=basket, tenders=[tender], cashier="demo", context=ctx
        )
    out("")
    out(render_text(done.receipt))
    with factory() as session:
        report_ = journal.verify_journal(session)
        queued = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None))
        )
    out(f"journal: {'OK' if report_.ok else 'TAMPERED'}, {report_.entries_checked} entries")
    out(f"outbox: {queued} event(s) queued for the hub")
    engine.dispose()
    return 0 if report_.ok else 1
