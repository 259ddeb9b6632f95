"""The two-stage start (pos_app/ui/boot.py, ui/start.py): the sign-in window first, the till
built behind it; a PIN typed in between is not lost. (What each stage imports is checked in a
fresh interpreter by tests/unit/test_startup_imports.py; the timings by bench/bench_ui.py.)"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.peek import StoreLabels, ready_to_sign_in, store_labels
from pos_app.services.staff.auth import AuthService
from pos_app.services.store.till_context import load_till_context
from pos_app.ui.boot import after_first_paint, open_shell
from tests.helpers.gui import Driver


def test_the_peek_reads_what_the_till_context_reads(staffed_db: Path, tmp_path: Path) -> None:
    engine = create_till_engine(staffed_db, writer=False)
    with make_session_factory(engine)() as session:
        context = load_till_context(session)
    engine.dispose()
    # The name, the till and the sign-in window's language, as the full context reads them.
    assert store_labels(staffed_db) == StoreLabels(
        context.store_name, context.till_id, context.locale
    )
    assert store_labels(tmp_path / "missing.sqlite3") is None
    # The first start after an update, before till migration 0017 added the locale.
    before = tmp_path / "before-0017.sqlite3"
    with (
        closing(sqlite3.connect(staffed_db)) as source,
        closing(sqlite3.connect(before)) as connection,
    ):
        source.backup(connection)  # the whole database, its write-ahead log included
        connection.execute("ALTER TABLE store_profile DROP COLUMN locale")
        connection.commit()
    assert store_labels(before) == StoreLabels(context.store_name, context.till_id, None)
    empty = tmp_path / "new.sqlite3"
    sqlite3.connect(empty).close()  # a file with no schema yet: the first start migrates it
    assert store_labels(empty) is None
    assert not (tmp_path / "missing.sqlite3").exists()  # read-only: never creates the file


def test_the_ready_peek_says_yes_only_when_the_full_check_has_nothing_to_say(
    staffed_db: Path, tmp_path: Path
) -> None:
    """``omnitill run`` skips its data-layer check (migrate, profile, staff) when this says
    yes: it must say no whenever that check could fail or would migrate."""
    assert ready_to_sign_in(staffed_db)
    assert not ready_to_sign_in(tmp_path / "missing.sqlite3")
    empty = tmp_path / "new.sqlite3"
    sqlite3.connect(empty).close()
    assert not ready_to_sign_in(empty)

    def variant(name: str, sql: str) -> Path:
        copy = tmp_path / name
        with closing(sqlite3.connect(staffed_db)) as source, closing(sqlite3.connect(copy)) as to:
            source.backup(to)
            to.execute(sql)
            to.commit()
        return copy

    behind = variant("behind.sqlite3", "UPDATE alembic_version SET version_num = '0001'")
    assert not ready_to_sign_in(behind)  # the full check migrates it before the window
    assert not ready_to_sign_in(variant("no-profile.sqlite3", "DELETE FROM store_profile"))
    nobody = variant("nobody.sqlite3", "UPDATE staff SET active = 0")
    engine = create_till_engine(nobody, writer=False)
    with make_session_factory(engine)() as session:
        assert AuthService(till_id="till-1").staff_count(session) == 0  # the rule it peeks at
    engine.dispose()
    assert not ready_to_sign_in(nobody)
    assert not (tmp_path / "missing.sqlite3").exists()  # read-only: never creates the file


def test_sign_in_is_painted_before_the_till_is_built_and_a_pin_typed_meanwhile_signs_in(
    qtbot: QtBot, make_till: Any, staffed_db: Path
) -> None:
    shell = open_shell(staffed_db)
    qtbot.addWidget(shell.window)
    shell.window.resize(1024, 768)
    shell.window.show()
    painted: list[bool] = []
    after_first_paint(shell.signin, lambda: painted.append(True))
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    assert shell.window.current_page is shell.signin
    assert shell.signin.store_label.text() == "Test Store"  # from the peek, before any query
    assert not hasattr(shell.window, "sale")  # nothing behind sign-in exists yet

    # The cashier types a PIN and presses Enter while the rest is still loading.
    qtbot.keyClicks(shell.signin.pin_edit, "1111")
    qtbot.keyClick(shell.signin.pin_edit, Qt.Key.Key_Return)
    assert shell.held_pins == ["1111"]

    driver: Driver = make_till(staffed_db, shell=shell)
    assert driver.window is shell.window
    qtbot.waitUntil(lambda: driver.controller.register is not None, timeout=5000)
    assert driver.controller.register is not None
    assert driver.controller.register.cashier.name == "Ann"
    assert driver.window.current_page is driver.window.sale
    assert shell.held_pins == []


def test_the_second_stage_runs_after_the_first_paint_not_before(qtbot: QtBot) -> None:
    """A zero timer alone could run the heavy stage before the window system paints."""
    shell = open_shell(Path("/nonexistent/till.sqlite3"))
    qtbot.addWidget(shell.window)
    order: list[str] = []
    original = shell.signin.paintEvent

    def paint(event: Any) -> None:
        order.append("paint")
        original(event)

    shell.signin.paintEvent = paint  # type: ignore[method-assign]
    after_first_paint(shell.signin, lambda: order.append("second stage"))
    shell.window.show()
    qtbot.waitUntil(lambda: "second stage" in order, timeout=5000)
    assert order.index("paint") < order.index("second stage")
    assert order.count("second stage") == 1
    assert QApplication.instance() is not None
