"""Which file holds the till's device settings. Apart from ``hardware.config`` (which re-exports
it) because finding the file needs none of the printer modules that checking it does:
``omnitill run`` on a till without one imports none of them before its window shows (issue 18)."""

from __future__ import annotations

from pathlib import Path

CONFIG_NAMES = ("devices.toml", "devices.json")


def find_device_config(data_dir: Path) -> Path | None:
    """The settings file in the till's data folder, if there is one."""
    for name in CONFIG_NAMES:
        candidate = data_dir / name
        if candidate.exists():
            return candidate
    return None
