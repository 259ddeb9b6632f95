"""Reasons are one touch (issue 15 defect 7): the prompt offers the reason codes of the action's
kind as big buttons with optional words, "Other" requires words typed on the on-screen keyboard,
and a set of codes from head office replaces the defaults."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from pos_app.domain.reasons import ReasonKind, for_kind, parse_reason_codes
from pos_app.ui.keyboard import BACKSPACE, SPACE
from tests.helpers.catalog import COFFEE, TSHIRT
from tests.helpers.gui import Driver
from tests.helpers.till_db import rows


def test_a_discount_reason_is_one_touch_with_optional_words(driver: Driver) -> None:
    d, sale = driver, driver.window.sale
    d.sign_in("9999")  # a manager may discount
    d.scan_and_wait(COFFEE)
    d.press(sale.search.edit, Qt.Key.Key_F4)  # line discount
    prompt = sale.prompt
    assert prompt.pad.isVisible()  # first the amount, on the number pad
    assert not prompt.presets.isVisible()
    assert not prompt.keyboard.isVisible()
    d.type(prompt.value_edit, "1.00")
    d.press(prompt.value_edit, Qt.Key.Key_Return)  # no reason yet: the codes, in the pad's place
    assert d.cell(0, 4) in ("", None)
    assert prompt.presets.isVisible()
    assert not prompt.pad.isVisible()
    shown = [prompt.preset_button(c.code) for c in for_kind((), ReasonKind.DISCOUNT)]
    assert all(b is not None and b.isVisible() for b in shown)
    d.press(prompt.reason_edit, Qt.Key.Key_Return)
    assert prompt.message.text() == "Choose a reason."
    damaged = prompt.preset_button("DAMAGED")
    assert damaged is not None
    d.qtbot.mouseClick(damaged, Qt.MouseButton.LeftButton)
    d.press(prompt.reason_edit, Qt.Key.Key_Return)  # the code alone is enough
    d.qtbot.waitUntil(lambda: d.cell(0, 5) == "7.99")
    line = d.till.controller.register.basket.lines[0]  # type: ignore[union-attr]
    assert [x.reason for x in line.discounts] == ["Damaged"]


def test_other_needs_words_typed_on_the_on_screen_keyboard(
    signed_in: Driver, staffed_db: Path
) -> None:
    d, sale = signed_in, signed_in.window.sale
    d.scan_and_wait(COFFEE)
    d.press(sale.search.edit, Qt.Key.Key_F9)  # void the basket: only a reason is asked for
    prompt = sale.prompt
    assert not prompt.value_edit.isVisible()
    other = prompt.preset_button("OTHER")
    assert other is not None
    d.qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    assert prompt.keyboard.isVisible()  # words required: letters, not the number pad
    assert not prompt.pad.isVisible()
    d.qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    assert prompt.message.text() == "Other: say what the reason is."
    for key in ("F", "I", "R", "E", "X", BACKSPACE, SPACE, "D", "R", "I", "L", "L"):
        d.qtbot.mouseClick(prompt.keyboard.keys[key], Qt.MouseButton.LeftButton)
    assert prompt.reason_edit.text() == "Fire drill"
    d.qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    # An associate may not void: the manager approves, and the reason is not asked again.
    assert "may not void the basket" in prompt.message.text()
    assert not prompt.reason_edit.isVisible()
    d.type(prompt.value_edit, "9999")
    d.press(prompt.value_edit, Qt.Key.Key_Return)
    d.qtbot.waitUntil(lambda: d.till.controller.model.rowCount() == 0, timeout=5000)
    d.qtbot.waitUntil(
        lambda: bool(rows(staffed_db, "SELECT payload FROM journal_entries WHERE kind='void'"))
    )
    [(payload,)] = rows(staffed_db, "SELECT payload FROM journal_entries WHERE kind='void'")
    assert "void basket: Other: Fire drill" in str(payload)


def test_head_office_codes_replace_the_defaults(signed_in: Driver) -> None:
    d, sale = signed_in, signed_in.window.sale
    d.till.controller.reason_codes = parse_reason_codes(
        [{"code": "DENTED", "kind": "price_override", "label": "Dented tin"}]
    )
    d.scan_and_wait(COFFEE)
    d.press(sale.search.edit, Qt.Key.Key_F5)  # price override
    prompt = sale.prompt
    assert prompt.preset_button("DENTED") is not None
    assert prompt.preset_button("WRONG_LABEL") is None


def test_a_line_void_above_the_limit_needs_a_manager_with_a_reason_code(
    signed_in: Driver, staffed_db: Path
) -> None:
    d, sale = signed_in, signed_in.window.sale
    d.scan_and_wait(TSHIRT)
    d.scan_and_wait(TSHIRT)  # one line of two: 30.00, above the 20.00 line-void limit
    assert d.till.controller.model.rowCount() == 1
    d.press(sale.search.edit, Qt.Key.Key_F10)  # remove the line
    prompt = sale.prompt
    assert "may not remove a line above the line-void limit" in prompt.message.text()
    assert d.till.controller.model.rowCount() == 1  # nothing removed yet
    wrong = prompt.preset_button("WRONG_ITEM")  # the line-void reasons, as buttons
    assert wrong is not None
    d.qtbot.mouseClick(wrong, Qt.MouseButton.LeftButton)
    d.type(prompt.value_edit, "9999")
    d.press(prompt.value_edit, Qt.Key.Key_Return)
    d.qtbot.waitUntil(lambda: d.till.controller.model.rowCount() == 0, timeout=5000)
    query = "SELECT payload FROM journal_entries WHERE kind='line_void'"
    d.qtbot.waitUntil(lambda: bool(rows(staffed_db, query)))
    [(payload,)] = rows(staffed_db, query)
    assert "remove line 1: Wrong item" in str(payload)
