"""Wires the stock panel to the hub: a SKU's stock in every store and the warehouse, asked
off the GUI thread on the hub lane (docs/architecture.md, "One stock truth").

Opened with the sale screen's Stock button (Ctrl+I) for the highlighted search result, else
the selected basket line. When the hub cannot be reached the panel shows the last answer it
had and when it was given ("Offline — last known at 14:05").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from pos_app.domain.catalog import CatalogItem
from pos_app.services.stock.aisle import OFFLINE_NOTE, AisleError, make_request
from pos_app.services.stock.elsewhere import StockElsewhereBook, StockView
from pos_app.ui import formatting
from pos_app.ui.customers.controller import HubLane
from pos_app.ui.sale.controller import SaleController
from pos_app.ui.stock.panel import StockPanel
from sync.client.errors import HubError, HubUnreachable

if TYPE_CHECKING:
    from sync.protocol import StockElsewhere


class StockController(QObject):
    view_shown = Signal(object)  # StockView
    aisle_ordered = Signal(object)  # AisleRequest: the sale will carry it when paid

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
        self._view: StockView | None = None
        self._line_no: int | None = None  # the basket line the panel was opened from
        sale = sales.window.sale
        self.panel = StockPanel()
        sale.side.addWidget(self.panel)
        sale.stock_button.clicked.connect(self.on_stock_button_clicked)
        self.panel.closed.connect(self.on_panel_closed)
        self.panel.order_requested.connect(self.on_panel_order_requested)

    def on_stock_button_clicked(self) -> None:
        sale = self.sales.window.sale
        found = sale.search.current_item()
        row = sale.selected_row()
        line_item = self.sales.model.item_at(row)
        item = found or line_item
        if item is None:
            sale.message.show_error(self.tr("Scan or search an item first, then press Stock."))
            return
        self.show_item(item)
        self._line_no = None if found is not None else self.sales.model.line_no_at(row)

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
                self.panel.message.show_error(formatting.error_text(exc))

        self.hub.run(lambda lookups: lookups.stock_elsewhere(sku), answered, failed)

    def _show(self, view: StockView) -> None:
        self._view = view
        self.panel.show_view(view)
        customer = self.sales.customer
        if customer is not None and not self.panel.email_edit.text():
            self.panel.email_edit.setText(customer.email or "")
            self.panel.name_edit.setText(customer.name or "")
        self.view_shown.emit(view)

    def on_panel_order_requested(self, mode: str) -> None:
        """Endless aisle: the basket line is sold here and fulfilled by the chosen location."""
        panel, view = self.panel, self._view
        if view is None or self._line_no is None:
            panel.message.show_error(
                self.tr("Scan the item into the basket first, then press Stock on its line.")
            )
            return
        index = panel.chosen_row()
        row = view.rows[index] if 0 <= index < len(view.rows) else None
        if row is None or row.here:
            panel.message.show_error(self.tr("Choose another store or the warehouse."))
            return
        if view.online and not row.can_sell:
            panel.message.show_error(
                self.tr("%1 has none to sell. Choose a location with stock.").replace(
                    "%1", row.name
                )
            )
            return
        try:
            request = make_request(
                line_no=self._line_no,
                sku=view.sku,
                fulfil_store_id=row.store_id,
                fulfil_name=row.name,
                mode="delivery" if mode == "delivery" else "pickup",
                email=panel.email_edit.text(),
                name=panel.name_edit.text(),
                address=panel.address_edit.text(),
                online=view.online,
            )
        except AisleError as exc:
            panel.message.show_error(formatting.error_text(exc))
            return
        self.sales.aisle_order = request
        self.on_panel_closed()
        note = request.describe() + " " + self.tr("Take payment as usual.")
        if not view.online:
            note += " " + OFFLINE_NOTE
        self.sales.window.sale.message.show_info(note, timeout_ms=0)
        self.aisle_ordered.emit(request)

    def on_panel_closed(self) -> None:
        self._asked += 1  # an answer still on its way is not shown any more
        self.sales.window.sale.show_actions()
