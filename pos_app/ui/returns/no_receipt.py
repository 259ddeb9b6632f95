"""Returns without a receipt on the returns screen (F7): a mixin of ``ReturnsController``.

Scans are the items coming back (a ``Register`` of their own), priced at today's catalog price
by ``ReturnsService.receiptless_sale`` on the DB lane; the refund is store credit only, a
manager approves inline (always), and the customer's ID is noted as its kind and last 4
characters (``CustomerIdNote``: the whole number is never kept).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pos_app.domain.errors import DomainError
from pos_app.domain.returns.rules import CustomerIdNote, RefundMethod, ReturnItem
from pos_app.services.returns.in_store import ReturnableSale
from pos_app.services.sale.register import Register
from pos_app.services.staff.auth import PermissionDeniedError
from pos_app.ui.returns.parts import ReturnsControllerParts

if TYPE_CHECKING:
    pass


class NoReceiptMixin(ReturnsControllerParts):
    def on_no_receipt_button_clicked(self) -> None:
        register = self.sales.register
        if register is None:
            return
        self.current, self.exchange, self.quote = None, None, None
        self.receiptless = Register(self.context, register.cashier)
        self.page.show_sale(None)
        self.page.show_exchange(None)
        self.page.receipt_preview.hide()
        self.page.show_receiptless(True)
        self.page.message.show_info(
            self.tr("Store credit only, and a manager approves. Scan the items coming back.")
        )
        self.page.receipt_edit.clear()
        self.page.receipt_edit.setFocus()

    def _add_receiptless_item(self, code: str) -> None:
        if self.receiptless is None:
            return
        try:  # the sale screen's own scan path: an indexed look-up on the GUI thread
            self.receiptless.scan(code, self.sales.catalog)
        except (DomainError, ValueError, PermissionDeniedError) as exc:
            self._failed(exc)
            return
        entries = [
            (line.item.sku, round(line.quantity * 1000)) for line in self.receiptless.basket.lines
        ]
        svc, ctx = self.service, self.context

        def priced(sale: ReturnableSale) -> None:
            self.current = sale
            self.page.show_sale(sale)
            for line in sale.lines:  # everything scanned comes back unless changed
                box = self.page.quantity_box(line.original.line_no)
                if box is not None:
                    box.setValue(line.returnable_milli / 1000)
            self.page.message.clear_message()
            self.sale_found.emit(sale)

        self.lane.run(lambda s: svc.receiptless_sale(s, entries, ctx), priced, self._failed)

    def _refund_receiptless(self, items: list[ReturnItem]) -> None:
        if self.current is None:
            return
        try:
            note = CustomerIdNote.from_number(
                str(self.page.id_type.currentData()), self.page.id_number.text()
            )
        except (DomainError, ValueError) as exc:
            self.page.id_number.setFocus()
            self._failed(exc)
            return
        entries = [(ln.original.sku, ln.original.quantity_milli) for ln in self.current.lines]
        self._refund("", items, None, RefundMethod.STORE_CREDIT, None, entries, note)
