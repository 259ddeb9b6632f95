"""The hub runs without the till's packages (pyproject.toml's `till` extra: Qt, device
drivers, image and barcode libraries): the hub container installs only `.[hub]`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers.net import unused_port, wait_for_health

ROOT = Path(__file__).resolve().parents[3]

# The modules the till extra's distributions provide, found from the installed distributions
# (PySide6 for pyside6-essentials, serial for pyserial, PIL for pillow …).
TILL_MODULES = """
import importlib.metadata as md, json, re, tomllib
extra = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["till"]
till = {re.match(r"[A-Za-z0-9._-]+", r).group(0).lower() for r in extra}
TILL = {m for m, dists in md.packages_distributions().items()
        if any(d.lower().replace("_", "-") in till for d in dists)}
assert {"PySide6", "serial", "escpos"} <= TILL, TILL  # the guard sees what it guards against
"""
# In a fresh interpreter: every till module refuses to import, as in the hub container.
BLOCK_TILL = (
    TILL_MODULES
    + """
import sys
class NoTill:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in TILL:
            raise ModuleNotFoundError(f"No module named {name!r} (not in the hub container)")
sys.meta_path.insert(0, NoTill())
"""
)


def name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9._-]+", requirement).group(0)  # type: ignore[union-attr]


def test_the_till_extra_names_the_packages_the_hub_must_not_need() -> None:
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    till = {name(r) for r in extra["optional-dependencies"]["till"]}
    assert {"pyside6-essentials", "python-escpos", "pyserial"} <= till
    assert not till & {name(r) for r in extra["dependencies"]}


def test_the_hub_entry_modules_load_no_till_package(tmp_path: Path) -> None:
    script = (
        TILL_MODULES
        + """
import sys
import pos_app.cli, sync.hub.cli, sync.hub.server
from sync.hub.app import create_app
from sync.hub.settings import HubSettings
create_app(HubSettings(db_url=sys.argv[1]))
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & TILL)))
"""
    )
    done = subprocess.run(
        [sys.executable, "-c", script, f"sqlite:///{tmp_path / 'hub.sqlite3'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_hub_serve_answers_with_the_till_packages_missing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    port = unused_port()
    serve = BLOCK_TILL + (
        "from pos_app.cli import main\n"
        f"sys.exit(main(['hub', 'serve', '--db', {url!r}, '--port', '{port}']))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", serve], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        answer = wait_for_health(process, port)
        assert answer == {"status": "ok"}
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()
