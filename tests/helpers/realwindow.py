"""Real-window fixtures: the real ``omnitill`` process in a real X window, typed at by real X key
events, as a store's keyboard-wedge scanner and cashier would.

- ``XServer``: Xvfb on a free display (``-displayfd``: the server picks the number, so parallel
  runs never collide) at a given size; ``screenshot`` grabs the root window with ImageMagick's
  ``import`` (what the screen really shows, not what Qt thinks it drew).
- ``TillProcess``: ``python -m pos_app.cli --data-dir D --log-dir L demo …`` with DISPLAY set and
  ``QT_QPA_PLATFORM=xcb``. ``scan`` types a code with ``xdotool type --delay 8`` (a wedge
  scanner's speed; xdotool sends Shift around capitals as a scanner does) ending in Return;
  ``type`` and ``key`` go at a person's speed. Results are read where a store would find them:
  the till's database (read-only), the demo printer's paper roll, the log, screenshots.

Skips, saying which, when Xvfb, xdotool or ImageMagick's ``import`` are missing (dev.py installs
them). Waits use deadlines (``eventually``), never sleeps.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from shutil import which
from typing import Any

import pytest

from tests.helpers.hub import eventually

TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "import": "imagemagick"}
SCANNER_DELAY_MS = 8
HUMAN_DELAY_MS = 120
START_TIMEOUT_S = 90.0  # a demo hub, a 300-product catalog and Qt on a shared 2-core machine
WAIT_S = 20.0
ROOT = Path(__file__).resolve().parents[2]


def _raise_priority() -> None:
    """A scanner is hardware: its 8 ms gaps do not grow when the machine is busy. xdotool and
    Xvfb run at a raised priority so a loaded CI machine does not stretch them (root only;
    elsewhere they run as they are)."""
    with contextlib.suppress(OSError):
        os.nice(-10)


def missing_tools() -> list[str]:
    return [f"{tool} (Debian package {pkg})" for tool, pkg in TOOLS.items() if not which(tool)]


class XServer:
    """A virtual X server of the given size, on a display number it chose itself."""

    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,),
            preexec_fn=_raise_priority,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # written once the server accepts clients
        if not number:
            self.proc.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def run(self, *args: str, timeout: float = WAIT_S) -> str:
        env = dict(os.environ, DISPLAY=self.display)
        done = subprocess.run(
            list(args), env=env, capture_output=True, text=True, timeout=timeout, check=True,
            preexec_fn=_raise_priority,
        )  # fmt: skip
        return done.stdout

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run("import", "-window", "root", f"png:{path}")
        return path

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class TillProcess:
    """The real till process on ``xserver``; ``args`` follow the global options."""

    def __init__(self, xserver: XServer, data_dir: Path, run_dir: Path, args: list[str]) -> None:
        self.x = xserver
        self.data_dir = data_dir
        self.log_dir = run_dir / "logs"  # this run's own: its log, output and temporary files
        self.tmp_dir = run_dir / "tmp"
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None
        self.window = ""
        self.output = run_dir / "till-output.txt"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "till.sqlite3"

    @property
    def roll(self) -> Path:
        return self.data_dir / "demo-printer-roll.txt"

    def start(self) -> TillProcess:
        env = dict(
            os.environ,
            DISPLAY=self.x.display,
            QT_QPA_PLATFORM="xcb",
            PYTHONPATH=str(ROOT),
            TMPDIR=str(self.tmp_dir),
        )
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        env.pop("OMNITILL_LOG_DIR", None)
        argv = [sys.executable, "-m", "pos_app.cli", "--data-dir", str(self.data_dir),
                "--log-dir", str(self.log_dir), *self.args]  # fmt: skip
        with self.output.open("ab") as out:
            self.proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        found = self.x.run(
            "xdotool", "search", "--sync", "--onlyvisible", "--name", "^OmniTill$",
            timeout=START_TIMEOUT_S,
        )  # fmt: skip
        self.window = found.split()[0]
        self.x.run("xdotool", "windowfocus", "--sync", self.window)
        return self

    # -- what a person and a scanner do -----------------------------------------------------

    def scan(self, code: str) -> None:
        """A keyboard-wedge burst: ~8 ms a character, Shift around capitals, then Return."""
        delay = str(SCANNER_DELAY_MS)  # one xdotool run: no process start between code and Enter
        self.x.run("xdotool", "type", "--delay", delay, "--args", "1", code, "key", "Return")

    def type(self, text: str) -> None:
        self.x.run("xdotool", "type", "--delay", str(HUMAN_DELAY_MS), text)

    def key(self, *keys: str) -> None:
        self.x.run("xdotool", "key", "--delay", str(HUMAN_DELAY_MS), *keys)

    def sign_in(self, pin: str = "1111") -> None:
        self.type(pin)
        self.key("Return")
        self.wait_screen("saleView")

    # -- what the store finds afterwards ----------------------------------------------------

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if not self.db_path.exists():
            return []
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute(sql, params).fetchall()

    def log_text(self) -> str:
        path = self.log_dir / "omnitill.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def screens(self) -> list[str]:
        marker = "screen: "
        return [
            line.split(marker, 1)[1].strip()
            for line in self.log_text().splitlines()
            if marker in line
        ]

    def wait_screen(self, name: str, timeout: float = WAIT_S) -> None:
        eventually(
            lambda: bool(self.screens()) and self.screens()[-1] == name,
            timeout,
            f"the {name} screen (screens so far: {self.screens()[-5:]})",
        )

    def scans_logged(self) -> list[str]:
        """The till's support log of scans: "<screen>: <masked code> (<n> characters)"."""
        marker = "scan on "
        return [line.split(marker, 1)[1] for line in self.log_text().splitlines() if marker in line]

    def wait_scan(self, screen: str, code: str) -> None:
        """Wait until the till took ``code`` as one whole scan on ``screen``."""
        shown = code if len(code) <= 8 else f"{code[:3]}…{code[-4:]}"
        entry = f"{screen}: {shown} ({len(code)} characters)"
        self.wait_for(
            lambda: entry in self.scans_logged(),
            f"{code!r} scanned whole on {screen} (scans so far: {self.scans_logged()[-4:]})",
        )

    def wait_for(self, predicate: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
        self.assert_alive()
        eventually(predicate, timeout, what)

    def assert_alive(self) -> None:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(
                f"the till exited ({self.proc.returncode}):\n{self.output.read_text()[-3000:]}"
            )

    # -- ending it ------------------------------------------------------------------------

    def terminate(self, timeout: float = 20.0) -> float:
        """SIGTERM, as a service manager or a shutdown sends it; returns the seconds it took."""
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=timeout)
        return time.monotonic() - started

    def kill(self) -> None:
        """kill -9: a crash or a power cut, as far as the till's files can tell."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def realwindow_tools() -> None:
    missing = missing_tools()
    if missing:
        pytest.skip(
            "real-window tests need " + ", ".join(missing) + " (python3 dev.py installs them)"
        )


class RealWindows:
    """Starts X servers and tills for one test, and ends every one of them after it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[XServer | TillProcess] = []

    def xserver(self, width: int, height: int) -> XServer:
        server = XServer(width, height)
        self.started.append(server)
        return server

    def till(self, xserver: XServer, *args: str) -> TillProcess:
        """A till on this test's data folder (a second one is the same till started again)."""
        run = self.folder / f"run{sum(isinstance(t, TillProcess) for t in self.started)}"
        till = TillProcess(xserver, self.folder / "data", run, list(args))
        self.started.append(till)
        return till.start()

    def close(self) -> None:
        for thing in reversed(self.started):  # tills first, then their X servers
            thing.stop()


@pytest.fixture
def realwindows(realwindow_tools: None, tmp_path: Path) -> Iterator[RealWindows]:
    windows = RealWindows(tmp_path)
    try:
        yield windows
    finally:
        windows.close()
