"""A serial port owned by one device worker thread: shared by the serial drawer and scale.

docs/architecture.md §4: one single-thread executor per physical device. Here the port object itself
never leaves that thread — it is opened, used and closed only inside jobs run on the worker — so no
lock is needed and two jobs can never interleave bytes or modem-line pulses. The port opens
lazily and is dropped on any I/O failure, so the next job reconnects (a device unplugged
mid-shift comes back by itself).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar
from urllib.parse import SplitResult

import serial

from hardware.base import DeviceError, DeviceTimeoutError, DeviceUnavailableError
from hardware.workers import DeviceWorker

__all__ = [
    "PortFactory",
    "SerialLink",
    "open_serial",
    "prepare_port",
    "serial_port_from_url",
]

T = TypeVar("T")
PortFactory = Callable[[], Any]
# COM3, and the \\.\COM10 form Windows needs for ports above COM9.
_WINDOWS_PORT = re.compile(r"^(?:\\\\\.\\)?COM\d+$", re.IGNORECASE)


def serial_port_from_url(parts: SplitResult) -> str:
    """The port named by a serial:// address, in either spelling on any system.

    serial:///dev/ttyUSB0 has its port in the path; serial://COM3 (what the set-up screen
    writes on Windows) has it where a URL keeps a host name; serial:///COM3 has it in the
    path after a slash no Windows port name carries. All three name the port as written.
    """
    device = parts.netloc + parts.path.rstrip("/") if parts.netloc else parts.path
    if device.startswith("/") and _WINDOWS_PORT.match(device[1:]):
        device = device[1:]
    if not device:
        raise ValueError(
            f"no serial port in {parts.geturl()!r}: write serial:///dev/ttyUSB0 or serial://COM3"
        )
    return device


def prepare_port(port: Any, *, baudrate: int, timeout_s: float) -> Any:
    """Configure an unopened pyserial port and open it with DTR and RTS low.

    pyserial raises DTR and RTS when it opens a port; a drawer fired by DTR or RTS would spring
    open every time the till starts. Setting them before ``open()`` makes that the first state
    the device ever sees; drivers raise a line only on purpose.
    """
    port.baudrate = baudrate
    port.timeout = timeout_s
    port.write_timeout = timeout_s
    port.dtr = False
    port.rts = False
    port.open()
    return port


def open_serial(url: str, *, baudrate: int, timeout_s: float) -> Any:
    """A device path (/dev/ttyUSB0, COM3) or any pyserial URL (rfc2217://, socket://, loop://)."""
    return prepare_port(
        serial.serial_for_url(url, do_not_open=True), baudrate=baudrate, timeout_s=timeout_s
    )


class SerialLink:
    """Runs ``job(port)`` on the device's own worker, mapping pyserial failures to ours."""

    def __init__(self, name: str, factory: PortFactory, *, wait_s: float) -> None:
        self.name = name
        self._factory = factory
        self._wait_s = wait_s
        self._worker = DeviceWorker(name)
        self._port: Any = None  # touched only on the worker thread

    def submit(self, job: Callable[[Any], T]) -> Future[T]:
        """For the GUI: returns at once; the Future carries the result or a DeviceError."""
        return self._worker.submit(self._run, job)

    def call(self, job: Callable[[Any], T]) -> T:
        """Blocking, bounded: a worker stuck behind a hung device cannot hang the caller."""
        future = self.submit(job)
        try:
            return future.result(timeout=self._wait_s)
        except FutureTimeout as exc:
            future.cancel()
            raise DeviceTimeoutError(self.name, f"no result within {self._wait_s} s") from exc

    def close(self) -> None:
        """Release the port (on its thread) and stop the worker."""
        try:
            self._worker.submit(self._drop).result(timeout=self._wait_s)
        except RuntimeError:  # already shut down
            return
        except FutureTimeout:
            # Wedged inside a driver call: do not hang shutdown on it; the port goes with it.
            self._worker.shutdown(wait=False)
            return
        self._worker.shutdown(wait=True)

    # -- on the worker thread ----------------------------------------------------------------

    def _run(self, job: Callable[[Any], T]) -> T:
        try:
            if self._port is None:
                self._port = self._factory()
            return job(self._port)
        except DeviceError:
            raise
        except serial.SerialTimeoutException as exc:
            self._drop()
            raise DeviceTimeoutError(self.name, f"write timed out: {exc}") from exc
        except Exception as exc:
            # pyserial lets raw termios.error, OSError and ValueError out as well as its own
            # SerialException; none may reach the app as anything but a device error.
            self._drop()
            raise DeviceUnavailableError(
                self.name, f"serial port failed: {type(exc).__name__}: {exc}"
            ) from exc

    def _drop(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()
