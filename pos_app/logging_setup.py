"""Rotating log files for the till, set up once by the ``omnitill`` entry point (Qt-free).

Where the files go: ``--log-dir`` if given; else ``$OMNITILL_LOG_DIR`` (services, containers,
the test suite); else ``logs/`` inside a custom ``--data-dir`` (a demo or test till keeps
everything in one folder); else the platform's user log folder
(``~/.local/state/omnitill/log`` on Linux, ``%LOCALAPPDATA%\\omnitill\\Logs`` on Windows).
The only state is the standard ``logging`` configuration: one rotating handler on the root
logger, replaced (never duplicated) when called again.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

LOG_FILENAME = "omnitill.log"
LOG_DIR_ENV = "OMNITILL_LOG_DIR"
HANDLER_NAME = "omnitill-file"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(threadName)s %(name)s: %(message)s"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir("omnitill", appauthor=False))


def resolve_log_dir(log_dir: Path | None, data_dir: Path | None) -> Path:
    if log_dir is not None:
        return log_dir
    from_env = os.environ.get(LOG_DIR_ENV)
    if from_env:
        return Path(from_env)
    if data_dir is not None:
        return data_dir / "logs"
    return default_log_dir()


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send INFO and above to ``log_dir/omnitill.log`` (2 MB × 6 files); return the file."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILENAME
    handler = RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path


def current_log_dir() -> Path | None:
    """The folder the file handler writes to, if logging was configured in this process."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename).parent
    return None


def setup_cli_logging(log_dir: Path | None, data_dir: Path | None, command: str) -> None:
    """What ``omnitill`` calls first: log to the file; an unwritable folder only warns."""
    folder = resolve_log_dir(log_dir, data_dir)
    try:
        configure_logging(folder)
    except OSError as exc:
        print(f"omnitill: not logging to {folder}: {exc.strerror or exc}", file=sys.stderr)
        return
    from pos_app.support import version

    logging.getLogger("omnitill").info("omnitill %s: %s", version(), command)
