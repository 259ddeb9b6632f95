"""Reading and copying a real till database file the way the tests need it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import OutboxEvent, StoreProfile


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    """Raw rows from the till file (as another process reading it would see them)."""
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def outbox(till_db: sessionmaker[Session]) -> list[dict[str, Any]]:
    """The till's real outbox, as its sync client would send it."""
    with till_db() as session:
        found = session.execute(select(OutboxEvent).order_by(OutboxEvent.id)).scalars().all()
        return [
            {"event_id": r.event_id, "kind": r.kind, "payload": json.loads(r.payload)}
            for r in found
        ]


def copy_till(seeded: sessionmaker[Session], path: Path, till_id: str) -> sessionmaker[Session]:
    """Another till of the same store: the seeded database (before any sale), renamed."""
    source = seeded.kw["bind"].url.database
    with sqlite3.connect(source) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    factory = make_session_factory(create_till_engine(path))
    with factory.begin() as session:
        session.execute(update(StoreProfile).values(till_id=till_id))
    return factory


def set_store_locale(db: Path, locale: str) -> None:
    """The store's locale in a till file, as the hub's store feed (or the standalone set-up)
    writes it: the till's screens, formats and receipts follow it."""
    set_store_profile(db, locale=locale)


def set_store_profile(db: Path, **values: Any) -> None:
    """Store settings in a till file (``locale``, ``cash_rounding_step``…), as the store feed
    writes them; a till built afterwards reads them."""
    engine = create_till_engine(db)
    try:
        with make_session_factory(engine).begin() as session:
            session.execute(update(StoreProfile).values(**values))
    finally:
        engine.dispose()
