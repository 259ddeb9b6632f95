"""First run, standalone: the shop is set up from the screen, and its manager can sign in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import Staff, StoreProfile, TaxRateRow
from pos_app.services.staff.auth import AuthService, Role
from pos_app.services.store.store_setup import (
    StoreSetupError,
    validate_standalone,
    write_standalone_store,
)
from pos_app.services.store.till_context import load_till_context
from pos_app.ui.boot import load_theme
from pos_app.ui.setup.first_run import STANDALONE, FirstRunPage
from tests.helpers.gui import FAST_HASHER

# Tests never write into the work tree: set OMNITILL_SCREENSHOT_DIR=docs/screenshots to refresh
# the README's pictures.
SCREENSHOT_NAME = "10-first-run-1024x768.png"


def fast_auth() -> AuthService:
    return AuthService(till_id="till-1", hasher=FAST_HASHER)


def good(**changes: str) -> dict[str, str]:
    fields = {
        "store_name": "  Corner   Shop ",
        "currency": "gbp",
        "tax_mode": "inclusive",
        "cash_rounding_step": "0.05",
        "manager_name": "Max Manager",
        "pin": "4321",
        "pin_again": "4321",
    }
    return {**fields, **changes}


def written(sessions: sessionmaker[Session]) -> tuple[int, int, int]:
    with sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(StoreProfile)) or 0,
            session.scalar(select(func.count()).select_from(TaxRateRow)) or 0,
            session.scalar(select(func.count()).select_from(Staff)) or 0,
        )


@pytest.fixture
def page(qtbot: QtBot, session_factory: sessionmaker[Session], tmp_path: Path) -> FirstRunPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_theme(app)
    widget = FirstRunPage(session_factory, tmp_path / "cfg", auth=fast_auth(), till_name="t")
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_service_writes_profile_rates_and_a_manager_who_can_sign_in(
    session_factory: sessionmaker[Session],
) -> None:
    setup = validate_standalone(**good())
    assert (setup.store_name, setup.currency, str(setup.cash_rounding_step)) == (
        "Corner Shop", "GBP", "0.05",
    )  # fmt: skip
    auth = fast_auth()
    with session_factory.begin() as session:
        manager = write_standalone_store(session, setup, auth)
    assert manager.role is Role.MANAGER
    with session_factory.begin() as session:
        context = load_till_context(session)
        assert context.store_name == "Corner Shop"
        assert context.currency.code == "GBP"
        assert set(context.tax_rates) == {"standard", "reduced", "zero"}
        assert auth.sign_in(session, "4321").staff == manager
        with pytest.raises(StoreSetupError, match="already set up"):
            write_standalone_store(session, setup, auth)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"store_name": "   "}, "Type the shop name"),
        ({"store_name": "x" * 201}, "too long"),
        ({"store_name": "Shop\x00"}, "cannot print"),
        ({"currency": "XYZ"}, "not a currency"),
        ({"currency": "€€€€€€€€€€€€€€€€€€€€€€€€€"}, "not a currency"),
        ({"tax_mode": "sometimes"}, "include tax"),
        ({"cash_rounding_step": "abc"}, "not a number"),
        ({"cash_rounding_step": "NaN"}, "above 0"),
        ({"cash_rounding_step": "-0.05"}, "above 0"),
        ({"cash_rounding_step": "1e9"}, "at most"),
        ({"cash_rounding_step": "0.001"}, "multiple of 0.01"),
        ({"currency": "JPY", "cash_rounding_step": "0.5"}, "multiple of 1"),
        ({"manager_name": ""}, "manager's name"),
        ({"pin": "12", "pin_again": "12"}, "4 to 8 digits"),
        ({"pin": "12ab", "pin_again": "12ab"}, "4 to 8 digits"),
        ({"pin_again": "4322"}, "not the same"),
        ({"locale": "xx_YY"}, "not a locale"),
        ({"locale": "fr_FR'; --"}, "not a locale"),
    ],
)
def test_service_refuses_garbage_with_a_clear_message(
    session_factory: sessionmaker[Session], changes: dict[str, str], message: str
) -> None:
    with pytest.raises(StoreSetupError, match=message):
        validate_standalone(**good(**changes))
    assert written(session_factory) == (0, 0, 0)


def test_standalone_from_the_screen_then_the_manager_signs_in(
    qtbot: QtBot, page: FirstRunPage, session_factory: sessionmaker[Session]
) -> None:
    qtbot.mouseClick(page.standalone_choice, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.store_name, "Corner Shop")
    page.currency.setCurrentIndex(page.currency.findData("CHF"))
    assert page.rounding.currentText() == "0.05"  # CLDR's cash rounding for francs
    page.currency.setCurrentIndex(page.currency.findData("SEK"))
    assert page.rounding.currentText() == "1"
    page.currency.setCurrentIndex(page.currency.findData("GBP"))
    assert page.rounding.currentText() == "0.01"
    assert page.locale_combo.currentData() == "en_GB"  # the default
    page.locale_combo.setCurrentIndex(page.locale_combo.findData("fr_FR"))
    assert page.locale_combo.currentText() == "français (France) (fr_FR)"
    qtbot.keyClicks(page.manager_name, "Max")
    qtbot.keyClicks(page.pin, "2468")
    qtbot.keyClicks(page.pin_again, "2468")
    with qtbot.waitSignal(page.done, timeout=10_000) as done:
        qtbot.keyClick(page.pin_again, Qt.Key.Key_Return)  # Enter submits
    assert done.args == [STANDALONE]
    assert written(session_factory) == (1, 3, 1)
    with session_factory.begin() as session:
        result = fast_auth().sign_in(session, "2468")
        assert result.ok
        assert result.staff is not None
        assert result.staff.name == "Max"
        assert load_till_context(session).currency.code == "GBP"
        assert load_till_context(session).locale == "fr_FR"


def test_standalone_garbage_is_refused_inline_and_nothing_is_written(
    qtbot: QtBot, page: FirstRunPage, session_factory: sessionmaker[Session]
) -> None:
    page.choose(STANDALONE)
    qtbot.keyClicks(page.store_name, "Corner Shop")
    qtbot.keyClicks(page.manager_name, "Max")
    qtbot.keyClicks(page.pin, "2468")
    qtbot.keyClicks(page.pin_again, "2469")
    qtbot.keyClick(page.pin_again, Qt.Key.Key_Return)
    assert page.message.level == "error"
    assert "not the same" in page.message.text()
    page.rounding.setEditText("0.003")
    page.pin_again.setText("2468")
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    assert "multiple of 0.01" in page.message.text()
    assert not page.busy
    assert written(session_factory) == (0, 0, 0)


def test_hub_fields_must_be_filled_before_connecting(qtbot: QtBot, page: FirstRunPage) -> None:
    qtbot.keyClick(page.hub_url, Qt.Key.Key_Return)
    assert page.message.text() == "Type the hub address."
    qtbot.keyClicks(page.hub_url, "http://127.0.0.1:1")
    qtbot.keyClick(page.hub_url, Qt.Key.Key_Return)
    assert page.message.text() == "Type the enrollment code."
    assert not page.busy


def test_screenshot_of_the_first_run_page(qtbot: QtBot, page: FirstRunPage, tmp_path: Path) -> None:
    shot = Path(os.environ.get("OMNITILL_SCREENSHOT_DIR", str(tmp_path))) / SCREENSHOT_NAME
    page.choose(STANDALONE)
    qtbot.keyClicks(page.store_name, "Corner Shop")
    qtbot.keyClicks(page.manager_name, "Max Manager")
    qtbot.keyClicks(page.pin, "2468")
    qtbot.keyClicks(page.pin_again, "2469")
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(shot))
    assert shot.stat().st_size > 10_000  # a rendered page, not an empty image
    page.choose("hub")
    assert page.grab().save(str(shot.with_name("10-first-run-hub-1024x768.png")))


def test_run_first_run_returns_once_the_shop_is_set_up(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook `omnitill run` uses: its own event loop until the page is done or closed."""
    import pos_app.ui.setup.first_run as first_run

    monkeypatch.setattr(first_run, "AuthService", lambda till_id: fast_auth())
    db = tmp_path / "new" / "till.sqlite3"
    db.parent.mkdir()

    def fill() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if w.isVisible()
                      and isinstance(w, first_run.FirstRunWindow))  # fmt: skip
        window.page.choose(STANDALONE)
        window.page.store_name.setText("Corner Shop")
        window.page.manager_name.setText("Max")
        window.page.pin.setText("2468")
        window.page.pin_again.setText("2468")
        window.page.setup_button.click()
        assert window.devices is not None
        # The devices step follows; skipping it writes no devices.toml.
        window.page.done.connect(lambda _mode: window.devices.skip_button.click())

    QTimer.singleShot(0, fill)
    assert first_run.run_first_run(db, tmp_path / "new")
    assert first_run.run_first_run(db, tmp_path / "new")  # set up already: no window
    assert not (db.parent / "devices.toml").exists()

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, first_run.FirstRunWindow) and widget.isVisible():
                widget.close()

    other = tmp_path / "other" / "till.sqlite3"
    other.parent.mkdir()
    QTimer.singleShot(0, close)
    assert not first_run.run_first_run(other, tmp_path / "other")  # closed: not set up
