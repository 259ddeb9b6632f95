"""A checkout scale on a serial port, speaking the NCI/Weigh-Tronix "W" command protocol.

That protocol (NCI "standard" / 3825 mode) is the one most POS scales offer or emulate:

    host  → scale   W CR
    scale → host    LF <weight><unit> CR LF S <s1> <s2> CR ETX
                    e.g. b"\\n  1.234KG\\r\\nS00\\r\\x03"

The weight block is left out when there is no weight to show (over/under capacity). Status
characters are 0x30..0x3F whose low four bits are flags:
    s1: bit 0 in motion, bit 1 at zero, bit 2 RAM error, bit 3 EEPROM error
    s2: bit 0 under capacity, bit 1 over capacity, bit 2 ROM error, bit 3 calibration error
Some scales add a third status character; it is accepted and ignored.

Selling by weight needs a stable weight: while the load moves the driver asks again every
``poll_s`` until ``settle_s`` runs out, then raises ScaleUnstableError. All port I/O runs on the
scale's own worker thread (``SerialLink``); ``read_weight_kg`` blocks (bounded) as the Scale
protocol says, ``read_async`` is for the GUI.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import Future
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hardware.base import (
    DeviceOfflineError,
    DeviceTimeoutError,
    MalformedReplyError,
    ScaleOverloadError,
    ScaleUnstableError,
)
from hardware.serial_port import PortFactory, SerialLink, open_serial

__all__ = ["ScaleReading", "SerialScale", "SerialScaleConfig", "parse_reply"]

REQUEST = b"W\r"
ETX = b"\x03"
_MAX_REPLY = 64
_REPLY = re.compile(
    rb"\n?(?:(?P<weight>[ +-]*\d+(?:\.\d+)?)\s*(?P<unit>[A-Za-z]{1,2})\r\n)?"
    rb"S(?P<s1>[0-?])(?P<s2>[0-?])(?P<s3>[0-?])?\r\x03"
)
_TO_KG = {
    "KG": Decimal(1),
    "G": Decimal("0.001"),
    "LB": Decimal("0.45359237"),  # exact, by definition of the pound
    "OZ": Decimal("0.028349523125"),
}
_GRAM = Decimal("0.001")


@dataclass(frozen=True)
class ScaleReading:
    """One reply. ``weight_kg`` is None when the scale showed no weight."""

    weight_kg: Decimal | None
    in_motion: bool
    at_zero: bool
    under_capacity: bool
    over_capacity: bool
    hardware_error: bool


def parse_reply(name: str, reply: bytes) -> ScaleReading:
    match = _REPLY.fullmatch(reply)
    if match is None:
        raise MalformedReplyError(name, f"not a scale reply: {reply[:_MAX_REPLY]!r}")
    s1, s2 = match["s1"][0] & 0x0F, match["s2"][0] & 0x0F
    weight: Decimal | None = None
    if match["weight"] is not None:
        unit = match["unit"].decode("ascii").upper()
        if unit not in _TO_KG:
            raise MalformedReplyError(name, f"unknown weight unit {unit!r}")
        raw = Decimal(match["weight"].decode("ascii").replace(" ", ""))
        weight = (raw * _TO_KG[unit]).quantize(_GRAM)
    return ScaleReading(
        weight_kg=weight,
        in_motion=bool(s1 & 0x01),
        at_zero=bool(s1 & 0x02),
        under_capacity=bool(s2 & 0x01),
        over_capacity=bool(s2 & 0x02),
        hardware_error=bool(s1 & 0x0C or s2 & 0x0C),
    )


@dataclass(frozen=True)
class SerialScaleConfig:
    port: str  # a device path or a pyserial URL
    name: str = "scale"
    baudrate: int = 9600
    timeout_s: float = 0.5  # for one reply
    settle_s: float = 3.0  # how long a moving load may take to settle
    poll_s: float = 0.2

    def __post_init__(self) -> None:
        if not 0 < self.timeout_s <= 10:
            raise ValueError(f"reply timeout must be in (0, 10] s, not {self.timeout_s}")
        if not 0 <= self.settle_s <= 30:
            raise ValueError(f"settle time must be 0..30 s, not {self.settle_s}")
        if not 0 < self.poll_s <= 5:
            raise ValueError(f"poll interval must be in (0, 5] s, not {self.poll_s}")


class SerialScale:
    """A Scale on a serial port, with its own worker thread."""

    def __init__(self, config: SerialScaleConfig, port_factory: PortFactory | None = None) -> None:
        self.config = config
        self.name = config.name

        def default_factory() -> Any:
            return open_serial(config.port, baudrate=config.baudrate, timeout_s=config.timeout_s)

        # Settling plus a last request and a write, never unbounded.
        wait_s = config.settle_s + config.poll_s + 3 * config.timeout_s
        self._link = SerialLink(config.name, port_factory or default_factory, wait_s=wait_s)

    def read_weight_kg(self) -> Decimal:
        return self._link.call(self._read_stable)

    def read_async(self) -> Future[Decimal]:
        return self._link.submit(self._read_stable)

    def read_once(self) -> ScaleReading:
        """One request, whatever the scale says (for a live weight display)."""
        return self._link.call(self._request)

    def close(self) -> None:
        self._link.close()

    # -- on the scale's worker thread --------------------------------------------------------

    def _request(self, port: Any) -> ScaleReading:
        # Drop anything left from an earlier reply that arrived after its timeout, so this
        # reply is matched to this request.
        port.reset_input_buffer()
        port.write(REQUEST)
        port.flush()
        reply: bytes = port.read_until(ETX, _MAX_REPLY)  # bounded by the port timeout
        if not reply:
            raise DeviceTimeoutError(self.name, f"no reply within {self.config.timeout_s} s")
        if not reply.endswith(ETX):
            raise MalformedReplyError(self.name, f"incomplete reply {reply!r}")
        return parse_reply(self.name, reply)

    def _read_stable(self, port: Any) -> Decimal:
        deadline = time.monotonic() + self.config.settle_s
        while True:
            reading = self._request(port)
            if reading.hardware_error:
                raise DeviceOfflineError(self.name, "the scale reports a hardware error")
            if reading.over_capacity:
                raise ScaleOverloadError(self.name, "over capacity: take the load off")
            if reading.under_capacity:
                raise ScaleOverloadError(self.name, "under zero: re-zero the empty scale")
            if not reading.in_motion and reading.weight_kg is not None:
                return reading.weight_kg
            if time.monotonic() >= deadline:
                raise ScaleUnstableError(
                    self.name, f"weight did not settle within {self.config.settle_s} s"
                )
            # The scale's own update cadence: asking faster only floods the line.
            time.sleep(self.config.poll_s)
