"""Every shortcut on a button works whatever has focus; Ctrl+/ lists them; Esc clears the
search box (issue 15 defect 3)."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtWidgets import QApplication, QFrame

from pos_app.ui.shortcuts import visible_shortcuts
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
