"""The till's hub settings: hub URL and device token, in one small JSON file (mode 0600).

No file means standalone mode: a single shop without a hub keeps selling as before. The file
is written atomically (temporary file in the same folder, fsync, rename, fsync of the folder),
so a crash leaves either the old settings or the new ones, never half a token. It is created
0600 from the start (never widened and narrowed later): the token is the till's password.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

CONFIG_FILENAME = "hub.json"
CONFIG_VERSION = 1
FILE_MODE = 0o600


class ConfigError(Exception):
    """The hub settings file exists but cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class HubConfig:
    hub_url: str
    token: str
    till_id: str
    store_id: str
    enrolled_at: datetime

    def __repr__(self) -> str:  # never print the token in a log or a traceback
        return f"HubConfig(hub_url={self.hub_url!r}, till_id={self.till_id!r}, token=***)"


def default_config_dir() -> Path:
    return Path(platformdirs.user_config_dir("omnitill", appauthor=False))


def resolve_config_dir(config_dir: Path | None, data_dir: Path | None) -> Path:
    """``--config-dir`` wins; a custom ``--data-dir`` keeps its hub settings beside the
    database (a demo or test till is then self-contained); else the platform config folder."""
    if config_dir is not None:
        return config_dir
    if data_dir is not None:
        return data_dir
    return default_config_dir()


def config_path(config_dir: Path) -> Path:
    return config_dir / CONFIG_FILENAME


def load_config(config_dir: Path) -> HubConfig | None:
    path = config_path(config_dir)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(raw)
        if data.get("version") != CONFIG_VERSION:
            raise ConfigError(f"{path} has an unknown version; enroll the till again")
        return HubConfig(
            hub_url=str(data["hub_url"]),
            token=str(data["token"]),
            till_id=str(data["till_id"]),
            store_id=str(data["store_id"]),
            enrolled_at=datetime.fromisoformat(str(data["enrolled_at"])),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ConfigError(f"{path} is damaged; enroll the till again") from None


def save_config(config_dir: Path, config: HubConfig) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_path(config_dir)
    body = {"version": CONFIG_VERSION, **asdict(config)}
    body["enrolled_at"] = config.enrolled_at.isoformat()
    text = json.dumps(body, indent=2, sort_keys=True) + "\n"
    fd, tmp_name = tempfile.mkstemp(prefix=".hub-", suffix=".tmp", dir=config_dir)
    tmp = Path(tmp_name)
    try:
        # mkstemp already creates 0600 on POSIX; say it explicitly where the OS allows it.
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(config_dir)
    return path


def _fsync_dir(directory: Path) -> None:
    # The rename is only durable once the folder itself is synced (POSIX); Windows cannot
    # open a folder for this and makes renames durable itself.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
