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

    def printed(self) -> str:
        """Everything the demo printer has printed so far: its paper roll."""
        return self.roll.read_text(encoding="utf-8") if self.roll.exists() else ""

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


# -- a web order collected at the till (the real-window test and the screenshot script) -----

ORDER_WAIT_S = 90.0  # the demo hub posts an order every 2 s; 3 in 10 are paid in store


def pay_in_store_order(till: TillProcess) -> tuple[str, list[str]]:
    """The first pickup order to be paid in store, and its items' barcodes, one per unit."""

    def found() -> list[str]:
        return [
            str(n)
            for (n,) in till.query(
                "SELECT number FROM web_orders WHERE payment_status = 'pay_in_store'"
                " AND fulfilment = 'pickup' ORDER BY created_at LIMIT 1"
            )
        ]

    till.wait_for(lambda: bool(found()), "a web order paid in store", timeout=ORDER_WAIT_S)
    [number] = found()
    units = till.query(
        "SELECT MIN(b.barcode), l.quantity_milli FROM web_order_lines l"
        " JOIN products p ON p.sku = l.sku JOIN product_barcodes b ON b.product_id = p.id"
        " WHERE l.order_number = ? GROUP BY l.line_no, l.quantity_milli",
        number,
    )
    return number, [str(code) for code, milli in units for _ in range(int(milli) // 1000)]


def local_status(till: TillProcess, number: str) -> str | None:
    rows = till.query("SELECT local_status FROM collection_orders WHERE order_number = ?", number)
    return str(rows[0][0]) if rows else None


def picked(till: TillProcess, number: str) -> int:
    rows = till.query(
        "SELECT SUM(picked_milli) FROM collection_lines WHERE order_number = ?", number
    )
    return int(rows[0][0] or 0) if rows else 0


def pick_by_scanning(till: TillProcess, number: str, units: list[str]) -> None:
    """Collections (F1), the order barcode scanned to open it, F3, then every unit scanned."""
    till.key("F1")
    till.wait_screen("collections")
    till.scan(number)  # the order barcode on the pick list
    till.wait_for(lambda: f"order {number} shown: new" in till.log_text(), f"order {number}")
    till.key("F3")  # start picking
    till.wait_for(lambda: local_status(till, number) == "picking", f"{number} being picked")
    for done, code in enumerate(units, start=1):
        till.scan(code)  # one at a time: the next once this one is on the order
        want = 1000 * done
        till.wait_for(lambda: picked(till, number) == want, f"{done} item(s) picked")  # noqa: B023


def ready_and_hand_over(till: TillProcess, number: str, note: str = "ID checked") -> None:
    """F5 (Ready + label), then F6 (Hand over) without the ID noted: the cursor goes to the
    note; the note typed, F6 again. A pay-in-store order then shows its payment."""
    till.key("F5")
    # The screen, not only the database: F6 acts on the order the screen shows as ready.
    till.wait_for(lambda: f"order {number} shown: ready" in till.log_text(), f"{number} ready")
    # F6 moves the focus to the note in its own key handler, before Qt reads the next X
    # event: the note typed after it lands in the note, with nothing to wait for.
    till.key("F6")
    till.type(note)
    till.key("F6")


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
