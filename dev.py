#!/usr/bin/env python3
"""Set up everything OmniTill needs, then run the till or the test suite.

    python3 dev.py demo      # the till in demo mode
    python3 dev.py test      # lint, type-check and the whole test suite
    python3 dev.py bundle    # build the till bundle (dist/), self-test it, pack it
    python3 dev.py lock      # regenerate requirements/constraints.txt from pyproject.toml

Needs only python3 >= 3.11. Creates ./.venv, installs the project with its dev tools at the
versions pinned in requirements/constraints.txt (again only when pyproject.toml or that file
changed), installs the Debian packages Qt needs when they are missing (as root, or through
passwordless sudo; otherwise it says what to install), compiles the translations, then runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".omnitill-installed"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
# The lock: every extra, for the Python running this script (3.11 on Linux for the bundle and
# the hub container). The project itself and the installers are left out of it.
LOCK_COMMAND = [
    "-m",
    "piptools",
    "compile",
    "--quiet",
    "--all-extras",
    "--strip-extras",
    "--annotation-style=line",
    "--no-emit-index-url",
    "--no-emit-trusted-host",
    "--no-emit-find-links",
    "--unsafe-package=omnitill",
    "--unsafe-package=pip",
    "--unsafe-package=setuptools",
    "--output-file=requirements/constraints.txt",
    "pyproject.toml",
]

# Shared libraries Qt's offscreen and xcb platforms load, and the Debian package of each.
QT_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libX11-xcb.so.1": "libx11-xcb1",
}
# Without a font, offscreen Qt renders every label blank.
FONT_PACKAGE = "fonts-dejavu-core"
# The console's browser tests drive Debian's chromium (Playwright cannot download its own).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_PACKAGE = "chromium"
# The real-window acceptance suite (tests/realwindow): a virtual X server, real key events,
# and screenshots of the root window. The program each package brings, and the package.
REALWINDOW_PROGRAMS = {
    "Xvfb": "xvfb",
    "xdotool": "xdotool",
    "xwd": "x11-apps",
    "import": "imagemagick",
}


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def ensure_python() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"OmniTill needs Python 3.11 or newer; this is {sys.version.split()[0]}")


def missing_debian_packages() -> list[str]:
    if not sys.platform.startswith("linux") or shutil.which("dpkg") is None:
        return []
    try:
        known = subprocess.run(
            ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        known = ""
    wanted = {pkg for lib, pkg in QT_LIBRARIES.items() if f"{lib} " not in known}
    wanted |= {pkg for prog, pkg in REALWINDOW_PROGRAMS.items() if shutil.which(prog) is None}
    fonts = Path("/usr/share/fonts")
    if not fonts.is_dir() or not any(fonts.rglob("*.ttf")):
        wanted.add(FONT_PACKAGE)
    if not Path(CHROMIUM).exists():
        wanted.add(CHROMIUM_PACKAGE)
    return sorted(wanted)


def ensure_debian_packages() -> None:
    packages = missing_debian_packages()
    if not packages:
        return
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif (
        shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], check=False).returncode == 0
    ):
        prefix = ["sudo", "-n"]
    else:
        say(
            "Qt, the real-window and the browser tests need these Debian packages: "
            + " ".join(packages)
        )
        say("install them with: sudo apt-get install -y " + " ".join(packages))
        return
    say(
        "installing Debian packages for Qt, the real-window and the browser tests: "
        + " ".join(packages)
    )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, "apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> None:
    if not venv_python().exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(CONSTRAINTS.read_bytes())
    wanted = digest.hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("installing OmniTill and its dependencies into .venv")
    pip = [str(venv_python()), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "-c", str(CONSTRAINTS), "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def compile_translations() -> None:
    """The screens' languages: resources/translations/*.ts -> .qm with pyside6-lrelease (build
    output, not committed; only the stale ones are compiled again)."""
    python = str(venv_python())
    subprocess.run([python, "-m", "pos_app.ui.translations"], cwd=ROOT, check=True)


def command_lock() -> int:
    """Pin every dependency of every extra anew (after a dependency is added or bumped)."""
    if not venv_python().exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    python = str(venv_python())
    subprocess.run([python, "-m", "pip", "install", "-q", "pip-tools>=7.4"], check=True)
    # The file's header then names this command, not pip-compile's own arguments.
    env = dict(os.environ, CUSTOM_COMPILE_COMMAND="python3 dev.py lock")
    code = run([python, *LOCK_COMMAND], env)
    if code == 0:
        say(f"wrote {CONSTRAINTS.relative_to(ROOT)}; commit it with pyproject.toml")
    return code


def run(args: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(args, cwd=ROOT, env=env, check=False).returncode


def pytest_workers(extra: list[str]) -> list[str]:
    """One pytest worker per core (pytest-xdist), unless the command line chose (-n, -p no:xdist).

    The tests share no ports, folders or databases (free ports, tmp_path, random PostgreSQL
    database names, Xvfb picks its own display), so they run side by side; --dist loadfile keeps
    a module's tests, and its module fixtures, on one worker."""
    chosen = any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in extra)
    return [] if chosen else ["-n", str(min(os.cpu_count() or 1, 4)), "--dist", "loadfile"]


def command_test(extra: list[str]) -> int:
    python = str(venv_python())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    steps = [
        ("ruff", [python, "-m", "ruff", "check", "."]),
        ("ruff format", [python, "-m", "ruff", "format", "--check", "."]),
        ("mypy", [python, "-m", "mypy"]),
        ("pytest", [python, "-m", "pytest", *pytest_workers(extra), *extra]),
    ]
    for name, args in steps:
        say(f"running {name}")
        code = run(args, env)
        if code != 0:
            say(f"{name} failed (exit {code})")
            return code
    return 0


def command_demo(extra: list[str]) -> int:
    return run([str(venv_python()), "-m", "pos_app.cli", "demo", *extra])


def command_bundle(extra: list[str]) -> int:
    return run([str(venv_python()), str(ROOT / "installer" / "build.py"), *extra])


def main(argv: list[str]) -> int:
    ensure_python()
    if not argv or argv[0] not in {"demo", "test", "bundle", "setup", "lock"}:
        print(__doc__)
        return 2
    if argv[0] == "lock":
        return command_lock()
    ensure_debian_packages()
    ensure_venv()
    compile_translations()
    command, extra = argv[0], argv[1:]
    if command == "test":
        return command_test(extra)
    if command == "demo":
        return command_demo(extra)
    if command == "bundle":
        return command_bundle(extra)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
