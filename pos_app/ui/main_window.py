"""The till window: a stack of pages over an always-visible status bar. No logic here."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from pos_app.ui.click_collect.page import CollectionsPage
from pos_app.ui.returns.page import ReturnsPage
from pos_app.ui.sale.receipt_view import ReceiptView
from pos_app.ui.sale.sale_view import SaleView
from pos_app.ui.sale.tender_panel import TenderPanel
from pos_app.ui.staff.signin_view import SignInView
from pos_app.ui.status_bar import TillStatusBar

log = logging.getLogger(__name__)


class TillWindow(QMainWindow):
    def __init__(
        self,
        signin: SignInView,
        sale: SaleView,
        tender: TenderPanel,
        receipt: ReceiptView,
        status: TillStatusBar,
        collections: CollectionsPage | None = None,
        returns: ReturnsPage | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("OmniTill"))
        self.setMinimumSize(1024, 700)
        self.signin, self.sale, self.tender, self.receipt, self.status = (
            signin,
            sale,
            tender,
            receipt,
            status,
        )
        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.pages = QStackedWidget()
        self.collections = collections or CollectionsPage()
        self.returns = returns or ReturnsPage()
        for page in (signin, sale, tender, receipt, self.collections, self.returns):
            page.setContentsMargins(12, 12, 12, 8)
            self.pages.addWidget(page)
        layout.addWidget(self.pages, 1)
        sale.side.currentChanged.connect(self.on_sale_side_current_changed)
        layout.addWidget(status)
        self.setCentralWidget(central)

    def show_page(self, page: QWidget) -> None:
        if page is not self.pages.currentWidget():
            # One line per screen change: a support log reads as what the cashier saw.
            log.info("screen: %s", page.objectName() or type(page).__name__)
        self.pages.setCurrentWidget(page)

    def on_sale_side_current_changed(self, index: int) -> None:
        panel = self.sale.side.widget(index)
        if panel is not None:
            log.info("panel: %s", panel.objectName() or type(panel).__name__)

    @property
    def current_page(self) -> QWidget | None:
        return self.pages.currentWidget()  # None only before the first page is added
