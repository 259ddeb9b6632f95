"""First run, hub path: the screen enrolls the till with a real hub over HTTP, off the GUI
thread; a good code lands the store profile and hub.json (0600), a bad one writes nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import StoreProfile
from pos_app.ui.boot import load_theme
from pos_app.ui.setup.first_run import HUB, FirstRunPage
from sync.client.config import CONFIG_FILENAME, load_config
from tests.helpers.hub import TILL_STORE, RestartableHub
from tests.helpers.net import unused_port


@pytest.fixture
def page(qtbot: QtBot, session_factory: sessionmaker[Session], tmp_path: Path) -> FirstRunPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_theme(app)
    widget = FirstRunPage(session_factory, tmp_path / "cfg", till_name="front till")
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def connect(qtbot: QtBot, page: FirstRunPage, url: str, code: str) -> None:
    qtbot.keyClicks(page.hub_url, url)
    qtbot.keyClicks(page.hub_code, code)
    qtbot.keyClick(page.hub_code, Qt.Key.Key_Return)  # Enter submits
    assert page.busy  # the request runs on the pool; the GUI thread is free meanwhile
    assert not page.hub_url.isEnabled()


def test_a_good_code_lands_the_profile_and_hub_settings(
    qtbot: QtBot,
    page: FirstRunPage,
    restartable_hub: RestartableHub,
    session_factory: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    restartable_hub.add_store(TILL_STORE)
    code = restartable_hub.enroll_code(TILL_STORE)
    with qtbot.waitSignal(page.done, timeout=20_000) as done:
        connect(qtbot, page, restartable_hub.base_url, code)
    assert done.args == [HUB]
    path = tmp_path / "cfg" / CONFIG_FILENAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    config = load_config(tmp_path / "cfg")
    assert config is not None
    assert config.store_id == TILL_STORE
    with session_factory() as session:
        profile = session.get(StoreProfile, 1)
        assert profile is not None
        assert (profile.store_id, profile.till_id) == (TILL_STORE, config.till_id)
        assert profile.store_name == f"Store {TILL_STORE}"


@pytest.mark.parametrize("where", ["bad code", "unreachable"])
def test_a_bad_code_or_unreachable_hub_shows_an_inline_error_and_writes_nothing(
    qtbot: QtBot,
    page: FirstRunPage,
    restartable_hub: RestartableHub,
    session_factory: sessionmaker[Session],
    tmp_path: Path,
    where: str,
) -> None:
    restartable_hub.add_store(TILL_STORE)
    url = restartable_hub.base_url if where == "bad code" else f"http://127.0.0.1:{unused_port()}"
    connect(qtbot, page, url, "WRONG-CODE-0000")
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    assert page.message.level == "error"
    text = page.message.text()
    assert text.startswith("Could not connect: ")
    assert ("refused the code" if where == "bad code" else "unreachable") in text
    assert "\n" not in text
    assert "Traceback" not in text
    assert page.hub_url.isEnabled()
    assert not (tmp_path / "cfg").exists()
    with session_factory() as session:
        assert session.get(StoreProfile, 1) is None
