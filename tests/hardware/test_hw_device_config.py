"""Device settings: devices.toml / devices.json, and garbage refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardware.config import (
    DeviceConfig,
    DeviceConfigError,
    ScannerSettings,
    find_device_config,
    load_device_config,
)
from pos_app.ui.start import till_device_config

FULL_TOML = """
[printer]
address = "tcp://192.168.1.50:9100"
paper_width_mm = 58
timeout_s = 2.5
keep_days = 30
[drawer]
via = "printer"
pin = 5
[display]
port = "/dev/ttyUSB1"
[scanner]
port = "/dev/ttyACM0"
suffix = "crlf"
"""


def test_a_full_toml_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "devices.toml").write_text(FULL_TOML, encoding="utf-8")
    path = find_device_config(tmp_path)
    assert path == tmp_path / "devices.toml"
    assert load_device_config(path) == DeviceConfig(
        printer="tcp://192.168.1.50:9100",
        paper_width_mm=58,
        printer_timeout_s=2.5,
        print_keep_days=30,
        drawer="printer",
        drawer_pin=5,
        display="/dev/ttyUSB1",
        scanner=ScannerSettings("/dev/ttyACM0", b"\r\n"),
    )


def test_json_and_none_values(tmp_path: Path) -> None:
    path = tmp_path / "devices.json"
    path.write_text(
        '{"printer": {"address": "none"}, "drawer": {"via": "serial:///dev/ttyS1?open=dtr"},'
        ' "scanner": {"port": "none"}}',
        encoding="utf-8",
    )
    config = load_device_config(path)
    assert config.printer is None
    assert config.drawer == "serial:///dev/ttyS1?open=dtr"
    assert config.scanner is None


def test_no_file_means_no_devices(tmp_path: Path) -> None:
    assert find_device_config(tmp_path) is None
    assert till_device_config(tmp_path) == DeviceConfig()
    given = DeviceConfig(printer="file:///dev/usb/lp0")
    assert till_device_config(tmp_path, given) is given


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[printer]\naddress = "lpt://1"', "printer.address: unknown printer address"),
        ("[printer]\npaper_width_mm = 76", "paper_width_mm must be 58 or 80, not 76"),
        ('[printer]\npaper_width_mm = "wide"', "paper_width_mm must be a number"),
        ("[printer]\ntimeout_s = 0", "timeout_s must be in (0, 30]"),
        ("[printer]\nkeep_days = 0", "keep_days must be a whole number of days from 1 to 3650"),
        ("[printer]\nkeep_days = 7.5", "keep_days must be a whole number"),
        ('[printer]\nkeep_days = "90"', "keep_days must be a number"),
        ('[printer]\nadress = "tcp://x"', "unknown key(s) in [printer]: adress"),
        ('[drawer]\nvia = "printer"', "needs a printer address"),
        ('[drawer]\nvia = "none"\npin = 3', "pin must be 2 or 5"),
        ('[drawer]\nvia = "usb://x"', "drawer.via: drawer address"),
        ('[scaner]\nport = "/dev/x"', "unknown section [scaner]"),
        ("printer = 3", "[printer] must be a table"),
        ("[printer\naddress=", "devices.toml is not valid toml"),
        ('[scanner]\nport = "/dev/x"\nsuffix = "€"', "suffix must be ASCII"),
    ],
)
def test_garbage_is_refused_with_the_key_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "devices.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DeviceConfigError) as err:
        load_device_config(path)
    assert message in str(err.value)
    assert str(err.value).startswith("devices.toml")


def test_an_unreadable_file_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(DeviceConfigError, match="cannot read"):
        load_device_config(tmp_path / "devices.toml")
