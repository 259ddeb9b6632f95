"""Build the till bundle, prove it works, and pack it.

    python installer/build.py            # from the repository root, inside .venv

Runs PyInstaller on ``installer/omnitill.spec`` (one folder: ``dist/omnitill/``), then runs the
bundle's ``--version`` and ``self-test`` from outside the repository, and packs
``dist/omnitill-<version>-<os>-<arch>.tar.gz`` (Linux: with the desktop entry and icon) or
``.zip`` (Windows: ``OmniTill.exe`` without a console plus ``omnitill-cli.exe``, which is
the one self-tested; ``installer/omnitill.iss`` then makes the setup program from the folder).
It first checks that the environment holds exactly the versions pinned in
``requirements/constraints.txt`` (what ``python3 dev.py bundle`` installs), so a bundle built
next month ships the same libraries. Exit status is non-zero when any step fails.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "omnitill"
WINDOWS = sys.platform == "win32"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def unlocked_packages() -> list[str]:
    """Pinned packages installed at another version (or not at all), as "name: have, pinned"."""
    wrong = []
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        pin = line.split("#", 1)[0].strip()
        if "==" not in pin:
            continue
        name, pinned = (part.strip() for part in pin.split("==", 1))
        try:
            have = version(name)
        except PackageNotFoundError:
            have = "missing"
        if have != pinned:
            wrong.append(f"{name}: {have}, pinned {pinned}")
    return wrong


def build() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "installer" / "omnitill.spec"),
        ],
        cwd=ROOT,
        check=True,
    )


# Windows: OmniTill.exe has no console (Start menu); omnitill-cli.exe is the console program.
CLI_EXE = BUNDLE / ("omnitill-cli.exe" if WINDOWS else "omnitill")
WINDOWED_EXE = BUNDLE / "OmniTill.exe"


def self_test(expected_version: str) -> None:
    exe = CLI_EXE
    if WINDOWS and not WINDOWED_EXE.exists():
        raise SystemExit(f"no {WINDOWED_EXE.name} in the bundle")
    # From an empty folder with its own log folder: the bundle must need nothing from here.
    with tempfile.TemporaryDirectory(prefix="omnitill-bundle-") as tmp:
        shown = subprocess.run(
            [str(exe), "--version"], cwd=tmp, capture_output=True, text=True, check=True
        ).stdout.strip()
        if shown != f"omnitill {expected_version}":
            raise SystemExit(f"bundle says {shown!r}, expected omnitill {expected_version}")
        subprocess.run([str(exe), "--log-dir", tmp, "self-test"], cwd=tmp, check=True)


def pack(release: str) -> Path:
    machine = platform.machine().lower() or "unknown"
    name = f"omnitill-{release}-{sys.platform}-{machine}"
    if WINDOWS:
        return Path(shutil.make_archive(str(DIST / name), "zip", DIST, "omnitill"))
    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname="omnitill")
        for extra in ("omnitill.desktop", "omnitill.svg"):
            tar.add(ROOT / "installer" / extra, arcname=f"omnitill/share/{extra}")
    return archive


def main() -> int:
    release = version("omnitill")
    wrong = unlocked_packages()
    if wrong:
        say("not the locked versions (python3 dev.py bundle installs them): " + "; ".join(wrong))
        return 1
    started = time.monotonic()
    say("compiling the translations (resources/translations/*.qm, bundled with resources/)")
    subprocess.run([sys.executable, "-m", "pos_app.ui.translations"], cwd=ROOT, check=True)
    say(f"building omnitill {release} with PyInstaller …")
    build()
    built = time.monotonic() - started
    if not list(BUNDLE.rglob("omnitill_*.qm")):
        say("the bundle has no compiled translations (resources/translations/*.qm)")
        return 1
    say(f"built {BUNDLE} in {built:.0f} s, {folder_size(BUNDLE) / 1e6:.0f} MB")
    self_test(release)
    archive = pack(release)
    say(f"packed {archive.name}: {archive.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
