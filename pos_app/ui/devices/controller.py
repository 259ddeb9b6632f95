"""Wires the devices into the till: receipts, drawer kicks, the customer display, the serial
scanner and the status bar's device state. Slots hand work to ``TillDevices`` (which runs it
on the device's own worker and returns at once) and show what comes back through
``DeviceSignals``; nothing here waits for a device (docs/architecture.md §4, §5).

The printer's state in the status bar follows events, not a clock (issue 15: it lagged up to
15 s): the printer is asked how it is when a customer's first item is rung, when the tender
opens and at Next customer (at most once per ``EVENT_PROBE_GAP_S``), every print job reports
what it found, and while the printer is in trouble it is asked again every
``TROUBLE_PROBE_MS`` so "paper back" shows at once; the slow ``probe_ms`` timer is only the
safety net for an idle till.

Order after a sale: the sale (and the drawer open it caused) is committed on the DB lane
first; only then does ``SaleController`` emit ``drawer_open_recorded`` (→ kick) and
``sale_completed`` (→ print, display the change). A receipt that cannot print waits in the
print queue; the status bar counts it and it prints when the printer is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer

from hardware.base import DeviceError, DeviceKind, DeviceState, DeviceStatus
from hardware.qt_bridge import DeviceSignals
from hardware.till_devices import DeviceListeners, TillDevices
from pos_app.domain.catalog import CatalogItem
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.sale.drawer import DrawerOpen
from pos_app.services.sale.screen_pricing import ScreenPrice
from pos_app.ui.sale.controller import SaleController

log = logging.getLogger(__name__)
PRINTER_PROBE_MS = 15_000
TROUBLE_PROBE_MS = 2_000  # while the printer is not ready: recovery shows within this
EVENT_PROBE_GAP_S = 1.0  # at most one event-driven check this often (a fast scanner)


class DeviceController(QObject):
    def __init__(
        self,
        devices: TillDevices,
        signals: DeviceSignals,
        controller: SaleController,
        *,
        probe_ms: int = PRINTER_PROBE_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(controller)
        self._probe_ms, self._clock = probe_ms, clock
        self._last_probe: float | None = None
        self.devices, self.signals, self.controller = devices, signals, controller
        self.window = controller.window
        self._shown_receipt: str | None = None  # the receipt on the preview page
        self._printer_state: DeviceState | None = None
        self._line_to_show: int | None = None  # the line just rung, for the customer display
        signals.device_status_changed.connect(self.on_signals_device_status_changed)
        signals.receipt_printed.connect(self.on_signals_receipt_printed)
        signals.barcode_scanned.connect(self.on_signals_barcode_scanned)
        signals.scan_rejected.connect(self.on_signals_scan_rejected)
        signals.weight_read.connect(self.on_signals_weight_read)
        controller.claim_weighing(self.weigh)
        controller.sale_completed.connect(self.on_controller_sale_completed)
        controller.drawer_open_recorded.connect(self.on_controller_drawer_open_recorded)
        controller.line_added.connect(self.on_controller_line_added)
        controller.basket_repriced.connect(self.on_controller_basket_repriced)
        self.window.receipt.reprint_requested.connect(self.on_receipt_reprint_requested)
        self.window.receipt.new_sale_requested.connect(self.on_receipt_new_sale_requested)
        self.window.pages.currentChanged.connect(self.on_pages_current_changed)
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(probe_ms)
        self.probe_timer.timeout.connect(self.on_probe_timer_timeout)

    def start(self) -> None:
        s = self.signals
        self.devices.start(
            DeviceListeners(s.on_device_status, s.on_scanner_scanned, s.on_scanner_rejected)
        )
        if self.devices.has_printer:
            self._printer_state = DeviceState.CONNECTING
            self.probe_timer.start()
        self._show_printer()

    def stop(self) -> None:
        self.probe_timer.stop()
        self.devices.close()

    def _show_printer(self) -> None:
        self.window.status.set_printer_state(self._printer_state, self.devices.pending_receipts)

    # -- from the till -------------------------------------------------------------------------

    def on_controller_drawer_open_recorded(self, opened: DrawerOpen) -> None:
        log.info("drawer open (%s, %s) journaled as #%d", opened.reason, opened.reference,
                 opened.journal_seq)  # fmt: skip
        self.devices.open_drawer()

    def on_controller_sale_completed(self, done: CompletedSale) -> None:
        self.devices.display_change(done.settlement.paid, done.settlement.change)
        self._shown_receipt = done.receipt_no
        job = self.devices.print_receipt(done.receipt)
        if job is None:
            self.window.receipt.set_print_note("none")
            return
        self.window.receipt.set_print_note("printing")
        self.signals.track_print(done.receipt_no, job)

    def on_controller_line_added(self, line_no: int) -> None:
        # Shown once the pricing lane has the basket's new total (never priced on this thread).
        self._line_to_show = line_no
        self._probe_printer()  # a customer at the till: is the printer fit for the receipt?

    def on_pages_current_changed(self, _index: int) -> None:
        if self.window.current_page is self.window.tender:  # about to print a receipt
            self._probe_printer()

    def on_receipt_new_sale_requested(self) -> None:
        self.devices.display_clear()  # the last customer's PAID/CHANGE goes (issue 15)
        self._probe_printer()

    def _probe_printer(self) -> None:
        """An event-driven check, at most one per EVENT_PROBE_GAP_S."""
        if not self.devices.has_printer:
            return
        now = self._clock()
        if self._last_probe is not None and now - self._last_probe < EVENT_PROBE_GAP_S:
            return
        self._last_probe = now
        self.devices.probe_printer()

    def on_controller_basket_repriced(self, priced: ScreenPrice) -> None:
        line_no, self._line_to_show = self._line_to_show, None
        if line_no is None:
            return
        line = next((ln for ln in priced.basket.lines if ln.line_no == line_no), None)
        if line is not None:
            self.devices.display_item(line.item.name, line.unit_price, priced.totals.total)

    def on_receipt_reprint_requested(self) -> None:
        try:
            job = self.devices.reprint_last()
        except LookupError:
            self.window.receipt.set_print_note(
                self.tr("Nothing has been printed yet in this session.")
            )
            return
        if job is None:
            self.window.receipt.set_print_note("none")
            return
        self.window.receipt.set_print_note("reprinting")
        self.signals.track_print(self._shown_receipt or "", job)

    def on_probe_timer_timeout(self) -> None:
        self.devices.probe_printer()

    # -- from the devices ----------------------------------------------------------------------

    def on_signals_device_status_changed(self, status: DeviceStatus) -> None:
        if status.kind is DeviceKind.PRINTER:
            self._printer_state = status.state
            self._show_printer()
            trouble = status.state is not DeviceState.READY
            self.probe_timer.setInterval(TROUBLE_PROBE_MS if trouble else self._probe_ms)
            note = self.window.receipt.print_note
            if status.state is DeviceState.READY and note.property("state") == "waiting":
                self.window.receipt.set_print_note("printed")
            return
        self.window.status.set_device_status(status)

    def on_signals_receipt_printed(self, receipt_no: str, printed: bool) -> None:
        self._show_printer()
        if receipt_no != self._shown_receipt:
            return
        if printed:
            self.window.receipt.set_print_note("printed")
        else:
            reasons: dict[DeviceState | None, str] = {  # None: no status heard yet
                DeviceState.PAPER_OUT: self.tr("paper out"),
                DeviceState.COVER_OPEN: self.tr("cover open"),
            }
            why = reasons.get(self._printer_state, self.tr("printer offline"))
            self.window.receipt.set_print_note("waiting", why)

    def on_signals_barcode_scanned(self, code: str, _source: str) -> None:
        self.controller.on_scanner_barcode_scanned(code)  # the keyboard wedge's path

    def weigh(self, item: CatalogItem) -> bool:
        """Read the serial scale for ``item`` (on the scale's worker); False without one."""
        job = self.devices.read_weight()
        if job is None:
            return False
        self.window.sale.message.show_info(self.tr("Weighing %s…") % item.name)
        self.signals.track_weight(item, job)
        return True

    def on_signals_weight_read(self, item: object, weight: object) -> None:
        assert isinstance(item, CatalogItem)
        if isinstance(weight, Decimal):
            self.controller.add_weighed(item, weight)
            return
        message = weight.message if isinstance(weight, DeviceError) else str(weight)
        self.controller.error_shown.emit(message)
        self.window.sale.message.show_error(self.tr("Scale: %s") % message)

    def on_signals_scan_rejected(self, message: str) -> None:
        self.controller.error_shown.emit(message)
        self.window.sale.message.show_error(message)
