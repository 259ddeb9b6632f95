"""Device workers, the reprint queue, and device events re-emitted as Qt signals."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from hardware.base import DeviceState, DeviceStatus
from hardware.escpos_printer import EscposPrinter
from hardware.qt_bridge import DeviceSignals
from hardware.serial_scanner import SerialScanner, SerialScannerConfig
from hardware.sim.printer import SimulatedPrinter
from hardware.sim.serial_devices import PtyDevice
from hardware.workers import DeviceWorker, PrintQueue
from pos_app.services.sale.checkout import CompletedSale

WAIT_S = 5.0


def test_one_device_runs_one_job_at_a_time_off_the_calling_thread() -> None:
    worker = DeviceWorker("printer")
    running, overlaps, threads = [0], [], set()
    lock = threading.Lock()

    def job() -> None:
        with lock:
            running[0] += 1
            overlaps.append(running[0])
        threads.add(threading.current_thread().name)
        with lock:
            running[0] -= 1

    try:
        for future in [worker.submit(job) for _ in range(20)]:
            future.result(timeout=WAIT_S)
    finally:
        worker.shutdown()
    assert max(overlaps) == 1
    assert len(threads) == 1
    assert threading.current_thread().name not in threads


def test_paper_out_queues_the_receipt_and_it_prints_when_paper_is_back(
    sell: Callable[..., CompletedSale],
    make_printer: Callable[..., EscposPrinter],
    sim_printer: SimulatedPrinter,
) -> None:
    statuses: queue.Queue[DeviceStatus] = queue.Queue()
    worker = DeviceWorker("printer")
    jobs = PrintQueue(make_printer(), worker, statuses.put, retry_initial_s=0.05, retry_max_s=0.2)
    first, second = sell(["96385074"]), sell(["4006381333931"])
    sim_printer.set_paper(out=True)
    try:
        assert jobs.print_receipt(first.receipt).result(timeout=WAIT_S) is False
        assert statuses.get(timeout=WAIT_S).state is DeviceState.PAPER_OUT
        jobs.print_receipt(second.receipt).result(timeout=WAIT_S)
        assert [d.receipt_no for d in jobs.pending] == [first.receipt_no, second.receipt_no]
        assert sim_printer.receipts == []

        sim_printer.set_paper(out=False)  # the background retry prints both, in order
        assert statuses.get(timeout=WAIT_S).state is DeviceState.READY
        printed = sim_printer.wait_for_receipts(2)
        assert [r.barcodes[0].data for r in printed] == [first.receipt_no, second.receipt_no]
        assert jobs.pending == ()

        assert jobs.reprint_last().result(timeout=WAIT_S) is True
        assert sim_printer.wait_for_receipts(3)[-1].barcodes[0].data == second.receipt_no
    finally:
        jobs.close()
        worker.shutdown()


def test_scanned_code_is_re_emitted_as_a_qt_signal(
    qtbot: QtBot, pty_device: Callable[..., PtyDevice]
) -> None:
    signals = DeviceSignals()
    device = pty_device()
    ready = threading.Event()

    def on_status(status: DeviceStatus) -> None:
        signals.on_device_status(status)
        if status.state is DeviceState.READY:
            ready.set()

    scanner = SerialScanner(
        SerialScannerConfig(port=device.path), signals.on_scanner_scanned, on_status=on_status
    )
    scanner.start()
    try:
        assert ready.wait(WAIT_S)
        with qtbot.waitSignal(signals.barcode_scanned, timeout=int(WAIT_S * 1000)) as blocker:
            device.write(b"4006381333931\r")
        assert blocker.args == ["4006381333931", "scanner"]

        with qtbot.waitSignal(signals.device_status_changed, timeout=int(WAIT_S * 1000)) as st:
            device.close()
        assert st.args[0].state is DeviceState.DISCONNECTED
    finally:
        scanner.stop()
