"""The sale screen weighs an item sold by weight on the serial scale (issue 17 point 10): a
real till window, the NCI scale simulator on a pty, the catalog item chosen from the search."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hardware.config import DeviceConfig
from hardware.sim.scale import SimulatedScale
from hardware.sim.serial_devices import PtyDevice
from hardware.till_devices import TillDevices
from pos_app.domain.catalog import CatalogItem
from pos_app.domain.money import EUR, Money
from tests.helpers.gui import Driver

WAIT_MS = 5000
BANANAS = CatalogItem("BAN-1", "Bananas", Money.of("1.99", EUR), "reduced", "produce",
                      ("2100001000004",), sold_by_weight=True)  # fmt: skip


@pytest.fixture
def scale() -> Iterator[SimulatedScale]:
    sim = SimulatedScale(PtyDevice())
    yield sim
    sim.close()


def test_an_item_sold_by_weight_takes_the_weight_from_the_scale(
    make_till: Any, staffed_db: Path, scale: SimulatedScale
) -> None:
    scale.set_weight("1.234", moving_for=1)
    d: Driver = make_till(staffed_db, devices=TillDevices(DeviceConfig(scale=scale.device.path)))
    d.sign_in("1111")

    with d.qtbot.waitSignal(d.controller.line_added, timeout=WAIT_MS):
        d.controller.on_search_item_chosen(BANANAS)  # what choosing it in the search does

    register = d.controller.register
    assert register is not None
    [line] = register.basket.lines
    assert (line.item.sku, line.quantity) == ("BAN-1", Decimal("1.234"))
    assert d.window.sale.side.currentWidget() is d.window.sale.action_pad  # no weight prompt


def test_a_scale_that_cannot_weigh_says_why_and_adds_nothing(
    make_till: Any, staffed_db: Path, scale: SimulatedScale
) -> None:
    scale.set_weight("2.000")
    scale.set_overload(over=True)
    d: Driver = make_till(staffed_db, devices=TillDevices(DeviceConfig(scale=scale.device.path)))
    d.sign_in("1111")

    with d.qtbot.waitSignal(d.controller.error_shown, timeout=WAIT_MS) as shown:
        d.controller.on_search_item_chosen(BANANAS)

    assert "over capacity" in shown.args[0]
    register = d.controller.register
    assert register is not None
    assert register.basket.is_empty
