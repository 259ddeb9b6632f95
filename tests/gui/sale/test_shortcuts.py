"""Every shortcut on a button works whatever has focus; Ctrl+/ lists them; Esc clears the
search box (issue 15 defect 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame

from pos_app.ui.shortcuts import visible_shortcuts
from tests.helpers.catalog import COFFEE
from tests.helpers.gui import Driver


def test_ctrl_shortcuts_beat_the_focused_search_box(signed_in: Driver) -> None:
    d, sale = signed_in, signed_in.window.sale
    edit = sale.search.edit
    d.type(edit, "abc")
    shortcuts = [
        (label, sc) for label, sc in visible_shortcuts(d.window)
        if sc.key()[0].keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
    ]  # fmt: skip
    labels = {label for label, _ in shortcuts}
    assert {"Customer", "Returns", "Coupon", "Deals", "No sale (drawer)"} <= labels
    fired: list[str] = []
    for label, shortcut in shortcuts:
        shortcut.activated.disconnect()  # only whether it fires, not what the button does
        shortcut.activated.connect(lambda label=label: fired.append(label))
        combo: QKeyCombination = shortcut.key()[0]
        edit.setFocus()
        d.qtbot.keyClick(edit, combo.key(), combo.keyboardModifiers())
    assert sorted(fired) == sorted(labels)
    assert edit.text() == "abc"  # Ctrl+U did not delete the line, Ctrl+E did not move


def test_ctrl_u_opens_the_customer_panel_from_the_search_box(signed_in: Driver) -> None:
    d = signed_in
    edit = d.window.sale.search.edit
    edit.setFocus()
    d.qtbot.keyClick(edit, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    customers = d.till.customers
    assert customers is not None
    d.qtbot.waitUntil(lambda: customers.panel.isVisible(), timeout=2000)


def test_line_edit_keys_that_are_no_shortcut_stay_the_line_edits(signed_in: Driver) -> None:
    d = signed_in
    edit = d.window.sale.search.edit
    d.type(edit, "milk")
    d.qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    assert edit.selectedText() == "milk"


def test_escape_clears_the_search_box(signed_in: Driver) -> None:
    d = signed_in
    sale = d.window.sale
    with d.qtbot.waitSignal(d.till.search.results_ready, timeout=3000):
        d.type(sale.search.edit, "coffee")
    d.qtbot.waitUntil(lambda: sale.search.results.isVisible())
    d.press(sale.search.edit, Qt.Key.Key_Escape)
    assert sale.search.edit.text() == ""
    assert not sale.search.results.isVisible()


def test_ctrl_slash_lists_the_shortcuts_on_screen(signed_in: Driver) -> None:
    d = signed_in
    edit = d.window.sale.search.edit
    d.qtbot.keyClick(edit, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    overlay = d.window.findChild(QFrame, "shortcutOverlay")
    assert overlay is not None
    assert overlay.isVisible()
    text = overlay.body.text()  # type: ignore[attr-defined]
    for expected in ("F12", "PAY", "Ctrl+U", "Customer", "F10", "Remove line"):
        assert expected in text
    d.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert QApplication.focusWidget() is edit


class ClaimsLikeX11(QObject):
    """What a QLineEdit does on X11 and not on the offscreen platform (whose key bindings are
    Windows'): it accepts the ShortcutOverride for Ctrl+U and Ctrl+E, its own line keys, so
    no shortcut sees them. Installed on the line edit, it runs after the till's application
    filters, as the line edit's own handling does."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_U, Qt.Key.Key_E)
        ):
            event.accept()
            return True
        return False


def test_ctrl_e_emails_the_receipt_from_the_address_box(make_till: Any, staffed_db: Path) -> None:
    """After a paid sale the cursor is in the e-mail address box; on Linux a line edit takes
    Ctrl+E (go to the line's end) unless the Email receipt button's shortcut wins."""
    d: Driver = make_till(staffed_db, web_features=True)  # enrolled: e-mail is offered
    d.sign_in("1111")
    d.scan_and_wait(COFFEE)
    d.pay_cash("10")
    customers = d.till.customers
    assert customers is not None
    bar = customers.email_bar
    d.qtbot.waitUntil(bar.send_button.isVisible)
    edit = bar.address_edit
    claims = ClaimsLikeX11(edit)
    edit.installEventFilter(claims)
    d.type(edit, "ann@example.com")
    edit.setCursorPosition(0)
    with d.qtbot.waitSignal(bar.send_requested, timeout=2000) as sent:
        d.qtbot.keyClick(edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert sent.args == ["ann@example.com"]
    assert edit.cursorPosition() == 0  # the line edit did not take the keys
