"""Every screen fits a 1024×768 till screen: no button's words are cut (issue 15 defect 2).

A QPushButton does not elide: a label wider than the button is clipped at both ends ("emove
lin"). So for each visible button on each main screen, every line of its label must fit in the
button's contents rectangle, measured with the button's own font (the theme's, polished).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from tests.helpers.gui import Driver

SIZES = [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)]


def cut_buttons(page: QWidget) -> list[str]:
    cut = []
    for button in page.findChildren(QPushButton):
        if not button.isVisible() or not button.text():
            continue
        metrics = button.fontMetrics()
        room = button.contentsRect().width()
        for line in button.text().replace("&&", "&").split("\n"):
            if metrics.horizontalAdvance(line) > room:
                cut.append(f"{line!r} needs {metrics.horizontalAdvance(line)} px, has {room}")
    return cut


def show(d: Driver, page: QWidget) -> None:
    d.window.show_page(page)
    d.qtbot.waitUntil(lambda: page.isVisible())
    d.qtbot.wait(1)  # one pass of the loop: layouts settle


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_button_label_is_cut_on_any_main_screen(
    make_till: Any, staffed_db: Any, size: tuple[int, int]
) -> None:
    d: Driver = make_till(staffed_db)
    d.window.resize(*size)
    w = d.window
    show(d, w.signin)
    problems = {"sign-in": cut_buttons(w.signin)}
    d.sign_in("1111")
    d.scan_and_wait("4006381333931")
    assert d.till.collections is not None
    d.till.collections.set_badge(12, 3)  # web orders waiting, some for review
    d.qtbot.wait(1)
    problems["sale"] = cut_buttons(w.sale)
    d.press(w.sale.search.edit, Qt.Key.Key_F12)  # the tender with its quick-cash notes
    d.qtbot.waitUntil(lambda: w.tender.isVisible())
    d.qtbot.wait(1)
    problems["tender"] = cut_buttons(w.tender)
    for name, page in (("receipt", w.receipt), ("collections", w.collections),
                       ("returns", w.returns)):  # fmt: skip
        show(d, page)
        problems[name] = cut_buttons(page)
    assert {k: v for k, v in problems.items() if v} == {}
