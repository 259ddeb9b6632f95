"""A glance at the till database before the data layer is loaded: what the sign-in window shows.

The till's start is split in two (docs/architecture.md §4, "Start-up"): the window with the
sign-in screen appears first and the rest loads behind it. Importing SQLAlchemy and the models
alone costs more than that first paint should, so the store name and till id are read here
with the standard library, read-only. The full context still comes from
``services.store.till_context.load_till_context`` once the data layer is up; this is only a
label, and anything unexpected (a new file, a schema being migrated) gives ``None``.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

# The columns of db.models.StoreProfile (a test keeps the two in step).
_QUERY = "SELECT store_name, till_id FROM store_profile WHERE id = 1"


def store_locale(db_path: Path) -> str | None:
    """The store's locale (store_profile.locale, e.g. "fr_FR"), or None when it cannot be read
    (no file, no profile, a database from before the column)."""
    row = _read(db_path, "SELECT locale FROM store_profile WHERE id = 1")
    return str(row[0]) if row is not None and row[0] else None


def _read(db_path: Path, query: str) -> tuple[object, ...] | None:
    if not db_path.is_file():
        return None
    try:
        uri = f"{db_path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=1.0)) as connection:
            row = connection.execute(query).fetchone()
    except sqlite3.Error:
        return None
    return tuple(row) if row is not None else None


def store_labels(db_path: Path) -> tuple[str, str] | None:
    """(store name, till id) from the store profile, or None when it cannot be read."""
    row = _read(db_path, _QUERY)
    return None if row is None else (str(row[0]), str(row[1]))
