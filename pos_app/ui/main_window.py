"""The till window: a stack of pages over an always-visible status bar. No logic here.

Built in two steps for a fast start (docs/architecture.md §4, "Start-up"): the window with the
sign-in page and the status bar is shown first; the work pages (sale, tender, receipt,
collections, returns) are added behind it by ``add_work_pages``. The sale and other pages'
modules are imported only then, so the first paint does not wait for them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from pos_app.ui.page_stack import PageStack
from pos_app.ui.staff.signin_view import SignInView
from pos_app.ui.status_bar import TillStatusBar

if TYPE_CHECKING:
    from pos_app.ui.click_collect.page import CollectionsPage
    from pos_app.ui.returns.page import ReturnsPage
    from pos_app.ui.sale.receipt_view import ReceiptView
    from pos_app.ui.sale.sale_view import SaleView
    from pos_app.ui.sale.tender_panel import TenderPanel

log = logging.getLogger(__name__)
PAGE_MARGINS = (12, 8, 12, 4)


class TillWindow(QMainWindow):
    sale: SaleView
    tender: TenderPanel
    receipt: ReceiptView
    collections: CollectionsPage
    returns: ReturnsPage

    def __init__(self, signin: SignInView, status: TillStatusBar) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("OmniTill"))
        self.setMinimumSize(1024, 700)
        self.signin, self.status = signin, status
        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.pages = PageStack()
        signin.setContentsMargins(*PAGE_MARGINS)
        self.pages.addWidget(signin)
        layout.addWidget(self.pages, 1)
        layout.addWidget(status)
        self.setCentralWidget(central)

    def add_work_pages(
        self,
        sale: SaleView,
        tender: TenderPanel,
        receipt: ReceiptView,
        collections: CollectionsPage | None = None,
        returns: ReturnsPage | None = None,
    ) -> None:
        """The pages behind sign-in; once, before anything shows or uses them."""
        from pos_app.ui.click_collect.page import CollectionsPage
        from pos_app.ui.returns.page import ReturnsPage

        self.sale, self.tender, self.receipt = sale, tender, receipt
        self.collections = collections or CollectionsPage()
        self.returns = returns or ReturnsPage()
        for page in (sale, tender, receipt, self.collections, self.returns):
            page.setContentsMargins(*PAGE_MARGINS)
            self.pages.addWidget(page)
        sale.side.currentChanged.connect(self.on_sale_side_current_changed)

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
