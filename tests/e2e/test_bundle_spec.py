"""The PyInstaller spec's executables per platform, and the windowed entry's default command.

Windows cannot be run here: the spec is executed with PyInstaller's build steps recorded
instead of run (Analysis/EXE/COLLECT are PyInstaller's own boundary), once as Linux and once
with ``sys.platform`` set to "win32". The real Linux build is `python3 dev.py bundle`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "omnitill.spec"


class Recorder:
    def __init__(self) -> None:
        self.exes: list[dict[str, Any]] = []
        self.collected: list[object] = []

    def namespace(self) -> dict[str, Any]:
        recorder = self

        class Analysis:
            def __init__(self, scripts: list[str], **kwargs: Any) -> None:
                self.scripts = scripts
                self.pure: list[object] = []
                self.binaries: list[object] = []
                self.datas = kwargs["datas"]

        def exe(*_args: Any, **kwargs: Any) -> dict[str, Any]:
            recorder.exes.append(kwargs)
            return kwargs

        def collect(*args: Any, **kwargs: Any) -> None:
            recorder.collected = [a for a in args if isinstance(a, dict)]
            assert kwargs["name"] == "omnitill"

        return {
            "SPECPATH": str(SPEC.parent),
            "Analysis": Analysis,
            "PYZ": lambda pure: pure,
            "EXE": exe,
            "COLLECT": collect,
            "__name__": "spec",
        }


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> Recorder:
    pytest.importorskip("PyInstaller.utils.hooks")  # imported before sys.platform changes
    recorder = Recorder()
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), recorder.namespace())
    return recorder


def test_linux_builds_one_console_omnitill(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = run_spec(monkeypatch, "linux")
    assert [(e["name"], e["console"], e["icon"]) for e in spec.exes] == [("omnitill", True, None)]
    assert spec.collected == spec.exes


def test_windows_builds_a_windowed_till_and_a_console_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = run_spec(monkeypatch, "win32")
    assert [(e["name"], e["console"]) for e in spec.exes] == [
        ("OmniTill", False),
        ("omnitill-cli", True),
    ]
    assert all(e["icon"] == str(ROOT / "installer" / "omnitill.ico") for e in spec.exes)
    assert spec.collected == spec.exes  # both in the one folder the installer ships


def load_entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location("omnitill_entry", ROOT / "installer" /
                                                  "omnitill_entry.py")  # fmt: skip
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_windowed_program_opens_the_till_unless_told_otherwise() -> None:
    entry = load_entry()
    assert entry.windowed_argv([]) == ["run"]
    assert entry.windowed_argv(["self-test"]) == ["self-test"]


def test_the_installer_script_installs_both_and_keeps_the_data_folder() -> None:
    iss = (ROOT / "installer" / "omnitill.iss").read_text(encoding="utf-8")
    icons = iss.split("[Icons]")[1].split("[Run]")[0]
    assert 'Name: "{group}\\OmniTill"; Filename: "{app}\\OmniTill.exe"' in icons
    assert "omnitill-cli.exe" in iss.split("[Run]")[1]  # the self-test needs the console one
    assert "LOCALAPPDATA" not in iss.split("[Setup]")[1]  # no section names the data folder
    assert "[UninstallDelete]" not in iss
