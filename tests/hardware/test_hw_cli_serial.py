"""`omnitill devices test --drawer … --scale …` against a pty drawer port and simulated scale."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

import pytest

from hardware.sim.scale import SimulatedScale
from hardware.sim.serial_devices import PtyDevice
from pos_app import cli

WAIT_S = 5.0


def test_devices_test_kicks_a_serial_drawer_and_reads_the_scale(
    pty_device: Callable[..., PtyDevice], capsys: pytest.CaptureFixture[str]
) -> None:
    drawer_port = pty_device()
    scale = SimulatedScale(pty_device())
    scale.set_weight(Decimal("0.842"))
    try:
        code = cli.main(["devices", "test", "--drawer", f"serial://{drawer_port.path}?bytes=07",
                         "--scale", scale.device.path])  # fmt: skip
    finally:
        scale.close()
    out = capsys.readouterr().out
    assert code == 0, out
    assert "drawer: kick sent" in out
    assert "drawer: unknown" in out
    assert "scale: 0.842 kg (stable)" in out
    deadline = time.monotonic() + WAIT_S
    received = b""
    while not received and time.monotonic() < deadline:
        received += drawer_port.read(0.05)
    assert received == b"\x07"


def test_devices_test_reports_a_scale_that_does_not_answer(
    pty_device: Callable[..., PtyDevice], capsys: pytest.CaptureFixture[str]
) -> None:
    silent = pty_device()  # a port with nothing behind it
    assert cli.main(["devices", "test", "--scale", silent.path]) == 1
    assert "scale: FAILED" in capsys.readouterr().out


def test_devices_test_refuses_a_malformed_drawer_address(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["devices", "test", "--drawer", "serial:///dev/ttyS1?open=pin9"]) == 1
    assert "devices:" in capsys.readouterr().out
