"""Drives the sale-history screen: every query runs on the database lane (never the GUI thread),
a reprint goes to the printer's own worker through the print queue (DUPLICATE, journaled), and
late answers for an older search or selection are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, tzinfo

from PySide6.QtCore import QItemSelection, QObject, Signal
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError
from pos_app.domain.receipt import ReceiptDocument, render_text
from pos_app.services.sale import history
from pos_app.services.sale.history import HistoryError, HistoryPage, HistoryQuery
from pos_app.services.store.till_context import TillContext
from pos_app.ui import formatting
from pos_app.ui.history.page import RECEIPT_COLUMNS
from pos_app.ui.history.page import HistoryPage as HistoryScreen
from pos_app.ui.runner import DbLane


def _local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


class HistoryController(QObject):
    page_shown = Signal(object)  # the HistoryPage (service) just shown or appended
    detail_shown = Signal(str)  # the receipt number whose receipt is on screen
    reprint_finished = Signal(str, bool, str)  # receipt number, printed now, problem / error

    def __init__(
        self,
        *,
        page: HistoryScreen,
        lane: DbLane,
        context: TillContext,
        signed_in: Callable[[], bool],
        back: Callable[[], None],
        show_page: Callable[[HistoryScreen], None],
        reprint: Callable[[str], Future[bool] | None],
        printer_problem: Callable[[], str],
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self.lane, self.context = page, lane, context
        self.signed_in, self.back, self.show_page = signed_in, back, show_page
        self.reprint, self.printer_problem = reprint, printer_problem
        self.tz = tz or _local_zone()
        self.query = HistoryQuery()
        self.next_after: tuple[datetime, int] | None = None
        self.shown_receipt: str | None = None
        self._search_gen = 0
        self._detail_gen = 0
        p = page
        p.search.returnPressed.connect(self.search)
        p.search_button.clicked.connect(self.search)
        p.more_button.clicked.connect(self.more)
        p.reprint_button.clicked.connect(self.reprint_selected)
        p.back_button.clicked.connect(self.back)
        p.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self.reprint_finished.connect(self.on_reprint_finished)
        p.reprint_button.setEnabled(False)
        p.more_button.setEnabled(False)

    def show(self) -> None:
        """Ctrl+H: today's and past sales, newest first."""
        if not self.signed_in():
            return
        self.page.search.clear()
        self.page.message.clear_message()
        self.search()
        self.show_page(self.page)
        self.page.search.setFocus()

    def on_scanner_barcode_scanned(self, code: str) -> None:
        """A receipt's barcode scanned while the history is shown: find that receipt (never a
        product added to the sale behind this screen)."""
        self.page.search.setText(code.strip())
        self.search()

    # -- list -------------------------------------------------------------------------------

    def search(self) -> None:
        ctx = self.context
        try:
            query = history.parse_query(self.page.search.text(), ctx.till_id, ctx.currency)
        except HistoryError as exc:
            self.page.message.show_error(
                formatting.error_text(exc)
            )  # nothing searched, the list stays
            return
        self.page.message.clear_message()
        self.query = query
        self._search_gen += 1
        self._load(after=None, generation=self._search_gen)

    def more(self) -> None:
        if self.next_after is not None:
            self._load(after=self.next_after, generation=self._search_gen)

    def _load(self, *, after: tuple[datetime, int] | None, generation: int) -> None:
        ctx, query, tz = self.context, self.query, self.tz
        self.page.status.setText(self.tr("Searching…"))

        def op(session: Session) -> HistoryPage:
            return history.sales_page(session, ctx, query, tz=tz, after=after)

        def done(found: HistoryPage) -> None:
            if generation != self._search_gen:
                return  # a newer search is on screen
            self._show(found, append=after is not None)

        self.lane.run(op, done, self._failed)

    def _show(self, found: HistoryPage, *, append: bool) -> None:
        model = self.page.model
        if append:
            model.append(found.rows)
        else:
            model.reset(found.rows)
            self.page.detail.clear()
            self.shown_receipt = None
            self.page.reprint_button.setEnabled(False)
            if found.rows:
                self.page.table.selectRow(0)
        self.next_after = found.next_after
        self.page.more_button.setEnabled(found.next_after is not None)
        count = model.rowCount()
        if count == 0:
            text = self.tr("No sale or return of this till matches.")
        elif found.next_after is not None:
            text = self.tr("%1 shown, newest first; F8 shows older ones.").replace("%1", str(count))
        else:
            text = self.tr("%1 shown, newest first.").replace("%1", str(count))
        self.page.status.setText(text)
        self.page_shown.emit(found)

    # -- detail -----------------------------------------------------------------------------

    def on_table_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        summary = self.page.model.summary(indexes[0].row()) if indexes else None
        if summary is None:
            return
        self._detail_gen += 1
        generation, ctx, receipt_no = self._detail_gen, self.context, summary.receipt_no

        def op(session: Session) -> ReceiptDocument:
            return history.sale_detail(session, ctx, receipt_no)

        def done(doc: ReceiptDocument) -> None:
            if generation != self._detail_gen:
                return
            self.shown_receipt = doc.receipt_no
            self.page.detail.setPlainText(render_text(doc, RECEIPT_COLUMNS))
            self.page.reprint_button.setEnabled(True)
            self.detail_shown.emit(doc.receipt_no)

        self.lane.run(op, done, self._failed)

    # -- reprint ----------------------------------------------------------------------------

    def reprint_selected(self) -> None:
        receipt_no = self.shown_receipt
        if receipt_no is None:
            self.page.message.show_error(self.tr("Choose a sale to reprint first."))
            return
        job = self.reprint(receipt_no)
        if job is None:
            self.page.message.show_error(self.tr("This till has no receipt printer."))
            return
        self.page.message.show_info(
            self.tr("Printing a copy of %1…").replace("%1", receipt_no), timeout_ms=0
        )

        def finished(future: Future[bool]) -> None:  # on the printer's worker thread
            try:
                printed, why = future.result(), ""
            except Exception as exc:  # a LookupError names the receipt; anything else too
                printed, why = False, formatting.error_text(exc) or type(exc).__name__
            self.reprint_finished.emit(receipt_no, printed, why)  # queued to the GUI thread

        job.add_done_callback(finished)

    def on_reprint_finished(self, receipt_no: str, printed: bool, error: str) -> None:
        if printed:
            self.page.message.show_info(
                self.tr("%1: a copy marked DUPLICATE was printed.").replace("%1", receipt_no)
            )
        elif error:
            self.page.message.show_error(error)
        else:
            self.page.message.show_error(
                self.tr("%1: the copy waits in the print queue (%2).")
                .replace("%1", receipt_no)
                .replace("%2", self.printer_problem() or self.tr("printer not ready"))
            )

    def _failed(self, exc: BaseException) -> None:
        known = isinstance(exc, DomainError | LookupError)
        text = (
            formatting.error_text(exc)
            if known
            else self.tr("That did not work: %1").replace("%1", str(exc))
        )
        self.page.status.setText("")
        self.page.message.show_error(text)
