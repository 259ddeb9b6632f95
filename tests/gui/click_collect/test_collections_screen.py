"""The click-and-collect screen, driven like an associate (pytest-qt, real SQLite)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import CollectionOrderRow, OutboxEvent, Sale
from pos_app.domain.click_collect.orders import OrderState
from pos_app.services.click_collect.steps import CollectionsService
from pos_app.services.sale.checkout import SALE_EVENT
from pos_app.ui.devices.sim_panel import SimulatedDevices
from sync.protocol import FeedKind
from tests.helpers.catalog import COFFEE, MILK, TSHIRT
from tests.helpers.click_collect import events, run
from tests.helpers.collections_gui import add_order, open_order, ready_order
from tests.helpers.gui import Driver
from tests.helpers.till_db import set_store_locale


def test_scan_to_pick_through_the_scan_filter_with_inline_errors(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    add_order(seeded, "W-0001")
    open_order(d, "W-0001")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        page.start_button.click()
    assert page.title.text() == "W-0001 — Picking"
    assert page.table.item(0, 0).text() == "clothing"  # the walk: clothing, then grocery
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        d.scan(TSHIRT)
    assert page.table.item(0, 3).text() == "1"
    assert "picked 1, 1 to go" in page.message.text()
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000) as wrong:
        d.scan(MILK)
    assert wrong.args == ["Wrong item: Whole Milk 1 L is not in order W-0001."]
    assert page.message.text() == wrong.args[0]
    assert d.controller.model.rowCount() == 0  # nothing landed in the sale basket
    for code in (TSHIRT, COFFEE):
        with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
            d.scan(code)
    with d.qtbot.waitSignal(ctl.order_marked_ready, timeout=5000) as ready:
        d.press(d.focus(), Qt.Key.Key_F5)
    assert ready.args[0].labels[0].barcode == "W-0001"


def test_badge_counts_new_orders_when_the_feed_brings_one(
    signed_in: Driver, seeded: sessionmaker[Session], db_path: Path
) -> None:
    d = signed_in
    ctl = d.till.collections
    assert ctl is not None
    button = d.window.sale.collections_button
    assert "new" not in button.text()
    add_order(seeded, "W-0009")
    # The sync thread's feed listener fires off the GUI thread.
    with d.qtbot.waitSignal(ctl.new_orders_arrived, timeout=5000) as arrived:
        worker = threading.Thread(target=ctl.feed_listener, args=({FeedKind.WEB_ORDER}, 1))
        worker.start()
        worker.join()
    assert arrived.args == [1]
    assert "1 new" in button.text()
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        ctl.feed_listener({FeedKind.STOCK}, 1)
        ctl.refresh()
    assert "1 new" in button.text()


def test_pay_in_store_hand_over_goes_through_the_tender_panel(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    ready_order(seeded, "W-0002", payment_status="pay_in_store")
    open_order(d, "W-0002")
    ctl, page, tender = d.till.collections, d.window.collections, d.window.tender
    assert ctl is not None
    assert page.handover_quantities() == {1: 2000, 2: 1000}  # all that waits, by default
    page.note.setText("ID checked")
    page.handover_button.click()
    d.qtbot.waitUntil(lambda: d.window.current_page is tender, timeout=5000)
    assert tender.due_value.text().endswith("32.99")  # the web prices, as the sale will be
    # The panel says what is being paid for, never "Complete sale".
    assert tender.title.isVisible()
    assert tender.title.text().startswith("Pay for order W-0002")
    assert tender.complete_button.text() == "Take payment and hand over\nF12"
    assert tender.back_button.text() == "Back to order\nEsc"
    before = len(events(seeded))
    tender.back_button.click()  # cancelling the payment changes nothing
    assert d.window.current_page is page
    assert len(events(seeded)) == before
    assert tender.complete_button.text() == "Complete sale\nF12"  # the sale screen's again
    page.handover_button.click()
    d.qtbot.waitUntil(lambda: d.window.current_page is tender, timeout=5000)
    assert tender.complete_button.text() == "Take payment and hand over\nF12"
    with (
        d.qtbot.waitSignal(d.controller.sale_completed, timeout=5000) as sold,
        d.qtbot.waitSignal(ctl.handed_over, timeout=5000) as handed,
    ):
        tender.cash_edit.setText("40")
        d.press(tender.cash_edit, Qt.Key.Key_Return)  # add the cash
        d.press(tender.cash_edit, Qt.Key.Key_Return)  # and complete
    sale = sold.args[0]
    assert handed.args[0].sale.sale_uuid == sale.sale_uuid
    assert d.window.current_page is page  # back on the Collections screen
    assert page.title.text() == "W-0002 — Collected today"
    assert "PAID IN STORE: receipt " + sale.receipt_no in page.receipt_preview.toPlainText()
    assert d.controller.model.rowCount() == 0  # the sale screen's basket was not used
    with seeded() as session:
        row = session.scalars(select(Sale).where(Sale.uuid == sale.sale_uuid)).one()
        assert (row.total_minor, row.cashier) == (3299, "Ann")
        kinds = session.scalars(select(OutboxEvent.kind).order_by(OutboxEvent.id)).all()
    assert SALE_EVENT in kinds
    last = events(seeded)[-1]
    assert (last["status"], last["sale_uuid"]) == ("collected", sale.sale_uuid)
    # The tender panel belongs to the sale screen again.
    page.back_button.click()
    d.scan_and_wait(TSHIRT)
    d.window.sale.pay_button.click()
    assert d.window.current_page is tender
    assert tender.title.isHidden()
    assert tender.complete_button.text() == "Complete sale\nF12"
    assert tender.back_button.text() == "Back to basket\nEsc"
    tender.back_button.click()
    assert d.window.current_page is d.window.sale


def test_partial_hand_over_keeps_the_rest_waiting(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    ready_order(seeded, "W-0003")
    open_order(d, "W-0003")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000) as refused:
        page.handover_button.click()  # no ID note yet
    assert "ID" in refused.args[0]
    tshirts = page.give_box(1)
    assert tshirts is not None
    assert tshirts.maximum() == 2
    tshirts.setValue(1)
    box = page.give_box(2)
    assert box is not None
    box.setValue(0)
    page.note.setText("pickup code")
    with d.qtbot.waitSignal(ctl.handed_over, timeout=5000) as handed:
        page.handover_button.click()
    assert handed.args[0].sale is None  # paid online: no payment taken
    assert page.title.text() == "W-0003 — Part collected"
    receipt = page.receipt_preview.toPlainText()
    assert "STILL TO COLLECT:" in receipt
    assert "1 x Cotton T-Shirt M" in receipt
    assert "1 x Arabica Coffee Beans 500 g" in receipt
    assert "PAID ONLINE" in receipt
    assert page.table.item(0, 5).text() == ""  # the box again, for what still waits
    rest = page.give_box(1)
    assert rest is not None
    assert rest.maximum() == 1
    last = events(seeded)[-1]
    assert last["status"] == "partially_collected"
    assert {ln["line_no"]: ln["collected_milli"] for ln in last["lines"]} == {1: 1000, 2: 0}


def test_expire_late_asks_for_a_manager_and_runs_once_approved(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in  # Ann, an associate
    add_order(seeded, "W-0004", created_at=(datetime.now(UTC) - timedelta(days=9)).isoformat())
    open_order(d, "W-0004")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000) as denied:
        page.expire_button.click()
    assert denied.args == ["Ann (associate) may not expire late orders."]
    assert page.prompt.isVisible()
    assert not page.action_pad.isVisible()  # no clash between Esc shortcuts
    assert events(seeded) == []
    page.prompt.value_edit.setText("1111")  # her own PIN: not a manager's
    page.prompt.reason_edit.setText("shelf full")
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000) as refused:
        page.prompt.ok_button.click()
    assert "cannot approve" in refused.args[0]
    assert events(seeded) == []
    page.prompt.value_edit.setText("9999")
    with (
        d.qtbot.waitSignal(ctl.approval_granted, timeout=5000) as granted,
        d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000),
    ):
        page.prompt.ok_button.click()
    assert granted.args[0].approver.name == "Max"
    assert not page.prompt.isVisible()
    assert "Expired 1 overdue order(s)." in page.message.text()
    last = events(seeded)[-1]
    assert (last["status"], last["staff"]) == ("expired", "Ann (approved by Max)")


def test_reviewed_needs_a_manager_and_cancel_leaves_the_flag(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    add_order(seeded, "W-0005")
    svc = CollectionsService()
    run(seeded, svc.start_picking, "W-0005", staff="bob")
    add_order(seeded, "W-0005", status="cancelled")  # cancelled online while picking
    open_order(d, "W-0005")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    d.qtbot.waitUntil(lambda: page.review.isVisible(), timeout=5000)
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000) as denied:
        page.review_button.click()
    assert denied.args == ["Ann (associate) may not clear an order's review."]
    page.prompt.cancel_button.click()
    assert page.action_pad.isVisible()
    with seeded() as session:
        assert [o.number for o in svc.review_list(session)] == ["W-0005"]
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000):
        page.review_button.click()
    page.prompt.value_edit.setText("9999")
    page.prompt.reason_edit.setText("items back on shelf")
    with d.qtbot.waitSignal(ctl.approval_granted, timeout=5000):
        page.prompt.ok_button.click()
    d.qtbot.waitUntil(lambda: not page.review.isVisible(), timeout=5000)
    with seeded() as session:
        assert svc.review_list(session) == []
        detail = svc.detail(session, "W-0005")
    assert detail.summary.state is OrderState.CANCELLED
    assert str(detail.summary.review_reason).startswith("reviewed by Ann (approved by Max)")


def test_print_pick_list_reaches_the_printer_and_says_so_inline_when_it_is_offline(
    till: Driver,  # on the simulated devices (tests/helpers/devices.py)
    sims: SimulatedDevices,
    seeded: sessionmaker[Session],
) -> None:
    d = till
    add_order(seeded, "W-0001")
    open_order(d, "W-0001")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.pick_list_printed, timeout=5000) as done:
        d.press(d.focus(), Qt.Key.Key_F8)  # the button's shortcut
    assert done.args == ["W-0001", True]
    assert page.message.text() == "Pick list of W-0001 printed."
    (printed,) = sims.printer.wait_for_receipts(1)
    assert [b.data for b in printed.barcodes] == ["W-0001"]
    assert "[ ]    2  Cotton T-Shirt M" in printed.text

    sims.printer.set_offline(True)  # accepts the connection, answers nothing
    with d.qtbot.waitSignal(ctl.pick_list_printed, timeout=5000) as done:
        page.print_button.click()
    assert done.args == ["W-0001", False]
    assert page.message.property("level") == "error"
    assert page.message.text().startswith("Pick list not printed: printer offline (")
    assert "prints by itself when the printer is back" in page.message.text()
    assert len(sims.printer.receipts) == 1
    sims.printer.set_offline(False)
    second = sims.printer.wait_for_receipts(2)[1]  # the queue retried it
    assert [b.data for b in second.barcodes] == ["W-0001"]


def test_print_pick_list_without_a_printer_says_so(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    add_order(seeded, "W-0001")
    open_order(d, "W-0001")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    with d.qtbot.waitSignal(ctl.error_shown, timeout=5000) as shown:
        page.print_button.click()
    assert shown.args == ["This till has no receipt printer: pick from the screen."]


def test_ready_order_cancelled_online_tells_the_associate_to_empty_the_bag(
    signed_in: Driver, seeded: sessionmaker[Session]
) -> None:
    d = signed_in
    ready_order(seeded, "W-0003")
    add_order(seeded, "W-0003", status="cancelled")  # the feed brings the online cancel
    open_order(d, "W-0003")
    page = d.window.collections
    d.qtbot.waitUntil(lambda: page.review.isVisible(), timeout=5000)
    assert "Empty its bag and put the items back on the shelf: 2 x Cotton T-Shirt M" in (
        page.review.text()
    )
    assert "⚠ CHECK" in page.queue_list.item(0).text()
    with seeded() as session:
        kinds = session.scalars(select(OutboxEvent.kind).order_by(OutboxEvent.id)).all()
    assert kinds[-1] == "stock.adjusted"  # the held goods are sellable again


@pytest.mark.parametrize("till_language", ["fr_FR"], indirect=True)
def test_conflict_flags_read_in_the_store_language(
    till_language: str, make_till: Any, staffed_db: Path, seeded: sessionmaker[Session]
) -> None:
    set_store_locale(staffed_db, till_language)
    ready_order(seeded, "W-0003")
    add_order(seeded, "W-0003", status="cancelled")  # cancelled online while in its bag
    add_order(seeded, "W-0004")
    run(seeded, CollectionsService().start_picking, "W-0004", staff="bob")
    with seeded.begin() as session:  # the hub refused this till's pick: another till has it
        row = session.scalars(
            select(OutboxEvent).where(OutboxEvent.payload.contains('"W-0004"'))
        ).one()
        row.rejected, row.last_error = True, "order W-0004 is picking; it cannot become picking"
    add_order(seeded, "W-0006")
    with seeded.begin() as session:  # a flag stored before flags were message ids
        local = session.get(CollectionOrderRow, "W-0004")
        assert local is not None
        session.merge(
            CollectionOrderRow(
                order_number="W-0006",
                local_status="new",
                updated_at=local.updated_at,
                bag_count=0,
                offline_handover=False,
                stock_held=False,
                needs_review=True,
                review_reason="Order W-0006 was collected at another till.",
                reviewed_outbox_id=0,
            )
        )
    d: Driver = make_till(staffed_db)
    d.sign_in("1111")
    ctl, page = d.till.collections, d.window.collections
    assert ctl is not None
    open_order(d, "W-0003")
    d.qtbot.waitUntil(lambda: page.review.isVisible(), timeout=5000)
    assert page.review.text() == (
        "La commande W-0003 a été annulée en ligne alors qu'elle était prête à retirer ici. "
        "Videz son sac et remettez les articles en rayon : 2 x Cotton T-Shirt M, "
        "1 x Arabica Coffee Beans 500 g. "
        "Ils sont de nouveau en stock."
    )
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        page.order_chosen.emit("W-0004")
    assert page.review.text() == (
        "Une autre caisse prépare déjà la commande W-0004. "
        "(Hub : order W-0004 is picking; it cannot become picking)"
    )
    with d.qtbot.waitSignal(ctl.queue_refreshed, timeout=5000):
        page.order_chosen.emit("W-0006")
    assert page.review.text() == "Order W-0006 was collected at another till."
