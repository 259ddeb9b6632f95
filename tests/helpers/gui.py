"""GUI fixtures: a real till window on a real SQLite file per test, driven like a person would.

Scanner bursts and human typing are told apart by timing; the scan filter takes its time from
``FakeClock``, which the helpers advance by realistic gaps (8 ms between scanner characters,
150 ms between a person's key presses), so no test sleeps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import PromotionRow
from pos_app.services.staff.auth import AuthService, LockoutPolicy, PinHasher, Role
from pos_app.ui import formatting
from pos_app.ui.app import TillApp, build_till
from pos_app.ui.boot import load_theme
from pos_app.ui.translations import LOCALE_ENV, compile_translations, install_translator

SCANNER_GAP_MS = 8
HUMAN_GAP_MS = 150
FAST_HASHER = PinHasher(time_cost=1, memory_kib=64)  # argon2 cost is not what these tests are about


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, ms: float) -> None:
        self.now += ms


def fast_auth(till_id: str) -> AuthService:
    return AuthService(
        till_id=till_id,
        hasher=FAST_HASHER,
        policy=LockoutPolicy(max_failures=3, cooldown=timedelta(seconds=30)),
    )


def store_promotion(db: Path, promo_id: str, name: str, rules: dict[str, Any]) -> None:
    """A promotion in the till's table, as the hub feed would have left it."""
    engine = create_till_engine(db)
    with make_session_factory(engine).begin() as session:
        session.add(
            PromotionRow(
                promo_id=promo_id, name=name, store_id=None, rules=json.dumps(rules),
                feed_position=1,
            )
        )  # fmt: skip
    engine.dispose()


@pytest.fixture
def staffed_db(seeded: sessionmaker[Session], db_path: Path) -> Path:
    """The seeded test store plus an associate (PIN 1111, badge B-ANN) and a manager (9999)."""
    auth = fast_auth("till-1")
    with seeded.begin() as s:
        auth.enroll(s, code="A1", name="Ann", role=Role.ASSOCIATE, pin="1111", badge="B-ANN")
        auth.enroll(s, code="M1", name="Max", role=Role.MANAGER, pin="9999")
    return db_path


class Driver:
    """Drives the till as a cashier and a scanner would."""

    def __init__(self, qtbot: QtBot, till: TillApp, clock: FakeClock) -> None:
        self.qtbot, self.till, self.clock = qtbot, till, clock
        self.window = till.window
        self.controller = till.controller

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        return widget if widget is not None else self.window

    def scan(self, code: str, target: QWidget | None = None) -> None:
        """A keyboard-wedge burst into whatever has focus (or ``target``), ending in Enter."""
        widget = target or self.focus()
        for char in code:
            self.clock.advance(SCANNER_GAP_MS)
            self.qtbot.keyClick(widget, char)
        self.clock.advance(SCANNER_GAP_MS)
        self.qtbot.keyClick(widget, Qt.Key.Key_Return)

    def type(self, widget: QWidget, text: str, gap_ms: float = HUMAN_GAP_MS) -> None:
        for char in text:
            self.clock.advance(gap_ms)
            self.qtbot.keyClick(widget, char)
        # The last key is held for one gap: the flush timer hands it over.
        self.qtbot.waitUntil(lambda: not self.till.scan_filter._held, timeout=2000)

    def press(self, widget: QWidget, key: Qt.Key) -> None:
        self.clock.advance(HUMAN_GAP_MS)
        self.qtbot.keyClick(widget, key)

    def sign_in(self, pin: str = "1111") -> None:
        edit = self.window.signin.pin_edit
        with self.qtbot.waitSignal(self.controller.signed_in, timeout=5000):
            self.type(edit, pin)
            self.press(edit, Qt.Key.Key_Return)

    def scan_and_wait(self, code: str) -> None:
        """Scan, and wait for the line and then for the basket's prices (the pricing lane)."""
        with self.qtbot.waitSignal(self.controller.line_added, timeout=2000):
            self.scan(code)
        self.priced()

    def priced(self) -> None:
        """Wait until the pricing lane has priced the basket the screen shows."""
        self.qtbot.waitUntil(lambda: self.controller.pricing_settled, timeout=5000)

    def pay_cash(self, amount: str) -> None:
        """F12 on the basket, the cash tendered, F12 again; back once the sale is committed."""
        w = self.window
        self.press(w.sale.search.edit, Qt.Key.Key_F12)
        self.type(w.tender.cash_edit, amount)
        self.press(w.tender.cash_edit, Qt.Key.Key_Return)
        with self.qtbot.waitSignal(self.controller.sale_completed, timeout=5000):
            self.press(w.tender.cash_edit, Qt.Key.Key_F12)

    def cell(self, row: int, col: int) -> Any:
        model = self.till.controller.model
        return model.data(model.index(row, col))


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_till(qtbot: QtBot, fake_clock: FakeClock) -> Iterator[Any]:
    made: list[TillApp] = []
    # build_till makes the store's locale Qt's default (ui/formatting.py); the next test starts
    # from the one it found.
    locale_before = QLocale()

    def _make(db: Path, **kwargs: Any) -> Driver:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        load_theme(app)
        kwargs.setdefault("auth_factory", fast_auth)
        kwargs.setdefault("search_debounce_ms", 5)
        # The tests put web orders and customers in the till as an enrolled till has them,
        # without running a hub: its web features are on unless a test says otherwise.
        kwargs.setdefault("web_features", True)
        kwargs.setdefault("clock", fake_clock)  # a test of real-time scanning passes its own
        till = build_till(db, **kwargs)
        made.append(till)
        till.window.resize(1024, 768)
        till.window.show()
        qtbot.waitExposed(till.window)
        till.window.activateWindow()
        return Driver(qtbot, till, fake_clock)

    yield _make
    for till in made:
        till.close()
    QLocale.setDefault(locale_before)


