"""Windows serial ports (issue 17 point 5): serial://COM3?… — what the set-up screen writes on
Windows — names COM3 for the printer and for a serial drawer, and serial:///dev/ttyUSB0 still
names its path; both spellings read the same on any system."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hardware.config import DeviceConfig, load_device_config
from hardware.device_setup import DeviceChoices, config_from_choices, save_device_config
from hardware.printer_connections import SerialConnection, parse_printer_url
from hardware.serial_drawer import SerialDrawer, parse_drawer_url
from hardware.sim.serial_devices import PtyDevice


@pytest.mark.parametrize(
    ("url", "port"),
    [
        ("serial://COM3?baud=9600", "COM3"),
        ("serial:///COM3?baud=9600", "COM3"),
        ("serial://com12", "com12"),
        (r"serial://\\.\COM10?baud=9600", r"\\.\COM10"),
        ("serial:///dev/ttyUSB0?baud=9600", "/dev/ttyUSB0"),
    ],
)
def test_printer_and_drawer_addresses_name_the_port_in_either_spelling(url: str, port: str) -> None:
    printer = parse_printer_url(url)
    assert isinstance(printer, SerialConnection)
    assert printer.device == port
    assert printer.baudrate == (9600 if "baud" in url else 19200)
    assert parse_drawer_url(url).port == port


def test_the_set_up_screen_saves_com_ports_that_the_till_reads_back(tmp_path: Path) -> None:
    config = config_from_choices(
        DeviceChoices(
            printer="serial",
            serial_port="COM3",
            baudrate="115200",
            drawer="serial",
            drawer_port="COM4",
        )
    )
    saved = load_device_config(save_device_config(tmp_path, config))

    connection = saved.printer_config().connection
    assert isinstance(connection, SerialConnection)
    assert (connection.device, connection.baudrate) == ("COM3", 115200)
    assert parse_drawer_url(saved.drawer).port == "COM4"


def test_empty_serial_address_is_refused_with_both_spellings_shown() -> None:
    with pytest.raises(ValueError, match=r"serial:///dev/ttyUSB0 or serial://COM3"):
        parse_printer_url("serial://?baud=9600")
    with pytest.raises(ValueError, match="serial://COM3"):
        DeviceConfig(drawer="serial://")


def test_a_serial_drawer_opened_through_its_address_kicks(
    pty_device: Callable[..., PtyDevice],
) -> None:
    # The port named by the address is the one opened (a pty's /dev/pts path here).
    device = pty_device()
    drawer = SerialDrawer(parse_drawer_url(f"serial://{device.path}?bytes=07"))
    try:
        drawer.open()
        assert device.read(2.0) == b"\x07"
    finally:
        drawer.close()
