"""What the returns screen's mixins (exchange, no receipt) need of ``ReturnsController``.

Declared once here so each mixin type-checks against the controller it is mixed into.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pos_app.domain.returns.rules import CustomerIdNote, RefundMethod, ReturnItem
from pos_app.domain.sale.tenders import CardReference
from pos_app.services.changes import ChangeNotifier
from pos_app.services.returns.exchanges import ExchangeQuote, ExchangeService
from pos_app.services.returns.in_store import (
    ReturnableSale,
    ReturnApprovalRequiredError,
    ReturnsService,
)
from pos_app.services.sale.register import Register
from pos_app.services.staff.auth import Approval
from pos_app.services.store.till_context import TillContext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pos_app.ui.returns.page import ReturnsPage
    from pos_app.ui.runner import DbLane
    from pos_app.ui.sale.controller import SaleController


class ReturnsControllerParts:
    page: ReturnsPage
    lane: DbLane
    service: ReturnsService
    context: TillContext
    sales: SaleController
    changes: ChangeNotifier
    current: ReturnableSale | None
    exchange: Register | None
    quote: ExchangeQuote | None
    receiptless: Register | None
    exchanges: ExchangeService
    is_offline: Callable[[], bool]
    _show_page: Callable[[QWidget], None]
    sale_found: Any
    receipt_ready: Any
    exchange_quoted: Any
    exchange_completed: Any
    error_shown: Any

    if TYPE_CHECKING:  # provided by ReturnsController / QObject

        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
        def _failed(self, exc: Exception) -> None: ...
        def _refund(self, receipt_no: str, items: list[ReturnItem], approval: Approval | None,
                    prefer: RefundMethod | None = ..., card: CardReference | None = ...,
                    receiptless: list[tuple[str, int]] | None = ...,
                    customer_id: CustomerIdNote | None = ...) -> None: ...  # fmt: skip
        def _ask_approval(self, denied: ReturnApprovalRequiredError, receipt_no: str,
                          retry: Callable[[Approval], None]) -> None: ...  # fmt: skip
