"""Receipt printers and printer-kicked cash drawers on python-escpos connectors.

One job = open, (check status,) send, close. A long-lived connection would block other clients
of a network printer and lose what was sent when the printer is switched off; opening per job
also means a printer that comes back needs no reconnect logic here.

python-escpos 3.1 caveats handled here, not in the caller:
- ``Network`` defaults to a 60 s timeout; every connector gets ``PrinterConfig.timeout_s``.
- ``paper_status()`` says "paper OK" when nothing comes back and accepts any byte: we send the
  DLE EOT queries through ``query_status`` and interpret (and validate) the replies ourselves.
- ``Serial`` waits its full timeout on every read and returns b"" on silence: that is a timeout.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from escpos import printer as escpos_printers
from escpos.exceptions import DeviceNotFoundError

from hardware.base import (
    DeviceError,
    DeviceTimeoutError,
    DeviceUnavailableError,
    DrawerState,
    MalformedReplyError,
    PaperLevel,
    PrinterStatus,
    StatusNotSupportedError,
)
from hardware.escpos_render import DrawerPulse, EscposRenderer, drawer_kick_bytes
from hardware.receipt_layout import columns_for, layout_receipt
from hardware.report_layout import layout_report
from pos_app.domain.receipt import ReceiptDocument

__all__ = [
    "Connection",
    "CupsConnection",
    "EscposDrawer",
    "EscposPrinter",
    "FileConnection",
    "NetworkConnection",
    "PrinterConfig",
    "SerialConnection",
    "UsbConnection",
    "make_connector",
    "parse_printer_url",
    "status_from_bytes",
]

DLE_EOT = b"\x10\x04"


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
_READABLE = (NetworkConnection, SerialConnection, UsbConnection)


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


class _Network(escpos_printers.Network):  # type: ignore[misc]
    """escpos' Network, except that a failed connect closes its socket.

    3.1 drops the socket without closing it when connect() fails, leaking one descriptor per
    retry against a printer that is switched off.
    """

    def open(self, raise_not_found: bool = True) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect((self.host, self.port))
        except OSError as exc:
            sock.close()
            raise DeviceNotFoundError(f"Could not open socket for {self.host}: {exc}") from exc
        self.device = sock


def make_connector(connection: Connection, timeout_s: float) -> Any:
    """The python-escpos printer object for one job (not opened yet)."""
    if isinstance(connection, NetworkConnection):
        return _Network(connection.host, connection.port, timeout=timeout_s)
    if isinstance(connection, SerialConnection):
        return escpos_printers.Serial(
            connection.device, baudrate=connection.baudrate, timeout=timeout_s, dsrdtr=False
        )
    if isinstance(connection, UsbConnection):
        # Check before constructing: an escpos Usb made without pyusb raises again from __del__.
        if not escpos_printers.Usb.is_usable():
            raise DeviceUnavailableError("usb", "USB printing needs pyusb (pip install pyusb)")
        return escpos_printers.Usb(
            connection.vendor_id,
            connection.product_id,
            timeout=int(timeout_s * 1000),  # pyusb counts milliseconds
            in_ep=connection.in_ep,
            out_ep=connection.out_ep,
        )
    if isinstance(connection, CupsConnection):
        if not escpos_printers.CupsPrinter.is_usable():
            raise DeviceUnavailableError("cups", "CUPS printing needs pycups (pip install pycups)")
        return escpos_printers.CupsPrinter(connection.queue, host=connection.host)
    return escpos_printers.File(connection.path)


ConnectorFactory = Callable[[Connection, float], Any]


def _valid(byte: int) -> bool:
    # A real-time status byte always has the shape 0xx1xx10.
    return byte & 0x93 == 0x12


def status_from_bytes(printer: int, offline_cause: int, paper: int) -> PrinterStatus:
    """Interpret DLE EOT 1, 2 and 4 replies (Epson bit layout)."""
    paper_level = PaperLevel.OK
    if paper & 0x60 == 0x60 or offline_cause & 0x20:
        paper_level = PaperLevel.OUT
    elif paper & 0x0C == 0x0C:
        paper_level = PaperLevel.NEAR_END
    return PrinterStatus(
        online=not printer & 0x08,
        paper=paper_level,
        cover_open=bool(offline_cause & 0x04),
        drawer_sensor_high=bool(printer & 0x04),
        error=bool(offline_cause & 0x40),
    )


class EscposPrinter:
    """A ReceiptPrinter. Blocking: run it on the printer's DeviceWorker, never the GUI thread."""

    def __init__(self, config: PrinterConfig, connector: ConnectorFactory = make_connector) -> None:
        self.config = config
        self.name = config.name
        self._connector = connector
        self._renderer = EscposRenderer(config.profile, config.code_page)
        profile_columns = escpos_printers.Dummy(profile=config.profile).profile.get_columns("a")
        self.columns = columns_for(config.paper_width_mm, profile_columns)

    # -- rendering (pure) --------------------------------------------------------------------

    def render(self, doc: ReceiptDocument) -> bytes:
        qr = None
        if self.config.qr_template:
            qr = self.config.qr_template.format(receipt_no=doc.receipt_no)
        return self._renderer.render(layout_receipt(doc, self.columns, qr_payload=qr))

    def render_report(self, lines: Sequence[str]) -> bytes:
        """An X or Z report's text lines (made at ``self.columns``) as ESC/POS bytes."""
        return self._renderer.render(layout_report(lines))

    # -- I/O ---------------------------------------------------------------------------------

    @property
    def can_read_status(self) -> bool:
        return isinstance(self.config.connection, _READABLE)

    def print_receipt(self, doc: ReceiptDocument) -> None:
        self.send(self.render(doc), check_status=self.config.check_status_before_print)

    def print_report(self, lines: Sequence[str]) -> None:
        self.send(self.render_report(lines), check_status=self.config.check_status_before_print)

    def send(self, data: bytes, *, check_status: bool = False) -> None:
        """Send one job. With ``check_status``, refuse (typed error) if the printer cannot print."""
        conn = self._open()
        try:
            if check_status and self.can_read_status:
                self._read_status(conn).raise_if_unusable(self.name)
            self._io(conn._raw, data)
        finally:
            self._close(conn)

    def status(self) -> PrinterStatus:
        if not self.can_read_status:
            raise StatusNotSupportedError(self.name, "this connection cannot report status")
        conn = self._open()
        try:
            return self._read_status(conn)
        finally:
            self._close(conn)

    def _open(self) -> Any:
        try:
            conn = self._connector(self.config.connection, self.config.timeout_s)
        except DeviceUnavailableError as exc:
            raise DeviceUnavailableError(self.name, exc.message) from exc
        try:
            conn.open()
        except DeviceNotFoundError as exc:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, TimeoutError):
                raise DeviceTimeoutError(self.name, "no answer while connecting") from exc
            raise DeviceUnavailableError(self.name, f"cannot connect: {_first_line(exc)}") from exc
        return conn

    def _close(self, conn: Any) -> None:
        # The job already succeeded or failed; a failing close changes nothing.
        with contextlib.suppress(OSError):
            conn.close()

    def _io(self, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except TimeoutError as exc:  # socket.timeout is TimeoutError since 3.10
            raise DeviceTimeoutError(
                self.name, f"no answer within {self.config.timeout_s} s"
            ) from exc
        except NotImplementedError as exc:
            raise StatusNotSupportedError(self.name, "this connection cannot read") from exc
        except OSError as exc:
            raise DeviceUnavailableError(self.name, f"connection lost: {exc}") from exc
        except Exception as exc:  # pyserial/pyusb raise their own types; none may escape raw
            raise DeviceUnavailableError(self.name, f"{type(exc).__name__}: {exc}") from exc

    def _query(self, conn: Any, n: int) -> int:
        reply: bytes = self._io(conn.query_status, DLE_EOT + bytes([n]))
        if not reply:
            raise DeviceTimeoutError(self.name, f"no status reply within {self.config.timeout_s} s")
        if not _valid(reply[0]):
            raise MalformedReplyError(self.name, f"invalid status byte 0x{reply[0]:02x}")
        return reply[0]

    def _read_status(self, conn: Any) -> PrinterStatus:
        return status_from_bytes(self._query(conn, 1), self._query(conn, 2), self._query(conn, 4))


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__


class EscposDrawer:
    """A CashDrawer kicked through the printer (ESC p), sensed over DLE EOT 1 where possible."""

    def __init__(self, printer: EscposPrinter, name: str = "drawer") -> None:
        self.name = name
        self._printer = printer
        self._pulse = printer.config.drawer

    @property
    def kick_bytes(self) -> bytes:
        return drawer_kick_bytes(self._pulse)

    def open(self) -> None:
        # No status check first: a drawer must open even when the printer is out of paper.
        self._printer.send(self.kick_bytes)

    def state(self) -> DrawerState:
        try:
            status = self._printer.status()
        except StatusNotSupportedError:
            return DrawerState.UNKNOWN
        except DeviceError:
            raise
        high = status.drawer_sensor_high
        if high is None:
            return DrawerState.UNKNOWN
        is_open = high == self._printer.config.drawer_open_when_sensor_high
        return DrawerState.OPEN if is_open else DrawerState.CLOSED
