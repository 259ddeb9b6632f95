"""Shared fixtures: every test gets its own real SQLite file under tmp_path."""

from __future__ import annotations

import os

# Qt must never try to open a real display in tests, however pytest was started.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The screens speak the store's language (pos_app.ui.translations); tests assert the English
# source texts whatever the machine's locale, and the language tests set their own.
os.environ["OMNITILL_LOCALE"] = "en_US"

import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db import migrate
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import Product, ProductBarcode, StoreProfile, TaxRateRow
from pos_app.logging_setup import HANDLER_NAME, LOG_DIR_ENV
from pos_app.services.sale.checkout import CompletedSale
from tests.helpers.catalog import SMALL_CATALOG
from tests.helpers.sales import ring_up

# Shared fixtures live in tests/helpers/ (one home, imported by no other conftest):
# the real hub (in-process and over HTTP, SQLite or PostgreSQL), the real till window (offscreen
# and, under Xvfb, as a real process) and the simulated devices it drives.
pytest_plugins = (
    "tests.helpers.hub",
    "tests.helpers.mail",
    "tests.helpers.gui",
    "tests.helpers.devices",
    "tests.helpers.realwindow",
    "tests.helpers.console",
)


@pytest.fixture(autouse=True, scope="session")
def _log_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`omnitill` commands log here, never in the real user folder nor in a test's data folder
    (some tests check that a failed command leaves its data folder uncreated)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LOG_DIR_ENV, str(tmp_path_factory.mktemp("logs")))
        yield


@pytest.fixture(autouse=True)
def _close_log_file() -> Iterator[None]:
    """A command's log file handler must not outlive its test (and its tmp folder)."""
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "till.sqlite3"


@pytest.fixture(scope="session")
def migrated_till_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A till database at the head revision, migrated once per session (~0.4 s each time)."""
    path = tmp_path_factory.mktemp("till-template") / "till.sqlite3"
    eng = create_till_engine(path)
    migrate.upgrade(eng)
    eng.dispose()  # the last connection closed: the WAL is checkpointed into the file
    return path


@pytest.fixture
def engine(db_path: Path, migrated_till_template: Path) -> Iterator[Engine]:
    """Each test's own file: a copy of the migrated template (the same schema a fresh
    migration gives, tests/unit/db/test_migrations.py checks migrating itself)."""
    shutil.copyfile(migrated_till_template, db_path)
    eng = create_till_engine(db_path)
    migrate.upgrade(eng)  # at the head already: a check, no Alembic
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def seeded(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """A migrated till database with a store profile, VAT rates and SMALL_CATALOG."""
    with session_factory.begin() as session:
        session.add(
            StoreProfile(
                id=1,
                store_id="store-1",
                till_id="till-1",
                store_name="Test Store",
                address="1 High Street\nTown",
                currency="EUR",
                tax_mode="inclusive",
                cash_rounding_step="0.05",
                receipt_footer="Thank you",
            )
        )
        session.add_all(
            [
                TaxRateRow(tax_class="standard", rate="0.20", label="VAT 20%"),
                TaxRateRow(tax_class="reduced", rate="0.055", label="VAT 5.5%"),
            ]
        )
        for sku, name, dept, tax, price, weighed, codes in SMALL_CATALOG:
            session.add(
                Product(
                    sku=sku,
                    name=name,
                    department=dept,
                    tax_class=tax,
                    price_minor=price,
                    sold_by_weight=weighed,
                    active=True,
                    barcodes=[ProductBarcode(barcode=code) for code in codes],
                )
            )
    return session_factory


@pytest.fixture
def sell(seeded: sessionmaker[Session]) -> Callable[..., CompletedSale]:
    """Ring the given barcodes and pay cash, in one transaction, like the till does."""

    def _sell(codes: list[str], tendered: str = "100", cashier: str = "alice") -> CompletedSale:
        return ring_up(seeded, codes, tendered=tendered, cashier=cashier)

    return _sell
