"""A slow printer never delays the caller, the next sale, or the Qt event loop.

The simulated printer holds its first DLE EOT status reply for SLOW_S seconds (a printer busy
warming up, or a congested network); the printer's timeout is longer, so the job succeeds
late rather than failing. Waits are deadlines and events, never sleeps.
"""

from __future__ import annotations

import itertools
import queue
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hardware.base import DeviceStatus
from hardware.escpos_printer import EscposPrinter
from hardware.qt_bridge import DeviceSignals
from hardware.sim.printer import SimulatedPrinter
from hardware.workers import DeviceWorker, PrintQueue
from pos_app.services.sale.checkout import CompletedSale

SLOW_S = 2.5
PRINTER_TIMEOUT_S = 5.0  # longer than SLOW_S: the printer is slow, not gone
RETURNS_AT_ONCE_S = 0.1
WAIT_S = 10.0
MAX_HEARTBEAT_GAP_S = 0.25


@pytest.fixture
def slow_queue(
    make_printer: Callable[..., EscposPrinter], sim_printer: SimulatedPrinter
) -> Iterator[tuple[PrintQueue, queue.Queue[DeviceStatus]]]:
    statuses: queue.Queue[DeviceStatus] = queue.Queue()
    worker = DeviceWorker("printer")
    jobs = PrintQueue(make_printer(timeout_s=PRINTER_TIMEOUT_S), worker, statuses.put)
    sim_printer.set_status_delay(SLOW_S, replies=1)
    yield jobs, statuses
    jobs.close()
    worker.shutdown()


def test_slow_printer_returns_at_once_and_prints_both_receipts_in_order(
    sell: Callable[..., CompletedSale],
    sim_printer: SimulatedPrinter,
    slow_queue: tuple[PrintQueue, queue.Queue[DeviceStatus]],
) -> None:
    jobs, statuses = slow_queue
    first = sell(["96385074"])

    started = time.monotonic()
    first_job = jobs.print_receipt(first.receipt)
    assert time.monotonic() - started < RETURNS_AT_ONCE_S

    # The next sale is rung up and committed while the printer still sits on its reply.
    assert sim_printer.wait_for_status_requests(1, timeout=WAIT_S) >= 1
    sale_started = time.monotonic()
    second = sell(["4006381333931"])
    second_job = jobs.print_receipt(second.receipt)
    assert time.monotonic() - sale_started < SLOW_S / 2
    assert not first_job.done()
    assert sim_printer.receipts == []

    assert first_job.result(timeout=WAIT_S) is True
    assert second_job.result(timeout=WAIT_S) is True
    printed = sim_printer.wait_for_receipts(2)
    assert [r.barcodes[0].data for r in printed] == [first.receipt_no, second.receipt_no]
    assert time.monotonic() - started >= SLOW_S  # the printer really was that slow
    assert jobs.pending == ()
    assert statuses.empty()  # slow is not a fault: no offline flip was reported


def test_qt_heartbeat_keeps_ticking_while_a_slow_receipt_prints(
    qtbot: QtBot,
    sell: Callable[..., CompletedSale],
    sim_printer: SimulatedPrinter,
    slow_queue: tuple[PrintQueue, queue.Queue[DeviceStatus]],
) -> None:
    jobs, _ = slow_queue
    first, second = sell(["96385074"]), sell(["0036000291452"])
    signals = DeviceSignals()
    printed: list[tuple[str, bool]] = []
    signals.receipt_printed.connect(lambda no, ok: printed.append((no, ok)))
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()
    try:
        qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=int(WAIT_S * 1000))
        started = time.monotonic()
        with qtbot.waitSignal(
            signals.receipt_printed,
            timeout=int(WAIT_S * 1000),
            check_params_cb=lambda no, ok: no == second.receipt_no,
        ):
            # What a slot on the GUI thread does after a sale: hand off and return.
            signals.track_print(first.receipt_no, jobs.print_receipt(first.receipt))
            signals.track_print(second.receipt_no, jobs.print_receipt(second.receipt))
            assert time.monotonic() - started < RETURNS_AT_ONCE_S
        finished = time.monotonic()
    finally:
        heartbeat.stop()

    assert printed == [(first.receipt_no, True), (second.receipt_no, True)]
    assert finished - started >= SLOW_S
    during = [t for t in ticks if t >= started - 0.1]
    gaps = [b - a for a, b in itertools.pairwise(during)]
    assert len(gaps) > 50  # ticks were actually recorded across the slow print
    assert max(gaps) < MAX_HEARTBEAT_GAP_S, f"GUI stalled for {max(gaps):.3f} s"
    receipts = sim_printer.wait_for_receipts(2)
    assert [r.barcodes[0].data for r in receipts] == [first.receipt_no, second.receipt_no]
