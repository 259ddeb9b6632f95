"""docs/architecture.md §1.3: the core packages never pull in Qt, and each layer
imports only those below it. Packages are walked, so every workflow subpackage is covered."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_PACKAGES = (
    "pos_app.domain",
    "pos_app.db",
    "pos_app.services",
    "hardware",
    "sync",
    "sync.client",
)
# The one module allowed to bridge device events into Qt signals.
QT_BRIDGES = {"hardware.qt_bridge"}
QT = ("PySide6", "shiboken6")

# What each layer must never import (prefixes), beyond Qt, which none of them may import.
FORBIDDEN = {
    "pos_app.domain": (
        "pos_app.db",
        "pos_app.services",
        "pos_app.ui",
        "hardware",
        "sync",
        "sqlalchemy",
        "requests",
    ),
    "pos_app.db": ("pos_app.services", "pos_app.ui", "hardware", "sync"),
    "pos_app.services": ("pos_app.ui", "sync.hub", "hardware.sim"),
    # Devices and the sync client sit below the till's use cases: they may share the domain's
    # rules, never call back up into services or the screens.
    "hardware": ("pos_app.ui", "pos_app.services", "sync"),
    "sync": ("pos_app.ui", "hardware"),
    "sync.client": ("pos_app.ui", "pos_app.services", "hardware", "sync.hub"),
}


def modules_of(package: str) -> list[str]:
    path = ROOT.joinpath(*package.split("."))
    names = [package]
    for info in pkgutil.walk_packages([str(path)], prefix=f"{package}."):
        if info.name not in QT_BRIDGES and ".migrations" not in info.name:
            names.append(info.name)
    return names


def imported_by(modules: list[str]) -> set[str]:
    """Every module loaded by importing ``modules`` in a fresh interpreter."""
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_module_discovery_finds_the_core() -> None:
    assert "pos_app.domain.money" in modules_of("pos_app.domain")
    assert "pos_app.services.sale.checkout" in modules_of("pos_app.services")
    # Workflow subpackages are walked too, however deep.
    assert "pos_app.domain.staff.roles" in modules_of("pos_app.domain")
    assert "pos_app.services.returns.in_store" in modules_of("pos_app.services")
    assert "sync.client.pusher" in modules_of("sync.client")


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_layer_imports_only_what_is_below_it(package: str) -> None:
    loaded = imported_by(modules_of(package))
    banned = (*QT, *FORBIDDEN[package])
    bad = sorted(m for m in loaded if m.startswith(banned) and not m.startswith(package))
    assert bad == [], f"{package} imported {bad}"


def test_the_check_itself_sees_qt() -> None:
    # Guards the guard: importing a Qt module is visible to imported_by.
    assert "PySide6.QtCore" in imported_by(["PySide6.QtCore"])
