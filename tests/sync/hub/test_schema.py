"""The hub's Alembic migrations are the schema: they must match the models, both ways."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from sync.hub import migrate
from sync.hub.db import HubDatabase
from sync.hub.models import Base


def test_migrated_schema_matches_the_models(hub_db: HubDatabase) -> None:
    dialect = hub_db.engine.dialect.name

    def for_this_database(obj: Any, name: str | None, kind: str, *_: Any) -> bool:
        # An index made for one database only (``Index(...).ddl_if(dialect=...)``, e.g. the
        # PostgreSQL trigram search indexes) is compared on that database only.
        only = getattr(obj, "_ddl_if", None)
        return only is None or only.dialect in (None, dialect)

    with hub_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": for_this_database})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_database_is_at_the_hub_head_not_the_till_head(hub_db: HubDatabase) -> None:
    assert migrate.current_revision(hub_db.engine) == migrate.head_revision()
    assert migrate.MIGRATIONS_DIR.parent.name == "hub"


def test_downgrade_to_base_and_up_again(hub_db: HubDatabase) -> None:
    migrate.downgrade(hub_db.engine, "base")
    assert "feed" not in inspect(hub_db.engine).get_table_names()
    migrate.upgrade(hub_db.engine)
    assert {"feed", "events", "stock_levels", "web_orders"} <= set(
        inspect(hub_db.engine).get_table_names()
    )


def test_sqlite_hub_runs_in_wal_mode(tmp_path) -> None:
    db = HubDatabase(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    try:
        with db.engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "wal"
    finally:
        db.dispose()
