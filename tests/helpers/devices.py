"""The till window with simulated devices (registered from tests/conftest.py): the real TCP
printer simulator and pty serial devices, and the steps a cashier takes with them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from hardware.till_devices import TillDevices
from pos_app.ui.devices.sim_panel import SimulatedDevices
from tests.helpers.gui import HUMAN_GAP_MS, Driver
from tests.helpers.till_db import rows

PRINTER_TIMEOUT_S = 0.5
WAIT_MS = 5000


@pytest.fixture
def sims() -> Iterator[SimulatedDevices]:
    devices = SimulatedDevices()
    yield devices
    devices.stop()


@pytest.fixture
def till(make_till: Any, staffed_db: Path, sims: SimulatedDevices) -> Driver:
    """The till window on the simulated devices, signed in as the associate."""
    devices = TillDevices(
        sims.config(timeout_s=PRINTER_TIMEOUT_S), retry_initial_s=0.05, retry_max_s=0.2
    )
    d: Driver = make_till(staffed_db, devices=devices)
    d.sign_in("1111")
    return d


def status_text(d: Driver) -> str:
    return d.window.status.devices_label.text()


def pay_cash(d: Driver, amount: str) -> Any:
    """Tender ``amount`` in cash and complete; returns the CompletedSale."""
    w = d.window
    d.press(w.sale.search.edit, Qt.Key.Key_F12)
    d.type(w.tender.cash_edit, amount)
    d.press(w.tender.cash_edit, Qt.Key.Key_Return)
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=WAIT_MS) as done:
        d.press(w.tender.cash_edit, Qt.Key.Key_F12)
    return done.args[0]


def drawer_opens(db: Path) -> list[dict[str, Any]]:
    found = rows(db, "SELECT payload FROM journal_entries WHERE kind='drawer_open' ORDER BY seq")
    return [json.loads(str(payload))["body"] for (payload,) in found]


def open_returns(d: Driver, receipt_no: str) -> Any:
    """Ctrl+R from the sale screen, then scan the receipt; returns the returns page."""
    d.clock.advance(HUMAN_GAP_MS)
    d.qtbot.keyClick(d.focus(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    returns = d.till.returns
    assert returns is not None
    assert d.window.pages.currentWidget() is d.window.returns
    with d.qtbot.waitSignal(returns.sale_found, timeout=WAIT_MS):
        d.scan(receipt_no)
    return d.window.returns
