"""The wedge-scanner filter on its own: bursts become scans, people's typing stays typing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pos_app.ui.scanner import MAX_BURST, TOO_LONG_MARK, ScanFilter, ScannerConfig
from tests.helpers.gui import FakeClock

Rig = Callable[..., tuple[ScanFilter, QLineEdit, list[str]]]


@pytest.fixture
def rig(qtbot: QtBot, fake_clock: FakeClock) -> Iterator[Rig]:
    def make(config: ScannerConfig | None = None) -> tuple[ScanFilter, QLineEdit, list[str]]:
        scans: list[str] = []
        filt = ScanFilter(config, fake_clock)
        filt.barcode_scanned.connect(scans.append)
        QApplication.instance().installEventFilter(filt)  # type: ignore[union-attr]
        made.append(filt)
        edit = QLineEdit()
        qtbot.addWidget(edit)
        return filt, edit, scans

    made: list[ScanFilter] = []
    yield make
    for filt in made:
        QApplication.instance().removeEventFilter(filt)  # type: ignore[union-attr]


def keys(qtbot: QtBot, clock: FakeClock, edit: QLineEdit, text: str, gap: float) -> None:
    for char in text:
        clock.advance(gap)
        qtbot.keyClick(edit, char)


def test_burst_with_enter_is_a_scan_and_types_nothing(
    rig: Rig, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    _filt, edit, scans = rig()
    returns: list[bool] = []
    edit.returnPressed.connect(lambda: returns.append(True))
    keys(qtbot, fake_clock, edit, "4006381333931", 5)
    fake_clock.advance(5)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert scans == ["4006381333931"]
    assert edit.text() == ""
    assert returns == []  # the scanner's Enter is swallowed too


def test_human_typing_reaches_the_widget_in_order(
    rig: Rig, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    _filt, edit, scans = rig()
    keys(qtbot, fake_clock, edit, "coffee 12", 140)
    qtbot.waitUntil(lambda: edit.text() == "coffee 12")
    returns: list[bool] = []
    edit.returnPressed.connect(lambda: returns.append(True))
    fake_clock.advance(140)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert scans == []
    assert returns == [True]


def test_fast_typist_rollover_is_not_a_scan(rig: Rig, qtbot: QtBot, fake_clock: FakeClock) -> None:
    _filt, edit, scans = rig()
    keys(qtbot, fake_clock, edit, "ab", 12)  # two keys rolled over within the gap
    fake_clock.advance(12)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # but far too short for a barcode
    assert scans == []
    assert edit.text() == "ab"


def test_a_slow_burst_is_typing(rig: Rig, qtbot: QtBot, fake_clock: FakeClock) -> None:
    _filt, edit, scans = rig()
    keys(qtbot, fake_clock, edit, "40063813", 60)
    fake_clock.advance(60)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert scans == []
    assert edit.text() == "40063813"


def test_typing_then_scan_then_typing(rig: Rig, qtbot: QtBot, fake_clock: FakeClock) -> None:
    _filt, edit, scans = rig()
    keys(qtbot, fake_clock, edit, "mi", 150)
    fake_clock.advance(150)
    keys(qtbot, fake_clock, edit, "96385074", 6)
    fake_clock.advance(6)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    keys(qtbot, fake_clock, edit, "lk", 150)
    qtbot.waitUntil(lambda: edit.text() == "milk")
    assert scans == ["96385074"]


def test_prefix_and_custom_suffix(rig: Rig, qtbot: QtBot, fake_clock: FakeClock) -> None:
    config = ScannerConfig(prefix="]", suffix_keys=frozenset({int(Qt.Key.Key_Tab)}))
    _filt, edit, scans = rig(config)
    keys(qtbot, fake_clock, edit, "]96385074", 5)
    fake_clock.advance(5)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    keys(qtbot, fake_clock, edit, "96385074", 5)  # a fast burst without the prefix: typing
    fake_clock.advance(5)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert scans == ["96385074"]
    assert edit.text() == "96385074"


def test_shortcut_keys_pass_straight_through(rig: Rig, qtbot: QtBot, fake_clock: FakeClock) -> None:
    _filt, edit, _scans = rig()
    edit.setText("abc")
    edit.selectAll()
    fake_clock.advance(5)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == ""


def test_a_scanner_set_to_send_no_suffix_ends_its_code_with_a_pause(
    rig: Rig, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    from pos_app.ui.scanner import scanner_config_for

    _filt, edit, scans = rig(scanner_config_for("none"))
    keys(qtbot, fake_clock, edit, "4006381333931", 5)
    qtbot.waitUntil(lambda: scans == ["4006381333931"])
    assert edit.text() == ""
    keys(qtbot, fake_clock, edit, "tea", 140)  # a person: every key reaches the field
    qtbot.waitUntil(lambda: edit.text() == "tea")
    assert scans == ["4006381333931"]


def test_a_tab_suffix_scanner(rig: Rig, qtbot: QtBot, fake_clock: FakeClock) -> None:
    from pos_app.ui.scanner import scanner_config_for

    _filt, edit, scans = rig(scanner_config_for("tab"))
    keys(qtbot, fake_clock, edit, "12345670", 5)
    fake_clock.advance(5)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert scans == ["12345670"]
    with pytest.raises(ValueError, match="unknown scanner suffix"):
        scanner_config_for("space")


def test_a_gs1_code_keeps_its_group_separators(
    rig: Rig, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    # A wedge scanner types FNC1 (GS, 0x1D) as Ctrl+]; the code must reach the till intact.
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    _filt, edit, scans = rig()
    keys(qtbot, fake_clock, edit, "]d20103790000000014", 5)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier,
                          "\x1d")  # fmt: skip
        fake_clock.advance(2)
        QApplication.sendEvent(edit, event)
    keys(qtbot, fake_clock, edit, "10ABC123", 5)
    fake_clock.advance(5)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert scans == ["]d20103790000000014\x1d10ABC123"]
    assert edit.text() == ""


# -- issue 15: what a real wedge scanner sends, on a real (busy) till ------------------------


def press(
    widget: QLineEdit,
    key: Qt.Key,
    text: str = "",
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    stamp: int = 0,
) -> None:
    """One key as the window system delivers it: press then release, with its time stamp."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, modifiers, text)
        event.setTimestamp(stamp)
        QApplication.sendEvent(widget, event)


