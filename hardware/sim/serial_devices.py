"""pty-backed serial devices: a scanner the test types into, a pole display the test reads.

``os.openpty`` gives a real terminal device: the driver under test opens the slave path with
pyserial exactly as it would open /dev/ttyUSB0, and the simulated device holds the master.
Closing the master is an unplug (the driver's reads fail); a new PtyDevice re-pointed at the
same symlink is the device plugged back in. A pty has no modem lines (CTS/DSR/RI), so serial
drawer sensing cannot be simulated here.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from collections.abc import Callable
from pathlib import Path

from hardware.sim.escpos_parser import CODE_PAGES

__all__ = ["PtyDevice", "SimulatedDisplay"]


class PtyDevice:
    def __init__(self, link: Path | None = None) -> None:
        self._master, self._slave = os.openpty()
        # Raw mode before any driver opens it: no echo, no CR/LF translation, no line buffering.
        tty.setraw(self._slave)
        self.slave_path = os.ttyname(self._slave)
        self.link = link
        if link is not None:
            # Re-point atomically so a driver never sees the path missing or half-made.
            tmp = link.with_name(link.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(self.slave_path)
            tmp.replace(link)
        self._closed = False

    @property
    def path(self) -> str:
        """What a driver opens: the symlink if there is one, else the slave device."""
        return str(self.link) if self.link is not None else self.slave_path

    @property
    def closed(self) -> bool:
        return self._closed

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self._master, view)
            view = view[written:]

    def read(self, timeout: float) -> bytes:
        """Whatever the driver wrote, waiting at most ``timeout`` for the first byte."""
        ready, _, _ = select.select([self._master], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self._master, 4096)
        except OSError:
            return b""  # EIO: nobody has the slave open at the moment

    def fileno(self) -> int:
        return self._master

    def close(self) -> None:
        """Unplug: the driver's next read fails."""
        if self._closed:
            return
        self._closed = True
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)


class SimulatedDisplay:
    """A 2×20 pole display speaking the ESC/POS customer display command set.

    Understood: ESC @ (initialise), ESC t n (code page), FF (clear), US $ x y (cursor, 1-based),
    CR, LF, BS, and text written at the cursor in overwrite mode.
    """

    def __init__(self, device: PtyDevice, columns: int = 20, rows: int = 2) -> None:
        self.device = device
        self.columns, self.rows = columns, rows
        self._screen = [[" "] * columns for _ in range(rows)]
        self._x = self._y = 0
        self._code_page = 0
        self._pending = bytearray()
        self.received = bytearray()
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="sim-display")
        self._thread.start()

    @property
    def lines(self) -> tuple[str, ...]:
        with self._changed:
            return tuple("".join(row) for row in self._screen)

    def wait_for(self, predicate: Callable[[tuple[str, ...]], bool], timeout: float = 5.0) -> bool:
        with self._changed:
            return self._changed.wait_for(
                lambda: predicate(tuple("".join(row) for row in self._screen)), timeout
            )

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.device.close()

    def _run(self) -> None:
        while not self._stop.is_set() and not self.device.closed:
            data = self.device.read(0.05)
            if data:
                with self._changed:
                    self.received += data
                    self._pending += data
                    self._apply()
                    self._changed.notify_all()

    def _clear(self) -> None:
        self._screen = [[" "] * self.columns for _ in range(self.rows)]
        self._x = self._y = 0

    def _put(self, char: str) -> None:
        self._screen[self._y][self._x] = char
        self._x += 1
        if self._x >= self.columns:
            self._x = 0
            self._y = (self._y + 1) % self.rows

    def _apply(self) -> None:
        buf, pos = self._pending, 0
        while pos < len(buf):
            b = buf[pos]
            if b == 0x1B:
                if pos + 1 >= len(buf) or (buf[pos + 1] == ord("t") and pos + 2 >= len(buf)):
                    break
                if buf[pos + 1] == ord("@"):
                    self._clear()
                    self._code_page = 0
                    pos += 2
                elif buf[pos + 1] == ord("t"):
                    self._code_page = buf[pos + 2]
                    pos += 3
                else:
                    pos += 2
            elif b == 0x1F:  # US $ x y
                if pos + 1 >= len(buf) or (buf[pos + 1] == ord("$") and pos + 3 >= len(buf)):
                    break
                if buf[pos + 1] == ord("$"):
                    self._x = min(max(buf[pos + 2], 1), self.columns) - 1
                    self._y = min(max(buf[pos + 3], 1), self.rows) - 1
                    pos += 4
                else:
                    pos += 2
            else:
                self._control_or_char(b)
                pos += 1
        del buf[:pos]

    def _control_or_char(self, b: int) -> None:
        if b == 0x0C:
            self._clear()
        elif b == 0x0D:
            self._x = 0
        elif b == 0x0A:
            self._y = (self._y + 1) % self.rows
        elif b == 0x08:
            self._x = max(self._x - 1, 0)
        elif b >= 0x20:
            codec = CODE_PAGES.get(self._code_page, "ascii")
            self._put(bytes([b]).decode(codec, errors="replace"))
