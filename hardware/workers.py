"""One single-thread executor per physical device, and the printer's reprint queue.

docs/architecture.md §4: device I/O never runs on the GUI thread, and two jobs for one device never
run at once (a kick in the middle of a receipt would print garbage), so each device gets exactly one
worker thread. docs/architecture.md §5: a receipt that cannot print is kept, the status says why,
and it is retried in the background with capped backoff until the printer is back — the sale itself
was committed before printing was even attempted.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from hardware.base import (
    CoverOpenError,
    DeviceError,
    DeviceKind,
    DeviceOfflineError,
    DeviceState,
    DeviceStatus,
    PaperOutError,
    ReceiptPrinter,
    StatusListener,
)
from pos_app.domain.receipt import ReceiptDocument
from pos_app.domain.retry import Backoff

__all__ = ["DeviceWorker", "PrintQueue"]

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


class DeviceWorker:
    def __init__(self, name: str) -> None:
        self.name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"device-{name}")

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=True)


class PrintQueue:
    """Prints receipts on the printer's worker; failed ones wait and are retried in order."""

    def __init__(
        self,
        printer: ReceiptPrinter,
        worker: DeviceWorker,
        on_status: StatusListener | None = None,
        *,
        retry_initial_s: float = 1.0,
        retry_max_s: float = 30.0,
        max_pending: int = 200,
    ) -> None:
        self._printer = printer
        self._worker = worker
        self._on_status = on_status
        self._backoff = Backoff(retry_initial_s, retry_max_s, jitter=False)
        self._pending: deque[ReceiptDocument] = deque(maxlen=max_pending)
        self._last: ReceiptDocument | None = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._closed = False
        self._state = DeviceState.READY
        self._problem = ""

    @property
    def problem(self) -> str:
        """Why the last job did not print ("" once one printed): for a message next to the
        button that asked, where the status bar is out of sight."""
        return self._problem

    @property
    def pending(self) -> tuple[ReceiptDocument, ...]:
        with self._lock:
            return tuple(self._pending)

    def print_receipt(self, doc: ReceiptDocument, *, reprintable: bool = True) -> Future[bool]:
        """True once printed; False if it was queued for a retry (the status says why).

        A work document (a pick list) is not ``reprintable``: "reprint the last receipt" must
        still give the customer's receipt."""
        with self._lock:
            if reprintable:
                self._last = doc
            self._pending.append(doc)
        return self._worker.submit(self._drain)

    def reprint_last(self) -> Future[bool]:
        with self._lock:
            last = self._last
        if last is None:
            raise LookupError("nothing has been printed yet")
        return self.print_receipt(last)

    def retry_now(self) -> Future[bool]:
        """Try the waiting receipts at once (e.g. a status check found the printer back)."""
        return self._worker.submit(self._drain)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()

    # -- on the worker thread ----------------------------------------------------------------

    def _drain(self) -> bool:
        while True:
            with self._lock:
                if not self._pending:
                    break
                doc = self._pending[0]
            try:
                self._printer.print_receipt(doc)
            except DeviceError as exc:
                self._report(_state_of(exc), exc.message)
                self._schedule_retry()
                return False
            with self._lock:
                if self._pending and self._pending[0] is doc:
                    self._pending.popleft()
        self._backoff.reset()
        self._report(DeviceState.READY, "")
        return True

    def _schedule_retry(self) -> None:
        with self._lock:
            if self._closed or (self._timer is not None and self._timer.is_alive()):
                return
            delay = self._backoff.next_delay()
            self._timer = threading.Timer(delay, self._worker.submit, args=(self._drain,))
            self._timer.daemon = True
            self._timer.start()

    def _report(self, state: DeviceState, message: str) -> None:
        if state is DeviceState.READY:
            self._problem = ""
        else:
            words = f"printer {state.value.replace('_', ' ')}"
            self._problem = f"{words} ({message})" if message else words
        if state is self._state:
            return  # flips only: a printer that stays offline is logged once
        self._state = state
        log.log(logging.INFO if state is DeviceState.READY else logging.WARNING,
                "%s: %s %s", self._printer.name, state, message)  # fmt: skip
        if self._on_status is not None:
            self._on_status(
                DeviceStatus.now(self._printer.name, DeviceKind.PRINTER, state, message)
            )


def _state_of(exc: DeviceError) -> DeviceState:
    if isinstance(exc, PaperOutError):
        return DeviceState.PAPER_OUT
    if isinstance(exc, CoverOpenError):
        return DeviceState.COVER_OPEN
    if isinstance(exc, DeviceOfflineError):
        return DeviceState.OFFLINE
    return DeviceState.DISCONNECTED
