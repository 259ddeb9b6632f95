"""Hub fixtures: a real database (SQLite file, and PostgreSQL when OMNITILL_TEST_PG_URL is set)
and a real uvicorn server on 127.0.0.1 with an OS-assigned port, spoken to with requests.

PostgreSQL: one throwaway template database per session (random name, migrated once); each
test gets its own copy (CREATE DATABASE … TEMPLATE), so tests never share data. All of them are
dropped at the end of the session.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.services.sync.enrollment import enroll
from pos_app.services.sync.runtime import TillSync
from sync.client.http import Timeouts
from sync.client.status import SyncStatus
from sync.hub import migrate, tenancy
from sync.hub.app import create_app
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.models import IngestedEvent
from sync.hub.models import StockLevel as HubStockLevelRow
from sync.hub.server import ServerThread
from sync.hub.settings import HubSettings
from sync.protocol import StoreIn

PG_ENV = "OMNITILL_TEST_PG_URL"
# Console passwords hashed cheaply in tests (argon2's defaults take ~1 s on a busy CI core).
CHEAP_PASSWORDS = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
TIMEOUT = 15.0


class PgDatabases:
    """Creates and drops throwaway databases on the server named by OMNITILL_TEST_PG_URL."""

    def __init__(self, server_url: str) -> None:
        self._server = make_url(server_url).set(drivername="postgresql")
        self._created: list[str] = []
        self.template = self.create()
        db = HubDatabase(self.url(self.template))
        try:
            migrate.upgrade(db.engine)
        finally:
            db.dispose()

    def url(self, name: str) -> str:
        return self._server.set(database=name).render_as_string(hide_password=False)

    def _admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url(self._server.database or "postgres"), autocommit=True)

    def create(self, template: str | None = None) -> str:
        name = f"omnitill_test_{secrets.token_hex(6)}"
        with self._admin() as conn:
            suffix = f" TEMPLATE {template}" if template else ""
            conn.execute(f"CREATE DATABASE {name}{suffix}")  # type: ignore[arg-type]
        self._created.append(name)
        return name

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[arg-type]
        self._created.remove(name)

    def drop_all(self) -> None:
        for name in list(reversed(self._created)):
            self.drop(name)


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[PgDatabases | None]:
    url = os.environ.get(PG_ENV)
    if not url:
        yield None
        return
    databases = PgDatabases(url)
    try:
        yield databases
    finally:
        databases.drop_all()


@pytest.fixture(scope="session")
def sqlite_hub_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite hub database, once per session; each test copies it (as the
    PostgreSQL tests copy their template database)."""
    path = tmp_path_factory.mktemp("hub-template") / "hub.sqlite3"
    db = HubDatabase(f"sqlite:///{path}")
    migrate.upgrade(db.engine)
    db.dispose()  # checkpoints the WAL into the file
    return path


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def hub_db_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_databases: PgDatabases | None
) -> Iterator[str]:
    """A migrated, empty hub database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "hub.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_hub_template"), path)
        yield f"sqlite:///{path}"
        return
    if pg_databases is None:
        pytest.skip(
            f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1/postgres)"
        )
    name = pg_databases.create(template=pg_databases.template)
    try:
        yield pg_databases.url(name)
    finally:
        pg_databases.drop(name)


@pytest.fixture
def hub_db(hub_db_url: str) -> Iterator[HubDatabase]:
    db = HubDatabase(hub_db_url)
    yield db
    db.dispose()


@pytest.fixture
def hub(hub_db: HubDatabase) -> Hub:
    """Direct access to the same database the server uses (for set-up and checks)."""
    return Hub(db=hub_db, passwords=CHEAP_PASSWORDS)


class Api:
    """A requests session against the running hub, with one bearer token."""

    def __init__(self, base_url: str, token: str | None) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.request(method, self.base_url + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def close(self) -> None:
        self.session.close()


class HubUnderTest:
    def __init__(self, server: ServerThread, hub: Hub, admin_token: str) -> None:
        self.server = server
        self.hub = hub
        self.admin_token = admin_token
        self.admin = Api(server.base_url, admin_token)
        self._clients: list[Api] = [self.admin]

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def client(self, token: str | None = None) -> Api:
        api = Api(self.server.base_url, token)
        self._clients.append(api)
        return api

    def add_store(self, store_id: str, **extra: Any) -> None:
        tenancy.upsert_store(
            self.hub, StoreIn(store_id=store_id, name=f"Store {store_id}", **extra)
        )

    def enroll(self, store_id: str) -> tuple[Api, str]:
        """A new till of ``store_id``: its API client and its till id."""
        code = self.admin.post(f"/v1/admin/stores/{store_id}/enroll-codes").json()["code"]
        answer = self.client().post("/v1/enroll", json={"code": code, "till_name": "test"})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return self.client(body["token"]), body["till_id"]

    def close(self) -> None:
        for api in self._clients:
            api.close()


@pytest.fixture
def hub_settings(hub_db_url: str) -> HubSettings:
    # A long re-check: a long-poll that returns early can only have been woken by a commit.
    return HubSettings(
        db_url=hub_db_url,
        feed_recheck_seconds=30.0,
        pool_size=5,
        password_time_cost=CHEAP_PASSWORDS.time_cost,
        password_memory_kib=CHEAP_PASSWORDS.memory_cost,
        password_parallelism=CHEAP_PASSWORDS.parallelism,
    )


@contextmanager
def serve_hub(settings: HubSettings, hub: Hub) -> Iterator[HubUnderTest]:
    """The hub app with ``settings`` served on loopback, with an admin token; stopped after."""
    admin_token = tenancy.create_admin_token(hub, "tests")
    server = ServerThread(create_app(settings)).start()
    under_test = HubUnderTest(server, hub, admin_token)
    try:
        yield under_test
    finally:
        under_test.close()
        server.stop()


@pytest.fixture
def running_hub(hub_settings: HubSettings, hub: Hub) -> Iterator[HubUnderTest]:
    with serve_hub(hub_settings, hub) as served:
        yield served


# --- till-side sync client fixtures -------------------------------------------------------


class RestartableHub:
    """A real hub on a fixed loopback port that a test can stop and start again (an outage)."""

    def __init__(self, settings: HubSettings, hub: Hub, admin_token: str) -> None:
        self.settings = settings
        self.hub = hub
        self.admin_token = admin_token
        self.server: ServerThread | None = ServerThread(create_app(settings)).start()
        self.port = self.server.port
        self.admin = Api(self.base_url, admin_token)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.server is not None

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
            self.admin.session.close()  # its pooled connection died with the server

    def start(self) -> None:
        if self.server is None:
            # A new app each time: stopping the old one disposed its database engine.
            self.server = ServerThread(create_app(self.settings), port=self.port).start()

    def add_store(self, store_id: str) -> None:
        tenancy.upsert_store(self.hub, StoreIn(store_id=store_id, name=f"Store {store_id}"))

    def enroll_code(self, store_id: str) -> str:
        answer = self.admin.post(f"/v1/admin/stores/{store_id}/enroll-codes")
        assert answer.status_code == 200, answer.text
        return str(answer.json()["code"])

    def close(self) -> None:
        self.stop()
        self.admin.close()


@pytest.fixture
def restartable_hub(hub_settings: HubSettings, hub: Hub) -> Iterator[RestartableHub]:
    """A running hub (SQLite, and PostgreSQL when configured) whose server can be restarted."""
    under_test = RestartableHub(hub_settings, hub, tenancy.create_admin_token(hub, "tests"))
    try:
        yield under_test
    finally:
        under_test.close()


def eventually(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Wait for a condition with a deadline (a hub-side count, say): fail, never hang."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        pause.wait(0.01)


class StatusRecorder:
    """A sync status listener that tests wait on (a condition variable, no sleeps)."""

    def __init__(self) -> None:
        self.seen: list[SyncStatus] = []
        self._cond = threading.Condition()

    def __call__(self, status: SyncStatus) -> None:
        with self._cond:
            self.seen.append(status)
            self._cond.notify_all()

    def wait_for(
        self, predicate: Callable[[SyncStatus], bool], timeout: float = 10.0
    ) -> SyncStatus:
        with self._cond:
            ok = self._cond.wait_for(lambda: bool(self.seen) and predicate(self.seen[-1]), timeout)
            assert ok, f"status never matched; last: {self.seen[-1] if self.seen else None}"
            return self.seen[-1]


TILL_STORE = "store-1"  # the store of the seeded till database in tests/conftest.py


class EnrolledTill:
    """A seeded till database (real SQLite file) enrolled with a real hub over HTTP."""

    def __init__(
        self, hub: RestartableHub, db_path: Path, write: sessionmaker[Session], config_dir: Path
    ) -> None:
        self.hub = hub
        self.write = write
        self.reader = create_till_engine(db_path, writer=False)
        self.read = make_session_factory(self.reader)
        self.config_dir = config_dir
        self.config = enroll(
            hub.base_url, hub.enroll_code(TILL_STORE), config_dir=config_dir, write_sessions=write
        ).config
        self._syncs: list[TillSync] = []

    def sync(self, **options: Any) -> TillSync:
        """A TillSync tuned for tests (short long-poll, short backoff); stopped at teardown."""
        options.setdefault("feed_wait", 0.5)
        options.setdefault("backoff_base", 0.02)
        options.setdefault("backoff_cap", 0.2)
        options.setdefault("timeouts", Timeouts(connect=2.0, read=10.0))
        till_sync = TillSync(self.config, self.write.kw["bind"], self.reader, **options)
        self._syncs.append(till_sync)
        return till_sync

    def close(self) -> None:
        for till_sync in self._syncs:
            assert till_sync.stop(timeout=15.0), "a sync thread did not stop"
        self.reader.dispose()

    def hub_event_ids(self) -> list[str]:
        with self.hub.hub.db.read() as session:
            return list(session.scalars(select(IngestedEvent.event_id)))

    def hub_stock(self, sku: str) -> int | None:
        with self.hub.hub.db.read() as session:
            return session.scalar(
                select(HubStockLevelRow.quantity_milli).where(
                    HubStockLevelRow.store_id == TILL_STORE, HubStockLevelRow.sku == sku
                )
            )


@pytest.fixture
def enrolled_till(
    restartable_hub: RestartableHub, db_path: Path, seeded: sessionmaker[Session], tmp_path: Path
) -> Iterator[EnrolledTill]:
    restartable_hub.add_store(TILL_STORE)
    till = EnrolledTill(restartable_hub, db_path, seeded, tmp_path / "config")
    try:
        yield till
    finally:
        till.close()


# --- `omnitill hub serve` as a real process ----------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServedHub:
    """``omnitill hub serve`` in a subprocess; ``health()`` once it answers."""

    def __init__(self, db_url: str, *extra: str, scheme: str = "http", verify: Any = True) -> None:
        import subprocess
        import sys

        self.port = free_port()
        self.base_url = f"{scheme}://127.0.0.1:{self.port}"
        self.verify = verify
        argv = [sys.executable, "-m", "pos_app.cli", "hub", "serve", "--db", db_url]
        self.process = subprocess.Popen(
            [*argv, "--port", str(self.port), *extra],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def health(self, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        pause = threading.Event()
        while True:
            assert self.process.poll() is None, self.process.stderr.read().decode()  # type: ignore[union-attr]
            try:
                answer = requests.get(f"{self.base_url}/v1/health", timeout=2, verify=self.verify)
                return dict(answer.json())
            except (requests.ConnectionError, requests.Timeout):  # slow start on a busy machine
                if time.monotonic() > deadline:
                    raise
                pause.wait(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        if self.process.stderr:
            self.process.stderr.close()
