"""An exchange and a store-credit refund reach a real hub over HTTP (SQLite and PostgreSQL
variants): every event accepted, stock deltas applied for both halves, tender kinds intact."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import select

from pos_app.domain.returns.rules import RefundMethod
from pos_app.services.returns.in_store import ReturnsService
from pos_app.services.sale.checkout import CompletedSale
from sync.hub.models import IngestedEvent
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.hub import EnrolledTill, StatusRecorder
from tests.helpers.returns import do_return, exchange, one


def test_exchange_and_store_credit_refund_are_accepted_by_the_hub(
    enrolled_till: EnrolledTill, sell: Callable[..., CompletedSale]
) -> None:
    db = enrolled_till.write
    sale = sell([COFFEE, TSHIRT], tendered="30")
    swap = exchange(db, sale.receipt_no, [TSHIRT], cash="10")  # coffee back, a shirt out
    credit = do_return(
        db,
        sale.receipt_no,
        [one(line_no=2)],
        service=ReturnsService(new_credit_code=lambda: "SCHUBTEST234"),
        prefer=RefundMethod.STORE_CREDIT,
    )
    sync = enrolled_till.sync()
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    recorder.wait_for(lambda s: s.online is True and s.queued == 0, timeout=30)

    with enrolled_till.hub.hub.db.read() as session:
        events = {
            e.kind + ":" + json.loads(e.payload)["receipt_no"]: json.loads(e.payload)
            for e in session.scalars(select(IngestedEvent))
        }
    assert set(events) == {
        f"sale.completed:{sale.receipt_no}",
        f"sale.completed:{swap.sale.receipt_no}",
        f"return.completed:{swap.returned.receipt_no}",
        f"return.completed:{credit.receipt_no}",
    }
    tenders = events[f"return.completed:{credit.receipt_no}"]["tenders"]
    assert [(t["kind"], t["amount_minor"], t["account"]) for t in tenders] == [
        ("store_credit", -1500, "SCHUBTEST234")
    ]
    exchange_tenders = events[f"sale.completed:{swap.sale.receipt_no}"]["tenders"]
    assert [t["kind"] for t in exchange_tenders] == ["exchange", "cash"]
    # Coffee: sold, back (exchange). Shirts: sold, back (store credit), one out (exchange).
    assert enrolled_till.hub_stock("COF-1") == 0
    assert enrolled_till.hub_stock("TSH-1") == -1000
