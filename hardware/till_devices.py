"""The till's devices, built from a DeviceConfig: one object the UI hands work to.

Qt-free. Every call returns at once: printing, kicking, status checks and display updates run
on the device's own single-thread worker (docs/architecture.md §4); results come back through the
callbacks given to ``start`` (which the UI points at ``hardware.qt_bridge.DeviceSignals``).

- Printer: ``EscposPrinter`` + ``PrintQueue`` on the "printer" worker. A receipt that cannot
  print waits in the queue (retried with backoff), which lives in the till database when
  ``print_jobs`` is given, so it also waits across a restart; ``probe_printer`` asks the
  printer for its status and, when it is ready again with receipts waiting, prints them.
- Drawer: kicked through the printer (ESC p, pin 2/5) on the printer's worker — the same
  physical device, so a kick never lands in the middle of a receipt — or a serial drawer on
  its own worker. Journaling the open is the caller's job, before the kick (services.sale.drawer).
- Customer display: updates are coalesced: if the display is slow, only the newest text is
  written, so a burst of scans never queues stale screens.
- Serial scanner: its reader thread delivers codes to ``on_scan``.
- Serial scale: ``read_weight`` reads a stable weight on the scale's own worker (the sale
  screen weighs items sold by weight with it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from hardware.base import (
    CashDrawer,
    DeviceError,
    DeviceKind,
    DeviceState,
    DeviceStatus,
    ScanEvent,
    StatusListener,
    StatusNotSupportedError,
)
from hardware.config import DeviceConfig
from hardware.escpos_printer import EscposDrawer, EscposPrinter
from hardware.serial_display import DisplayConfig, SerialCustomerDisplay
from hardware.serial_drawer import SerialDrawer, parse_drawer_url
from hardware.serial_scale import SerialScale, SerialScaleConfig
from hardware.serial_scanner import SerialScanner, SerialScannerConfig
from hardware.workers import DeviceWorker, PrintJobStore, PrintQueue, _state_of
from pos_app.domain.money import Money
from pos_app.domain.receipt import ReceiptDocument

__all__ = ["DeviceListeners", "TillDevices"]

log = logging.getLogger(__name__)
KICK_RETRY_WINDOW_S = 120.0  # a failed kick is retried this long after the sale, no longer


def _ignore(*_args: object) -> None:
    return None


@dataclass(frozen=True)
class DeviceListeners:
    """Callbacks from device threads (any thread): the UI re-emits them as Qt signals."""

    on_status: StatusListener = _ignore
    on_scan: Callable[[ScanEvent], None] = _ignore
    on_scan_error: Callable[[str], None] = _ignore


class TillDevices:
    def __init__(
        self,
        config: DeviceConfig | None = None,
        *,
        retry_initial_s: float = 1.0,
        retry_max_s: float = 30.0,
        print_jobs: PrintJobStore | None = None,
        kick_retry_window_s: float = KICK_RETRY_WINDOW_S,
    ) -> None:
        self.config = config or DeviceConfig()
        # Where receipts wait and are kept (the till database); set before ``start``.
        self.print_jobs = print_jobs
        self._retry = (retry_initial_s, retry_max_s)
        self._kick_window_s = kick_retry_window_s
        self._kick_timers: list[threading.Timer] = []
        self._kick_failed = False
        self._closed = False
        self._listeners = DeviceListeners()
        self._lock = threading.Lock()
        self._probe: Future[None] | None = None
        self._display_next: Callable[[], None] | None = None
        self._display_busy = False
        self._display_reported: DeviceState | None = None
        self.printer: EscposPrinter | None = None
        self.print_queue: PrintQueue | None = None
        self.drawer: CashDrawer | None = None
        self.display: SerialCustomerDisplay | None = None
        self.scanner: SerialScanner | None = None
        self.scale: SerialScale | None = None
        self._workers: list[DeviceWorker] = []
        self._printer_worker: DeviceWorker | None = None
        self._display_worker: DeviceWorker | None = None
        self._started = False

    # -- what is set up ----------------------------------------------------------------------

    @property
    def has_printer(self) -> bool:
        return self.config.printer is not None

    @property
    def has_drawer(self) -> bool:
        return self.config.drawer != "none"

    @property
    def pending_receipts(self) -> int:
        return len(self.print_queue.pending) if self.print_queue is not None else 0

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, listeners: DeviceListeners) -> None:
        """Open nothing yet (printers are opened per job); start workers and the scanner."""
        if self._started:
            raise RuntimeError("devices already started")
        self._started = True
        self._listeners = listeners
        cfg = self.config
        if cfg.printer is not None:
            self.printer = EscposPrinter(cfg.printer_config())
            self._printer_worker = self._worker("printer")
            self.print_queue = PrintQueue(
                self.printer,
                self._printer_worker,
                listeners.on_status,
                store=self.print_jobs,
                retry_initial_s=self._retry[0],
                retry_max_s=self._retry[1],
            )
            self.print_queue.load()  # what an earlier run left unprinted goes first
            self.probe_printer()
        if cfg.drawer == "printer" and self.printer is not None:
            self.drawer = EscposDrawer(self.printer)
        elif cfg.drawer != "none":
            self.drawer = SerialDrawer(parse_drawer_url(cfg.drawer))
        if cfg.display is not None:
            self.display = SerialCustomerDisplay(
                DisplayConfig(port=cfg.display, baudrate=cfg.display_baudrate)
            )
            self._display_worker = self._worker("display")
        if cfg.scale is not None:
            self.scale = SerialScale(SerialScaleConfig(port=cfg.scale, baudrate=cfg.scale_baudrate))
        if cfg.scanner is not None:
            self.scanner = SerialScanner(
                SerialScannerConfig(
                    port=cfg.scanner.port, suffix=cfg.scanner.suffix, baudrate=cfg.scanner.baudrate
                ),
                listeners.on_scan,
                on_status=listeners.on_status,
                on_error=listeners.on_scan_error,
            )
            self.scanner.start()

    def close(self) -> None:
        """Stop the scanner and every worker; a job in progress finishes or times out."""
        with self._lock:
            self._closed = True
            for timer in self._kick_timers:
                timer.cancel()
        if self.scanner is not None:
            self.scanner.stop()
        if self.scale is not None:
            self.scale.close()
        if self.print_queue is not None:
            self.print_queue.close()
        for worker in self._workers:
            worker.shutdown(wait=True)
        if isinstance(self.drawer, SerialDrawer):
            self.drawer.close()
        if self.display is not None:
            self.display.close()

    def _worker(self, name: str) -> DeviceWorker:
        worker = DeviceWorker(name)
        self._workers.append(worker)
        return worker

    # -- printer -----------------------------------------------------------------------------

    def print_receipt(
        self, doc: ReceiptDocument, *, reprintable: bool = True
    ) -> Future[bool] | None:
        """Queue the receipt on the printer's worker; None if there is no printer."""
        if self.print_queue is None:
            return None
        return self.print_queue.print_receipt(doc, reprintable=reprintable)

    def print_report(self, make_lines: Callable[[int], list[str]]) -> Future[None] | None:
        """Queue an X/Z report on the printer's worker; ``make_lines(columns)`` lays it out at
        the paper's width. None if there is no printer; a failure is the future's exception
        (reports are reprinted from the shift screen, not from the receipt reprint queue)."""
        printer, worker = self.printer, self._printer_worker
        if printer is None or worker is None:
            return None
        return worker.submit(lambda: printer.print_report(make_lines(printer.columns)))

    @property
    def printer_problem(self) -> str:
        """Why the printer did not print the last job; "" when it did (or there is none)."""
        return self.print_queue.problem if self.print_queue is not None else ""

    def reprint_last(self) -> Future[bool] | None:
        """Print the last customer receipt again, marked DUPLICATE (also the last one of an
        earlier run); LookupError if none was ever printed here."""
        return self.print_queue.reprint_last() if self.print_queue is not None else None

    def reprint(self, receipt_no: str) -> Future[bool] | None:
        """Print any past receipt again, marked DUPLICATE and journaled as a reprint; the
        Future raises LookupError if it was never sent to this printer."""
        return self.print_queue.reprint(receipt_no) if self.print_queue is not None else None

    def probe_printer(self) -> Future[None] | None:
        """Ask the printer how it is (on its worker); at most one check in flight."""
        if self.printer is None or self._printer_worker is None:
            return None
        with self._lock:
            if self._probe is not None and not self._probe.done():
                return self._probe
            self._probe = self._printer_worker.submit(self._check_printer)
            return self._probe

    def _check_printer(self) -> None:
        printer, jobs = self.printer, self.print_queue
        assert printer is not None
        assert jobs is not None
        name = printer.name
        try:
            state = printer.status().state
            message = ""
        except StatusNotSupportedError as exc:
            state, message = DeviceState.READY, exc.message
        except DeviceError as exc:
            state, message = _state_of(exc), exc.message
            if printer.found_silent:  # found just now not to answer: that is not offline
                state, message = DeviceState.READY, "this printer does not report status"
        if state is DeviceState.READY and jobs.pending:
            jobs.retry_now()  # queued behind this check on the same worker; it reports READY
            return
        self._listeners.on_status(DeviceStatus.now(name, DeviceKind.PRINTER, state, message))

    # -- drawer ------------------------------------------------------------------------------

    def open_drawer(self) -> Future[None] | None:
        """Kick the drawer (already journaled by the caller); None if there is no drawer.

        A kick that fails (the printer it goes through is off) is tried again with backoff
        until it works — the cashier needs that drawer — but only for ``kick_retry_window_s``:
        a drawer must not spring open long after the customer has gone."""
        return self._kick(time.monotonic() + self._kick_window_s, self._retry[0])

    def _kick(self, deadline: float, delay: float) -> Future[None] | None:
        drawer = self.drawer
        if drawer is None or self._closed:
            return None
        if isinstance(drawer, SerialDrawer):
            job = drawer.open_async()
        else:
            assert self._printer_worker is not None
            job = self._printer_worker.submit(drawer.open)
        name = drawer.name
        job.add_done_callback(lambda done: self._kicked(name, done, deadline, delay))
        return job

    def _kicked(self, name: str, done: Future[None], deadline: float, delay: float) -> None:
        exc = None if done.cancelled() else done.exception()
        if not isinstance(exc, DeviceError):
            if exc is None and self._kick_failed:
                self._kick_failed = False
                ready = DeviceStatus.now(name, DeviceKind.DRAWER, DeviceState.READY, "opened")
                self._listeners.on_status(ready)
            return
        self._kick_failed = True
        log.warning("%s: kick failed: %s", name, exc.message)
        message = exc.message
        with self._lock:
            retry = not self._closed and time.monotonic() + delay <= deadline
            if retry:
                timer = threading.Timer(
                    delay, self._kick, args=(deadline, min(delay * 2, self._retry[1]))
                )
                timer.daemon = True
                self._kick_timers = [t for t in self._kick_timers if t.is_alive()] + [timer]
                timer.start()
        if not retry:
            message = f"not opened ({exc.message}): open it with No sale"
        self._listeners.on_status(
            DeviceStatus.now(name, DeviceKind.DRAWER, _state_of(exc), message)
        )

    # -- scale -------------------------------------------------------------------------------

    @property
    def has_scale(self) -> bool:
        return self.scale is not None

    def read_weight(self) -> Future[Decimal] | None:
        """A stable weight from the serial scale, on its own worker; None without a scale.
        The Future raises the scale's DeviceError (unstable, overload, no answer)."""
        return self.scale.read_async() if self.scale is not None else None

    # -- customer display --------------------------------------------------------------------

    def display_item(self, name: str, price: Money, total: Money) -> None:
        if self.display is not None:
            self._display(partial(self.display.show_item, name, price, total))

    def display_change(self, paid: Money, change: Money) -> None:
        if self.display is not None:
            self._display(partial(self.display.show_change, paid, change))

    def display_total(self, total: Money) -> None:
        if self.display is not None:
            self._display(partial(self.display.show_total, total))

    def display_clear(self) -> None:
        """A blank screen: the next customer never sees the last one's PAID/CHANGE."""
        if self.display is not None:
            self._display(self.display.clear)

    def display_thank_you(self) -> None:
        if self.display is not None:
            self._display(self.display.show_thank_you)

    def _display(self, update: Callable[[], None]) -> None:
        assert self._display_worker is not None
        with self._lock:
            self._display_next = update
            if self._display_busy:
                return  # the running job picks the newest update when it finishes
            self._display_busy = True
        self._display_worker.submit(self._drain_display)

    def _drain_display(self) -> None:
        while True:
            with self._lock:
                update, self._display_next = self._display_next, None
                if update is None:
                    self._display_busy = False
                    return
            try:
                update()
            except DeviceError as exc:
                self._display_state(DeviceState.DISCONNECTED, exc.message)
            else:
                self._display_state(DeviceState.READY, "")

    def _display_state(self, state: DeviceState, message: str) -> None:
        if state is self._display_reported or self.display is None:
            return  # flips only
        self._display_reported = state
        self._listeners.on_status(
            DeviceStatus.now(self.display.name, DeviceKind.DISPLAY, state, message)
        )
