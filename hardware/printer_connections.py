"""How the till reaches a receipt printer: the address forms, and python-escpos connectors
(those in ``escpos_connectors``, imported at the first job).

Addresses: tcp://host[:port], serial:///dev/ttyS0?baud=9600&flow=rtscts, serial://COM3?baud=…,
usb://04b8:0202?in_ep=0x81&out_ep=0x02, cups://queue, file:///dev/usb/lp0.

python-escpos 3.1 caveats handled here:
- ``Network`` defaults to a 60 s timeout and leaks its socket when connect fails; ``Serial``
  opens plain device paths only, cannot do RTS/CTS, and reads 16 bytes per status query — a
  serial read then waits its whole timeout although the printer answered its one byte within
  a millisecond (issue 17: ~9 s per check). Our connectors read exactly the one status byte a
  DLE EOT query gets back, so a check returns as soon as the printer answered.
- A TCP peer that closed the connection reads as b"" (EOF): that is a lost connection, not a
  status "timeout" — so a printer that dropped a job is never reported as having printed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from hardware.serial_port import serial_port_from_url

__all__ = [
    "FLOW_CONTROLS",
    "Connection",
    "CupsConnection",
    "FileConnection",
    "FlowControl",
    "NetworkConnection",
    "SerialConnection",
    "UsbConnection",
    "can_read",
    "make_connector",
    "parse_printer_url",
]

FlowControl = Literal["none", "rtscts", "xonxoff"]
FLOW_CONTROLS: tuple[FlowControl, ...] = ("none", "rtscts", "xonxoff")
STATUS_REPLY_BYTES = 1  # DLE EOT n is answered with exactly one byte


@dataclass(frozen=True)
class NetworkConnection:
    host: str
    port: int = 9100


@dataclass(frozen=True)
class SerialConnection:
    device: str  # /dev/ttyUSB0, COM3, or a pyserial URL (socket://, rfc2217://)
    baudrate: int = 19200
    flow: FlowControl = "none"

    def __post_init__(self) -> None:
        if self.flow not in FLOW_CONTROLS:
            raise ValueError(
                f"serial flow control must be one of {', '.join(FLOW_CONTROLS)}, not {self.flow!r}"
            )
        if self.baudrate <= 0:
            raise ValueError(f"baud rate must be positive, not {self.baudrate}")


@dataclass(frozen=True)
class UsbConnection:
    vendor_id: int
    product_id: int
    # python-escpos' defaults (Epson TM series); other models use e.g. in_ep=0x81, out_ep=0x02.
    in_ep: int = 0x82
    out_ep: int = 0x01


@dataclass(frozen=True)
class CupsConnection:
    queue: str
    host: str = "localhost"


@dataclass(frozen=True)
class FileConnection:
    path: str


Connection = NetworkConnection | SerialConnection | UsbConnection | CupsConnection | FileConnection


def can_read(connection: Connection) -> bool:
    """Whether this kind of connection can read a reply back (DLE EOT status)."""
    return isinstance(connection, NetworkConnection | SerialConnection | UsbConnection)


def _query(text: str) -> dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(text, keep_blank_values=True).items()}


def _endpoint(query: dict[str, str], key: str, default: int) -> int:
    if key not in query:
        return default
    try:
        value = int(query[key], 0)
    except ValueError:
        raise ValueError(f"{key} must be a number such as 0x81, not {query[key]!r}") from None
    if not 0 < value <= 0xFF:
        raise ValueError(f"{key} must be a USB endpoint address 0x01..0xff, not {query[key]!r}")
    return value


def parse_printer_url(url: str) -> Connection:
    """tcp://host[:port], serial:///dev/ttyS0?baud=9600&flow=rtscts, serial://COM3?baud=…,
    usb://04b8:0202?in_ep=0x81&out_ep=0x02, cups://queue, file:///dev/usb/lp0."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "tcp":
        if not parts.hostname:
            raise ValueError(f"no host in printer address {url!r}")
        return NetworkConnection(parts.hostname, parts.port or 9100)
    query = _query(parts.query)
    if scheme == "serial":
        device = serial_port_from_url(parts)
        allowed = {"baud", "flow"}
        if unknown := set(query) - allowed:
            raise ValueError(f"unknown serial option(s) {', '.join(sorted(unknown))} in {url!r}")
        baud = query.get("baud", "19200")
        if not baud.isdigit():
            raise ValueError(f"baud must be a number such as 19200, not {baud!r}")
        flow = query.get("flow", "none").lower()
        return SerialConnection(device, int(baud), flow)  # type: ignore[arg-type]
    if scheme == "usb":
        vendor, _, product = parts.netloc.partition(":")
        return UsbConnection(
            int(vendor, 16),
            int(product, 16),
            in_ep=_endpoint(query, "in_ep", 0x82),
            out_ep=_endpoint(query, "out_ep", 0x01),
        )
    if scheme == "cups":
        return CupsConnection(parts.netloc or parts.path.lstrip("/"))
    if scheme == "file":
        return FileConnection(parts.path)
    raise ValueError(
        f"unknown printer address {url!r}: use tcp://, serial://, usb://, cups://, file://"
    )


def make_connector(connection: Connection, timeout_s: float) -> Any:
    """The python-escpos printer object for one job (not opened yet).

    python-escpos is imported here, at the first job, not when the till starts: it costs
    0.1-0.35 s of the cold start (issue 18; docs/architecture.md §4, "Start-up").
    """
    from hardware.escpos_connectors import connector_for

    return connector_for(connection, timeout_s)
