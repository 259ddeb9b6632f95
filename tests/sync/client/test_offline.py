"""Offline periods (journaled once each way, receipts marked) and online look-ups' typed errors."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import select

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import JournalEntry, Sale
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context
from pos_app.services.sync.state import OFFLINE_ENDED, OFFLINE_STARTED
from sync.client.errors import HubUnreachable, NotFound, Unauthorized
from sync.client.http import HubHttp, Timeouts
from sync.client.lookups import HubLookups
from tests.helpers.hub import TILL_STORE, EnrolledTill, StatusRecorder, eventually


def offline_kinds(till: EnrolledTill) -> list[str]:
    with till.read() as session:
        return list(
            session.scalars(
                select(JournalEntry.kind)
                .where(JournalEntry.kind.in_((OFFLINE_STARTED, OFFLINE_ENDED)))
                .order_by(JournalEntry.seq)
            )
        )


def sell_offline_aware(till: EnrolledTill, *, offline: bool) -> CompletedSale:
    """Checkout as the till screen does it: ``offline=`` from the sync client."""
    with till.write.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        basket.add_by_barcode(
            "96385074", SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
        )
        tender = Tender(TenderKind.CASH, Money.of("5", ctx.currency))
        return CheckoutService().complete_sale(
            session, basket=basket, tenders=[tender], cashier="bo", context=ctx, offline=offline
        )


def test_an_outage_is_journaled_once_each_way_and_marks_receipts(
    enrolled_till: EnrolledTill,
) -> None:
    sync = enrolled_till.sync()
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    recorder.wait_for(lambda s: s.online is True)
    assert not sync.is_offline()
    enrolled_till.hub.stop()
    recorder.wait_for(lambda s: s.online is False)
    # Keep failing for a while: many retries, still one journal entry.
    recorder.wait_for(lambda s: sync.puller.backoff.failures >= 4, timeout=10)
    assert offline_kinds(enrolled_till) == [OFFLINE_STARTED]
    sale = sell_offline_aware(enrolled_till, offline=sync.is_offline())
    assert sale.receipt.offline
    enrolled_till.hub.start()
    recorder.wait_for(lambda s: s.online is True and s.queued == 0, timeout=15)
    # The journal listener and the status listener hear "online" from the same tracker in
    # turn: on a busy machine the status can be seen first, so wait for the entry (once).
    eventually(
        lambda: offline_kinds(enrolled_till) != [OFFLINE_STARTED], 10, "offline_ended journaled"
    )
    assert offline_kinds(enrolled_till) == [OFFLINE_STARTED, OFFLINE_ENDED]
    with enrolled_till.read() as session:
        assert session.scalars(select(Sale.offline)).one() is True
        assert journal.verify_journal(session).ok
    flips = [s.online for s in recorder.seen]
    flips = [v for i, v in enumerate(flips) if i == 0 or flips[i - 1] != v]
    assert flips == [None, True, False, True] or flips == [True, False, True]


def test_a_till_stopped_while_offline_closes_the_period_on_its_next_start(
    enrolled_till: EnrolledTill,
) -> None:
    enrolled_till.hub.stop()
    first = enrolled_till.sync()
    recorder = StatusRecorder()
    first.add_listener(recorder)
    first.start()
    recorder.wait_for(lambda s: s.online is False)
    assert first.stop(timeout=10)
    second = enrolled_till.sync()  # "restarted" while still offline: no second start entry
    assert second.is_offline()
    enrolled_till.hub.start()
    recorder = StatusRecorder()
    second.add_listener(recorder)
    second.start()
    recorder.wait_for(lambda s: s.online is True)
    assert offline_kinds(enrolled_till) == [OFFLINE_STARTED, OFFLINE_ENDED]


def test_lookups_answer_or_fail_with_typed_errors(enrolled_till: EnrolledTill) -> None:
    answer = enrolled_till.hub.admin.post(
        "/v1/web-orders",
        json={
            "number": "W-7",
            "pickup_store_id": TILL_STORE,
            "customer": {"email": "cy@example.com", "name": "Cy"},
            "currency": "EUR",
            "payment_status": "paid",
            "lines": [{"sku": "MLK-1", "quantity_milli": 1000, "unit_price_minor": 119}],
        },
    )
    assert answer.status_code == 201
    lookups = enrolled_till.sync().lookups()
    try:
        assert lookups.web_order("W-7").customer_name == "Cy"
        assert [o.number for o in lookups.web_orders_by_email("cy@example.com")] == ["W-7"]
        with pytest.raises(NotFound):
            lookups.web_order("W-404")
        enrolled_till.hub.stop()
        with pytest.raises(HubUnreachable, match="hub unreachable"):
            lookups.stock_elsewhere("MLK-1")
    finally:
        lookups.close()
    bad = HubLookups(HubHttp(enrolled_till.config.hub_url, "otd_nope"))
    enrolled_till.hub.start()
    try:
        with pytest.raises(Unauthorized, match="enroll this till again"):
            bad.stored_value("GIFT-1")
    finally:
        bad.close()


def test_a_silent_hub_times_out_quickly() -> None:
    """A peer that accepts the connection but never answers: the short timeout fires."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        lookups = HubLookups(
            HubHttp(f"http://127.0.0.1:{port}", "otd_x", timeouts=Timeouts(0.5, 0.3))
        )
        try:
            with pytest.raises(HubUnreachable, match="did not answer in time"):
                lookups.customers(email="a@b.c")
        finally:
            lookups.close()
