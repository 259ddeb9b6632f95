from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from pos_app.db import migrate
from pos_app.db.engine import create_till_engine
from pos_app.db.models import Base

REPO_ROOT = Path(__file__).resolve().parents[3]


def test_migrate_empty_file_to_head(db_path: Path) -> None:
    engine = create_till_engine(db_path)
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"sales", "sale_lines", "journal_entries", "outbox_events", "products"} <= tables


def test_rerunning_migrations_changes_nothing(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO products (sku, name, department, tax_class, price_minor, "
                "sold_by_weight, active) VALUES ('A', 'Apple', 'produce', 'reduced', 10, 0, 1)"
            )
        )
    migrate.upgrade(engine)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM products")).scalar_one() == 1


def test_a_start_at_the_head_reads_the_files_and_never_imports_alembic(
    engine: Engine, db_path: Path
) -> None:
    # The fast path must agree with Alembic about the head, or an update would be skipped.
    assert migrate.file_head() == migrate.head_revision()
    script = (
        "import sys; from pathlib import Path; from pos_app.db import migrate; "
        "from pos_app.db.engine import create_till_engine; "
        f"migrate.upgrade(create_till_engine(Path({str(db_path)!r}))); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_a_file_behind_the_head_is_still_upgraded(db_path: Path) -> None:
    engine = create_till_engine(db_path)
    migrate.upgrade(engine, "0008")
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_models_match_migrations(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The FTS5 shadow tables are created by raw SQL and are not models.
    relevant = [d for d in diff if "products_fts" not in str(d)]
    assert relevant == []


def test_downgrade_to_base_and_back(engine: Engine) -> None:
    migrate.downgrade(engine, "base")
    assert "sales" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert "sales" in inspect(engine).get_table_names()


def test_connection_pragmas(engine: Engine) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_reader_engine_refuses_writes(engine: Engine, db_path: Path) -> None:
    reader = create_till_engine(db_path, writer=False)
    with reader.connect() as conn, pytest.raises(Exception, match=r"readonly|read-only|query_only"):
        conn.execute(text("INSERT INTO tax_rates VALUES ('x', '0', 'x')"))
    reader.dispose()


def test_fts_index_follows_products(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO products (sku, name, department, tax_class, price_minor, "
                "sold_by_weight, active) VALUES ('C1', 'Crème Brûlée Pot', 'dairy', 'r', 10, 0, 1)"
            )
        )
        conn.execute(text("UPDATE products SET name = 'Chocolate Mousse' WHERE sku = 'C1'"))

    def hits(query: str) -> int:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM products_fts WHERE products_fts MATCH :q"),
                    {"q": query},
                ).scalar_one()
            )

    assert hits('"choc"*') == 1
    assert hits('"creme"*') == 0  # the old name left the index on update
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM products WHERE sku = 'C1'"))
    assert hits('"choc"*') == 0