@pytest.fixture
def till_locale() -> Iterator[Any]:
    """Set the till's locale (Qt's default, read by ui/formatting.py) for one test only."""
    before = QLocale()
    yield formatting.use_locale
    QLocale.setDefault(before)


@pytest.fixture
def driver(make_till: Any, staffed_db: Path) -> Driver:
    return make_till(staffed_db)


@pytest.fixture
def signed_in(driver: Driver) -> Driver:
    driver.sign_in("1111")
    return driver


@pytest.fixture(scope="session")
def catalog_200k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200,000-SKU demo catalog with staff, built once per session (a few seconds)."""
    from pos_app.db import migrate
    from pos_app.db.demo_data import generate_demo_data
    from pos_app.db.engine import create_till_engine, make_session_factory

    path = tmp_path_factory.mktemp("catalog200k") / "till.sqlite3"
    engine = create_till_engine(path)
    try:
        migrate.upgrade(engine)
        generate_demo_data(engine, 200_000)
        auth = fast_auth("till-1")
        with make_session_factory(engine).begin() as s:
            auth.enroll(s, code="A1", name="Ann", role=Role.ASSOCIATE, pin="1111")
            auth.enroll(s, code="M1", name="Max", role=Role.MANAGER, pin="9999")
    finally:
        engine.dispose()
    return path


@pytest.fixture
def big_db(catalog_200k: Path, tmp_path: Path) -> Path:
    """A private copy of the 200k catalog: the test writes sales into it."""
    import shutil

    target = tmp_path / "big" / "till.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(catalog_200k, target)
    return target


@pytest.fixture(scope="session")
def compiled_translations() -> list[Path]:
    """The .qm files in resources/translations, compiled as `python3 dev.py setup` does (only
    when stale; written aside and renamed, so parallel runs are safe)."""
    return compile_translations()


@pytest.fixture
def till_language(
    request: pytest.FixtureRequest,
    compiled_translations: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """The store's locale for the tills this test builds (parametrise it indirectly, e.g.
    "fr_FR"); build_till installs its translator. English again afterwards, so no other test
    reads French."""
    locale = str(getattr(request, "param", "fr_FR"))
    monkeypatch.setenv(LOCALE_ENV, locale)
    app = QApplication.instance()
    assert app is not None
    install_translator(app, locale)  # for screens built without build_till (first run)
    yield locale
    install_translator(app, "en_US")
