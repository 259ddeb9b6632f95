"""Click-and-collect at the till, against a real SQLite database (docs/architecture.md §7)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import JournalEntry, OutboxEvent, StockMovement
from pos_app.domain.click_collect.orders import CollectionError, OrderState
from pos_app.domain.money import Money
from pos_app.domain.receipt import render_text
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.staff.auth import (
    AuthService,
    Permission,
    PermissionDeniedError,
    PinHasher,
    Role,
    StaffMember,
)
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context
from pos_app.services.sync.feed_apply import apply_changes
from sync.protocol import FeedChange, FeedKind
from tests.helpers.catalog import COFFEE, MILK, TSHIRT
from tests.helpers.click_collect import NOW, events, pick_all, run, web_order

MAX = StaffMember(staff_id=90, code="M9", name="Max", role=Role.MANAGER)


@pytest.fixture
def feed(seeded: sessionmaker[Session]) -> Callable[..., None]:
    position = iter(range(1, 10_000))

    def _feed(number: str, status: str = "new", **changes: Any) -> None:
        change = FeedChange(
            position=next(position),
            kind=FeedKind.WEB_ORDER,
            key=number,
            data=web_order(number, status, **changes),
        )
        with seeded.begin() as session:
            apply_changes(session, [change])

    return _feed


@pytest.fixture
def clock() -> list[datetime]:
    return [NOW]


@pytest.fixture
def svc(clock: list[datetime]) -> CollectionsService:
    return CollectionsService(clock=lambda: clock[0])


def test_queue_counts_states_oldest_first_with_due_by_and_overdue(seeded, feed, svc) -> None:
    feed("W-0002", created_at=(NOW - timedelta(days=8)).isoformat())
    feed("W-0001", created_at=(NOW - timedelta(days=1, hours=1)).isoformat())
    feed("W-0003", status="cancelled")
    with seeded() as session:
        queue = svc.queue(session)
    assert queue.counts[OrderState.NEW] == 2
    assert queue.counts[OrderState.CANCELLED] == 1
    new = queue.in_state(OrderState.NEW)
    assert [o.number for o in new] == ["W-0002", "W-0001"]
    assert new[0].overdue
    assert not new[1].overdue
    assert new[1].due_by == NOW - timedelta(days=1, hours=1) + timedelta(days=7)
    short_hold = CollectionsService(hold_days=1, clock=lambda: NOW)
    with seeded() as session:
        assert short_hold.queue(session).in_state(OrderState.NEW)[1].overdue


def test_pick_verifies_each_scan_and_refuses_wrong_and_extra_items(seeded, feed, svc) -> None:
    feed("W-0001")
    detail = run(seeded, svc.start_picking, "W-0001", staff="bob")
    assert detail.summary.state is OrderState.PICKING
    assert detail.summary.claimed_by == "bob"
    assert [ln.department for ln in detail.lines] == ["clothing", "grocery"]
    with seeded.begin() as session:
        with pytest.raises(CollectionError, match="Wrong item: Whole Milk 1 L is not in order"):
            svc.scan_pick(session, "W-0001", MILK, staff="bob")
        with pytest.raises(CollectionError, match="check digit"):
            svc.scan_pick(session, "W-0001", "4006381333932", staff="bob")
        outcome = svc.scan_pick(session, "W-0001", " 4006381333931 ", staff="bob")
        assert str(outcome.message) == "Arabica Coffee Beans 500 g: picked 1, 0 to go"
        with pytest.raises(CollectionError, match="Too many"):
            svc.scan_pick(session, "W-0001", COFFEE, staff="bob")
    assert [e["status"] for e in events(seeded)] == ["picking"]


def test_ready_needs_every_line_picked_or_short_and_holds_the_stock(seeded, feed, svc) -> None:
    feed("W-0001")
    run(seeded, svc.start_picking, "W-0001", staff="bob")
    with seeded.begin() as session:
        svc.scan_pick(session, "W-0001", TSHIRT, staff="bob")
    with pytest.raises(CollectionError, match="every line"):
        run(seeded, svc.mark_ready, "W-0001", staff="bob")
    with seeded.begin() as session:
        svc.mark_short(session, "W-0001", 1)  # one T-shirt missing
        svc.mark_short(session, "W-0001", 2)
    ready = run(seeded, svc.mark_ready, "W-0001", staff="bob", bags=2)
    assert ready.detail.summary.state is OrderState.READY
    assert [label.barcode for label in ready.labels] == ["W-0001", "W-0001"]
    assert "BAG 2 OF 2" in ready.labels[1].store_lines
    event = events(seeded)[-1]
    assert event["status"] == "ready"
    assert event["stock_movements"][0]["sku"] == "TSH-1"
    assert event["stock_movements"][0]["quantity_delta_milli"] == -1000
    assert {(ln["line_no"], ln["short_milli"]) for ln in event["lines"]} == {(1, 1000), (2, 1000)}
    with seeded() as session:
        kinds = session.scalars(select(JournalEntry.kind)).all()
        assert kinds == ["collection", "collection"]
        assert journal.verify_journal(session).ok


def test_prepaid_hand_over_partial_then_rest_offline_flagged(seeded, feed, svc) -> None:
    feed("W-0001")
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    with seeded() as session:
        assert [o.number for o in svc.find(session, "pcw0001xy")] == []
        found = svc.find(session, "https://shop.example/pickup?code=PC0001XY")
        assert [o.number for o in found] == ["W-0001"]
        assert [o.number for o in svc.find(session, "ann lee")] == ["W-0001"]
        assert [o.number for o in svc.find(session, "7946 0000")] == ["W-0001"]
    with pytest.raises(CollectionError, match="ID"):
        run(seeded, svc.hand_over, "W-0001", staff="eve", identity_note=" ")
    part = run(
        seeded,
        svc.hand_over,
        "W-0001",
        staff="eve",
        identity_note="ID checked",
        quantities={1: 2000},
    )
    assert part.detail.summary.state is OrderState.PARTIALLY_COLLECTED
    assert part.sale is None
    rest = run(
        seeded, svc.hand_over, "W-0001", staff="eve", identity_note="pickup code", offline=True
    )
    assert rest.detail.summary.state is OrderState.COLLECTED
    assert rest.detail.offline_handover
    statuses = [e["status"] for e in events(seeded)]
    assert statuses == ["picking", "ready", "partially_collected", "collected"]
    assert events(seeded)[-1]["offline"] is True


def test_pay_in_store_goes_through_checkout_in_the_same_transaction(seeded, feed, svc) -> None:
    feed("W-0001", payment_status="pay_in_store")
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    with pytest.raises(CollectionError, match="take payment"):
        run(seeded, svc.hand_over, "W-0001", staff="eve", identity_note="ok")
    with seeded() as session:
        eur = load_till_context(session).currency
    short = [Tender(TenderKind.CASH, Money.of("10", eur))]
    with pytest.raises(CollectionError, match="still due"):
        run(seeded, svc.hand_over, "W-0001", staff="eve", identity_note="ok", tenders=short)
    assert events(seeded)[-1]["status"] == "ready"  # nothing written by the failed attempt
    cash = [Tender(TenderKind.CASH, Money.of("40", eur))]
    done = run(seeded, svc.hand_over, "W-0001", staff="eve", identity_note="ok", tenders=cash)
    assert done.sale is not None
    assert done.sale.totals.total == Money.of("32.99", eur)  # web prices, not shelf prices
    assert events(seeded)[-1]["sale_uuid"] == done.sale.sale_uuid
    with seeded() as session:
        net: dict[str, int] = {}
        for m in session.scalars(select(StockMovement)):
            net[m.sku] = net.get(m.sku, 0) + m.quantity_delta_milli
    assert net == {"TSH-1": -2000, "COF-1": -1000}  # hold released, the sale moved the stock


def test_cancel_and_bulk_expiry_return_held_stock(seeded, feed, svc, clock) -> None:
    feed("W-0001")
    feed("W-0002")
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    with pytest.raises(CollectionError, match="reason"):
        run(seeded, svc.cancel, "W-0002", reason="", staff="bob")
    cancelled = run(seeded, svc.cancel, "W-0002", reason="customer called", staff="bob")
    assert cancelled.summary.state is OrderState.CANCELLED
    assert events(seeded)[-1]["stock_movements"] == []  # nothing was picked
    clock[0] = NOW + timedelta(days=8)
    expired = run(seeded, svc.expire_overdue, actor=MAX)
    assert expired == ["W-0001"]
    back = events(seeded)[-1]
    assert back["status"] == "expired"
    assert sorted((m["sku"], m["quantity_delta_milli"]) for m in back["stock_movements"]) == [
        ("COF-1", 1000),
        ("TSH-1", 2000),
    ]


def test_feed_contradictions_and_hub_rejections_flag_the_order(seeded, feed, svc) -> None:
    feed("W-0001")
    feed("W-0002")
    run(seeded, svc.start_picking, "W-0001", staff="bob")
    run(seeded, svc.start_picking, "W-0002", staff="bob")
    feed("W-0001", status="cancelled")  # cancelled online while being picked
    with seeded.begin() as session:
        row = session.scalars(
            select(OutboxEvent).where(OutboxEvent.payload.contains('"W-0002"'))
        ).one()
        row.rejected, row.last_error = True, "order W-0002 is picking; it cannot become picking"
    with seeded.begin() as session:
        assert sorted(svc.reconcile(session)) == ["W-0001", "W-0002"]
        assert svc.reconcile(session) == []  # flagged once, not again
    with seeded() as session:
        flagged = {o.number: o for o in svc.review_list(session)}
    assert "was cancelled online while it was being picked here" in str(
        flagged["W-0001"].review_reason
    )
    assert flagged["W-0001"].state is OrderState.CANCELLED
    assert str(flagged["W-0002"].review_reason).startswith("Another till is already picking")
    with seeded.begin() as session:
        svc.acknowledge(session, "W-0002", actor=MAX)
        assert svc.reconcile(session) == []
    with seeded() as session:
        assert [o.number for o in svc.review_list(session)] == ["W-0001"]


def test_an_order_picked_at_another_till_cannot_be_claimed_here(seeded, feed, svc) -> None:
    feed("W-0001", status="picking")
    with seeded() as session:
        assert svc.queue(session).orders[0].claimed_by == "another till"
    with pytest.raises(CollectionError, match="another till"):
        run(seeded, svc.start_picking, "W-0001", staff="bob")
    assert events(seeded) == []


def test_pay_in_store_part_hand_over_charges_only_those_lines(seeded, feed, svc) -> None:
    feed("W-0001", payment_status="pay_in_store")
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    with seeded() as session:
        ctx = load_till_context(session)
        assert svc.amount_due(session, "W-0001", context=ctx) == Money.of("32.99", ctx.currency)
        due = svc.amount_due(session, "W-0001", context=ctx, quantities={1: 1000})
    assert due == Money.of("12.00", ctx.currency)  # one T-shirt at the web price
    cash = [Tender(TenderKind.CASH, Money.of("20", ctx.currency))]
    part = run(
        seeded,
        svc.hand_over,
        "W-0001",
        staff="eve",
        identity_note="ID checked",
        quantities={1: 1000},
        tenders=cash,
    )
    assert part.sale is not None
    assert part.sale.totals.total == due
    assert part.detail.summary.state is OrderState.PARTIALLY_COLLECTED
    assert {ln.line_no: ln.waiting_milli for ln in part.detail.lines} == {1: 1000, 2: 1000}
    event = events(seeded)[-1]
    assert (event["status"], event["sale_uuid"]) == ("partially_collected", part.sale.sale_uuid)
    text = render_text(part.receipt)
    assert part.receipt.kind == "collection"
    assert part.receipt.barcode == "W-0001"
    assert "ORDER W-0001" in text
    assert "COLLECTION" in text
    assert "Cotton T-Shirt M" in text.split("TOTAL")[0]
    assert "Arabica" not in text.split("TOTAL")[0]  # not handed over: not on the bill part
    assert "STILL TO COLLECT:" in text
    assert "1 x Cotton T-Shirt M" in text
    assert "1 x Arabica Coffee Beans 500 g" in text
    assert f"PAID IN STORE: receipt {part.sale.receipt_no}" in text
    assert part.receipt.change == Money.of("8.00", ctx.currency)


def test_collection_receipt_paid_in_cash_says_the_cash_rounding(seeded, feed, svc):
    """Issue 15 defect 5: the collection receipt said TOTAL 32.99, Cash 40.00, Change 7.00
    with no word of the 0.01 the drawer's rounding added (the sale's own receipt says it)."""
    feed("W-0001", payment_status="pay_in_store")
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    with seeded() as session:
        currency = load_till_context(session).currency
    cash = [Tender(TenderKind.CASH, Money.of("40", currency))]
    done = run(seeded, svc.hand_over, "W-0001", staff="eve", identity_note="ID", tenders=cash)
    assert done.sale is not None
    doc, text = done.receipt, render_text(done.receipt)
    assert doc.total == Money.of("32.99", currency)
    assert doc.rounding_adjustment == done.sale.receipt.rounding_adjustment
    assert doc.amount_due == Money.of("33.00", currency)  # the store rounds cash to 0.05
    assert doc.change == Money.of("7.00", currency)
    assert "Cash rounding" in text
    assert "TO PAY EUR" in text


def test_collection_receipt_for_a_prepaid_order_says_so_and_what_remains(seeded, feed, svc):
    feed("W-0001")
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    part = run(seeded, svc.hand_over, "W-0001", staff="eve", identity_note="ID",
               quantities={2: 1000})  # fmt: skip
    doc = part.receipt
    assert [(ln.name, ln.quantity) for ln in doc.lines] == [("Arabica Coffee Beans 500 g", 1)]
    assert doc.total == Money.of("8.99", doc.total.currency)
    assert doc.tenders == ()
    assert doc.footer[:3] == ("PAID ONLINE", "STILL TO COLLECT:", "  2 x Cotton T-Shirt M")
    rest = run(seeded, svc.hand_over, "W-0001", staff="eve", identity_note="ID")
    assert rest.receipt.footer[:2] == ("PAID ONLINE", "Order complete: nothing left to collect.")
    assert [ln.quantity for ln in rest.receipt.lines] == [2]


def test_expiry_and_review_need_a_manager_or_an_approval(seeded, feed, svc, clock) -> None:
    auth = AuthService(till_id="till-1", hasher=PinHasher(time_cost=1, memory_kib=64))
    with seeded.begin() as session:
        auth.enroll(session, code="A1", name="Ann", role=Role.ASSOCIATE, pin="1111")
        auth.enroll(session, code="M1", name="Max", role=Role.MANAGER, pin="9999")
        ann = auth.sign_in(session, "1111").staff
    assert ann is not None
    feed("W-0001")
    clock[0] = NOW + timedelta(days=8)
    with pytest.raises(PermissionDeniedError, match=r"Ann \(associate\) may not expire late"):
        run(seeded, svc.expire_overdue, actor=ann)
    assert events(seeded) == []  # refused before anything was written
    with seeded.begin() as session:
        wrong = auth.approve(
            session,
            pin="1111",
            permission=Permission.EXPIRE_ORDERS,
            requested_by=ann,
            what="x",
            reason="y",
        )
        assert wrong.approval is None  # an associate cannot approve
        granted = auth.approve(
            session,
            pin="9999",
            permission=Permission.EXPIRE_ORDERS,
            requested_by=ann,
            what="Expire late",
            reason="shelf full",
        )
    assert granted.approval is not None
    assert run(seeded, svc.expire_overdue, actor=ann, approval=granted.approval) == ["W-0001"]
    assert events(seeded)[-1]["staff"] == "Ann (approved by Max)"

    feed("W-0002")
    with seeded.begin() as session:
        svc.start_picking(session, "W-0002", staff="bob", context=load_till_context(session))
    feed("W-0002", status="cancelled")
    with seeded.begin() as session:
        assert svc.reconcile(session) == ["W-0002"]
    with (
        pytest.raises(PermissionDeniedError, match="may not clear an order's review"),
        seeded.begin() as session,
    ):
        svc.acknowledge(session, "W-0002", actor=ann)
    assert granted.approval is not None
    with pytest.raises(PermissionDeniedError), seeded.begin() as session:  # wrong permission
        svc.acknowledge(session, "W-0002", actor=ann, approval=granted.approval)
    with seeded.begin() as session:
        review = auth.approve(
            session,
            pin="9999",
            permission=Permission.REVIEW_ORDERS,
            requested_by=ann,
            what="Reviewed",
            reason="put back",
        )
        assert review.approval is not None
        done = svc.acknowledge(session, "W-0002", actor=ann, approval=review.approval)
    assert not done.summary.needs_review
    assert str(done.summary.review_reason).startswith("reviewed by Ann (approved by Max)")


def test_ready_order_cancelled_online_gives_its_held_stock_back_once(seeded, feed, svc) -> None:
    feed("W-0001")
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    feed("W-0001", status="cancelled")  # the customer cancelled on the web
    with seeded() as session:
        before = session.scalar(select(func.count()).select_from(JournalEntry))
    with seeded.begin() as session:
        assert svc.reconcile(session) == ["W-0001"]
    with seeded.begin() as session:
        assert svc.reconcile(session) == []  # a second pass moves nothing again
    with seeded() as session:
        returned = session.scalars(
            select(StockMovement).where(StockMovement.reason == "collection_return")
        ).all()
        assert sorted((m.sku, m.quantity_delta_milli) for m in returned) == [
            ("COF-1", 1000),
            ("TSH-1", 2000),
        ]
        stock_events = session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "stock.adjusted")
        ).all()
        assert len(stock_events) == 1
        payload = json.loads(stock_events[0].payload)
        assert payload["store_id"] == "store-1"
        assert {m["uuid"] for m in payload["stock_movements"]} == {m.uuid for m in returned}
        entries = session.scalars(select(JournalEntry).order_by(JournalEntry.seq)).all()
        assert len(entries) == before + 1
        body = json.loads(entries[-1].payload)["body"]
        assert body["stock"] == [["TSH-1", 2000], ["COF-1", 1000]]
        assert journal.verify_journal(session).ok
        (flagged,) = svc.review_list(session)
    assert flagged.state is OrderState.CANCELLED
    assert "back on the shelf: 2 x Cotton T-Shirt M, 1 x Arabica Coffee Beans 500 g" in (
        str(flagged.review_reason)
    )
    # the hub's status change is not re-sent: it already made it
    assert [e["status"] for e in events(seeded)] == ["picking", "ready"]


def test_order_cancelled_online_while_picking_moves_no_stock(seeded, feed, svc) -> None:
    feed("W-0001")
    pick_all(seeded, svc, "W-0001")
    feed("W-0001", status="expired")
    with seeded.begin() as session:
        assert svc.reconcile(session) == ["W-0001"]
    with seeded() as session:
        assert session.scalars(select(StockMovement)).all() == []
        assert (
            session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "stock.adjusted")).all()
            == []
        )


def test_pick_list_is_for_orders_still_to_pick(seeded, feed, svc) -> None:
    feed("W-0001")
    with seeded() as session:
        doc = svc.pick_list(session, "W-0001", staff="bob", context=load_till_context(session))
    assert (doc.kind, doc.barcode, doc.priced) == ("pick list", "W-0001", False)
    assert [(ln.group, ln.code, ln.quantity) for ln in doc.lines] == [
        ("clothing", "TSH-1", 2),
        ("grocery", "COF-1", 1),
    ]
    assert "3 items" in render_text(doc)
    pick_all(seeded, svc, "W-0001")
    run(seeded, svc.mark_ready, "W-0001", staff="bob")
    with seeded() as session, pytest.raises(CollectionError, match="nothing to pick"):
        svc.pick_list(session, "W-0001", staff="bob", context=load_till_context(session))
