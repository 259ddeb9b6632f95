"""Returns in a tax-exclusive store: the refund is net + the tax charged on the original line."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import Sale, StoreProfile
from pos_app.domain.receipt import render_text
from pos_app.services.returns.in_store import ReturnsService
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store import journal
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.returns import do_return, one


def test_partial_then_full_return_refunds_net_plus_tax_as_charged(
    seeded: sessionmaker[Session], sell: Callable[..., CompletedSale]
) -> None:
    with seeded.begin() as session:
        session.execute(update(StoreProfile).values(tax_mode="exclusive"))
    # 3 shirts 45.00 net + 20 % = 9.00; coffee 8.99 net + 5.5 % = 0.49 (0.49445); 63.48 total.
    sale = sell([TSHIRT, TSHIRT, TSHIRT, COFFEE], tendered="70")
    with seeded() as session:
        row = session.scalars(select(Sale).where(Sale.uuid == sale.sale_uuid)).one()
        assert (row.tax_mode, row.total_minor, row.tax_minor) == ("exclusive", 6348, 949)
        found = ReturnsService().find_sale(session, sale.receipt_no)
        assert [(ln.net_minor, ln.original.amount_minor) for ln in found.lines] == [
            (4500, 5400),
            (899, 948),
        ]

    first = do_return(seeded, sale.receipt_no, [one(1000)])
    assert first.assessment.total.to_minor() == 1800  # 15.00 + 3.00 tax
    with seeded() as session:
        ret = session.scalars(select(Sale).where(Sale.uuid == first.sale_uuid)).one()
        assert (ret.tax_mode, ret.subtotal_minor, ret.tax_minor, ret.total_minor) == (
            "exclusive",
            -1500,
            -300,
            -1800,
        )
        assert [(ln.amount_minor, ln.quantity_milli) for ln in ret.lines] == [(-1500, -1000)]
        assert [(t.tax_class, t.net_minor, t.tax_minor, t.gross_minor) for t in ret.tax_lines] == [
            ("standard", -1500, -300, -1800)
        ]
    text = render_text(first.receipt)
    assert "Tax" in text
    assert "-18.00" in text

    rest = do_return(seeded, sale.receipt_no, [one(2000), one(1000, line_no=2)])
    # Everything back: exactly what was paid, tax included, not a cent more.
    assert first.assessment.total.to_minor() + rest.assessment.total.to_minor() == 6348
    with seeded() as session:
        ret = session.scalars(select(Sale).where(Sale.uuid == rest.sale_uuid)).one()
        assert ret.tax_minor == -(949 - 300)
        assert ret.subtotal_minor == -(4500 + 899 - 1500)
        assert journal.verify_journal(session).ok
