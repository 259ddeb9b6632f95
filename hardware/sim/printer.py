"""A simulated ESC/POS network printer on loopback, real at the byte level.

It listens on 127.0.0.1 with an OS-assigned port (like a printer's raw port 9100), parses what
it receives with ``EscPosParser`` into receipts (one per cut), and answers DLE EOT real-time
status requests with valid status bytes. Tests, demo mode and ``omnitill devices sim-printer``
use it; a driver cannot tell it from a printer except by what it is told to simulate:
paper out / near end, cover open, offline (accepts bytes but answers nothing), refusing
connections, a slow status reply, the drawer sensor level, status replies switched off (prints
everything, answers no DLE EOT: a print server that only forwards), and a connection dropped
in the middle of a job. ``hardware.sim.serial_printer`` is the same printer behind a pty.
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType

from hardware.sim.escpos_parser import (
    Cut,
    DrawerKick,
    EscPosParser,
    Event,
    Printed,
    PrintedBarcode,
    PrintedLine,
    PrintedQr,
    StatusRequest,
)

__all__ = ["SimReceipt", "SimulatedPrinter"]

_POLL_S = 0.05  # how quickly handler threads notice stop/offline changes


@dataclass(frozen=True)
class SimReceipt:
    """What came out of the printer up to and including one cut."""

    items: tuple[Printed, ...]

    @property
    def lines(self) -> list[PrintedLine]:
        return [i for i in self.items if isinstance(i, PrintedLine)]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def barcodes(self) -> list[PrintedBarcode]:
        return [i for i in self.items if isinstance(i, PrintedBarcode)]

    @property
    def qr_codes(self) -> list[str]:
        return [i.data for i in self.items if isinstance(i, PrintedQr)]

    @property
    def cut(self) -> bool:
        return any(isinstance(i, Cut) for i in self.items)

    def render(self) -> str:
        """A readable transcript for a log window or a note."""
        out: list[str] = []
        for item in self.items:
            if isinstance(item, PrintedLine):
                marks = "B" if item.bold else " "
                marks += "H" if item.double_height else " "
                out.append(f"{marks}|{item.text}")
            elif isinstance(item, PrintedBarcode):
                out.append(f"  [barcode {item.symbology}: {item.data}]")
            elif isinstance(item, PrintedQr):
                out.append(f"  [QR: {item.data}]")
            elif isinstance(item, Cut):
                out.append("  [--- partial cut ---]" if item.partial else "  [--- cut ---]")
            elif isinstance(item, DrawerKick):
                out.append(f"  [drawer kick pin {item.pin} {item.on_ms}/{item.off_ms} ms]")
            else:
                out.append(f"  [image {item.width}x{item.height}]")
        return "\n".join(out)


@dataclass
class _State:
    paper_out: bool = False
    paper_near_end: bool = False
    cover_open: bool = False
    offline: bool = False
    drawer_sensor_high: bool = False
    status_delay_s: float = 0.0
    delayed_replies: int | None = None  # None: every reply is delayed
    answers_status: bool = True
    drop_after_bytes: int | None = None  # the next connection is reset after this many bytes


@dataclass
class _Output:
    receipts: list[SimReceipt] = field(default_factory=list)
    pending: list[Printed] = field(default_factory=list)
    drawer_kicks: list[DrawerKick] = field(default_factory=list)
    status_requests: int = 0
    bytes_received: int = 0
    dropped: int = 0  # connections reset mid-job


class SimulatedPrinter:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        on_receipt: Callable[[SimReceipt], None] | None = None,
        on_kick: Callable[[DrawerKick], None] | None = None,
    ) -> None:
        self.host = host
        self._requested_port = port
        self._port = 0
        self._on_receipt = on_receipt
        self._on_kick = on_kick
        self._state = _State()
        self._out = _Output()
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"tcp://{self.host}:{self._port}"

    def start(self) -> SimulatedPrinter:
        self._listen(self._requested_port)
        return self

    def stop(self) -> None:
        self._stop.set()
        self._close_listener()
        with self._changed:
            clients = list(self._clients)
            self._changed.notify_all()
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=2)

    def __enter__(self) -> SimulatedPrinter:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what the test or demo can change ----------------------------------------------------

    def set_paper(self, *, out: bool = False, near_end: bool = False) -> None:
        with self._changed:
            self._state.paper_out, self._state.paper_near_end = out, near_end

    def set_cover_open(self, is_open: bool) -> None:
        with self._changed:
            self._state.cover_open = is_open

    def set_offline(self, offline: bool) -> None:
        """Offline: connections are accepted but nothing is read or answered (a hung printer)."""
        with self._changed:
            self._state.offline = offline
            self._changed.notify_all()

    def set_drawer_sensor(self, high: bool) -> None:
        with self._changed:
            self._state.drawer_sensor_high = high

    def set_status_delay(self, seconds: float, *, replies: int | None = None) -> None:
        """Answer status queries ``seconds`` late: all of them, or only the next ``replies``."""
        with self._changed:
            self._state.status_delay_s = seconds
            self._state.delayed_replies = replies

    def set_status_replies(self, answer: bool) -> None:
        """False: count DLE EOT requests but never answer them, and print everything."""
        with self._changed:
            self._state.answers_status = answer

    def drop_next_connection(self, after_bytes: int) -> None:
        """Reset the first connection that brings ``after_bytes`` (a status check's few bytes
        do not): what came before was printed (no cut), the rest of the job is lost."""
        with self._changed:
            self._state.drop_after_bytes = after_bytes

    def refuse_connections(self, refuse: bool) -> None:
        """Close the listening socket (connect gets ECONNREFUSED); reopen on the same port."""
        if refuse:
            self._close_listener()
        elif self._listener is None:
            self._listen(self._port)

    # -- what came out -----------------------------------------------------------------------

    @property
    def receipts(self) -> list[SimReceipt]:
        with self._changed:
            return list(self._out.receipts)

    @property
    def drawer_kicks(self) -> list[DrawerKick]:
        with self._changed:
            return list(self._out.drawer_kicks)

    @property
    def status_requests(self) -> int:
        with self._changed:
            return self._out.status_requests

    @property
    def dropped(self) -> int:
        with self._changed:
            return self._out.dropped

    @property
    def bytes_received(self) -> int:
        with self._changed:
            return self._out.bytes_received

    def wait_for_bytes(self, count: int, timeout: float = 5.0) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self._out.bytes_received >= count, timeout)
            return self._out.bytes_received

    def wait_for_receipts(self, count: int, timeout: float = 5.0) -> list[SimReceipt]:
        with self._changed:
            self._changed.wait_for(lambda: len(self._out.receipts) >= count, timeout)
            return list(self._out.receipts)

    def wait_for_status_requests(self, count: int, timeout: float = 5.0) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self._out.status_requests >= count, timeout)
            return self._out.status_requests

    def wait_for_kicks(self, count: int, timeout: float = 5.0) -> list[DrawerKick]:
        with self._changed:
            self._changed.wait_for(lambda: len(self._out.drawer_kicks) >= count, timeout)
            return list(self._out.drawer_kicks)

    # -- internals ---------------------------------------------------------------------------

    def _listen(self, port: int) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, port))
        listener.listen(8)
        self._port = listener.getsockname()[1]
        self._listener = listener
        self._spawn(self._accept_loop, listener)

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()

    def _spawn(self, target: Callable[[socket.socket], None], sock: socket.socket) -> None:
        thread = threading.Thread(target=target, args=(sock,), daemon=True, name="sim-printer")
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([listener], [], [], _POLL_S)
                if not ready:
                    continue
                client, _ = listener.accept()
            except (OSError, ValueError):
                return  # listener closed: refusing connections, or stopping
            with self._changed:
                self._clients.add(client)
            # One connection at a time, as a raw port-9100 printer does: the next client waits
            # in the backlog. Serving them in parallel let two jobs' bytes race, so receipts
            # could come out of the simulator in a different order than they were sent.
            self._serve(client)

    def _serve(self, client: socket.socket) -> None:
        parser = EscPosParser()
        with self._changed:
            drop_after = self._state.drop_after_bytes
        try:
            while not self._stop.is_set():
                with self._changed:
                    if self._state.offline:
                        self._changed.wait(_POLL_S)
                        continue
                ready, _, _ = select.select([client], [], [], _POLL_S)
                if not ready:
                    continue
                data = client.recv(65536 if drop_after is None else max(drop_after, 1))
                if not data:
                    break
                self._handle(client.sendall, parser.feed(data), len(data))
                if drop_after is not None:
                    drop_after -= len(data)
                    if drop_after <= 0:
                        self._reset(client)
                        return
            self._handle(client.sendall, parser.flush(), 0)
        except OSError:
            pass  # the client reset the connection; a printer just waits for the next one
        finally:
            with self._changed:
                self._clients.discard(client)
            client.close()

    def _reset(self, client: socket.socket) -> None:
        # SO_LINGER 0: close() sends RST, as a printer that lost power mid-job leaves the
        # sender with a reset connection rather than a tidy end of stream.
        with self._changed:
            self._state.drop_after_bytes = None
            self._out.dropped += 1
            self._out.pending.clear()
            self._changed.notify_all()
            self._clients.discard(client)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()

    def _handle(
        self, reply_with: Callable[[bytes], object], events: Sequence[Event], received: int
    ) -> None:
        finished: list[SimReceipt] = []
        kicks: list[DrawerKick] = []
        if received:
            with self._changed:
                self._out.bytes_received += received
                self._changed.notify_all()
        for event in events:
            if isinstance(event, StatusRequest):
                reply = self._status_byte(event.n)
                if reply is not None:
                    reply_with(bytes([reply]))
                continue
            with self._changed:
                if isinstance(event, DrawerKick):
                    self._out.drawer_kicks.append(event)
                    kicks.append(event)
                if isinstance(event, Printed):
                    self._out.pending.append(event)
                if isinstance(event, Cut):
                    receipt = SimReceipt(tuple(self._out.pending))
                    self._out.pending.clear()
                    self._out.receipts.append(receipt)
                    finished.append(receipt)
                self._changed.notify_all()
        if self._on_kick is not None:
            for kick in kicks:
                self._on_kick(kick)
        if self._on_receipt is not None:
            for receipt in finished:
                self._on_receipt(receipt)

    def _status_byte(self, n: int) -> int | None:
        with self._changed:
            self._out.status_requests += 1
            self._changed.notify_all()
            state = _State(**vars(self._state))
            if not state.answers_status:
                return None
            if self._state.delayed_replies is not None:
                if self._state.delayed_replies > 0:
                    self._state.delayed_replies -= 1
                else:
                    state.status_delay_s = 0.0
        if state.status_delay_s and self._stop.wait(state.status_delay_s):
            return None
        # Every status byte has the fixed shape 0xx1xx10 (bits 1 and 4 set, 0 and 7 clear).
        base = 0x12
        stopped = state.paper_out or state.cover_open
        if n == 1:  # printer status: bit 2 drawer sensor, bit 3 offline
            return base | (0x04 if state.drawer_sensor_high else 0) | (0x08 if stopped else 0)
        if n == 2:  # offline cause: bit 2 cover open, bit 5 stopped by paper end
            return base | (0x04 if state.cover_open else 0) | (0x20 if state.paper_out else 0)
        if n == 3:  # error cause: none simulated
            return base
        if n == 4:  # paper sensor: bits 2-3 near end, bits 5-6 paper end
            near = 0x0C if state.paper_near_end else 0
            return base | near | (0x60 if state.paper_out else 0)
        return None
