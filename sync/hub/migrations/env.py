"""Alembic environment for the hub database; the engine is handed in by sync.hub.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from sync.hub.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run hub migrations through sync.hub.migrate, which supplies the engine")

with engine.connect() as connection:
    # render_as_batch: SQLite cannot ALTER most things, batch mode rebuilds the table instead.
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
