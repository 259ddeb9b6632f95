"""Where the till database lives. Apart from ``db.engine`` (which re-exports these) so that
``omnitill run`` finds the file before it loads SQLAlchemy (issue 18, cold start)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

DB_FILENAME = "till.sqlite3"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("omnitill", appauthor=False))


def database_path(data_dir: Path | None) -> Path:
    directory = data_dir if data_dir is not None else default_data_dir()
    return directory / DB_FILENAME
