"""A fault-injecting TCP proxy for the sync tests, standard library only (threads and sockets).

It sits on a loopback port between the till and a real hub and relays bytes. To put a fault at
an exact point of an exchange it frames HTTP/1.1 messages (a head, then a ``Content-Length``
body; the till's ``requests`` never pipelines), and for each request whose head matches a
prefix (``POST /v1/events``, say) it takes the next fault from a plan the test sets:

- ``PASS``: relay as is.
- ``DROP``: close the till's connection before anything reaches the hub.
- ``RESET_REQUEST``: relay the head and half the body, then reset both connections
  (SO_LINGER 0: an RST, not a FIN). The hub never sees a whole request.
- ``RESET_RESPONSE``: relay the whole request, read the hub's whole answer (the hub has
  committed), relay part of it, then reset the till's connection: a lost acknowledgement.
- ``Delay(seconds)``: hold the hub's answer that long before relaying it (a slow hub, or,
  longer than the till's read timeout, another lost acknowledgement).
- ``HOLD``: keep the hub's answer until ``release()`` (or ``close()``): the hub has stored
  the batch, the till is still waiting for the answer.

Requests that match no prefix, or that come after the plan ran out, are relayed as is. The
proxy counts what it did, and how many "duplicate" results the hub sent back.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections import Counter, deque
from collections.abc import Iterable

HEAD_LIMIT = 64 * 1024


class Fault:
    """A named fault; a delay carries its time."""

    def __init__(self, name: str, seconds: float = 0.0) -> None:
        self.name = name
        self.seconds = seconds

    def __repr__(self) -> str:
        return self.name


PASS = Fault("PASS")
DROP = Fault("DROP")
RESET_REQUEST = Fault("RESET_REQUEST")
RESET_RESPONSE = Fault("RESET_RESPONSE")
HOLD = Fault("HOLD")


def Delay(seconds: float) -> Fault:  # named like the constant faults it sits among
    return Fault(f"Delay({seconds:g})", seconds)


class Closed(Exception):
    """The peer closed its side (or the proxy is shutting down)."""


def _reset(sock: socket.socket) -> None:
    """Close with an RST: SO_LINGER on, timeout 0."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class _Reader:
    """Buffered reads of HTTP/1.1 messages from one socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> None:
        try:
            data = self.sock.recv(65536)
        except OSError as exc:
            raise Closed(str(exc)) from None
        if not data:
            raise Closed("end of stream")
        self.buffer += data

    def head(self) -> bytes:
        while b"\r\n\r\n" not in self.buffer:
            if len(self.buffer) > HEAD_LIMIT:
                raise Closed("header too long")
            self._fill()
        end = self.buffer.index(b"\r\n\r\n") + 4
        head, self.buffer = self.buffer[:end], self.buffer[end:]
        return head

    def body(self, head: bytes) -> bytes:
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
            elif name.strip().lower() == b"transfer-encoding":
                raise Closed("chunked bodies are not supported by this proxy")
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return body


class ChaosProxy:
    """``with ChaosProxy(hub_port) as proxy: proxy.plan(b"POST /v1/events", [...])``."""

    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self._upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._plans: list[tuple[bytes, deque[Fault]]] = []
        self._released = threading.Event()
        self._closing = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self.done: Counter[str] = Counter()  # fault name -> times applied
        self.requests: Counter[bytes] = Counter()  # matched prefix -> requests seen
        self.duplicates = 0  # "duplicate" results relayed or swallowed from the hub
        self.held = threading.Event()  # set once a HOLD has an answer in hand
        self._acceptor = threading.Thread(target=self._accept, name="chaos-accept", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ChaosProxy:
        self._acceptor.start()
        return self

    def plan(self, prefix: bytes, faults: Iterable[Fault]) -> None:
        """Faults for the next requests whose first line starts with ``prefix``, in order."""
        with self._lock:
            self._plans.append((prefix, deque(faults)))

    def remaining(self) -> int:
        with self._lock:
            return sum(len(faults) for _, faults in self._plans)

    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        self._closing.set()
        self._released.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() (Linux)
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked reading it
            _reset(sock)
        self._acceptor.join(5)
        for thread in self._threads:
            thread.join(5)

    def __enter__(self) -> ChaosProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals ---------------------------------------------------------------------------

    def _next_fault(self, head: bytes) -> tuple[bytes | None, Fault]:
        with self._lock:
            for prefix, faults in self._plans:
                if head.startswith(prefix):
                    self.requests[prefix] += 1
                    return prefix, faults.popleft() if faults else PASS
        return None, PASS

    def _track(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.add(sock)
        return sock

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._track(client)
            thread = threading.Thread(
                target=self._serve, args=(client,), name="chaos-conn", daemon=True
            )
            with self._lock:
                self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            from_client = _Reader(client)
            while not self._closing.is_set():
                head = from_client.head()
                prefix, fault = self._next_fault(head)
                if fault is DROP:
                    self._count(fault)
                    client.close()
                    return
                body = from_client.body(head)
                if upstream is None:
                    upstream = self._track(socket.create_connection(self._upstream, timeout=30))
                if fault is RESET_REQUEST:
                    upstream.sendall(head + body[: len(body) // 2])
                    self._count(fault)
                    _reset(upstream)
                    _reset(client)
                    return
                upstream.sendall(head + body)
                from_hub = _Reader(upstream)
                answer_head = from_hub.head()
                answer = answer_head + from_hub.body(answer_head)
                if prefix is not None:
                    with self._lock:
                        self.duplicates += answer.count(b'"status":"duplicate"')
                if fault is RESET_RESPONSE:
                    client.sendall(answer[: len(answer_head) + 10])
                    self._count(fault)
                    _reset(client)
                    _reset(upstream)
                    return
                if fault.seconds > 0:
                    self._count(fault)
                    if self._closing.wait(fault.seconds):
                        return
                elif fault is HOLD:
                    self._count(fault)
                    self.held.set()
                    self._released.wait()
                    if self._closing.is_set():
                        return
                client.sendall(answer)
        except (Closed, OSError):
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()
                    with self._lock:
                        self._sockets.discard(sock)

    def _count(self, fault: Fault) -> None:
        with self._lock:
            self.done[fault.name] += 1
