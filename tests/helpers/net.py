"""Loopback ports for tests that start or expect servers."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from typing import Any

import requests


def unused_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago): for a server the test is
    about to start, or for a connection that must be refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_health(process: subprocess.Popen[bytes], port: int, timeout: float = 30.0) -> Any:
    """Poll a hub process's /v1/health on loopback until it answers; its JSON. Fails if the
    process exits first (with its stderr) or the deadline passes."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read() if process.stderr else "exited")
        try:
            return requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).json()
        except (requests.ConnectionError, requests.Timeout):  # slow start on a busy machine
            if time.monotonic() > deadline:
                raise
            pause.wait(0.05)
