"""Customer pole display through a pty: the simulated display decodes what the driver sends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hardware.base import DeviceUnavailableError
from hardware.serial_display import DisplayConfig, SerialCustomerDisplay, display_bytes
from hardware.sim.serial_devices import PtyDevice, SimulatedDisplay
from pos_app.domain.money import EUR, Money


@pytest.fixture
def sim_display(pty_device: Callable[..., PtyDevice]) -> Iterator[SimulatedDisplay]:
    display = SimulatedDisplay(pty_device())
    yield display
    display.close()


@pytest.fixture
def driver(sim_display: SimulatedDisplay) -> Iterator[SerialCustomerDisplay]:
    display = SerialCustomerDisplay(DisplayConfig(port=sim_display.device.path))
    yield display
    display.close()


def test_bytes_position_the_cursor_and_pad_both_lines() -> None:
    data = display_bytes(DisplayConfig(port="x"), "Café", "3.50 €")
    assert data == (
        b"\x1f$\x01\x01" + "Café".ljust(20).encode("cp858")
        + b"\x1f$\x01\x02" + "3.50 €".ljust(20).encode("cp858")
    )  # fmt: skip


def test_item_and_total_shown_with_euro_and_accents(
    driver: SerialCustomerDisplay, sim_display: SimulatedDisplay
) -> None:
    driver.show_item("Crème brûlée", Money.of("3.50", EUR), Money.of("12.75", EUR))
    expected = ("Crème brûlée    3.50", "TOTAL      12.75 EUR")
    assert sim_display.wait_for(lambda lines: lines == expected), sim_display.lines


def test_change_then_thank_you_overwrites_the_whole_screen(
    driver: SerialCustomerDisplay, sim_display: SimulatedDisplay
) -> None:
    driver.show_change(Money.of("20", EUR), Money.of("7.25", EUR))
    assert sim_display.wait_for(lambda lines: lines[1] == "CHANGE      7.25 EUR")
    driver.show_thank_you()
    assert sim_display.wait_for(lambda lines: lines == ("     Thank you!     ", " " * 20))


def test_long_and_unshowable_text_is_cut_and_degraded(
    driver: SerialCustomerDisplay, sim_display: SimulatedDisplay
) -> None:
    driver.show("Prix € 茶 and a much longer line", "£ ñ ü\x1b@")
    assert sim_display.wait_for(
        lambda lines: lines == ("Prix € ? and a much ", "£ ñ ü @".ljust(20))
    ), sim_display.lines


def _show_twice(driver: SerialCustomerDisplay, text: str) -> None:
    driver.show(text)
    driver.show(text)


def test_unplugged_display_raises_then_reconnects(
    pty_device: Callable[..., PtyDevice], tmp_path: Path
) -> None:
    link = tmp_path / "ttyDisplay"
    first = SimulatedDisplay(pty_device(link=link))
    driver = SerialCustomerDisplay(DisplayConfig(port=str(link)))
    try:
        driver.show("one")
        assert first.wait_for(lambda lines: lines[0].startswith("one"))
        first.close()
        link.unlink()
        # The first write after an unplug may still land in the kernel buffer; by the second
        # the driver has noticed (write error) or reopened a path that is gone.
        with pytest.raises(DeviceUnavailableError):
            _show_twice(driver, "nobody there")
        second = SimulatedDisplay(pty_device(link=link))
        driver.show("two")
        assert second.wait_for(lambda lines: lines[0].startswith("two"))
        second.close()
    finally:
        driver.close()