def wedge(widget: QLineEdit, code: str, start: int, gap: int = 8) -> int:
    """``code`` as a wedge scanner types it: Shift pressed and released around each capital,
    time-stamped ``gap`` ms apart, then Return. Returns the last time stamp."""
    stamp = start
    shift = Qt.KeyboardModifier.ShiftModifier
    for char in code:
        key = Qt.Key(ord(char.upper()))
        if char.isupper():
            stamp += gap
            press(widget, Qt.Key.Key_Shift, "", shift, stamp)
            stamp += 1
            press(widget, key, char, shift, stamp)
        else:
            stamp += gap
            press(widget, key, char, stamp=stamp)
    stamp += gap
    press(widget, Qt.Key.Key_Return, "\r", stamp=stamp)
    return stamp


@pytest.mark.parametrize(
    "code", ["LOY12345678", "demo-store-T001-000002", "SIM-FDC7D5-000001", "4006381333931"]
)
def test_capitals_with_shift_inside_a_burst_stay_one_scan(
    rig: Rig, fake_clock: FakeClock, code: str
) -> None:
    _filt, edit, scans = rig()
    # The loop gets to each key 60 ms after the last (a busy till): only the stamps are 8 ms.
    fake_clock.advance(60)
    wedge(edit, code, start=5_000)
    assert scans == [code]
    assert edit.text() == ""


def test_a_scan_delivered_late_is_timed_by_its_own_time_stamps(
    rig: Rig, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    filt, edit, scans = rig()
    code = "4006381333931"
    stamp = 90_000
    for i, char in enumerate(code):
        stamp += 8
        fake_clock.advance(250 if i == 5 else 3)  # the loop stalled a quarter second mid-burst
        press(edit, Qt.Key(ord(char)), char, stamp=stamp)
    press(edit, Qt.Key.Key_Return, "\r", stamp=stamp + 8)
    assert scans == [code]
    assert edit.text() == ""
    # The same keys stamped a person's 150 ms apart are typing, however the loop delivered them.
    for char in "12345":
        stamp += 150
        press(edit, Qt.Key(ord(char)), char, stamp=stamp)
    qtbot.waitUntil(lambda: edit.text() == "12345", timeout=2000)
    assert not filt._held


def test_a_200_character_burst_is_one_scan_marked_too_long(rig: Rig, fake_clock: FakeClock) -> None:
    _filt, edit, scans = rig()
    garbage = ("ABC123xyz-" * 20)[:200]
    wedge(edit, garbage, start=7_000)
    assert scans == [garbage[:MAX_BURST] + TOO_LONG_MARK]
    assert edit.text() == ""  # nothing of it is left in the search box


def test_a_person_typing_capitals_with_shift_is_still_typing(
    rig: Rig, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    _filt, edit, scans = rig()
    wedge(edit, "Tea", start=1_000, gap=180)  # Shift-T, e, a at a person's pace, then Enter
    assert scans == []
    qtbot.waitUntil(lambda: edit.text() == "Tea", timeout=2000)


def test_a_shortcut_pressed_right_after_typing_sees_every_key_typed(
    rig: Rig, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    """Issue 15: a note typed and F6 (Hand over) at once: Qt gives F6 to its shortcut without a
    key press, so the filter must let the held "d" go before the shortcut reads the note."""
    _filt, edit, scans = rig()
    seen: list[str] = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F6), edit)
    shortcut.activated.connect(lambda: seen.append(edit.text()))
    edit.show()
    edit.activateWindow()
    qtbot.waitUntil(edit.hasFocus)
    keys(qtbot, fake_clock, edit, "ID checked", 140)  # a person: the last key still held
    fake_clock.advance(30)
    qtbot.keyClick(edit, Qt.Key.Key_F6)
    assert seen == ["ID checked"]
    assert scans == []
