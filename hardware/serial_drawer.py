"""A cash drawer on its own serial port (not kicked through a printer).

Serial drawer interfaces fire in one of two ways, chosen by configuration:
- a byte sequence (many accept the printer's ESC p m t1 t2, others a single code byte), or
- a pulse on a modem control line (DTR or RTS high for ``pulse_ms``, then low).
Where the drawer reports its switch, it does so on CTS or DSR, and whether "high" means open or
closed depends on the model, so the polarity is configurable too.

Every port operation runs on the drawer's own single-thread worker (``SerialLink``), so a kick
can never interleave with a sense read. ``open()``/``state()`` block (bounded) as the
CashDrawer protocol says; the GUI uses ``open_async()``/``state_async()``. Journaling the open
is the caller's job (``pos_app.services.sale.drawer``).
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from hardware.base import DrawerState
from hardware.escpos_render import DrawerPulse, drawer_kick_bytes
from hardware.serial_port import PortFactory, SerialLink, open_serial, serial_port_from_url

__all__ = ["SerialDrawer", "SerialDrawerConfig", "parse_drawer_url"]

OpenMethod = Literal["bytes", "dtr", "rts"]
SenseLine = Literal["none", "cts", "dsr"]


@dataclass(frozen=True)
class SerialDrawerConfig:
    port: str  # a device path or a pyserial URL
    name: str = "drawer"
    baudrate: int = 9600
    open_method: OpenMethod = "bytes"
    open_bytes: bytes = field(default_factory=lambda: drawer_kick_bytes(DrawerPulse()))
    pulse_ms: int = 100  # how long DTR/RTS stays high; solenoids need ~50-200 ms
    sense_line: SenseLine = "none"
    open_when_line_high: bool = True
    timeout_s: float = 1.0

    def __post_init__(self) -> None:
        if self.open_method not in ("bytes", "dtr", "rts"):
            raise ValueError(f"open method must be bytes, dtr or rts, not {self.open_method!r}")
        if self.sense_line not in ("none", "cts", "dsr"):
            raise ValueError(f"sense line must be none, cts or dsr, not {self.sense_line!r}")
        if self.open_method == "bytes" and not self.open_bytes:
            raise ValueError("a drawer opened by bytes needs a byte sequence")
        if not 10 <= self.pulse_ms <= 1000:
            raise ValueError(f"pulse must be 10..1000 ms, not {self.pulse_ms}")
        if not 0 < self.timeout_s <= 30:
            raise ValueError(f"timeout must be in (0, 30] s, not {self.timeout_s}")


def parse_drawer_url(url: str) -> SerialDrawerConfig:
    """serial:///dev/ttyS1?baud=9600&open=dtr&pulse=150&sense=cts&open_high=0&bytes=07, or
    serial://COM3?… on Windows (either spelling is read on any system).

    ``open`` is bytes (default), dtr or rts; ``bytes`` is hex; ``sense`` none, cts or dsr;
    ``open_high=0`` when the line is high while the drawer is closed.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "serial":
        raise ValueError(
            f"drawer address {url!r} must look like serial:///dev/ttyS1?… or serial://COM3?…"
        )
    query = {
        key: values[-1] for key, values in parse_qs(parts.query, keep_blank_values=True).items()
    }
    known = {"baud", "open", "pulse", "sense", "open_high", "bytes"}
    if unknown := set(query) - known:
        raise ValueError(f"unknown drawer option(s) {', '.join(sorted(unknown))} in {url!r}")
    kwargs: dict[str, Any] = {"port": serial_port_from_url(parts)}
    if "baud" in query:
        kwargs["baudrate"] = int(query["baud"])
    if "open" in query:
        kwargs["open_method"] = query["open"].lower()
    if "pulse" in query:
        kwargs["pulse_ms"] = int(query["pulse"])
    if "sense" in query:
        kwargs["sense_line"] = query["sense"].lower()
    if "open_high" in query:
        kwargs["open_when_line_high"] = query["open_high"].lower() not in ("0", "false", "no")
    if "bytes" in query:
        kwargs["open_bytes"] = bytes.fromhex(query["bytes"])
    return SerialDrawerConfig(**kwargs)


class SerialDrawer:
    """A CashDrawer on a serial port, with its own worker thread."""

    def __init__(self, config: SerialDrawerConfig, port_factory: PortFactory | None = None) -> None:
        self.config = config
        self.name = config.name

        def default_factory() -> Any:
            return open_serial(config.port, baudrate=config.baudrate, timeout_s=config.timeout_s)

        # Long enough for a write timeout plus the pulse itself, never unbounded.
        wait_s = 2 * config.timeout_s + config.pulse_ms / 1000
        self._link = SerialLink(config.name, port_factory or default_factory, wait_s=wait_s)

    def open(self) -> None:
        self._link.call(self._kick)

    def state(self) -> DrawerState:
        return self._link.call(self._sense)

    def open_async(self) -> Future[None]:
        return self._link.submit(self._kick)

    def state_async(self) -> Future[DrawerState]:
        return self._link.submit(self._sense)

    def close(self) -> None:
        self._link.close()

    # -- on the drawer's worker thread -------------------------------------------------------

    def _kick(self, port: Any) -> None:
        method = self.config.open_method
        if method == "bytes":
            port.write(self.config.open_bytes)
            port.flush()
            return
        setattr(port, method, True)
        try:
            # The pulse length is the hardware contract (the solenoid needs it), not a wait
            # for some other thread; it runs on the drawer's own worker, never the GUI.
            time.sleep(self.config.pulse_ms / 1000)
        finally:
            setattr(port, method, False)  # a line left high can burn out a solenoid

    def _sense(self, port: Any) -> DrawerState:
        line = self.config.sense_line
        if line == "none":
            return DrawerState.UNKNOWN
        high = bool(port.cts if line == "cts" else port.dsr)
        return DrawerState.OPEN if high == self.config.open_when_line_high else DrawerState.CLOSED
