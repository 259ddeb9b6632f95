"""Serial cash drawer: the kick bytes through a pty; DTR/RTS pulses and CTS/DSR sensing on
pyserial's loop:// port (a pty has no modem lines)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from serial.urlhandler.protocol_loop import Serial as LoopSerial

from hardware.base import CashDrawer, DeviceTimeoutError, DeviceUnavailableError, DrawerState
from hardware.serial_drawer import SerialDrawer, SerialDrawerConfig, parse_drawer_url
from hardware.serial_port import prepare_port
from hardware.sim.serial_devices import PtyDevice

WAIT_S = 5.0
ESC_P_DEFAULT = b"\x1bp\x00\x32\x32"


def read_exactly(device: PtyDevice, count: int) -> bytes:
    """What the driver wrote, until ``count`` bytes or the deadline."""
    deadline = time.monotonic() + WAIT_S
    data = b""
    while len(data) < count and time.monotonic() < deadline:
        data += device.read(0.05)
    return data


# -- byte path over a pty --------------------------------------------------------------------


@pytest.fixture
def make_drawer() -> Iterator[Callable[..., SerialDrawer]]:
    made: list[SerialDrawer] = []

    def _make(config: SerialDrawerConfig, factory: Any = None) -> SerialDrawer:
        drawer = SerialDrawer(config, factory)
        made.append(drawer)
        return drawer

    yield _make
    for drawer in made:
        drawer.close()


def test_default_kick_sends_esc_p_through_the_port(
    pty_device: Callable[..., PtyDevice], make_drawer: Callable[..., SerialDrawer]
) -> None:
    device = pty_device()
    drawer = make_drawer(SerialDrawerConfig(port=device.path))
    assert isinstance(drawer, CashDrawer)
    drawer.open()
    assert read_exactly(device, len(ESC_P_DEFAULT)) == ESC_P_DEFAULT
    assert drawer.state() is DrawerState.UNKNOWN  # no sense line configured


def test_configured_bytes_and_async_kicks_arrive_in_order_off_the_calling_thread(
    pty_device: Callable[..., PtyDevice], make_drawer: Callable[..., SerialDrawer]
) -> None:
    device = pty_device()
    drawer = make_drawer(parse_drawer_url(f"serial://{device.path}?bytes=07&baud=19200"))
    futures = [drawer.open_async() for _ in range(3)]
    for future in futures:
        assert future.result(timeout=WAIT_S) is None
    assert read_exactly(device, 3) == b"\x07\x07\x07"


def test_unplugged_drawer_raises_then_reconnects(
    pty_device: Callable[..., PtyDevice], make_drawer: Callable[..., SerialDrawer], tmp_path: Path
) -> None:
    link = tmp_path / "ttyDrawer"
    first = pty_device(link=link)
    drawer = make_drawer(SerialDrawerConfig(port=str(link), open_bytes=b"\x07", timeout_s=0.5))
    drawer.open()
    assert read_exactly(first, 1) == b"\x07"
    first.close()
    link.unlink()

    def kick_twice() -> None:
        # The first write after an unplug may still land in the kernel buffer; by the second
        # the driver has seen the failure, or tried to reopen a path that is gone.
        drawer.open()
        drawer.open()

    with pytest.raises(DeviceUnavailableError):
        kick_twice()
    second = pty_device(link=link)
    drawer.open()
    assert read_exactly(second, 1) == b"\x07"


# -- modem lines over loop:// ----------------------------------------------------------------


class RecordingLoopPort(LoopSerial):  # type: ignore[misc]
    """LOOP PORT AT A BOUNDARY: pyserial's own loop:// port (it wires RTS→CTS and DTR→DSR),
    which also records every DTR/RTS change with its time. A pty has no modem lines and there
    is no drawer here, so the test plays the drawer's switch by setting RTS or DTR, which the
    driver then reads back on CTS or DSR exactly as it would read a real drawer's contact."""

    def __init__(self) -> None:
        self.changes: list[tuple[str, bool, float]] = []
        super().__init__()
        self.port = "loop://"

    def _update_dtr_state(self) -> None:
        self.changes.append(("dtr", self._dtr_state, time.monotonic()))

    def _update_rts_state(self) -> None:
        self.changes.append(("rts", self._rts_state, time.monotonic()))


@pytest.fixture
def loop_port() -> RecordingLoopPort:
    return RecordingLoopPort()


