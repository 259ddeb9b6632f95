"""Setting up a till's devices from a form: validate, check the printer, print a test, save.

Qt-free; the first-run wizard (pos_app/ui/setup/devices_step.py) runs the blocking calls here
on a device worker thread. What is saved is the same ``devices.toml`` that ``omnitill run``
reads through ``hardware.config.load_device_config``: the file is written only after the
settings validated, and it is written whole or not at all (a temporary file renamed over it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from hardware.base import PrinterStatus
from hardware.config import (
    KEYBOARD_SUFFIXES,
    DeviceConfig,
    DeviceConfigError,
    load_device_config,
)
from hardware.escpos_printer import STATUS_MODES, EscposPrinter, StatusMode

__all__ = [
    "BAUD_RATES",
    "DeviceChoices",
    "DrawerKind",
    "PrinterKind",
    "check_printer",
    "config_from_choices",
    "device_config_toml",
    "parse_usb_id",
    "print_test_receipt",
    "save_device_config",
    "serial_ports",
]

PrinterKind = Literal["network", "serial", "usb", "none"]
DrawerKind = Literal["printer", "serial", "none"]
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
DEVICES_TOML = "devices.toml"
_USB_ID = re.compile(r"^\s*([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\s*$")
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$")
_SERIAL_SUFFIX_NAMES = {b"\r": "cr", b"\n": "lf", b"\r\n": "crlf", b"\t": "tab"}


@dataclass(frozen=True)
class DeviceChoices:
    """What a person chose on the devices form, as typed (validated by config_from_choices)."""

    printer: PrinterKind = "none"
    host: str = ""
    tcp_port: str = "9100"
    serial_port: str = ""
    baudrate: str = "19200"
    usb_id: str = ""
    paper_width_mm: int = 80
    drawer: DrawerKind = "none"
    drawer_pin: int = 2
    drawer_port: str = ""
    keyboard_suffix: str = "enter"
    printer_status: StatusMode = "auto"  # see hardware.escpos_printer: "auto", "off", "required"


def parse_usb_id(text: str) -> tuple[int, int]:
    """``04b8:0202`` → (0x04b8, 0x0202): vendor and product id, four hex digits each."""
    match = _USB_ID.match(text)
    if match is None:
        raise DeviceConfigError(
            f"the USB id must be vendor:product in hex, e.g. 04b8:0202, not {text.strip()!r}"
        )
    vendor, product = int(match.group(1), 16), int(match.group(2), 16)
    if vendor == 0:
        raise DeviceConfigError("the USB vendor id cannot be 0000")
    return vendor, product


def _printer_address(choices: DeviceChoices) -> str | None:
    if choices.printer == "none":
        return None
    if choices.printer == "network":
        host = choices.host.strip()
        if not host:
            raise DeviceConfigError("type the printer's network address (e.g. 192.168.1.50)")
        if not _HOST.match(host):
            raise DeviceConfigError(f"{host!r} is not a network address")
        port = choices.tcp_port.strip() or "9100"
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise DeviceConfigError(f"the printer port must be 1 to 65535, not {port!r}")
        return f"tcp://{host}:{int(port)}"
    if choices.printer == "serial":
        port = choices.serial_port.strip()
        if not port:
            raise DeviceConfigError("choose the printer's serial port")
        if not choices.baudrate.strip().isdigit() or int(choices.baudrate) not in BAUD_RATES:
            raise DeviceConfigError(
                f"the baud rate must be one of {', '.join(map(str, BAUD_RATES))}, "
                f"not {choices.baudrate.strip()!r}"
            )
        return f"serial://{port}?baud={int(choices.baudrate)}"
    if choices.printer == "usb":
        vendor, product = parse_usb_id(choices.usb_id)
        return f"usb://{vendor:04x}:{product:04x}"
    raise DeviceConfigError(f"unknown printer connection {choices.printer!r}")


def config_from_choices(choices: DeviceChoices, base: DeviceConfig | None = None) -> DeviceConfig:
    """The DeviceConfig for the form; what the form does not show (display, serial scanner,
    profile, code page, timeout) is kept from ``base``. Raises DeviceConfigError."""
    base = base or DeviceConfig()
    printer = _printer_address(choices)
    if choices.paper_width_mm not in (58, 80):
        raise DeviceConfigError(
            f"the paper width must be 58 or 80 mm, not {choices.paper_width_mm}"
        )
    if choices.drawer == "printer":
        if printer is None:
            raise DeviceConfigError("a drawer kicked through the printer needs a printer")
        if choices.drawer_pin not in (2, 5):
            raise DeviceConfigError(f"the drawer pin must be 2 or 5, not {choices.drawer_pin}")
        drawer = "printer"
    elif choices.drawer == "serial":
        port = choices.drawer_port.strip()
        if not port:
            raise DeviceConfigError("choose the cash drawer's serial port")
        drawer = f"serial://{port}"
    else:
        drawer = "none"
    if choices.keyboard_suffix not in KEYBOARD_SUFFIXES:
        raise DeviceConfigError(f"unknown scanner suffix {choices.keyboard_suffix!r}")
    if choices.printer_status not in STATUS_MODES:
        raise DeviceConfigError(
            f"the printer status must be one of {', '.join(STATUS_MODES)}, "
            f"not {choices.printer_status!r}"
        )
    return replace(
        base,
        printer=printer,
        paper_width_mm=80 if choices.paper_width_mm == 80 else 58,
        drawer=drawer,
        drawer_pin=5 if choices.drawer_pin == 5 else 2,
        keyboard_suffix=choices.keyboard_suffix,
        printer_status=choices.printer_status,
    )


def _quote(text: str) -> str:
    # A JSON string is a valid TOML basic string for everything json.dumps emits.
    return json.dumps(text, ensure_ascii=False)


def device_config_toml(config: DeviceConfig) -> str:
    """``devices.toml`` text that load_device_config reads back as ``config``."""
    lines = [
        "# Written by the OmniTill set-up screen; see hardware/config.py for every key.",
        "[printer]",
        f"address = {_quote(config.printer or 'none')}",
        f"paper_width_mm = {config.paper_width_mm}",
        f"timeout_s = {config.printer_timeout_s!r}",
        f"profile = {_quote(config.printer_profile)}",
        f"code_page = {_quote(config.code_page)}",
        f"status = {_quote(config.printer_status)}",
        f"qr = {_quote(config.qr_template or 'none')}",
        "",
        "[drawer]",
        f"via = {_quote(config.drawer)}",
        f"pin = {config.drawer_pin}",
        "",
        "[display]",
        f"port = {_quote(config.display or 'none')}",
        f"baudrate = {config.display_baudrate}",
        "",
        "[scanner]",
        f"keyboard_suffix = {_quote(config.keyboard_suffix)}",
    ]
    if config.scanner is not None:
        suffix = config.scanner.suffix
        named = _SERIAL_SUFFIX_NAMES.get(suffix, suffix.decode("ascii"))
        lines += [
            f"port = {_quote(config.scanner.port)}",
            f"suffix = {_quote(named)}",
            f"baudrate = {config.scanner.baudrate}",
        ]
    lines += [
        "",
        "[scale]",
        f"port = {_quote(config.scale or 'none')}",
        f"baudrate = {config.scale_baudrate}",
    ]
    return "\n".join(lines) + "\n"


def save_device_config(data_dir: Path, config: DeviceConfig) -> Path:
    """Write ``devices.toml`` atomically; it is read back and compared before it replaces
    anything, so a file the till could not load is never left behind."""
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / DEVICES_TOML
    fd, tmp_name = tempfile.mkstemp(prefix=".devices-", suffix=".toml", dir=data_dir)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(device_config_toml(config))
            out.flush()
            os.fsync(out.fileno())
        if load_device_config(tmp) != config:
            raise DeviceConfigError("the settings did not read back the same; nothing was saved")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    # devices.json would be shadowed by devices.toml anyway; leave it for the person to remove.
    return target


def _printer(config: DeviceConfig) -> EscposPrinter:
    return EscposPrinter(config.printer_config())


def check_printer(config: DeviceConfig) -> PrinterStatus:
    """Ask the printer for its DLE EOT status. Blocking (up to the timeout per query): run it
    on a worker. Raises DeviceError (no answer, refused, bad reply) or
    StatusNotSupportedError for connections that cannot read back."""
    return _printer(config).status()


def print_test_receipt(config: DeviceConfig) -> None:
    """Print the same test receipt as ``omnitill devices test``. Blocking; raises DeviceError
    (e.g. paper out, cover open, no answer)."""
    from hardware.cli import sample_receipt

    _printer(config).print_receipt(sample_receipt())


def serial_ports() -> list[tuple[str, str]]:
    """(device, description) for every serial port pyserial sees."""
    from serial.tools import list_ports

    return [(port.device, port.description or "") for port in list_ports.comports()]
