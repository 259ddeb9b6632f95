"""Which devices this till has: a small, Qt-free settings record, from a file or CLI flags.

``devices.toml`` (or ``devices.json``) in the till's data folder, all keys optional::

    [printer]
    address = "tcp://192.168.1.50:9100"  # serial:///dev/ttyS0?baud=19200, usb://04b8:0202,
    paper_width_mm = 80                 # cups://queue, file:///dev/usb/lp0, or "none"
    timeout_s = 3
    status = "auto"                     # "auto", "off" or "required" (see escpos_printer)
    profile = "TM-T88V"                 # a python-escpos profile; code_page = "auto" or "CP858"
    qr = "https://shop.example/r/{receipt_no}"  # a QR code on each receipt (optional)
    keep_days = 90                      # printed receipts kept in the print queue, 1-3650
    [drawer]
    via = "printer"                     # "printer", "serial:///dev/ttyS1?open=dtr", or "none"
    pin = 2                             # printer-kicked drawers: pin 2 or 5
    [display]
    port = "/dev/ttyUSB1"               # a 2x20 pole display, or "none"
    [scanner]
    port = "/dev/ttyACM0"               # a serial scanner, or "none"
    suffix = "\\r"
    keyboard_suffix = "enter"           # what a keyboard-wedge scanner ends a code with:
                                        # "enter", "tab" or "none" (a pause ends the code)
    [scale]
    port = "/dev/ttyUSB2"               # a serial checkout scale (NCI "W" protocol), or "none"

Without a file (or with ``address = "none"``) the till runs without a printer and says so.
Anything else — an unknown key, a misspelt scheme, a width of 76 mm, a printer profile or code
page python-escpos does not know — is a ``DeviceConfigError``: one line naming the key and what
is allowed, raised before any device is opened.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal, cast

from hardware.config_file import CONFIG_NAMES, find_device_config
from hardware.escpos_printer import STATUS_MODES, PrinterConfig, StatusMode, parse_printer_url
from hardware.escpos_render import AUTO_CODE_PAGE, DrawerPulse, check_code_page, check_profile
from hardware.serial_drawer import parse_drawer_url

__all__ = [
    "CONFIG_NAMES",
    "KEYBOARD_SUFFIXES",
    "DeviceConfig",
    "DeviceConfigError",
    "DrawerVia",
    "ScannerSettings",
    "config_from_mapping",
    "find_device_config",
    "load_device_config",
]

DrawerVia = str  # "none", "printer", or a serial:// drawer address
DEFAULT_PROFILE = "default"  # python-escpos's own default printer model
_NONE = ("", "none", "off")
_SECTIONS: Mapping[str, frozenset[str]] = {
    "printer": frozenset(
        {
            "address",
            "paper_width_mm",
            "timeout_s",
            "profile",
            "code_page",
            "status",
            "qr",
            "keep_days",
        }
    ),
    "drawer": frozenset({"via", "pin"}),
    "display": frozenset({"port", "baudrate"}),
    "scanner": frozenset({"port", "suffix", "baudrate", "keyboard_suffix"}),
    "scale": frozenset({"port", "baudrate"}),
}
KEYBOARD_SUFFIXES = ("enter", "tab", "none")


class DeviceConfigError(ValueError):
    """The device settings cannot be used as given; the message names the key."""


@dataclass(frozen=True)
class ScannerSettings:
    port: str
    suffix: bytes = b"\r"
    baudrate: int = 9600


@dataclass(frozen=True)
class DeviceConfig:
    printer: str | None = None  # a printer address (see escpos_printer.parse_printer_url)
    paper_width_mm: Literal[58, 80] = 80
    printer_timeout_s: float = 3.0
    printer_profile: str = DEFAULT_PROFILE
    code_page: str = AUTO_CODE_PAGE  # by the receipt's language (escpos_render.code_page_for)
    printer_status: StatusMode = "auto"
    qr_template: str | None = None  # e.g. "https://shop.example/r/{receipt_no}"
    # Printed jobs older than this leave the print queue (services/devices/print_jobs.py); a
    # reprint of an older receipt is rebuilt from the sale rows.
    print_keep_days: int = 90
    drawer: DrawerVia = "none"
    drawer_pin: Literal[2, 5] = 2
    display: str | None = None  # serial port of a customer display
    display_baudrate: int = 9600
    scanner: ScannerSettings | None = None
    keyboard_suffix: str = "enter"  # one of KEYBOARD_SUFFIXES
    scale: str | None = None  # serial port of a checkout scale
    scale_baudrate: int = 9600

    def __post_init__(self) -> None:
        if self.printer is not None:
            _check("printer.address", self.printer, parse_printer_url)
        if (self.printer_profile, self.code_page) != (DEFAULT_PROFILE, AUTO_CODE_PAGE):
            # Checking them loads python-escpos's capabilities (~50 ms); the defaults are its
            # own default profile and the receipt's language, so a till without settings (or
            # without a printer model) starts without it (issue 18, cold start).
            _check("printer.profile", self.printer_profile, check_profile)
            _check(
                "printer.code_page", self.code_page, partial(check_code_page, self.printer_profile)
            )
        if self.printer_status not in STATUS_MODES:
            raise DeviceConfigError(
                f"printer.status must be one of {', '.join(STATUS_MODES)}, "
                f"not {self.printer_status!r}"
            )
        if self.qr_template is not None:
            _check("printer.qr", self.qr_template, _qr_check)
        if self.paper_width_mm not in (58, 80):
            raise DeviceConfigError(
                f"printer.paper_width_mm must be 58 or 80, not {self.paper_width_mm!r}"
            )
        if not 0 < self.printer_timeout_s <= 30:
            raise DeviceConfigError(
                f"printer.timeout_s must be in (0, 30] seconds, not {self.printer_timeout_s!r}"
            )
        if not 1 <= self.print_keep_days <= 3650:
            raise DeviceConfigError(
                f"printer.keep_days must be a whole number of days from 1 to 3650, "
                f"not {self.print_keep_days!r}"
            )
        if self.drawer_pin not in (2, 5):
            raise DeviceConfigError(f"drawer.pin must be 2 or 5, not {self.drawer_pin!r}")
        if self.drawer == "printer" and self.printer is None:
            raise DeviceConfigError("drawer.via = 'printer' needs a printer address")
        if self.drawer not in ("none", "printer"):
            _check("drawer.via", self.drawer, parse_drawer_url)
        if self.keyboard_suffix not in KEYBOARD_SUFFIXES:
            raise DeviceConfigError(
                f"scanner.keyboard_suffix must be one of {', '.join(KEYBOARD_SUFFIXES)}, "
                f"not {self.keyboard_suffix!r}"
            )

    def printer_config(self) -> PrinterConfig:
        """The one PrinterConfig these settings mean (the till, the wizard and
        ``devices test`` all print through it). ValueError without a printer."""
        if self.printer is None:
            raise DeviceConfigError("no printer is set up")
        return PrinterConfig(
            parse_printer_url(self.printer),
            profile=self.printer_profile,
            paper_width_mm=self.paper_width_mm,
            code_page=self.code_page,
            timeout_s=self.printer_timeout_s,
            qr_template=self.qr_template,
            status=self.printer_status,
            drawer=DrawerPulse(pin=self.drawer_pin),
        )

    @property
    def summary(self) -> str:
        """One line for the log: what is set up."""
        parts = [f"printer {self.printer or 'none'} ({self.paper_width_mm} mm)"]
        parts.append(f"drawer {self.drawer}")
        parts.append(f"display {self.display or 'none'}")
        parts.append(f"scanner {self.scanner.port if self.scanner else 'none'}")
        return ", ".join(parts)


def _qr_check(template: str) -> None:
    try:
        template.format(receipt_no="T01-000001")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(
            f"{template!r} may only use {{receipt_no}} as a placeholder ({exc!r})"
        ) from None


def _check(key: str, value: str, parse: Any) -> None:
    try:
        parse(value)
    except (ValueError, TypeError) as exc:
        raise DeviceConfigError(f"{key}: {exc}") from None


def _text(section: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise DeviceConfigError(f"{section}.{key} must be text, not {value!r}")
    return value.strip()


def _number(section: str, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DeviceConfigError(f"{section}.{key} must be a number, not {value!r}")
    return float(value)


def _optional(section: str, key: str, value: object) -> str | None:
    text = _text(section, key, value)
    return None if text.lower() in _NONE else text


def _suffix(value: object) -> bytes:
    text = _text("scanner", "suffix", value)
    named = {"cr": "\r", "lf": "\n", "crlf": "\r\n", "tab": "\t"}
    text = named.get(text.lower(), text) if text else "\r"
    try:
        data = text.encode("ascii")
    except UnicodeEncodeError:
        raise DeviceConfigError(f"scanner.suffix must be ASCII, not {value!r}") from None
    return data or b"\r"


def config_from_mapping(data: Mapping[str, Any]) -> DeviceConfig:
    """Build and validate a DeviceConfig from parsed TOML/JSON (sections as above)."""
    if not isinstance(data, Mapping):
        raise DeviceConfigError("the device settings must be a table of sections")
    for section, body in data.items():
        if section not in _SECTIONS:
            raise DeviceConfigError(
                f"unknown section [{section}]: use {', '.join(sorted(_SECTIONS))}"
            )
        if not isinstance(body, Mapping):
            raise DeviceConfigError(f"[{section}] must be a table, not {body!r}")
        if unknown := set(body) - _SECTIONS[section]:
            raise DeviceConfigError(f"unknown key(s) in [{section}]: {', '.join(sorted(unknown))}")
    kwargs: dict[str, Any] = {}
    printer = cast(Mapping[str, Any], data.get("printer", {}))
    if "address" in printer:
        kwargs["printer"] = _optional("printer", "address", printer["address"])
    if "paper_width_mm" in printer:
        kwargs["paper_width_mm"] = int(
            _number("printer", "paper_width_mm", printer["paper_width_mm"])
        )
    if "timeout_s" in printer:
        kwargs["printer_timeout_s"] = _number("printer", "timeout_s", printer["timeout_s"])
    if "profile" in printer:
        kwargs["printer_profile"] = _text("printer", "profile", printer["profile"])
    if "code_page" in printer:
        kwargs["code_page"] = _text("printer", "code_page", printer["code_page"])
    if "status" in printer:
        kwargs["printer_status"] = _text("printer", "status", printer["status"]).lower()
    if "qr" in printer:
        kwargs["qr_template"] = _optional("printer", "qr", printer["qr"])
    if "keep_days" in printer:
        days = _number("printer", "keep_days", printer["keep_days"])
        if days != int(days):
            raise DeviceConfigError(f"printer.keep_days must be a whole number, not {days!r}")
        kwargs["print_keep_days"] = int(days)
    drawer = cast(Mapping[str, Any], data.get("drawer", {}))
    if "via" in drawer:
        kwargs["drawer"] = _optional("drawer", "via", drawer["via"]) or "none"
    if "pin" in drawer:
        kwargs["drawer_pin"] = int(_number("drawer", "pin", drawer["pin"]))
    display = cast(Mapping[str, Any], data.get("display", {}))
    if "port" in display:
        kwargs["display"] = _optional("display", "port", display["port"])
    if "baudrate" in display:
        kwargs["display_baudrate"] = int(_number("display", "baudrate", display["baudrate"]))
    scanner = cast(Mapping[str, Any], data.get("scanner", {}))
    if "keyboard_suffix" in scanner:
        kwargs["keyboard_suffix"] = _text(
            "scanner", "keyboard_suffix", scanner["keyboard_suffix"]
        ).lower()
    port = _optional("scanner", "port", scanner["port"]) if "port" in scanner else None
    if port is not None:
        kwargs["scanner"] = ScannerSettings(
            port,
            _suffix(scanner.get("suffix", "\r")),
            int(_number("scanner", "baudrate", scanner.get("baudrate", 9600))),
        )
    scale = cast(Mapping[str, Any], data.get("scale", {}))
    if "port" in scale:
        kwargs["scale"] = _optional("scale", "port", scale["port"])
    if "baudrate" in scale:
        kwargs["scale_baudrate"] = int(_number("scale", "baudrate", scale["baudrate"]))
    return DeviceConfig(**kwargs)


def load_device_config(path: Path) -> DeviceConfig:
    """Read ``devices.toml`` / ``devices.json``; any problem is one DeviceConfigError line."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DeviceConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data: object = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise DeviceConfigError(f"{path.name} is not valid {path.suffix[1:]}: {exc}") from None
    try:
        return config_from_mapping(cast(Mapping[str, Any], data))
    except DeviceConfigError as exc:
        raise DeviceConfigError(f"{path.name}: {exc}") from None
