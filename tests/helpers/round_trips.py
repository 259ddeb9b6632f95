"""Counting what a hub request says to its database (issue 18: round trips per event).

``RoundTrips`` listens on one engine: every SQL statement SQLAlchemy sends (an executemany
counts once: psycopg sends its rows in one pipeline), every BEGIN, COMMIT and ROLLBACK it
issues, and every connection ping (``pool_pre_ping`` or the hub's idle ping). Used by
tests/sync/hub/test_ingest_round_trips.py and bench/profile_ingest.py.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


class RoundTrips:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []
        self.transactions: Counter[str] = Counter()  # begin / commit / rollback
        self.pings = 0
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        """Statements + transaction control + pings: what went over the wire."""
        return len(self.statements) + sum(self.transactions.values()) + self.pings

    def reset(self) -> None:
        with self._lock:
            self.statements.clear()
            self.transactions.clear()
            self.pings = 0

    def _statement(self, _c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        with self._lock:
            self.statements.append(" ".join(statement.split())[:120])

    def _control(self, what: str) -> Any:
        def count(connection: Any, *_args: Any) -> None:
            # In autocommit the driver sends no BEGIN or COMMIT (feed.publish runs so).
            if getattr(connection.connection.dbapi_connection, "autocommit", False) is True:
                return
            with self._lock:
                self.transactions[what] += 1

        return count

    @contextmanager
    def counting(self) -> Iterator[RoundTrips]:
        dialect = self.engine.dialect
        ping = dialect.do_ping
        listeners = [
            ("before_cursor_execute", self._statement),
            ("begin", self._control("begin")),
            ("commit", self._control("commit")),
            ("rollback", self._control("rollback")),
        ]

        def counted_ping(dbapi_connection: Any) -> bool:
            with self._lock:
                self.pings += 1
            return ping(dbapi_connection)

        for name, fn in listeners:
            event.listen(self.engine, name, fn)
        dialect.do_ping = counted_ping  # type: ignore[method-assign]
        try:
            yield self
        finally:
            dialect.do_ping = ping  # type: ignore[method-assign]
            for name, fn in listeners:
                event.remove(self.engine, name, fn)

    def report(self) -> str:
        lines = [
            f"{self.total} round trips: {len(self.statements)} statements, "
            f"{dict(self.transactions)} transaction control, {self.pings} pings"
        ]
        lines += [f"  {s}" for s in self.statements]
        return "\n".join(lines)
