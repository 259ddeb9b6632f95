"""Device events → Qt signals. The only module in ``hardware`` that imports Qt.

Drivers call plain callbacks from their own threads (scanner reader, device workers). A
DeviceSignals object lives in the GUI thread; emitting its signals from another thread is safe
and, with Qt's automatic connections, delivers to GUI-thread slots through the event queue —
so slots never run on a device thread and never need a lock (Electrum's pattern).
"""

from __future__ import annotations

from concurrent.futures import Future
from decimal import Decimal

from PySide6.QtCore import QObject, Signal

from hardware.base import DeviceStatus, ScanEvent

__all__ = ["DeviceSignals"]


class DeviceSignals(QObject):
    barcode_scanned = Signal(str, str)  # code, source device
    scan_rejected = Signal(str)  # a message for the status bar (garbage, too long)
    device_status_changed = Signal(object)  # DeviceStatus
    receipt_printed = Signal(str, bool)  # receipt number; False = waiting in the reprint queue
    weight_read = Signal(object, object)  # what was weighed, Decimal kg or the DeviceError

    # Callbacks handed to drivers (any thread).

    def on_scanner_scanned(self, event: ScanEvent) -> None:
        self.barcode_scanned.emit(event.code, event.source)

    def on_scanner_rejected(self, message: str) -> None:
        self.scan_rejected.emit(message)

    def on_device_status(self, status: DeviceStatus) -> None:
        self.device_status_changed.emit(status)

    def track_weight(self, what: object, job: Future[Decimal]) -> None:
        """Emit ``weight_read`` with the weight (or the scale's error) when ``job`` is done."""

        def done(finished: Future[Decimal]) -> None:
            if finished.cancelled():
                return
            error = finished.exception()
            self.weight_read.emit(what, error if error is not None else finished.result())

        job.add_done_callback(done)

    def track_print(self, receipt_no: str, job: Future[bool]) -> None:
        """Emit ``receipt_printed`` when a PrintQueue job finishes, without waiting for it.

        The callback runs on the printer's worker (or here, if the job is already done); the
        emit crosses to the GUI thread through the event queue.
        """

        def done(finished: Future[bool]) -> None:
            printed = (
                not finished.cancelled()
                and finished.exception() is None
                and finished.result() is True
            )
            self.receipt_printed.emit(receipt_no, printed)

        job.add_done_callback(done)
