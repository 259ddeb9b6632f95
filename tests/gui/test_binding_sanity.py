"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method.

None is not immortal before Python 3.12, so a till running for a few minutes died with
"Fatal Python error: none_dealloc" (found by bench/bench_ui.py). 6.11.3 is fine; this test
refuses a binding with the bug so an upgrade cannot bring it back unnoticed.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        QApplication.processEvents()
    assert sys.getrefcount(None) >= before - 50, "this PySide6 build leaks None references"
