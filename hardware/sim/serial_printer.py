"""The simulated ESC/POS printer behind a pty: a serial receipt printer, real at the byte level.

The driver opens the pty's slave path exactly as it would open /dev/ttyUSB0 or COM3. This side
parses what arrives with the same ``EscPosParser`` as the network simulator, keeps the same
receipts and drawer kicks, and answers each DLE EOT query with its one status byte as soon as
the query arrived — well within a millisecond, as real serial printers do. Bytes are taken at
the configured line rate (10 bits per byte: start, 8 data, stop), so a 115200-baud job takes as
long to arrive as on a real cable; a pty itself has no baud rate.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from hardware.sim.escpos_parser import DrawerKick, EscPosParser
from hardware.sim.printer import SimReceipt, SimulatedPrinter
from hardware.sim.serial_devices import PtyDevice

__all__ = ["SimulatedSerialPrinter"]

_POLL_S = 0.05
_BITS_PER_BYTE = 10


class SimulatedSerialPrinter(SimulatedPrinter):
    def __init__(
        self,
        device: PtyDevice,
        *,
        baudrate: int = 115200,
        on_receipt: Callable[[SimReceipt], None] | None = None,
        on_kick: Callable[[DrawerKick], None] | None = None,
    ) -> None:
        super().__init__(on_receipt=on_receipt, on_kick=on_kick)
        self.device = device
        self.baudrate = baudrate
        self._reader: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"serial://{self.device.path}?baud={self.baudrate}"

    def start(self) -> SimulatedSerialPrinter:
        self._reader = threading.Thread(target=self._run, daemon=True, name="sim-serial-printer")
        self._reader.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._reader is not None:
            self._reader.join(timeout=2)

    def _run(self) -> None:
        parser = EscPosParser()
        while not self._stop.is_set() and not self.device.closed:
            data = self.device.read(_POLL_S)
            if not data:
                continue
            # The line rate: these bytes took this long to arrive on a real cable. Waiting
            # here (the device's own thread) throttles the sender as a serial line does.
            self._stop.wait(len(data) * _BITS_PER_BYTE / self.baudrate)
            self._handle(self.device.write, parser.feed(data), len(data))
