"""Engines and sessions for the till's SQLite file (docs/architecture.md §3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from pos_app.db.paths import DB_FILENAME as DB_FILENAME
from pos_app.db.paths import database_path as database_path
from pos_app.db.paths import default_data_dir as default_data_dir

BUSY_TIMEOUT_MS = 5000


def create_till_engine(path: Path, *, writer: bool = True) -> Engine:
    """An engine on the till database with the pragmas every connection needs.

    ``writer=True`` makes each transaction ``BEGIN IMMEDIATE``: the write lock is taken up
    front, so two writers can never both read the same journal head and one of them fail at
    commit (a sale acknowledged to a customer must not hit SQLITE_BUSY at the last step).
    Readers (catalog look-ups on other threads) use ``writer=False``: deferred and
    ``query_only`` so a stray write from a read path fails loudly.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if not writer:
                cursor.execute("PRAGMA query_only=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
