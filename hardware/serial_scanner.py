"""Serial (RS-232 / USB-CDC) barcode scanners on pyserial, with reconnect after an unplug.

One reader thread per scanner (docs/architecture.md §4). It frames the byte stream on the configured
suffix and hands each code to ``on_scan`` — the same path a keyboard-wedge scan takes in the UI.
Input is untrusted: unreadable bytes and codes longer than ``max_length`` are discarded with a
message through ``on_error``; nothing else happens. When the port fails (unplugged) the
scanner reports DISCONNECTED once and retries with capped exponential backoff, reporting READY
once it is back.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import serial

from hardware.base import DeviceKind, DeviceState, DeviceStatus, ScanEvent, StatusListener
from pos_app.domain.retry import Backoff

__all__ = ["SerialScanner", "SerialScannerConfig"]

log = logging.getLogger(__name__)

GS = 0x1D  # FNC1 in GS1 barcodes arrives as GS and must survive framing


@dataclass(frozen=True)
class SerialScannerConfig:
    port: str
    name: str = "scanner"
    baudrate: int = 9600
    suffix: bytes = b"\r"
    max_length: int = 256
    read_timeout_s: float = 0.2
    reconnect_initial_s: float = 0.05
    reconnect_max_s: float = 2.0

    def __post_init__(self) -> None:
        if not self.suffix:
            raise ValueError("a serial scanner needs a suffix that ends each code")
        if self.max_length < 8:
            raise ValueError("max_length must allow at least an EAN-8")


PortFactory = Callable[[SerialScannerConfig], Any]


def open_port(config: SerialScannerConfig) -> Any:
    return serial.Serial(config.port, config.baudrate, timeout=config.read_timeout_s)


def _readable(code: bytes) -> bool:
    return all(0x20 <= b < 0x7F or b == GS for b in code)


class SerialScanner:
    """A Scanner: start() spawns the reader thread, stop() ends it promptly."""

    def __init__(
        self,
        config: SerialScannerConfig,
        on_scan: Callable[[ScanEvent], None],
        *,
        on_status: StatusListener | None = None,
        on_error: Callable[[str], None] | None = None,
        port_factory: PortFactory = open_port,
    ) -> None:
        self.config = config
        self.name = config.name
        self._on_scan = on_scan
        self._on_status = on_status
        self._on_error = on_error
        self._port_factory = port_factory
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._port: Any = None
        self._thread: threading.Thread | None = None
        self._state = DeviceState.CONNECTING

    @property
    def state(self) -> DeviceState:
        return self._state

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.name} is already started")
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"scanner-{self.name}")
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self._lock:
            port = self._port
        if port is not None:
            # Wakes a blocking read right away (POSIX pyserial); others notice within the timeout.
            with contextlib.suppress(AttributeError, OSError, serial.SerialException):
                port.cancel_read()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- reader thread -----------------------------------------------------------------------

    def _set_state(self, state: DeviceState, message: str = "") -> None:
        if state is self._state:
            return  # report flips only: an unplugged scanner must not spam the log
        self._state = state
        if state is DeviceState.READY:
            log.info("%s: connected on %s", self.name, self.config.port)
        else:
            log.warning("%s: %s", self.name, message or state)
        if self._on_status is not None:
            self._on_status(DeviceStatus.now(self.name, DeviceKind.SCANNER, state, message))

    def _run(self) -> None:
        backoff = Backoff(
            self.config.reconnect_initial_s, self.config.reconnect_max_s, jitter=False
        )
        while not self._stop.is_set():
            try:
                port = self._port_factory(self.config)
            except (serial.SerialException, OSError, ValueError) as exc:
                self._set_state(DeviceState.DISCONNECTED, f"cannot open {self.config.port}: {exc}")
                self._stop.wait(backoff.next_delay())
                continue
            with self._lock:
                self._port = port
            backoff.reset()
            self._set_state(DeviceState.READY)
            try:
                self._read_until_failure(port)
            except (serial.SerialException, OSError) as exc:
                if not self._stop.is_set():
                    self._set_state(DeviceState.DISCONNECTED, f"unplugged or failed: {exc}")
            finally:
                with self._lock:
                    self._port = None
                with contextlib.suppress(serial.SerialException, OSError):
                    port.close()

    def _read_until_failure(self, port: Any) -> None:
        buffer = bytearray()
        discarding = False  # inside an over-long code: drop bytes up to the next suffix
        suffix = self.config.suffix
        while not self._stop.is_set():
            chunk = port.read(max(1, port.in_waiting))
            if not chunk:
                continue
            buffer += chunk
            while (end := buffer.find(suffix)) >= 0:
                code = bytes(buffer[:end])
                del buffer[: end + len(suffix)]
                if discarding:
                    discarding = False
                    continue
                self._deliver(code)
            if len(buffer) > self.config.max_length:
                if not discarding:
                    self._error(f"scan longer than {self.config.max_length} bytes discarded")
                discarding = True
                buffer.clear()

    def _deliver(self, raw: bytes) -> None:
        # CR LF scanners leave an LF at the start of the next code when the suffix is CR.
        code = raw.strip(b"\r\n")
        if not code:
            return
        if len(code) > self.config.max_length:
            self._error(f"scan longer than {self.config.max_length} bytes discarded")
            return
        if not _readable(code):
            self._error(f"unreadable scan ({len(code)} bytes) discarded")
            return
        try:
            self._on_scan(ScanEvent(code.decode("ascii"), self.name))
        except Exception:  # a failing consumer must not kill the reader thread
            log.exception("%s: scan handler failed", self.name)

    def _error(self, message: str) -> None:
        log.warning("%s: %s", self.name, message)
        if self._on_error is not None:
            self._on_error(message)
