"""Running the hub under uvicorn: in the foreground (``omnitill hub serve``) or in a thread.

We bind the listening sockets ourselves, always with ``proto=IPPROTO_TCP``: asyncio turns on
TCP_NODELAY only for sockets that say they are TCP, and without it every response waits
~40 ms for the client's delayed ACK (a 30× slower hub). Several workers are separate processes,
each with its own socket on the same port (SO_REUSEPORT; the kernel spreads connections).
The thread form knows its port (an OS-assigned one for tests and the bench) before it starts
and returns once the app's startup has run.
"""

from __future__ import annotations

import argparse
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType

import uvicorn
from fastapi import FastAPI

from sync.hub import migrate
from sync.hub.app import create_app
from sync.hub.db import HubDatabase
from sync.hub.settings import HubSettings, SmtpSettings


def bound_socket(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


@dataclass(frozen=True)
class TlsFiles:
    """A PEM certificate (chain) and its private key: the hub then speaks HTTPS only."""

    cert: Path
    key: Path

    def check(self) -> None:
        """A clear error before start-up instead of a traceback from inside uvicorn."""
        for what, path in (("certificate", self.cert), ("key", self.key)):
            if not path.is_file():
                raise ValueError(f"TLS {what} file not found: {path}")
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(self.cert, self.key)
        except (ssl.SSLError, OSError) as exc:
            raise ValueError(f"TLS certificate and key do not load together: {exc}") from None


def _config(
    app: FastAPI, graceful_s: float | None = None, tls: TlsFiles | None = None
) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        ws="none",  # no websockets here; not importing them keeps their warnings away
        access_log=False,  # ours is sync/hub/limits.py: it names the caller, never a token
        timeout_keep_alive=30,
        # A client that never finishes (e.g. a failed TLS handshake left open) must not hold
        # a stop for ever: after this, remaining connections are cut.
        timeout_graceful_shutdown=graceful_s if graceful_s is not None else 10,  # type: ignore[arg-type]
        ssl_certfile=str(tls.cert) if tls else None,
        ssl_keyfile=str(tls.key) if tls else None,
    )


class ServerThread:
    """A real uvicorn server on 127.0.0.1 in a background thread; use as a context manager.

    ``graceful_s``: how long ``stop`` lets open requests finish (None: until they do). The demo
    hub gives 0.5 s: a till's feed long-poll would otherwise hold the exit for its full wait.
    """

    def __init__(
        self,
        app: FastAPI,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        graceful_s: float | None = None,
    ) -> None:
        self.app = app
        self._socket = bound_socket(host, port)
        self.host, self.port = self._socket.getsockname()[:2]
        self._server = uvicorn.Server(_config(app, graceful_s))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="hub-server"
        )

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the hub server stopped during startup")
            if time.monotonic() > deadline:
                raise RuntimeError("the hub server did not start in time")
            time.sleep(0.01)
        return self

    def stop(self, timeout: float = 20.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._socket.close()
        if self._thread.is_alive():
            raise RuntimeError("the hub server did not stop in time")

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def run_worker(
    settings: HubSettings, host: str, port: int, *, reuse_port: bool, tls: TlsFiles | None = None
) -> None:
    """One uvicorn server in this process, in the foreground, until SIGINT/SIGTERM."""
    sock = bound_socket(host, port, reuse_port=reuse_port)
    try:
        uvicorn.Server(_config(create_app(settings), tls=tls)).run(sockets=[sock])
    finally:
        sock.close()


def serve(
    settings: HubSettings, *, host: str, port: int, workers: int = 1, tls: TlsFiles | None = None
) -> None:
    """Migrate once, then serve in the foreground until interrupted."""
    if tls is not None:
        tls.check()
    db = HubDatabase(settings.db_url)
    try:
        migrate.upgrade(db.engine)
    finally:
        db.dispose()
    if workers == 1:
        run_worker(settings, host, port, reuse_port=False, tls=tls)
        return
    if not settings.db_url.startswith("postgresql"):
        raise ValueError("several workers need PostgreSQL (SQLite has one writer)")
    argv = [sys.executable, "-m", "sync.hub.server", settings.db_url, host, str(port)]
    if settings.pickup_link_template:
        argv += ["--pickup-link", settings.pickup_link_template]
    argv += ["--max-body-bytes", str(settings.max_body_bytes)]
    if not settings.run_jobs:
        argv += ["--no-jobs"]
    if tls is not None:
        argv += ["--tls-cert", str(tls.cert), "--tls-key", str(tls.key)]
    children = [subprocess.Popen(argv) for _ in range(workers)]

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)  # supervising: a worker that dies takes the hub down, loudly
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for child in children:
            child.terminate()
        for child in children:
            child.wait(timeout=30)
    failed = [child.returncode for child in children if child.returncode not in (0, -15)]
    if failed:
        raise RuntimeError(f"a hub worker exited with status {failed[0]}")


def _worker_main() -> None:
    parser = argparse.ArgumentParser(description="one hub worker (started by 'hub serve')")
    parser.add_argument("db_url")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--pickup-link", default=None)
    parser.add_argument("--max-body-bytes", type=int, default=HubSettings.max_body_bytes)
    parser.add_argument("--tls-cert", type=Path, default=None)
    parser.add_argument("--tls-key", type=Path, default=None)
    parser.add_argument("--no-jobs", action="store_true")
    args = parser.parse_args()
    # SMTP settings come from the environment the parent was started with (never argv: the
    # password would show in the process list).
    settings = HubSettings(
        db_url=args.db_url,
        pickup_link_template=args.pickup_link,
        smtp=SmtpSettings.from_env(),
        max_body_bytes=args.max_body_bytes,
        run_jobs=not args.no_jobs,
    )
    tls = TlsFiles(args.tls_cert, args.tls_key) if args.tls_cert and args.tls_key else None
    run_worker(settings, args.host, args.port, reuse_port=True, tls=tls)


if __name__ == "__main__":
    _worker_main()
