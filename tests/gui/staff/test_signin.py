from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from tests.helpers.gui import Driver


def test_pin_sign_in_opens_the_sale_screen(driver: Driver) -> None:
    w = driver.window
    assert w.current_page is w.signin
    assert w.status.user_label.text() == "Signed out"
    driver.sign_in("1111")
    assert w.current_page is w.sale
    assert "Ann" in w.status.user_label.text()
    assert "associate" in w.status.user_label.text()


def test_pin_pad_buttons_sign_in(driver: Driver) -> None:
    buttons = {b.text(): b for b in driver.window.signin._buttons}
    with driver.qtbot.waitSignal(driver.controller.signed_in) as blocker:
        for key in "9999":
            driver.qtbot.mouseClick(buttons[key], Qt.MouseButton.LeftButton)
        driver.qtbot.mouseClick(buttons["Sign in"], Qt.MouseButton.LeftButton)
    assert blocker.args[0].name == "Max"


def test_badge_scan_signs_in(driver: Driver) -> None:
    with driver.qtbot.waitSignal(driver.controller.signed_in) as blocker:
        driver.scan("B-ANN", target=driver.window.signin.pin_edit)
    assert blocker.args[0].code == "A1"
    assert driver.window.signin.pin_edit.text() == ""  # the badge never lands in the PIN box


def test_wrong_pins_lock_the_pad(driver: Driver) -> None:
    w, edit = driver.window, driver.window.signin.pin_edit
    for attempt in range(3):
        with driver.qtbot.waitSignal(driver.controller.error_shown) as blocker:
            driver.type(edit, "0000")
            driver.press(edit, Qt.Key.Key_Return)
        if attempt < 2:
            assert "not right" in blocker.args[0]
            assert f"{2 - attempt} attempt" in w.signin.message.text()
    assert "Too many wrong attempts" in w.signin.message.text()
    assert w.signin.message.level == "error"
    assert edit.isReadOnly()
    assert not any(b.isEnabled() for b in w.signin._buttons)
    # Even the right PIN is refused by the service while locked (not only by the UI).
    with driver.qtbot.waitSignal(driver.controller.error_shown) as blocker:
        driver.controller.on_signin_pin_submitted("1111")
    assert "Too many" in blocker.args[0]
    assert w.current_page is w.signin


def test_sign_out_returns_to_the_pin_pad(signed_in: Driver) -> None:
    w = signed_in.window
    signed_in.qtbot.keyClick(w.sale.search.edit, Qt.Key.Key_F11)
    assert w.current_page is w.signin
    assert w.status.user_label.text() == "Signed out"


def test_demo_till_opens_with_demo_staff_and_hint(make_till: Any, tmp_path: Path) -> None:
    path = prepare_demo_till(tmp_path / "demo", products=50, out=lambda _line: None)
    d: Driver = make_till(path, demo_hint=demo_hint())
    assert "associate 1111" in d.window.signin.hint.text()
    assert "manager 9999" in d.window.signin.hint.text()
    assert d.window.signin.hint.isVisible()
    d.sign_in("9999")  # the real scrypt cost (about 50 ms per person) runs on the DB lane
    assert "Morgan Manager" in d.window.status.user_label.text()


def test_idle_till_locks_itself(make_till: Any, staffed_db: Path) -> None:
    d: Driver = make_till(staffed_db, idle_ms=1000)
    d.sign_in("1111")
    d.scan_and_wait("96385074")
    signals = [d.controller.signed_out, d.controller.basket_parked]
    with d.qtbot.waitSignals(signals, timeout=3000):
        pass  # nobody touches the till for a second; the open basket is parked, not lost
    assert d.window.current_page is d.window.signin
    assert "inactivity" in d.window.signin.message.text()
