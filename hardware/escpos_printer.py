"""Receipt printers and printer-kicked cash drawers on python-escpos connectors.

One job = open, (ask status,) send, close. A long-lived connection would block other clients
of a network printer and lose what was sent when the printer is switched off; opening per job
also means a printer that comes back needs no reconnect logic here.

Status is advice, not a gate (issue 17). Many installations never answer DLE EOT — a print
server that only forwards, status replies switched off, a serial cable without a receive
wire — and such a printer must still print every receipt. Per printer, ``status``:
- "auto" (default): ask before each receipt. A printer that has never answered is learned to
  be silent on its first timeout and is not asked again (this printer object, i.e. until the
  till restarts); that receipt still prints. One that has answered before and stops answering
  is treated as offline: the receipt waits in the queue.
- "off": never ask; every job is sent as is.
- "required": every receipt needs an answer; no answer means the receipt waits.
Paper out and cover open are always acted on when the printer reports them.

python-escpos' ``paper_status()`` says "paper OK" when nothing comes back and accepts any byte:
we send the DLE EOT queries ourselves and validate the replies (``status_from_bytes``).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

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
from hardware.escpos_render import (
    AUTO_CODE_PAGE,
    DrawerPulse,
    EscposRenderer,
    drawer_kick_bytes,
)
from hardware.printer_connections import (
    Connection,
    CupsConnection,
    FileConnection,
    NetworkConnection,
    SerialConnection,
    UsbConnection,
    can_read,
    make_connector,
    parse_printer_url,
)
from hardware.receipt_barcode import printable_dots
from hardware.receipt_layout import columns_for, layout_receipt
from hardware.receipt_raster import transliterated
from hardware.report_layout import layout_report
from pos_app.domain.receipt import ReceiptDocument

__all__ = [
    "STATUS_MODES",
    "Connection",
    "CupsConnection",
    "EscposDrawer",
    "EscposPrinter",
    "FileConnection",
    "NetworkConnection",
    "PrinterConfig",
    "SerialConnection",
    "StatusMode",
    "UsbConnection",
    "make_connector",
    "parse_printer_url",
    "status_from_bytes",
]

log = logging.getLogger(__name__)
DLE_EOT = b"\x10\x04"
StatusMode = Literal["auto", "off", "required"]
STATUS_MODES: tuple[StatusMode, ...] = ("auto", "off", "required")


@dataclass(frozen=True)
class PrinterConfig:
    connection: Connection
    name: str = "printer"
    profile: str = "default"
    paper_width_mm: Literal[58, 80] = 80
    code_page: str = AUTO_CODE_PAGE  # or a page of the profile, e.g. "CP858"
    timeout_s: float = 3.0
    # Receipt QR payload, e.g. "https://shop.example/r/{receipt_no}"; None prints no QR.
    qr_template: str | None = None
    status: StatusMode = "auto"
    drawer: DrawerPulse = field(default_factory=DrawerPulse)
    # Drawers differ: some pull the sensor pin high when open, some when closed.
    drawer_open_when_sensor_high: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.timeout_s <= 30:
            raise ValueError(f"printer timeout must be in (0, 30] s, not {self.timeout_s}")
        if self.paper_width_mm not in (58, 80):
            raise ValueError(f"paper width must be 58 or 80 mm, not {self.paper_width_mm}")
        if self.status not in STATUS_MODES:
            raise ValueError(
                f"printer status must be one of {', '.join(STATUS_MODES)}, not {self.status!r}"
            )


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
        # The profile only: escpos.printer is imported at the first job (escpos_render).
        from escpos.capabilities import get_profile

        profile_columns = get_profile(config.profile).get_columns("a")
        self.columns = columns_for(config.paper_width_mm, profile_columns)
        self._renderer = EscposRenderer(
            config.profile,
            config.code_page,
            dots=printable_dots(config.profile, config.paper_width_mm),
            columns=self.columns,
        )
        # "auto": None until the printer answered (True) or was found silent (False).
        self._answers: bool | None = None

    # -- rendering (pure) --------------------------------------------------------------------

    def render(self, doc: ReceiptDocument) -> bytes:
        qr = None
        if self.config.qr_template:
            qr = self.config.qr_template.format(receipt_no=doc.receipt_no)
        blocks = layout_receipt(transliterated(doc), self.columns, qr_payload=qr)
        return self._renderer.render(blocks, code_page=self._renderer.page_for(doc.locale))

    def render_report(self, lines: Sequence[str]) -> bytes:
        """An X or Z report's text lines (made at ``self.columns``) as ESC/POS bytes."""
        return self._renderer.render(layout_report(lines))

    # -- I/O ---------------------------------------------------------------------------------

    @property
    def can_read_status(self) -> bool:
        return can_read(self.config.connection)

    @property
    def asks_status(self) -> bool:
        """Whether jobs ask the printer first: it can answer, is not set "off", and was not
        found silent."""
        return self.can_read_status and self.config.status != "off" and self._answers is not False

    @property
    def found_silent(self) -> bool:
        """ "auto" learnt that this printer does not answer status requests."""
        return self._answers is False

    def print_receipt(self, doc: ReceiptDocument) -> None:
        self.send(self.render(doc), check_status=True)

    def print_report(self, lines: Sequence[str]) -> None:
        self.send(self.render_report(lines), check_status=True)

    def send(self, data: bytes, *, check_status: bool = False, confirm: bool = False) -> bool:
        """Send one job. With ``check_status``, ask first and refuse (typed error) if the printer
        reports it cannot print. With ``confirm``, ask again after the job over the same
        connection: True only when the printer answered and can still print (an answer after
        the bytes means it took them all); False when it gave no answer."""
        conn = self._open()
        try:
            if check_status and self.asks_status:
                status = self._advice(conn)
                if status is not None:
                    status.raise_if_unusable(self.name)
            self._io(conn._raw, data)
            if not (confirm and self.asks_status):
                return False
            after = self._advice(conn)
            if after is None:
                return False
            after.raise_if_unusable(self.name)
            return True
        finally:
            self._close(conn)

    def status(self) -> PrinterStatus:
        """Ask the printer. In "auto", a printer that has never answered and does not answer
        now raises DeviceTimeoutError once and is not asked again (StatusNotSupportedError)."""
        if not self.can_read_status:
            raise StatusNotSupportedError(self.name, "this connection cannot report status")
        if not self.asks_status:
            raise StatusNotSupportedError(self.name, "this printer does not report status")
        conn = self._open()
        try:
            status = self._advice(conn)
        finally:
            self._close(conn)
        if status is None:
            raise DeviceTimeoutError(self.name, f"no answer within {self.config.timeout_s} s")
        return status

    def _advice(self, conn: Any) -> PrinterStatus | None:
        """The printer's status, or None from a printer learned (just now) not to answer."""
        try:
            status = self._read_status(conn)
        except DeviceTimeoutError:
            if self.config.status == "required" or self._answers:
                raise  # it answers when it is well: silence now means it is not
            self._answers = False
            log.info("%s: no answer to status requests; printing without asking", self.name)
            return None
        self._answers = True
        return status

    def _open(self) -> Any:
        from escpos.exceptions import DeviceNotFoundError

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
        with contextlib.suppress(Exception):
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
