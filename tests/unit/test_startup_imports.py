"""Cold start (issue 18): what the till needs up to its sign-in screen imports none of the heavy
modules it only needs later or never (docs/architecture.md, start-up).

Measured with ``python -X importtime`` on this machine: the hub protocol's pydantic models
~0.4 s, the hub server (FastAPI, uvicorn) more. Each is loaded when first used: the wire models
when the hub is spoken to or a hub document is read, the hub server never in a till; the
printer driver, python-escpos (0.1-0.35 s), at the first print job.

The window with the sign-in screen is painted before the rest of the till loads
(``ui.start``, two stages): its own path imports neither the data layer nor the till's screens.

A fresh interpreter each time: in the test process these modules are long loaded by other tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# What ``omnitill run`` imports before the sign-in screen shows: the CLI, the till's settings
# and devices configuration, the till context, the staff sign-in service and its screen.
SIGN_IN_PATH = (
    "pos_app.cli",
    "sync.client.config",
    "hardware.config",
    "pos_app.services.store.till_context",
    "pos_app.services.staff.auth",
    "pos_app.ui.staff.signin_view",
    "pos_app.ui.start",
)

# Heavy and not needed to sign in. (SQLAlchemy, Qt and the pricing domain are needed: the
# sign-in screen is a Qt window over the till database, and the till context holds the basket.)
DEFERRED = (
    "pydantic",  # the hub protocol's wire models
    "sync.protocol",
    "sync.client.lookups",
    "fastapi",  # the hub server: never part of a till
    "uvicorn",
    "sync.hub.app",
    "alembic",  # migrations run only when the schema is behind
    "escpos",  # the printer driver: at the first print job
)

# Up to the first paint of the sign-in window (stage 1 of ``ui.start``): Qt and that window.
FIRST_PAINT_PATH = ("pos_app.ui.start", "pos_app.ui.boot")
AFTER_FIRST_PAINT = (
    *DEFERRED,
    "sqlalchemy",  # the data layer (the store's name is peeked with sqlite3)
    "pos_app.db.models",
    "pos_app.ui.app",  # the composition root and every screen behind sign-in
    "pos_app.ui.sale",
    "hardware.config",  # device settings are read behind the sign-in screen
    "pos_app.domain.pricing",
)


def _loaded_after(modules: tuple[str, ...]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(done.stdout))


def test_sign_in_path_imports_no_heavy_module() -> None:
    loaded = _loaded_after(SIGN_IN_PATH)
    heavy = sorted(
        name for name in loaded if any(name == d or name.startswith(d + ".") for d in DEFERRED)
    )
    assert heavy == []


def test_first_paint_path_imports_only_the_sign_in_window() -> None:
    loaded = _loaded_after(FIRST_PAINT_PATH)
    later = sorted(
        name
        for name in loaded
        if any(name == d or name.startswith(d + ".") for d in AFTER_FIRST_PAINT)
    )
    assert later == []


def test_printing_imports_the_printer_driver_when_a_job_is_rendered() -> None:
    loaded = _loaded_after(("hardware.till_devices", "hardware.escpos_printer"))
    assert not any(name == "escpos" or name.startswith("escpos.printer") for name in loaded)
    code = (
        "import sys\n"
        "from hardware.escpos_render import EscposRenderer\n"
        "EscposRenderer().render([])\n"
        "print('escpos.printer' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("module", "heavy"),
    [
        ("sync.hub.app", "fastapi"),
        ("sync.client.lookups", "pydantic"),
        ("pos_app.ui.app", "sqlalchemy"),
        ("hardware.escpos_connectors", "escpos"),
    ],
)
def test_the_check_sees_a_heavy_import(module: str, heavy: str) -> None:
    # The same check run on a module that does need the heavy one finds it (the test above
    # cannot pass because nothing is ever reported).
    assert heavy in _loaded_after((module,))


# ``omnitill run`` on a till that is ready (profile, staff, schema at head), up to the first
# paint of its sign-in window: the command line, Qt and that window. Not the data layer, the
# wire models, the other commands' modules or the screens behind sign-in.
NOT_BEFORE_FIRST_PAINT = (
    *AFTER_FIRST_PAINT,
    "sqlalchemy",
    "pos_app.db.engine",
    "pos_app.services",  # every service: the sign-in is checked once the till is built
    "pos_app.ui.click_collect",
    "pos_app.ui.returns",
    "sync.hub",  # `omnitill hub …` and the demo hub
    "sync.client.lookups",
    "hardware.cli",  # `omnitill devices …`
    "PIL",  # receipt rasters
    "PySide6.QtNetwork",
    "PySide6.QtSql",
)
# The PySide6 modules the sign-in window needs; any other is a sign that more was built.
QT_FOR_SIGN_IN = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}


@pytest.fixture(scope="module")
def ready_till(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pos_app.services.staff.demo_staff import prepare_demo_till

    folder = tmp_path_factory.mktemp("ready-till")
    prepare_demo_till(folder, products=20, out=lambda _line: None)
    return folder


def _loaded_at_first_paint(command: list[str]) -> set[str]:
    """The modules of a real ``omnitill …`` start when its sign-in window has painted (the
    process then quits instead of building the till behind it)."""
    code = (
        "import json, sys\n"
        "import pos_app.ui.start as start\n"
        "from PySide6.QtWidgets import QApplication\n"
        "def at_paint(widget, then):\n"
        "    def record():\n"
        "        print(json.dumps(sorted(sys.modules)), flush=True)\n"
        "        QApplication.instance().exit(0)\n"
        "    start.boot_after_first_paint(widget, record)\n"
        "start.boot_after_first_paint = start.after_first_paint\n"
        "start.after_first_paint = at_paint\n"
        "from pos_app.cli import main\n"
        f"main({command!r})\n"
    )
    return _modules_printed_by(code)


def _modules_printed_by(code: str) -> set[str]:
    """Runs ``code`` in a fresh interpreter (offscreen Qt); its last line is sys.modules."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120,
        env=env,
    )  # fmt: skip
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _within(loaded: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(
        name for name in loaded if any(name == p or name.startswith(p + ".") for p in packages)
    )


def test_omnitill_run_paints_its_sign_in_window_before_loading_the_till(
    ready_till: Path,
) -> None:
    command = ["--data-dir", str(ready_till), "--log-dir", str(ready_till / "logs"), "run"]
    loaded = _loaded_at_first_paint([*command, "--window"])
    assert "pos_app.ui.staff.signin_view" in loaded  # the check saw the window's modules
    later = _within(loaded, NOT_BEFORE_FIRST_PAINT)
    assert later == [], "\n".join(later)
    assert {name for name in loaded if name.startswith("PySide6.Qt")} == QT_FOR_SIGN_IN


# A standalone till (no hub settings) ready to scan: the wire models, the sync client and the
# printer driver are not part of it (with a hub they load with the sync client, after the
# screens; the printer driver at the first print job or with a printer model to check).
NOT_IN_A_STANDALONE_TILL = (
    "pydantic",
    "sync.protocol",
    "sync.client.lookups",
    "sync.client.http",
    "pos_app.services.sync.runtime",
    "pos_app.services.sync.feed_apply",
    "escpos",
    "fastapi",
    "alembic",
)


def test_a_standalone_till_is_ready_to_scan_without_the_wire_models(ready_till: Path) -> None:
    db = ready_till / "till.sqlite3"
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['omnitill'])\n"
        "from hardware.config import DeviceConfig\n"
        "from hardware.till_devices import TillDevices\n"
        "from pos_app.ui.app import build_till\n"
        f"till = build_till(Path({str(db)!r}), devices=TillDevices(DeviceConfig()))\n"
        "assert till.controller.catalog.by_barcode('0000000000000') is None\n"
        "print(json.dumps(sorted(sys.modules)), flush=True)\n"
        "till.close()\n"
    )
    loaded = _modules_printed_by(code)
    assert "pos_app.ui.sale.sale_view" in loaded  # the check saw the till's modules
    heavy = _within(loaded, NOT_IN_A_STANDALONE_TILL)
    assert heavy == [], "\n".join(heavy)
