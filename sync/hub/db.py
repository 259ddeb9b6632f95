"""The hub's database by URL: a SQLite file (one store, a demo) or PostgreSQL (a chain).

``HubDatabase.write()`` is the one way to change anything: a transaction that commits on
success. On SQLite it is ``BEGIN IMMEDIATE`` behind an in-process lock, so there is exactly one
writer at a time (feed positions then commit in order by construction, and waiting writers
queue on the lock instead of spinning in SQLite's busy handler). On PostgreSQL writers run
concurrently; ``feed.append`` and ``feed.publish`` order their feed rows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, literal_column
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
# A pooled PostgreSQL connection idle longer than this is pinged before use (see _idle_ping).
IDLE_PING_SECONDS = 10.0
# psycopg caches the parse of a statement with at most 50 parameters (see insert_rows).
MULTI_ROW_MAX_PARAMS = 50


class DatabaseUrlError(ValueError):
    """The --db URL names no database the hub can run on."""


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` (what people type) and pin the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUrlError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise DatabaseUrlError("the hub needs a SQLite file, e.g. sqlite:///hub.sqlite3")
        return parsed.set(drivername="sqlite+pysqlite").render_as_string(hide_password=False)
    raise DatabaseUrlError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")


def _sqlite_engine(url: str, *, writer: bool) -> Engine:
    engine = create_engine(
        url,
        pool_size=4,
        max_overflow=16,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            # FULL: an event the hub acknowledged is gone from the till's outbox, so the
            # hub's commit must survive a power cut, not only a crash (docs/architecture.md §10).
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


def _idle_ping(engine: Engine) -> None:
    """Ping a pooled connection only when it has been idle for ``IDLE_PING_SECONDS``.

    ``pool_pre_ping`` costs a round trip on every checkout: on a busy hub two of every ingest
    request's round trips (issue 18). A connection in steady use is known alive; one that sat
    idle (a restarted server, a proxy's idle timeout) is pinged and, if dead, replaced before
    the request sees it. A connection dying between two close uses still fails that request
    (503, the till retries) and SQLAlchemy then drops the pool's older connections.
    """

    @event.listens_for(engine, "connect")
    @event.listens_for(engine, "checkin")
    def _mark(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle = time.monotonic() - record.info.get("idle_since", 0.0)
        if idle < IDLE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure: a dead connection; the pool takes another
            raise DisconnectionError(f"idle connection failed its ping: {exc}") from exc


class HubDatabase:
    def __init__(self, url: str, *, pool_size: int = 10, max_overflow: int = 20) -> None:
        self.url = normalise_url(url)
        self.is_postgres = self.url.startswith("postgresql")
        if self.is_postgres:
            self.engine = create_engine(self.url, pool_size=pool_size, max_overflow=max_overflow)
            _idle_ping(self.engine)
            self._reader = self.engine
        else:
            self.engine = _sqlite_engine(self.url, writer=True)
            self._reader = _sqlite_engine(self.url, writer=False)
        self._write_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=self._reader, expire_on_commit=False)
        self._sqlite_writer_lock = threading.Lock()

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self.is_postgres:
            with self._write_sessions.begin() as session:
                yield session
            return
        with self._sqlite_writer_lock, self._write_sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        if self._reader is not self.engine:
            self._reader.dispose()


def insert_rows(session: Session, stmt: Any, rows: list[dict[str, Any]], *returning: Any) -> Any:
    """Execute an INSERT (or upsert) for many rows in one round trip; its RETURNING rows.

    SQLAlchemy's "insertmanyvalues" sends the rows as one multi-row statement, but on psycopg
    only for a statement with RETURNING; a plain executemany is a pipeline of one statement
    per row. The multi-row text is parsed by psycopg on every call past its cache's 50
    parameters, which costs more than the pipeline for big batches (bench/profile_ingest.py):
    so without ``returning`` columns, few rows go as one statement (a constant returned) and
    many as the pipeline. An upsert's rows must not repeat a key (PostgreSQL updates a row
    once per statement).
    """
    if not returning and len(rows) * len(rows[0]) > MULTI_ROW_MAX_PARAMS:
        return session.connection().execute(stmt, rows)
    stmt = stmt.returning(*(returning or (literal_column("1"),)))
    return session.connection().execute(stmt, rows)


def dialect_insert(session: Session, table: Any) -> Any:
    """INSERT with ``on_conflict_do_*`` for whichever database the session is on."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert(table)
    return sqlite_insert(table)
