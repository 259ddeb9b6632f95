"""The composition root: builds engines, services, lanes and widgets, and wires them.

Nothing else in the UI creates a service or an engine; nothing is global. ``build_till``
is what the tests and the bench use; ``ui.start.run_till`` (``omnitill run`` and
``omnitill demo``) shows the sign-in window first (``ui.boot``) and calls ``build_till``
behind it, so this module's imports are off the path to the first paint.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from hardware.config import DeviceConfig
from hardware.qt_bridge import DeviceSignals
from hardware.till_devices import TillDevices
from pos_app.db import migrate
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.write_gate import WriteGate
from pos_app.domain.promotions import Promotion
from pos_app.domain.reasons import ReasonCode
from pos_app.domain.returns.rules import ReturnPolicy
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.click_collect.queue import DEFAULT_HOLD_DAYS
from pos_app.services.click_collect.steps import CollectionsService, Ready
from pos_app.services.devices.print_jobs import SqlPrintJobs
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.returns.in_store import ReturnsService
from pos_app.services.returns.policy import load_return_policy
from pos_app.services.returns.web_orders import WebReturnsService
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.sale.drawer import DrawerService
from pos_app.services.sale.parking import ParkingService
from pos_app.services.sale.reason_codes import load_reason_codes
from pos_app.services.sale.screen_pricing import price_for_screen
from pos_app.services.staff.auth import AuthService
from pos_app.services.store.till_context import TillContext, load_till_context
from pos_app.ui import formatting
from pos_app.ui.boot import DEFAULT_IDLE_MS, TillShell, open_shell
from pos_app.ui.click_collect.controller import CollectionsController
from pos_app.ui.customers.controller import CustomerController, HubLane
from pos_app.ui.devices.controller import PRINTER_PROBE_MS, DeviceController
from pos_app.ui.feed_refresh import FeedRefresh
from pos_app.ui.history.controller import HistoryController
from pos_app.ui.history.wiring import build_history
from pos_app.ui.main_window import TillWindow
from pos_app.ui.promotions.features import PromotionsUi
from pos_app.ui.promotions.prices import PromotionPrices
from pos_app.ui.returns.controller import ReturnsController
from pos_app.ui.returns.hub_receipts import HubReceiptsController
from pos_app.ui.returns.web_orders import WebReturnsController
from pos_app.ui.runner import DbLane, GuiCatalog, SearchLane
from pos_app.ui.sale.basket_model import BasketTableModel
from pos_app.ui.sale.controller import SaleController
from pos_app.ui.sale.pricing_lane import Pricer, PricingLane
from pos_app.ui.sale.receipt_view import ReceiptView
from pos_app.ui.sale.sale_view import SaleView
from pos_app.ui.sale.tender_panel import TenderPanel
from pos_app.ui.scanner import (
    Clock,
    ScanFilter,
    ScannerConfig,
    monotonic_ms,
)
from pos_app.ui.shifts.controller import ShiftsController
from pos_app.ui.shifts.wiring import build_shifts
from pos_app.ui.shortcuts import ShortcutGuard, ShortcutOverlay
from pos_app.ui.staff.idle import IdleWatcher
from pos_app.ui.stock.controller import StockController
from pos_app.ui.sync_bridge import SyncBridge, describe_sync
from pos_app.ui.translations import install_translator, ui_locale
from sync.client.config import HubConfig
from sync.wire_kinds import FeedKind

if TYPE_CHECKING:
    from pos_app.services.sync.runtime import TillSync

log = logging.getLogger(__name__)
# How long closing waits for the sync threads. Not longer: the outbox is on disk and a push cut
# off is sent again (event ids make it idempotent), a long-poll in flight only reads, and the
# threads are daemons that end with the process. Exit stays well under 2 s (issue 15).
SYNC_STOP_S = 0.5


@dataclass
class TillApp:
    window: TillWindow
    controller: SaleController
    scan_filter: ScanFilter
    idle: IdleWatcher
    lane: DbLane
    search: SearchLane
    context: TillContext
    engines: tuple[Engine, Engine]
    devices: DeviceController
    changes: ChangeNotifier
    sync: SyncBridge | None = None
    collections: CollectionsController | None = None
    returns: ReturnsController | None = None
    customers: CustomerController | None = None
    promotions: PromotionsUi | None = None
    shortcuts: ShortcutGuard | None = None
    closed: bool = False
    shifts: ShiftsController | None = None
    history: HistoryController | None = None
    feed_refresh: FeedRefresh | None = None

    def close(self) -> None:
        if self.closed:
            return  # closing twice (the window, then its owner) is harmless
        self.closed = True
        started = time.monotonic()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scan_filter)
            app.removeEventFilter(self.idle)
            if self.shortcuts is not None:
                app.removeEventFilter(self.shortcuts)
        self.idle.stop()
        self.devices.stop()  # the scanner stops feeding scans; a print in progress finishes
        if self.sync is not None and not self.sync.sync.stop(timeout=SYNC_STOP_S):
            # A long-poll in flight cannot be cancelled; its daemon thread ends with us.
            log.info("sync threads still finishing a request at shutdown")
        if self.returns is not None and self.returns.web is not None:
            self.returns.web.shutdown()  # a look-up in flight ends with its short timeout
        if self.returns is not None and isinstance(
            self.returns.hub_receipts, HubReceiptsController
        ):
            self.returns.hub_receipts.shutdown()
        if self.customers is not None:
            self.customers.hub.shutdown()
        if self.feed_refresh is not None:
            self.feed_refresh.shutdown()
        self.lane.shutdown()
        self.search.shutdown()
        self.controller.pricing_lane.shutdown()
        if self.promotions is not None:
            self.promotions.shutdown()
        self.window.close()
        self.window.deleteLater()
        for engine in self.engines:
            engine.dispose()
        log.info("till closed in %.2f s", time.monotonic() - started)


def build_till(
    db_path: Path,
    *,
    demo_hint: str = "",
    scanner: ScannerConfig | None = None,
    clock: Clock = monotonic_ms,
    idle_ms: int = DEFAULT_IDLE_MS,
    auth_factory: Callable[[str], AuthService] | None = None,
    search_debounce_ms: int = 80,
    devices: TillDevices | None = None,
    printer_probe_ms: int = PRINTER_PROBE_MS,
    hub: HubConfig | None = None,
    sync_options: dict[str, Any] | None = None,
    hold_days: int = DEFAULT_HOLD_DAYS,
    pricer: Pricer = price_for_screen,
    web_features: bool | None = None,
    shell: TillShell | None = None,
) -> TillApp:
    """Open the till database at ``db_path`` (migrated on the way) and build the window.

    ``devices`` (not started yet) are started here and stopped by ``TillApp.close``; without
    them the till runs with no printer, drawer, display or serial scanner. With ``hub`` (an
    enrolled till) the sync client runs too; without it the till is standalone. ``pricer``
    prices the basket for the screen on the pricing lane (a test may slow it down).
    ``web_features`` (Click & collect, e-mail receipts: both need a hub) defaults to whether
    the till has a hub; a standalone till does not offer them (issue 15).
    ``shell`` is the sign-in window already on screen (``boot.open_shell``, the fast start);
    without it the window is built here.
    """
    devices = devices or TillDevices(DeviceConfig())
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    writer = create_till_engine(db_path, writer=True)
    migrate.upgrade(writer)
    reader = create_till_engine(db_path, writer=False)
    factory, reader_factory = make_session_factory(writer), make_session_factory(reader)
    with reader_factory() as session:
        context = load_till_context(session)
    formatting.use_locale(context.locale)  # every screen's money and dates in the store's locale
    # The shell (open_shell) already speaks the locale peeked from the database; this catches a
    # store whose locale changed since (the screens built from here on speak it).
    install_translator(app, ui_locale(context.locale))
    if devices.print_jobs is None:  # receipts wait in the database, across restarts
        devices.print_jobs = SqlPrintJobs(
            factory, context.till_id, keep_days=devices.config.print_keep_days
        )

    promotion_service = PromotionService()
    prices = PromotionPrices(promotion_service, reader_factory, context)
    model = BasketTableModel()
    if shell is None:
        shell = open_shell(db_path, demo_hint=demo_hint)
    # The shell's labels came from a raw peek (or nothing, before a migration): the context
    # is the authority.
    shell.signin.set_store_name(context.store_name)
    status = shell.status
    status.set_store(context.store_name, context.till_id)
    window = shell.window
    window.add_work_pages(SaleView(model), TenderPanel(), ReceiptView())
    gate = WriteGate()  # the sale lane goes ahead of the feed applier's chunks
    lane = DbLane(factory, parent=window, gate=gate)
    search = SearchLane(
        reader_factory, context.currency, debounce_ms=search_debounce_ms, parent=window
    )
    auth = (auth_factory or (lambda till: AuthService(till_id=till)))(context.till_id)
    sync = None
    if hub is not None:  # the sync client and the wire models: only for a till with a hub
        from pos_app.services.sync.runtime import TillSync

        sync = TillSync(hub, writer, reader, gate=gate, **(sync_options or {}))
    idle = IdleWatcher(idle_ms, parent=window)
    changes = ChangeNotifier()  # what each operation changed, to every screen showing it
    controller = SaleController(
        window=window,
        model=model,
        context=context,
        lane=lane,
        search=search,
        catalog=GuiCatalog(reader_factory, context.currency),
        auth=auth,
        checkout=CheckoutService(promotions=promotion_service),
        parking=ParkingService(),
        idle=idle,
        changes=changes,
        # No-sale opens need the no_sale permission; the UI passes it per call (approvals).
        drawer=DrawerService(may_open_no_sale=lambda _cashier: False)
        if devices.has_drawer
        else None,
        is_offline=sync.is_offline if sync is not None else (lambda: False),
        # Customer-only promotions price in once a customer is attached (ui.customers).
        price_with=lambda has_customer: prices.current(has_customer=has_customer),
        pricing_lane=PricingLane(pricer, parent=window),
    )
    bridge = feed_refresh = None
    if sync is None:
        status.set_sync(*describe_sync(None, datetime.now(UTC))[:2])  # the shell said "Starting…"
    else:
        bridge = SyncBridge(sync, status, parent=window)
        changes.subscribe(bridge.on_op_changes)  # queued events are sent at once

        def use_context(fresh: TillContext) -> None:
            # Tax rates or the store profile changed: every part of the running till
            # takes the new context now (no restart).
            formatting.use_locale(fresh.locale)  # money and dates in the store's new locale
            for part in (returns, collections, customers, history):
                part.context = fresh
            status.set_store(fresh.store_name, fresh.till_id)
            controller.use_context(fresh)

        def use_promotions(active: tuple[Promotion, ...], for_context: TillContext) -> None:
            prices.use(active, for_context)
            changes.publish(OpChanges(promotions=True))

        # Feed pages are merged and re-read off the GUI thread (ui/feed_refresh.py).
        feed_refresh = FeedRefresh(
            reader_factory,
            context,
            prices.read_active,
            use_context=use_context,
            use_promotions=use_promotions,
            parent=window,
        )
        bridge.feed_applied.connect(feed_refresh.on_bridge_feed_applied)
    device_controller = DeviceController(
        devices, DeviceSignals(window), controller, probe_ms=printer_probe_ms
    )
    device_controller.start()
    collections = _build_collections(
        window, controller, lane, context, sync, feed_refresh, devices, hold_days
    )
    returns = _build_returns(window, controller, lane, context, sync, feed_refresh, devices)
    hub_lane = HubLane(sync.lookups if sync is not None else None, parent=window)
    _follow_reason_codes(controller, lane, feed_refresh)
    customers = CustomerController(
        sales=controller,
        changes=changes,
        lane=lane,
        hub=hub_lane,
        context=context,
        is_offline=sync.is_offline if sync is not None else (lambda: True),
        parent=window,
    )
    if not (hub is not None if web_features is None else web_features):
        # Nothing to collect and nobody to send an e-mail: the buttons (and their keys) go.
        window.sale.collections_button.hide()
        customers.email_bar.hide()
    # Other stores' stock (Ctrl+I), on the same hub lane as the customer look-ups.
    StockController(sales=controller, hub=hub_lane, store_id=context.store_id, parent=window)
    if sync is not None:
        sync.start()  # after every part that follows its feed exists
    promotions = PromotionsUi(controller, prices, reader_factory, sync)
    shifts = build_shifts(
        window, controller, lane, context, auth, devices, db_path.parent / "reports", changes
    )
    history = build_history(window, controller, lane, context, devices)  # Ctrl+H
    scan_filter = ScanFilter(scanner, clock, parent=window)
    scan_filter.barcode_scanned.connect(controller.on_scanner_barcode_scanned)
    app.installEventFilter(scan_filter)
    app.installEventFilter(idle)
    shortcuts = ShortcutGuard(window, parent=window)  # button shortcuts beat line edits
    app.installEventFilter(shortcuts)
    ShortcutOverlay(window)  # Ctrl+/ lists them
    shell.hand_over(controller.on_signin_pin_submitted)  # a PIN typed while this loaded
    return TillApp(
        window, controller, scan_filter, idle, lane, search, context, (writer, reader),
        device_controller, changes, bridge, collections, returns, customers, promotions,
        shortcuts, shifts=shifts, history=history, feed_refresh=feed_refresh,
    )  # fmt: skip


def _build_collections(
    window: TillWindow,
    controller: SaleController,
    lane: DbLane,
    context: TillContext,
    sync: TillSync | None,
    feed_refresh: FeedRefresh | None,
    devices: TillDevices,
    hold_days: int,
) -> CollectionsController:
    def staff() -> str | None:
        return controller.register.cashier.name if controller.register is not None else None

    def print_labels(ready: Ready) -> None:
        for label in ready.labels:
            # Queued on the printer's own thread; a label is a work document, so "reprint the
            # last receipt" still gives the customer's receipt, not a bag label.
            devices.print_receipt(label, reprintable=False)

    def back() -> None:
        window.show_page(window.sale if controller.register is not None else window.signin)

    collections = CollectionsController(
        page=window.collections,
        badge_button=window.sale.collections_button,
        lane=lane,
        service=CollectionsService(hold_days=hold_days),
        context=context,
        staff=staff,
        show_page=window.show_page,
        back=back,
        is_offline=sync.is_offline if sync is not None else (lambda: False),
        sales=controller,
        changes=controller.changes,
        # The receipt path (same printer, same worker); "reprint" keeps the customer's receipt.
        print_document=lambda doc: devices.print_receipt(doc, reprintable=False),
        printer_problem=lambda: devices.printer_problem,
        parent=window,
    )
    controller.route_scans(window.collections, collections.on_scanner_barcode_scanned)
    collections.order_marked_ready.connect(print_labels)
    collections.receipt_ready.connect(devices.print_receipt)  # the collection receipt
    if feed_refresh is not None:  # once per burst of feed pages, not once per page
        feed_refresh.refreshed.connect(collections.on_self_feed_applied)
    collections.refresh()
    return collections


def _follow_reason_codes(
    controller: SaleController, lane: DbLane, feed_refresh: FeedRefresh | None
) -> None:
    """The prompts offer the chain's reason codes: read at start, again when the feed brings
    a new set (services/sale/reason_codes.py)."""

    def use(codes: tuple[ReasonCode, ...]) -> None:
        controller.reason_codes = codes

    lane.run(load_reason_codes, use)
    if feed_refresh is not None:  # once per burst of feed pages, on the DB lane
        feed_refresh.refreshed.connect(
            lambda kinds: (
                lane.run(load_reason_codes, use) if FeedKind.REASON_CODE in kinds else None
            )
        )


def _build_returns(
    window: TillWindow,
    controller: SaleController,
    lane: DbLane,
    context: TillContext,
    sync: TillSync | None,
    feed_refresh: FeedRefresh | None,
    devices: TillDevices,
) -> ReturnsController:
    def back() -> None:
        window.show_page(window.sale if controller.register is not None else window.signin)
        if controller.register is not None:
            window.sale.show_actions()

    returns = ReturnsController(
        page=window.returns,
        open_button=window.sale.returns_button,
        lane=lane,
        service=ReturnsService(),
        context=context,
        sales=controller,
        changes=controller.changes,
        show_page=window.show_page,
        back=back,
        is_offline=sync.is_offline if sync is not None else (lambda: False),
        parent=window,
    )
    controller.route_scans(window.returns, returns.on_scanner_barcode_scanned)

    def use_policy(policy: ReturnPolicy | None) -> None:
        if policy is not None:
            returns.service.use_policy(policy)

    def on_feed_refresh_refreshed(kinds: set[FeedKind]) -> None:
        if FeedKind.RETURN_POLICY in kinds:
            lane.run(load_return_policy, use_policy)

    lane.run(load_return_policy, use_policy)  # the hub's policy, when the feed brought one
    if feed_refresh is not None:
        feed_refresh.refreshed.connect(on_feed_refresh_refreshed)
    returns.web = WebReturnsController(
        page=window.returns,
        returns=returns,
        open_button=window.sale.returns_button,
        lane=lane,
        service=WebReturnsService(returns.service),
        context=context,
        sales=controller,
        lookups=sync.lookups if sync is not None else None,
        is_offline=sync.is_offline if sync is not None else (lambda: False),
        parent=window,
    )
    returns.hub_receipts = HubReceiptsController(
        returns=returns,
        lane=lane,
        lookups=sync.lookups if sync is not None else None,
        is_offline=sync.is_offline if sync is not None else (lambda: False),
        parent=window,
    )
    returns.receipt_ready.connect(devices.print_receipt)  # the return receipt
    return returns
