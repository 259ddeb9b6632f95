"""The composition root: builds engines, services, lanes and widgets, and wires them.

Nothing else in the UI creates a service or an engine; nothing is global. ``build_till``
is what the tests and the bench use; ``run_till`` is what ``omnitill run`` and
``omnitill demo`` call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from pos_app.db import migrate
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.services.auth import AuthService
from pos_app.services.checkout import CheckoutService
from pos_app.services.parking import ParkingService
from pos_app.services.till_context import TillContext, load_till_context
from pos_app.ui.basket_model import BasketTableModel
from pos_app.ui.controller import TillController
from pos_app.ui.idle import IdleWatcher
from pos_app.ui.main_window import TillWindow
from pos_app.ui.receipt_view import ReceiptView
from pos_app.ui.runner import DbLane, GuiCatalog, SearchLane
from pos_app.ui.sale_view import SaleView
from pos_app.ui.scanner import Clock, ScanFilter, ScannerConfig, monotonic_ms
from pos_app.ui.signin_view import SignInView
from pos_app.ui.status_bar import TillStatusBar
from pos_app.ui.tender_panel import TenderPanel

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEFAULT_IDLE_MS = 5 * 60 * 1000


@dataclass
class TillApp:
    window: TillWindow
    controller: TillController
    scan_filter: ScanFilter
    idle: IdleWatcher
    lane: DbLane
    search: SearchLane
    context: TillContext
    engines: tuple[Engine, Engine]

    def close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scan_filter)
            app.removeEventFilter(self.idle)
        self.idle.stop()
        self.lane.shutdown()
        self.search.shutdown()
        self.window.close()
        self.window.deleteLater()
        for engine in self.engines:
            engine.dispose()


def load_theme(app: QApplication) -> None:
    qss = RESOURCES / "theme.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def install_translator(app: QApplication) -> QTranslator | None:
    translator = QTranslator(app)
    folder = RESOURCES / "translations"
    if translator.load(QLocale(), "omnitill", "_", str(folder)):
        app.installTranslator(translator)
        return translator
    return None


def build_till(
    db_path: Path,
    *,
    demo_hint: str = "",
    scanner: ScannerConfig | None = None,
    clock: Clock = monotonic_ms,
    idle_ms: int = DEFAULT_IDLE_MS,
    auth_factory: Callable[[str], AuthService] | None = None,
    search_debounce_ms: int = 80,
) -> TillApp:
    """Open the till database at ``db_path`` (migrated on the way) and build the window."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    writer = create_till_engine(db_path, writer=True)
    migrate.upgrade(writer)
    reader = create_till_engine(db_path, writer=False)
    factory, reader_factory = make_session_factory(writer), make_session_factory(reader)
    with reader_factory() as session:
        context = load_till_context(session)

    model = BasketTableModel()
    status = TillStatusBar(context.store_name, context.till_id)
    window = TillWindow(
        SignInView(context.store_name, demo_hint),
        SaleView(model),
        TenderPanel(),
        ReceiptView(),
        status,
    )
    lane = DbLane(factory, parent=window)
    search = SearchLane(
        reader_factory, context.currency, debounce_ms=search_debounce_ms, parent=window
    )
    auth = (auth_factory or (lambda till: AuthService(till_id=till)))(context.till_id)
    idle = IdleWatcher(idle_ms, parent=window)
    controller = TillController(
        window=window,
        model=model,
        context=context,
        lane=lane,
        search=search,
        catalog=GuiCatalog(reader_factory, context.currency),
        auth=auth,
        checkout=CheckoutService(),
        parking=ParkingService(),
        idle=idle,
    )
    scan_filter = ScanFilter(scanner, clock, parent=window)
    scan_filter.barcode_scanned.connect(controller.on_scanner_barcode_scanned)
    app.installEventFilter(scan_filter)
    app.installEventFilter(idle)
    return TillApp(window, controller, scan_filter, idle, lane, search, context, (writer, reader))


def run_till(db_path: Path, *, demo_hint: str = "", argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or ["omnitill"])
    assert isinstance(app, QApplication)
    app.setApplicationName("OmniTill")
    install_translator(app)
    load_theme(app)
    till = build_till(db_path, demo_hint=demo_hint)
    till.window.resize(1280, 800)
    till.window.show()
    try:
        return app.exec()
    finally:
        till.close()


def run_demo_window(data_dir: Path | None, *, products: int) -> int:
    """`omnitill demo`: the till window on the demo store, demo PINs shown at sign-in."""
    from pos_app.services.demo_staff import demo_hint, prepare_demo_till

    path = prepare_demo_till(data_dir, products=products)
    return run_till(path, demo_hint=demo_hint())
