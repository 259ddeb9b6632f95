"""sync/hub/db.py on PostgreSQL: a pooled connection is pinged only after sitting idle, and a
dead idle connection is replaced before a request sees it."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from sync.hub import db as hub_db_module
from sync.hub.db import HubDatabase
from tests.helpers.round_trips import RoundTrips


def _backend_pid(db: HubDatabase) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


@pytest.fixture
def pg_db(hub_db_url: str) -> HubDatabase:
    if not hub_db_url.startswith("postgresql"):
        pytest.skip("the idle ping is PostgreSQL's (SQLite is a local file)")
    return HubDatabase(hub_db_url, pool_size=1, max_overflow=0)


def test_a_connection_in_use_is_not_pinged(pg_db: HubDatabase) -> None:
    _backend_pid(pg_db)  # connected
    trips = RoundTrips(pg_db.engine)
    with trips.counting():
        for _ in range(5):
            _backend_pid(pg_db)
    assert trips.pings == 0, trips.report()
    pg_db.dispose()


def test_an_idle_dead_connection_is_replaced_before_use(
    pg_db: HubDatabase, hub_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _backend_pid(pg_db)
    # The server ends the pooled connection while it sits idle (a restart, an idle timeout).
    libpq = hub_db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first,))
    monkeypatch.setattr(hub_db_module, "IDLE_PING_SECONDS", 0.0)  # it has been idle "long"
    trips = RoundTrips(pg_db.engine)

    with trips.counting():
        second = _backend_pid(pg_db)

    assert second != first
    assert trips.pings >= 1, trips.report()
    pg_db.dispose()
