"""Customer pole display (2×20 VFD/LCD) on a serial port, ESC/POS display command set.

Each update positions the cursor (US $ x y) and overwrites both lines padded to the width, so
the customer never sees a half-cleared screen. Text goes through one code page (ESC t n, sent
on every (re)connect) with ``?`` for what it cannot show. The port is opened lazily and
dropped on any failure so the next update reconnects: a display unplugged mid-shift comes
back by itself, and a failed update never blocks the sale (the caller runs it on the
display's DeviceWorker).
"""

from __future__ import annotations

import contextlib
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import serial

from hardware.base import DeviceUnavailableError
from pos_app.domain.money import Money

__all__ = ["DisplayConfig", "SerialCustomerDisplay", "display_bytes"]

ESC, US, FF = b"\x1b", b"\x1f", b"\x0c"


@dataclass(frozen=True)
class DisplayConfig:
    port: str
    name: str = "display"
    baudrate: int = 9600
    columns: int = 20
    rows: int = 2
    code_page: int = 19  # ESC t 19 = PC858 (has €) on Epson DM-D and CD5220 clones
    encoding: str = "cp858"
    timeout_s: float = 1.0
    thank_you: str = "Thank you!"


def _fit(text: str, width: int) -> str:
    text = "".join(c if c.isprintable() else " " for c in unicodedata.normalize("NFC", text))
    return text[:width].ljust(width)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")  # unencodable → b"?"


def display_bytes(config: DisplayConfig, top: str, bottom: str) -> bytes:
    """Both lines written in place: US $ 1 1 <top> US $ 1 2 <bottom>."""
    out = bytearray()
    for row, text in enumerate((top, bottom)[: config.rows], start=1):
        out += US + b"$" + bytes([1, row]) + _encode(_fit(text, config.columns), config.encoding)
    return bytes(out)


def _lr(left: str, right: str, width: int) -> str:
    room = max(width - len(right) - 1, 0)
    return (left[:room].ljust(room) + " " + right)[-width:] if right else left


PortFactory = Callable[[DisplayConfig], Any]


def open_port(config: DisplayConfig) -> Any:
    return serial.Serial(
        config.port, config.baudrate, timeout=config.timeout_s, write_timeout=config.timeout_s
    )


class SerialCustomerDisplay:
    """A CustomerDisplay. Blocking (serial writes): run on the display's DeviceWorker."""

    def __init__(self, config: DisplayConfig, port_factory: PortFactory = open_port) -> None:
        self.config = config
        self.name = config.name
        self._port_factory = port_factory
        self._port: Any = None
        self._lock = threading.Lock()  # one writer at a time even if misused across threads

    def show(self, top: str, bottom: str = "") -> None:
        self._write(display_bytes(self.config, top, bottom))

    def clear(self) -> None:
        self._write(FF)

    def show_item(self, name: str, price: Money, total: Money) -> None:
        self.show(_lr(name, price.format_amount(), self.config.columns),
                  _lr("TOTAL", str(total), self.config.columns))  # fmt: skip

    def show_total(self, total: Money) -> None:
        self.show("TOTAL", str(total).rjust(self.config.columns))

    def show_change(self, paid: Money, change: Money) -> None:
        width = self.config.columns
        self.show(_lr("PAID", str(paid), width), _lr("CHANGE", str(change), width))

    def show_thank_you(self) -> None:
        self.show(self.config.thank_you.center(self.config.columns), "")

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _write(self, data: bytes) -> None:
        with self._lock:
            try:
                if self._port is None:
                    port = self._port_factory(self.config)
                    self._port = port
                    port.write(ESC + b"@" + ESC + b"t" + bytes([self.config.code_page]))
                self._port.write(data)
                self._port.flush()
            except (serial.SerialException, OSError, ValueError) as exc:
                self._drop()
                raise DeviceUnavailableError(self.name, f"cannot write: {exc}") from exc

    def _drop(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()
