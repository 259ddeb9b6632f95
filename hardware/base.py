"""What the till knows about devices: protocols, typed errors and a status model.

The application talks to these protocols only; drivers (python-escpos, pyserial) and the
simulated devices in ``hardware.sim`` sit behind them (docs/architecture.md §5: the app never speaks
a device protocol itself). Nothing here imports Qt or a device library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # annotations only: the status bar imports this module at the first paint
    from pos_app.domain.receipt import ReceiptDocument

__all__ = [
    "CashDrawer",
    "CoverOpenError",
    "CustomerDisplay",
    "DeviceError",
    "DeviceKind",
    "DeviceOfflineError",
    "DeviceState",
    "DeviceStatus",
    "DeviceTimeoutError",
    "DeviceUnavailableError",
    "DrawerState",
    "MalformedReplyError",
    "PaperLevel",
    "PaperOutError",
    "PrinterStatus",
    "ReceiptPrinter",
    "Scale",
    "ScaleOverloadError",
    "ScaleUnstableError",
    "ScanEvent",
    "Scanner",
    "StatusListener",
    "StatusNotSupportedError",
]


# -- errors ----------------------------------------------------------------------------------


class DeviceError(Exception):
    """A device could not do what was asked. ``device`` names it for the status bar."""

    def __init__(self, device: str, message: str) -> None:
        super().__init__(f"{device}: {message}")
        self.device = device
        self.message = message


class DeviceUnavailableError(DeviceError):
    """The device cannot be reached at all: refused, unplugged, no such port or queue."""


class DeviceOfflineError(DeviceError):
    """The device is reachable but says it is offline (e.g. an error it cannot recover from)."""


class DeviceTimeoutError(DeviceOfflineError):
    """The device stopped answering within the time we allow; treated as offline."""


class PaperOutError(DeviceOfflineError):
    """The paper roll is empty; printing resumes once paper is back."""


class CoverOpenError(DeviceOfflineError):
    """The printer cover is open."""


class MalformedReplyError(DeviceError):
    """The device answered something that is not a valid reply (noise, another protocol)."""


class ScaleUnstableError(DeviceError):
    """The load kept moving for longer than we wait; nothing may be sold on that weight."""


class ScaleOverloadError(DeviceError):
    """The weight is outside the scale's range: over capacity, or under zero."""


class StatusNotSupportedError(DeviceError):
    """This connection cannot read back from the device (CUPS, a plain file)."""


# -- status model ----------------------------------------------------------------------------


class DeviceKind(StrEnum):
    PRINTER = "printer"
    DRAWER = "drawer"
    SCANNER = "scanner"
    DISPLAY = "display"
    SCALE = "scale"


class DeviceState(StrEnum):
    READY = "ready"
    CONNECTING = "connecting"
    DISCONNECTED = "disconnected"
    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    ERROR = "error"


class PaperLevel(StrEnum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


class DrawerState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PrinterStatus:
    """What a printer reported over DLE EOT (or UNKNOWN where it cannot report)."""

    online: bool
    paper: PaperLevel
    cover_open: bool
    # Level of the drawer-kick connector's sensor pin (DLE EOT 1 bit 2); None if not read.
    drawer_sensor_high: bool | None = None
    error: bool = False

    @property
    def state(self) -> DeviceState:
        if self.paper is PaperLevel.OUT:
            return DeviceState.PAPER_OUT
        if self.cover_open:
            return DeviceState.COVER_OPEN
        if self.error or not self.online:
            return DeviceState.OFFLINE
        return DeviceState.READY

    def raise_if_unusable(self, device: str) -> None:
        """Turn a status that cannot print into the matching typed error."""
        state = self.state
        if state is DeviceState.PAPER_OUT:
            raise PaperOutError(device, "out of paper")
        if state is DeviceState.COVER_OPEN:
            raise CoverOpenError(device, "cover is open")
        if state is DeviceState.OFFLINE:
            raise DeviceOfflineError(device, "printer reports it is offline")


@dataclass(frozen=True)
class DeviceStatus:
    """One device's state as the status bar shows it; events carry these."""

    device: str
    kind: DeviceKind
    state: DeviceState
    message: str = ""
    at: datetime | None = None

    @classmethod
    def now(
        cls, device: str, kind: DeviceKind, state: DeviceState, message: str = ""
    ) -> DeviceStatus:
        return cls(device, kind, state, message, datetime.now(UTC))


StatusListener = Callable[[DeviceStatus], None]


@dataclass(frozen=True)
class ScanEvent:
    """One complete scan: the code as text (suffix removed) and the device it came from."""

    code: str
    source: str


# -- protocols -------------------------------------------------------------------------------
# Calls may block on I/O: the app runs them on the device's own executor (hardware.workers),
# never on the GUI thread.


@runtime_checkable
class ReceiptPrinter(Protocol):
    name: str

    def print_receipt(self, doc: ReceiptDocument) -> None:
        """Print the whole receipt, or raise a DeviceError having printed nothing we know of."""

    def status(self) -> PrinterStatus:
        """Ask the printer; raise DeviceError (timeout, unreachable, not supported)."""


@runtime_checkable
class CashDrawer(Protocol):
    name: str

    def open(self) -> None:
        """Send the kick pulse. Journaling the reason is the caller's job (services.sale.drawer)."""

    def state(self) -> DrawerState:
        """Open/closed where the hardware senses it, else UNKNOWN."""


@runtime_checkable
class Scanner(Protocol):
    name: str

    def start(self) -> None:
        """Begin delivering ScanEvents to the callback given at construction."""

    def stop(self) -> None: ...


@runtime_checkable
class CustomerDisplay(Protocol):
    name: str

    def show(self, top: str, bottom: str = "") -> None: ...

    def clear(self) -> None: ...


@runtime_checkable
class Scale(Protocol):
    name: str

    def read_weight_kg(self) -> Decimal:
        """A stable weight, or a DeviceError: ScaleUnstableError, ScaleOverloadError,
        DeviceTimeoutError, DeviceUnavailableError."""
