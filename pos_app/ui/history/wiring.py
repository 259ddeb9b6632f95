"""Puts the sale-history screen into the till window (called from the composition root).

Ctrl+H (the History button on the sale screen) opens it once someone is signed in; Esc goes
back. A button shortcut rather than a window one: a focused line edit takes Ctrl+H as a
backspace, and ShortcutGuard lets a visible button's shortcut through (ui/shortcuts.py).
"""

from __future__ import annotations

from hardware.till_devices import TillDevices
from pos_app.services.store.till_context import TillContext
from pos_app.ui.history.controller import HistoryController
from pos_app.ui.history.page import HistoryPage
from pos_app.ui.main_window import TillWindow
from pos_app.ui.runner import DbLane
from pos_app.ui.sale.controller import SaleController


def build_history(
    window: TillWindow,
    sales: SaleController,
    lane: DbLane,
    context: TillContext,
    devices: TillDevices,
) -> HistoryController:
    page = HistoryPage()
    page.setContentsMargins(12, 12, 12, 8)
    window.pages.addWidget(page)

    def back() -> None:
        window.show_page(window.sale if sales.register is not None else window.signin)
        if sales.register is not None:
            window.sale.show_actions()

    history = HistoryController(
        page=page,
        lane=lane,
        context=context,
        signed_in=lambda: sales.register is not None,
        back=back,
        show_page=window.show_page,
        reprint=devices.reprint,  # the print queue, on the printer's own worker
        printer_problem=lambda: devices.printer_problem,
        parent=window,
    )
    window.sale.history_button.clicked.connect(history.show)
    sales.route_scans(page, history.on_scanner_barcode_scanned)  # a receipt barcode finds it
    return history
