"""The theme as a cashier sees it: a button that cannot be pressed looks it, whatever its role
(the Shift screen's red Close shift looked pressable after the Z, when it was disabled)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.ui.boot import load_theme
from pos_app.ui.widgets import action_button

DANGER = QColor("#b3261e")
PRIMARY = QColor("#0b4f9c")


def _has_colour(image: QImage, colour: QColor, tolerance: int = 24) -> bool:
    """True when some pixel of the button is within ``tolerance`` of ``colour`` per channel."""
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= tolerance
                and abs(pixel.green() - colour.green()) <= tolerance
                and abs(pixel.blue() - colour.blue()) <= tolerance
            ):
                return True
    return False


@pytest.mark.parametrize(("role", "colour"), [("danger", DANGER), ("primary", PRIMARY)])
def test_a_disabled_button_loses_its_role_colour(qtbot: QtBot, role: str, colour: QColor) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    load_theme(app)
    try:
        button = action_button("Close shift (blind)", "F8", role=role)
        qtbot.addWidget(button)
        button.resize(220, 60)
        button.show()
        qtbot.waitExposed(button)
        assert _has_colour(button.grab().toImage(), colour)  # enabled: its role shows
        button.setEnabled(False)
        assert not _has_colour(button.grab().toImage(), colour)  # disabled: grey like the rest
    finally:
        app.setStyleSheet(before)
