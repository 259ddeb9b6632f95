"""One single-thread executor per physical device, and the printer's print queue.

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
from dataclasses import replace
from typing import Literal, ParamSpec, Protocol, TypeVar

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

__all__ = ["DeviceWorker", "JobKind", "MemoryPrintJobs", "PrintJobStore", "PrintQueue"]

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


JobKind = Literal["receipt", "document", "duplicate"]


class PrintJobStore(Protocol):
    """Where receipts wait and are kept once printed (the till database: issue 17).

    Called on the printer's worker thread only. ``add_copy`` finds a printed receipt — the
    newest customer receipt when ``receipt_no`` is None — marks it DUPLICATE, queues it and
    records the reprint (the journal, for the database store), all in one go; LookupError
    when there is no such receipt."""

    def add(self, doc: ReceiptDocument, kind: JobKind) -> int: ...

    def add_copy(self, receipt_no: str | None) -> tuple[int, ReceiptDocument]: ...

    def waiting(self) -> list[tuple[int, ReceiptDocument]]: ...

    def mark_printed(self, job_id: int) -> None: ...

    def last_receipt_no(self) -> str | None: ...


class MemoryPrintJobs:
    """A PrintJobStore that forgets everything on exit: a till with no database (tests, the
    devices command). The till itself keeps its jobs in the database."""

    def __init__(self) -> None:
        self._jobs: dict[int, tuple[ReceiptDocument, JobKind, bool]] = {}

    def add(self, doc: ReceiptDocument, kind: JobKind) -> int:
        job_id = len(self._jobs) + 1
        self._jobs[job_id] = (doc, kind, False)
        return job_id

    def add_copy(self, receipt_no: str | None) -> tuple[int, ReceiptDocument]:
        for doc, kind, _printed in reversed(self._jobs.values()):
            if kind == "receipt" and receipt_no in (None, doc.receipt_no):
                copy = replace(doc, duplicate=True)
                return self.add(copy, "duplicate"), copy
        raise LookupError(f"no receipt {receipt_no} was printed" if receipt_no else
                          "nothing has been printed yet")  # fmt: skip

    def waiting(self) -> list[tuple[int, ReceiptDocument]]:
        return [(i, doc) for i, (doc, _kind, printed) in self._jobs.items() if not printed]

    def mark_printed(self, job_id: int) -> None:
        doc, kind, _ = self._jobs[job_id]
        self._jobs[job_id] = (doc, kind, True)

    def last_receipt_no(self) -> str | None:
        receipts = [doc for doc, kind, _ in self._jobs.values() if kind == "receipt"]
        return receipts[-1].receipt_no if receipts else None


class PrintQueue:
    """Prints receipts on the printer's worker; failed ones wait and are retried in order.

    Every job is written to the ``store`` before it is tried, so what has not printed yet
    survives a restart (``load`` picks it up) and every printed receipt can be printed again
    (``reprint``). A store that fails to write does not stop the receipt from printing now."""

    def __init__(
        self,
        printer: ReceiptPrinter,
        worker: DeviceWorker,
        on_status: StatusListener | None = None,
        *,
        store: PrintJobStore | None = None,
        retry_initial_s: float = 1.0,
        retry_max_s: float = 30.0,
    ) -> None:
        self._printer = printer
        self._worker = worker
        self._on_status = on_status
        self._backoff = Backoff(retry_initial_s, retry_max_s, jitter=False)
        self._store: PrintJobStore = store if store is not None else MemoryPrintJobs()
        # (job id or None when the store could not write it, document), oldest first.
        self._pending: deque[tuple[int | None, ReceiptDocument]] = deque()
        self._last: str | None = None  # receipt number "reprint the last receipt" gives
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
            return tuple(doc for _job, doc in self._pending)

    def load(self) -> Future[bool]:
        """Pick up what an earlier run left unprinted (in order) and try to print it."""
        return self._worker.submit(self._load_and_drain)

    def print_receipt(self, doc: ReceiptDocument, *, reprintable: bool = True) -> Future[bool]:
        """True once printed; False if it was queued for a retry (the status says why).

        A work document (a pick list) is not ``reprintable``: "reprint the last receipt" must
        still give the customer's receipt."""
        if reprintable:
            with self._lock:
                self._last = doc.receipt_no
        kind: JobKind = "receipt" if reprintable else "document"
        return self._worker.submit(self._add_and_drain, doc, kind)

    def reprint(self, receipt_no: str) -> Future[bool]:
        """Print a past receipt again, marked DUPLICATE; the Future raises LookupError if no
        receipt of that number was ever sent to this printer."""
        return self._worker.submit(self._copy_and_drain, receipt_no)

    def reprint_last(self) -> Future[bool]:
        with self._lock:
            last = self._last
        if last is None:
            raise LookupError("nothing has been printed yet")
        return self.reprint(last)

    def retry_now(self) -> Future[bool]:
        """Try the waiting receipts at once (e.g. a status check found the printer back)."""
        return self._worker.submit(self._drain)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()

    # -- on the worker thread ----------------------------------------------------------------

    def _load_and_drain(self) -> bool:
        try:
            waiting = self._store.waiting()
            last = self._store.last_receipt_no()
        except Exception:  # a damaged store must not keep the till from printing new receipts
            log.exception("%s: cannot read the waiting receipts", self._printer.name)
            return False
        with self._lock:
            known = {job for job, _doc in self._pending}
            self._pending.extendleft(reversed([w for w in waiting if w[0] not in known]))
            if self._last is None:
                self._last = last
        return self._drain()

    def _add_and_drain(self, doc: ReceiptDocument, kind: JobKind) -> bool:
        job: int | None = None
        try:
            job = self._store.add(doc, kind)
        except Exception:
            log.exception("%s: receipt %s not stored; printing it anyway", self._printer.name,
                          doc.receipt_no)  # fmt: skip
        with self._lock:
            self._pending.append((job, doc))
        return self._drain()

    def _copy_and_drain(self, receipt_no: str) -> bool:
        job, copy = self._store.add_copy(receipt_no)  # LookupError reaches the Future
        with self._lock:
            self._pending.append((job, copy))
        return self._drain()

    def _drain(self) -> bool:
        while True:
            with self._lock:
                if not self._pending:
                    break
                job, doc = self._pending[0]
            try:
                self._printer.print_receipt(doc)
            except DeviceError as exc:
                self._report(_state_of(exc), exc.message)
                self._schedule_retry()
                return False
            if job is not None:
                try:
                    self._store.mark_printed(job)
                except Exception:  # it printed; at worst it prints again after a restart
                    log.exception("%s: job %s printed but not marked", self._printer.name, job)
            with self._lock:
                if self._pending and self._pending[0][1] is doc:
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
