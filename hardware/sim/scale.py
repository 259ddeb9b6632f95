"""A simulated checkout scale behind a pty, speaking the NCI "W" protocol byte for byte.

The driver opens the pty's slave path like /dev/ttyUSB0; this side answers each ``W CR`` with
the reply a real scale sends (see ``hardware.serial_scale``). The test or demo sets the load,
makes it move for the next few requests, overloads it, or makes the scale go silent.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal

from hardware.sim.serial_devices import PtyDevice

__all__ = ["SimulatedScale"]

_ETX = b"\x03"


@dataclass
class _Load:
    weight_kg: Decimal = Decimal("0.000")
    moving_for: int = 0  # requests still answered "in motion"; -1 = never settles
    over: bool = False
    under: bool = False
    silent: bool = False
    unit: str = "KG"


class SimulatedScale:
    def __init__(self, device: PtyDevice) -> None:
        self.device = device
        self._load = _Load()
        self._requests = 0
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="sim-scale")
        self._thread.start()

    # -- what the test or demo can change ----------------------------------------------------

    def set_weight(self, kg: Decimal | str, *, moving_for: int = 0, unit: str = "KG") -> None:
        """Put a load on. ``moving_for`` requests see it in motion first (-1: forever)."""
        with self._changed:
            self._load = _Load(Decimal(kg), moving_for=moving_for, unit=unit)

    def set_overload(self, *, over: bool = True, under: bool = False) -> None:
        with self._changed:
            self._load.over, self._load.under = over, under

    def set_silent(self, silent: bool) -> None:
        """Read requests but answer nothing (a scale switched off at its own power button)."""
        with self._changed:
            self._load.silent = silent

    @property
    def requests(self) -> int:
        with self._changed:
            return self._requests

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.device.close()

    # -- the scale ---------------------------------------------------------------------------

    def reply(self) -> bytes | None:
        """The answer to one W request, advancing the motion counter; None when silent."""
        with self._changed:
            self._requests += 1
            self._changed.notify_all()
            load = self._load
            if load.silent:
                return None
            moving = load.moving_for != 0
            if load.moving_for > 0:
                load.moving_for -= 1
        s1 = 0x30 | (0x01 if moving else 0) | (0x02 if load.weight_kg == 0 else 0)
        s2 = 0x30 | (0x01 if load.under else 0) | (0x02 if load.over else 0)
        status = b"S" + bytes([s1, s2]) + b"\r" + _ETX
        if load.over or load.under:
            return b"\n" + status  # nothing sensible to show: the weight block is left out
        weight = load.weight_kg if load.unit == "KG" else load.weight_kg * 1000
        shown = f"{weight:7.3f}" if load.unit == "KG" else f"{weight:7.0f}"
        return f"\n{shown}{load.unit}\r\n".encode("ascii") + status

    def _run(self) -> None:
        pending = bytearray()
        while not self._stop.is_set() and not self.device.closed:
            data = self.device.read(0.05)
            if not data:
                continue
            pending += data
            while (end := pending.find(b"\r")) >= 0:
                command = bytes(pending[:end]).strip()
                del pending[: end + 1]
                if command == b"W":
                    answer = self.reply()
                    if answer is not None:
                        self.device.write(answer)
