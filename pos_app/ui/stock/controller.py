"""Wires the stock panel to the hub: a SKU's stock in every store and the warehouse, asked
off the GUI thread on the hub lane (docs/architecture.md, "One stock truth").

Opened with the sale screen's Stock button (Ctrl+I) for the highlighted search result, else
the selected basket line. When the hub cannot be reached the panel shows the last answer it
had and when it was given ("Offline — last known at 14:05").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from pos_app.domain.catalog import CatalogItem
from pos_app.services.stock.elsewhere import StockElsewhereBook, StockView
from pos_app.ui.customers.controller import HubLane
from pos_app.ui.sale.controller import SaleController
from pos_app.ui.stock.panel import StockPanel
from sync.client.errors import HubError, HubUnreachable
from sync.protocol import StockElsewhere


class StockController(QObject):
    view_shown = Signal(object)  # StockView

    def __init__(
        self,
        *,
        sales: SaleController,
        hub: HubLane,
        store_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sales = sales
        self.hub = hub
        self.book = StockElsewhereBook(store_id)
        self._clock = clock
        self._asked = 0  # the latest request; an older answer is dropped
        sale = sales.window.sale
        self.panel = StockPanel()
        sale.side.addWidget(self.panel)
        sale.stock_button.clicked.connect(self.on_stock_button_clicked)
        self.panel.closed.connect(self.on_panel_closed)

    def on_stock_button_clicked(self) -> None:
        sale = self.sales.window.sale
        item = sale.search.current_item() or self.sales.model.item_at(sale.selected_row())
        if item is None:
            sale.message.show_error(self.tr("Scan or search an item first, then press Stock."))
            return
        self.show_item(item)

    def show_item(self, item: CatalogItem) -> None:
        sale = self.sales.window.sale
        self._asked += 1
        asked = self._asked
        sku, name = item.sku, item.name
        self.panel.show_checking(sku, name)
        sale.side.setCurrentWidget(self.panel)

        def answered(answer: StockElsewhere) -> None:
            if asked == self._asked:
                self._show(self.book.answered(sku, name, answer, self._clock()))

        def failed(exc: Exception) -> None:
            if asked != self._asked:
                return
            if isinstance(exc, HubUnreachable) or not isinstance(exc, HubError):
                self._show(self.book.unreachable(sku, name))
            else:
                self.panel.message.show_error(str(exc))

        self.hub.run(lambda lookups: lookups.stock_elsewhere(sku), answered, failed)

    def _show(self, view: StockView) -> None:
        self.panel.show_view(view)
        self.view_shown.emit(view)

    def on_panel_closed(self) -> None:
        self._asked += 1  # an answer still on its way is not shown any more
        self.sales.window.sale.show_actions()
