"""What a receipt printer is and how to reach it: the parsed printer address and settings.

Apart from the drivers (``escpos_printer``, ``escpos_render``) because reading the device
configuration must not import python-escpos (~0.7 s at start-up, docs/architecture.md): the
till imports the driver only when a printer is configured and opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "READABLE",
    "Connection",
    "CupsConnection",
    "DrawerPulse",
    "FileConnection",
    "NetworkConnection",
    "PrinterConfig",
    "SerialConnection",
    "UsbConnection",
    "parse_printer_url",
]


@dataclass(frozen=True)
class DrawerPulse:
    """ESC p m t1 t2: pin 2 (m=0) or pin 5 (m=1), on/off times in milliseconds.

    The printer counts in 2 ms units, so odd values round down; 0..510 ms each.
    """

    pin: int = 2
    on_ms: int = 100
    off_ms: int = 100

    def __post_init__(self) -> None:
        if self.pin not in (2, 5):
            raise ValueError(f"drawer kick pin must be 2 or 5, not {self.pin}")
        for name, value in (("on_ms", self.on_ms), ("off_ms", self.off_ms)):
            if not 2 <= value <= 510:
                raise ValueError(f"drawer pulse {name} must be 2..510 ms, not {value}")


@dataclass(frozen=True)
class NetworkConnection:
    host: str
    port: int = 9100


@dataclass(frozen=True)
class SerialConnection:
    device: str  # a device path such as /dev/ttyUSB0: escpos' Serial does not take pyserial URLs
    baudrate: int = 19200


@dataclass(frozen=True)
class UsbConnection:
    vendor_id: int
    product_id: int
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
# The connectors that can read a reply back (DLE EOT status).
READABLE = (NetworkConnection, SerialConnection, UsbConnection)


@dataclass(frozen=True)
class PrinterConfig:
    connection: Connection
    name: str = "printer"
    profile: str = "default"
    paper_width_mm: Literal[58, 80] = 80
    code_page: str = "CP858"
    timeout_s: float = 3.0
    # Receipt QR payload, e.g. "https://shop.example/r/{receipt_no}"; None prints no QR.
    qr_template: str | None = None
    check_status_before_print: bool = True
    drawer: DrawerPulse = field(default_factory=DrawerPulse)
    # Drawers differ: some pull the sensor pin high when open, some when closed.
    drawer_open_when_sensor_high: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.timeout_s <= 30:
            raise ValueError(f"printer timeout must be in (0, 30] s, not {self.timeout_s}")
        if self.paper_width_mm not in (58, 80):
            raise ValueError(f"paper width must be 58 or 80 mm, not {self.paper_width_mm}")


def parse_printer_url(url: str) -> Connection:
    """tcp://host[:port], serial:///dev/ttyS0?baud=9600, usb://04b8:0202, cups://queue,
    file:///dev/usb/lp0."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "tcp":
        if not parts.hostname:
            raise ValueError(f"no host in printer address {url!r}")
        return NetworkConnection(parts.hostname, parts.port or 9100)
    if scheme == "serial":
        baud = parse_qs(parts.query).get("baud", ["19200"])[0]
        return SerialConnection(parts.path, int(baud))
    if scheme == "usb":
        vendor, _, product = parts.netloc.partition(":")
        return UsbConnection(int(vendor, 16), int(product, 16))
    if scheme == "cups":
        return CupsConnection(parts.netloc or parts.path.lstrip("/"))
    if scheme == "file":
        return FileConnection(parts.path)
    raise ValueError(
        f"unknown printer address {url!r}: use tcp://, serial://, usb://, cups://, file://"
    )
