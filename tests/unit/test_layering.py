"""DESIGN §1: the core packages never pull in Qt, and never reach up into the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_PACKAGES = ("pos_app.domain", "pos_app.db", "pos_app.services", "hardware", "sync")
# The one module allowed to bridge device events into Qt signals.
QT_BRIDGES = {"hardware.qt_bridge"}


def core_modules() -> list[str]:
    names: list[str] = []
    for package in CORE_PACKAGES:
        path = ROOT.joinpath(*package.split("."))
        names.append(package)
        for info in pkgutil.walk_packages([str(path)], prefix=f"{package}."):
            if info.name not in QT_BRIDGES and ".migrations" not in info.name:
                names.append(info.name)
    return names


def test_core_module_list_is_not_empty() -> None:
    modules = core_modules()
    assert "pos_app.domain.money" in modules
    assert "pos_app.services.checkout" in modules


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_package_imports_without_qt(package: str) -> None:
    modules = [m for m in core_modules() if m == package or m.startswith(f"{package}.")]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "banned = ('PySide6', 'shiboken6', 'pos_app.ui')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(banned))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{package} imported {result.stdout.strip()}"


def test_domain_imports_nothing_of_ours_outside_domain() -> None:
    script = (
        "import importlib, pkgutil, sys, pos_app.domain as d\n"
        "for info in pkgutil.walk_packages(d.__path__, prefix='pos_app.domain.'):\n"
        "    importlib.import_module(info.name)\n"
        "ours = ('pos_app', 'hardware', 'sync')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ours\n"
        "             and m not in ('pos_app',) and not m.startswith('pos_app.domain'))\n"
        "bad += sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'requests'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
