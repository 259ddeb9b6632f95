"""A failed drawer kick is retried when the printer is back (within a window), and the serial
scale reads through TillDevices (issue 17 point 10). Real TCP printer simulator, pty scale."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest

from hardware.base import DeviceKind, DeviceState, DeviceStatus
from hardware.config import DeviceConfig
from hardware.printer_connections import UsbConnection, parse_printer_url
from hardware.sim.printer import SimulatedPrinter
from hardware.sim.scale import SimulatedScale
from hardware.sim.serial_devices import PtyDevice
from hardware.till_devices import DeviceListeners, TillDevices

WAIT_S = 10.0


DrawerTill = tuple[TillDevices, Callable[[], DeviceStatus]]


@pytest.fixture
def drawer_till(sim_printer: SimulatedPrinter) -> Iterator[Callable[..., DrawerTill]]:
    """Devices with a printer-kicked drawer, and the next drawer status they report."""
    made: list[TillDevices] = []

    def _make(**retry: float) -> DrawerTill:
        statuses: queue.Queue[DeviceStatus] = queue.Queue()
        devices = TillDevices(
            DeviceConfig(printer=sim_printer.url, printer_timeout_s=0.5, drawer="printer"),
            **{"retry_initial_s": 0.05, "retry_max_s": 0.2, **retry},
        )
        devices.start(DeviceListeners(on_status=statuses.put))
        made.append(devices)

        def next_drawer_status() -> DeviceStatus:
            while True:
                status = statuses.get(timeout=WAIT_S)
                if status.kind is DeviceKind.DRAWER:
                    return status

        return devices, next_drawer_status

    yield _make
    for devices in made:
        devices.close()


def test_a_kick_that_failed_while_the_printer_was_off_opens_the_drawer_once_it_is_back(
    sim_printer: SimulatedPrinter, drawer_till: Callable[..., DrawerTill]
) -> None:
    devices, next_drawer_status = drawer_till()
    sim_printer.refuse_connections(True)
    job = devices.open_drawer()
    assert job is not None
    job.exception(timeout=WAIT_S)  # the first kick failed: the printer is off
    assert next_drawer_status().state is DeviceState.DISCONNECTED

    sim_printer.refuse_connections(False)
    [kick] = sim_printer.wait_for_kicks(1, timeout=WAIT_S)
    assert kick.pin == 2
    status = next_drawer_status()
    while status.state is not DeviceState.READY:  # retries that failed before it came back
        status = next_drawer_status()
    assert status.message == "opened"
    assert len(sim_printer.drawer_kicks) == 1  # opened once, not once per retry


def test_a_kick_is_given_up_after_the_window_so_the_drawer_never_opens_long_after(
    sim_printer: SimulatedPrinter, drawer_till: Callable[..., DrawerTill]
) -> None:
    devices, next_drawer_status = drawer_till(retry_max_s=0.1, kick_retry_window_s=0.3)
    sim_printer.refuse_connections(True)
    devices.open_drawer()
    status = next_drawer_status()
    while "not opened" not in status.message:
        status = next_drawer_status()
    assert "open it with No sale" in status.message
    sim_printer.refuse_connections(False)
    # No retry is left: the probe's own connection gets through, no kick follows it.
    probe = devices.probe_printer()
    assert probe is not None
    probe.result(timeout=WAIT_S)
    assert sim_printer.drawer_kicks == []


def test_the_serial_scale_reads_a_stable_weight_through_till_devices(
    pty_device: Callable[..., PtyDevice],
) -> None:
    scale = SimulatedScale(pty_device())
    scale.set_weight("1.234", moving_for=2)  # settles after two readings
    devices = TillDevices(DeviceConfig(scale=scale.device.path))
    devices.start(DeviceListeners())
    try:
        assert devices.has_scale
        job = devices.read_weight()
        assert job is not None
        assert job.result(timeout=WAIT_S) == Decimal("1.234")
        assert scale.requests >= 3
    finally:
        devices.close()
        scale.close()


def test_usb_endpoints_are_configurable_as_python_escpos_documents() -> None:
    assert parse_printer_url("usb://04b8:0202") == UsbConnection(0x04B8, 0x0202, 0x82, 0x01)
    connection = parse_printer_url("usb://0416:5011?in_ep=0x81&out_ep=0x03")
    assert connection == UsbConnection(0x0416, 0x5011, in_ep=0x81, out_ep=0x03)
    config = DeviceConfig(printer="usb://0416:5011?in_ep=0x81&out_ep=0x03")
    assert config.printer_config().connection == connection
