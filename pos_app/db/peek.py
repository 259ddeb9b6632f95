"""A glance at the till database before the data layer is loaded: what the sign-in window shows.

The till's start is split in two (docs/architecture.md §4, "Start-up"): the window with the
sign-in screen appears first and the rest loads behind it. Importing SQLAlchemy and the models
alone costs more than that first paint should, so the store name and till id are read here
with the standard library, read-only. The full context still comes from
``services.store.till_context.load_till_context`` once the data layer is up; this is only a
label, and anything unexpected (a new file, a schema being migrated) gives ``None``.

``ready_to_sign_in`` is the same kind of look for ``omnitill run``: a database at the head with
a store profile and staff has nothing to report before the window opens, so the command opens
it without loading the data layer first (the full check runs only when this says no).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from pos_app.db.migrate import file_head

# The columns of db.models.StoreProfile (a test keeps the two in step); a database from before
# till migration 0017 has no locale yet, and its first start reads the rest without it.
_QUERY = "SELECT store_name, till_id, locale FROM store_profile WHERE id = 1"
_QUERY_BEFORE_LOCALE = "SELECT store_name, till_id, NULL FROM store_profile WHERE id = 1"
# AuthService.staff_count's rule (active staff), a test keeps the two in step.
_QUERY_STAFF = "SELECT EXISTS (SELECT 1 FROM staff WHERE active)"
_QUERY_REVISION = "SELECT version_num FROM alembic_version"


@dataclass(frozen=True)
class StoreLabels:
    store_name: str
    till_id: str
    locale: str | None  # e.g. "fr_FR": the sign-in window's language


def _read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)


def store_labels(db_path: Path) -> StoreLabels | None:
    """The store profile's labels in one read-only look, or None when it cannot be read (no
    file, no profile, a schema being migrated)."""
    if not db_path.is_file():
        return None
    try:
        with closing(_read_only(db_path)) as connection:
            try:
                row = connection.execute(_QUERY).fetchone()
            except sqlite3.OperationalError:  # no such column: not migrated to 0017 yet
                row = connection.execute(_QUERY_BEFORE_LOCALE).fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return StoreLabels(str(row[0]), str(row[1]), str(row[2]) if row[2] else None)


def ready_to_sign_in(db_path: Path) -> bool:
    """True when the database is at the migration files' head and has a store profile and an
    active staff member: nothing ``omnitill run`` checks before its window can fail. False
    for anything else, including what cannot be read (then the caller runs the full check)."""
    if not db_path.is_file():
        return False
    head = file_head()
    try:
        with closing(_read_only(db_path)) as connection:
            revisions = connection.execute(_QUERY_REVISION).fetchall()
            profile = connection.execute(_QUERY_BEFORE_LOCALE).fetchone()
            (staff,) = connection.execute(_QUERY_STAFF).fetchone()
    except sqlite3.Error:
        return False
    at_head = head is not None and [tuple(row) for row in revisions] == [(head,)]
    return at_head and profile is not None and bool(staff)