def _factory(port: RecordingLoopPort) -> Callable[[], Any]:
    return lambda: prepare_port(port, baudrate=9600, timeout_s=0.5)


def test_opening_the_port_does_not_fire_a_line_driven_drawer(
    loop_port: RecordingLoopPort, make_drawer: Callable[..., SerialDrawer]
) -> None:
    drawer = make_drawer(SerialDrawerConfig(port="loop://", open_method="dtr", sense_line="dsr"),
                         _factory(loop_port))  # fmt: skip
    assert drawer.state() is DrawerState.CLOSED  # opens the port; DSR mirrors DTR
    assert loop_port.is_open
    assert [(line, high) for line, high, _ in loop_port.changes] == [
        ("dtr", False),
        ("rts", False),
    ]


@pytest.mark.parametrize("line", ["dtr", "rts"])
def test_line_pulse_goes_high_for_the_configured_time_then_low(
    loop_port: RecordingLoopPort, make_drawer: Callable[..., SerialDrawer], line: str
) -> None:
    config = SerialDrawerConfig(port="loop://", open_method=line, pulse_ms=60)  # type: ignore[arg-type]
    drawer = make_drawer(config, _factory(loop_port))
    drawer.open()

    pulses = [(high, at) for name, high, at in loop_port.changes[2:] if name == line]
    assert [high for high, _ in pulses] == [True, False]
    assert pulses[1][1] - pulses[0][1] >= 0.055
    other = "rts" if line == "dtr" else "dtr"
    assert all(not high for name, high, _ in loop_port.changes if name == other)


@pytest.mark.parametrize("sense", ["cts", "dsr"])
@pytest.mark.parametrize("open_when_high", [True, False])
def test_open_closed_sensing_on_cts_or_dsr_with_either_polarity(
    loop_port: RecordingLoopPort,
    make_drawer: Callable[..., SerialDrawer],
    sense: str,
    open_when_high: bool,
) -> None:
    config = SerialDrawerConfig(port="loop://", sense_line=sense,  # type: ignore[arg-type]
                                open_when_line_high=open_when_high)  # fmt: skip
    drawer = make_drawer(config, _factory(loop_port))
    switch = "rts" if sense == "cts" else "dtr"  # the loopback wire feeding the sense line
    high_state = DrawerState.OPEN if open_when_high else DrawerState.CLOSED
    low_state = DrawerState.CLOSED if open_when_high else DrawerState.OPEN

    assert drawer.state() is low_state
    setattr(loop_port, switch, True)
    assert drawer.state() is high_state
    assert drawer.state_async().result(timeout=WAIT_S) is high_state
    setattr(loop_port, switch, False)
    assert drawer.state() is low_state


def test_a_drawer_stuck_behind_a_hung_port_fails_in_bounded_time(
    make_drawer: Callable[..., SerialDrawer],
) -> None:
    release = threading.Event()

    def hung_port() -> Any:
        release.wait(WAIT_S)  # a port that never finishes opening (a wedged USB adapter)
        raise OSError("gave up")

    drawer = make_drawer(SerialDrawerConfig(port="x", timeout_s=0.1, pulse_ms=10), hung_port)
    started = time.monotonic()
    try:
        with pytest.raises(DeviceTimeoutError, match="no result within"):
            drawer.open()
        assert time.monotonic() - started < 1.0
    finally:
        release.set()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("serial:///dev/ttyS1", SerialDrawerConfig(port="/dev/ttyS1")),
        (
            "serial:///dev/ttyS1?baud=2400&open=RTS&pulse=150&sense=dsr&open_high=0",
            SerialDrawerConfig(
                port="/dev/ttyS1",
                baudrate=2400,
                open_method="rts",
                pulse_ms=150,
                sense_line="dsr",
                open_when_line_high=False,
            ),
        ),
        (
            "serial:///dev/ttyS1?bytes=1b7001",
            SerialDrawerConfig("/dev/ttyS1", open_bytes=b"\x1bp\x01"),
        ),
    ],
)
def test_drawer_addresses(url: str, expected: SerialDrawerConfig) -> None:
    assert parse_drawer_url(url) == expected


@pytest.mark.parametrize(
    "url",
    ["tcp://x", "serial://", "serial:///dev/ttyS1?open=pin9", "serial:///dev/ttyS1?colour=red",
     "serial:///dev/ttyS1?pulse=5000", "serial:///dev/ttyS1?bytes="],
)  # fmt: skip
def test_bad_drawer_addresses_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        parse_drawer_url(url)
