"""`omnitill devices …`: talk to real devices, or run the simulated printer for a demo.

Only the parser is built at import time; device libraries load when a devices command runs,
so `omnitill` itself starts no slower for having this command.

`devices test` without device flags tests what the till will use: devices.toml in the data
folder (its profile, code page, paper width and status setting). It exits non-zero on any
problem — paper out, cover open, no answer where status is required, a dropped connection —
and says "printed" only when the printer confirmed the job (it answered a status query sent
after the receipt, on the same connection), else "sent, not confirmed".

    omnitill devices test                 # the devices in devices.toml
    omnitill devices test --printer tcp://192.168.1.50:9100 [--kick] [--width 58]
    omnitill devices test --scanner /dev/ttyACM0 --display /dev/ttyUSB1
    omnitill devices test --drawer "serial:///dev/ttyS1?open=dtr&sense=cts" --scale /dev/ttyS2
    omnitill devices sim-printer --port 9100
    omnitill devices list
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from hardware.config import DeviceConfig
    from hardware.escpos_printer import PrinterConfig
    from pos_app.domain.receipt import ReceiptDocument

__all__ = ["register", "run", "sample_receipt"]

EXIT_OK, EXIT_FAILED = 0, 1
_DEVICE_FLAGS = ("printer", "display", "drawer", "scale", "scanner")
DRAWER_HELP = (
    "serial cash drawer, e.g. serial:///dev/ttyS1?open=dtr&sense=cts "
    "(options: baud, open=bytes|dtr|rts, bytes=hex, pulse, sense=none|cts|dsr, open_high=0|1)"
)


def register(sub: Any) -> None:
    """Add the `devices` command to the `omnitill` subparsers."""
    devices = sub.add_parser("devices", help="test real devices or run simulated ones")
    actions = devices.add_subparsers(dest="devices_command", required=True, metavar="ACTION")
    test = actions.add_parser("test", help="print a test receipt, kick the drawer, read a scan")
    test.add_argument("--printer", help="tcp://host:9100, serial:///dev/ttyS0, usb://04b8:0202,"
                      " cups://queue or file:///dev/usb/lp0")  # fmt: skip
    test.add_argument("--width", type=int, choices=(58, 80), default=None)
    test.add_argument("--profile", default=None, help="python-escpos capability profile")
    test.add_argument("--code-page", default=None, help="e.g. CP858 (default: devices.toml's)")
    test.add_argument(
        "--status",
        choices=("auto", "off", "required"),
        default=None,
        help="ask the printer for its status: auto (default), off, required",
    )
    test.add_argument("--timeout", type=float, default=None, help="seconds (default 3)")
    test.add_argument("--kick", action="store_true", help="also open the cash drawer")
    test.add_argument("--scanner", help="serial port of a scanner: wait for one scan")
    test.add_argument("--display", help="serial port of a customer display")
    test.add_argument("--drawer", help=DRAWER_HELP)
    test.add_argument("--scale", help="serial port of a scale (NCI 'W' protocol): read one weight")
    test.add_argument("--scan-timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    sim = actions.add_parser("sim-printer", help="run the simulated network printer")
    sim.add_argument("--port", type=int, default=9100)
    sim.add_argument("--host", default="127.0.0.1")
    actions.add_parser("list", help="list serial ports")


def sample_receipt(when: datetime | None = None) -> ReceiptDocument:
    """A receipt exercising the code page (€ £ é ü ñ), a discount and change."""
    from decimal import Decimal

    from pos_app.domain.catalog import CatalogItem
    from pos_app.domain.money import EUR, Money
    from pos_app.domain.receipt import build_receipt
    from pos_app.domain.sale.basket import Basket
    from pos_app.domain.sale.tenders import Tender, TenderKind, settle
    from pos_app.domain.tax import TaxMode, TaxRate

    rates = {"std": TaxRate("std", Decimal("0.20"), "VAT 20%")}
    basket = Basket(EUR, TaxMode.INCLUSIVE, rates)
    basket.add_item(CatalogItem("T-1", "Crème brûlée", Money.of("3.50", EUR), "std", "t"), 2)
    basket.add_item(CatalogItem("T-2", "Müsli · £ · ñ", Money.of("4.25", EUR), "std", "t"))
    totals = basket.totals()
    settlement = settle(
        totals.total, [Tender(TenderKind.CASH, Money.of("20", EUR))], Decimal("0.01")
    )
    return build_receipt(
        basket_totals=totals, lines=basket.lines, settlement=settlement,
        store_name="OmniTill printer test", store_lines=("Prices in €",), till_id="TEST",
        receipt_no="TEST-000001", issued_at=when or datetime.now(UTC), cashier="test",
        footer=("Code page check: € £ é ü ñ",),
    )  # fmt: skip


def _printer_config(args: argparse.Namespace, base: DeviceConfig) -> PrinterConfig:
    """devices.toml's printer settings, with what the command line gives instead."""
    changes = {
        key: value
        for key, value in (
            ("printer", args.printer),
            ("paper_width_mm", args.width),
            ("printer_profile", args.profile),
            ("code_page", args.code_page),
            ("printer_status", args.status),
            ("printer_timeout_s", args.timeout),
        )
        if value is not None
    }
    return replace(base, **changes).printer_config()


def _test_printer(args: argparse.Namespace, base: DeviceConfig, out: TextIO) -> bool:
    from hardware.base import DeviceError, DeviceState, StatusNotSupportedError
    from hardware.escpos_printer import EscposDrawer, EscposPrinter

    config = _printer_config(args, base)
    printer = EscposPrinter(config)
    print(f"printer: {base.printer if args.printer is None else args.printer} "
          f"({config.profile}, {config.code_page}, {config.paper_width_mm} mm, "
          f"status {config.status})", file=out)  # fmt: skip
    ok = True
    if printer.asks_status:
        try:
            status = printer.status()
            print(f"status: {status.state} (paper {status.paper}, cover "
                  f"{'open' if status.cover_open else 'closed'})", file=out)  # fmt: skip
            if status.state is not DeviceState.READY:
                ok = False
        except StatusNotSupportedError:
            print("status: the printer does not answer status requests", file=out)
        except DeviceError as exc:
            if printer.found_silent:  # "auto" learnt just now: a valid set-up
                print("status: no answer (this printer does not report status)", file=out)
            else:
                print(f"status: FAILED: {exc}", file=out)
                ok = False
    else:
        print("status: not asked (this connection or setting cannot report it)", file=out)
    if not ok:
        print("test receipt: not printed (fix the printer first)", file=out)
        return False
    try:
        confirmed = printer.send(printer.render(sample_receipt()), confirm=True)
    except DeviceError as exc:
        print(f"test receipt: FAILED: {exc}", file=out)
        return False
    print(f"test receipt: {'printed' if confirmed else 'sent, not confirmed'}", file=out)
    if not confirmed and config.status == "required":
        ok = False
    if args.kick:
        try:
            EscposDrawer(printer).open()
            print("drawer: kick sent", file=out)
        except DeviceError as exc:
            print(f"drawer: FAILED: {exc}", file=out)
            ok = False
    return ok


def _test_scanner(port: str, out: TextIO, timeout: float) -> bool:
    from hardware.base import ScanEvent
    from hardware.serial_scanner import SerialScanner, SerialScannerConfig

    scans: queue.Queue[ScanEvent] = queue.Queue()
    scanner = SerialScanner(SerialScannerConfig(port=port), scans.put)
    scanner.start()
    print(f"scanner: scan a barcode within {timeout:.0f} s …", file=out)
    try:
        event = scans.get(timeout=timeout)
        print(f"scanner: read {event.code!r}", file=out)
        return True
    except queue.Empty:
        print(f"scanner: no scan ({scanner.state})", file=out)
        return False
    finally:
        scanner.stop()


def _test_display(port: str, out: TextIO) -> bool:
    from hardware.base import DeviceError
    from hardware.serial_display import DisplayConfig, SerialCustomerDisplay

    display = SerialCustomerDisplay(DisplayConfig(port=port))
    try:
        display.show("OmniTill display test", "€ £ é ü ñ 12.34")
        print("display: two lines written", file=out)
        return True
    except DeviceError as exc:
        print(f"display: FAILED: {exc}", file=out)
        return False
    finally:
        display.close()


def _test_drawer(url: str, out: TextIO) -> bool:
    from hardware.base import DeviceError
    from hardware.serial_drawer import SerialDrawer, parse_drawer_url

    drawer = SerialDrawer(parse_drawer_url(url))
    try:
        drawer.open()
        print("drawer: kick sent", file=out)
        print(f"drawer: {drawer.state()}", file=out)
        return True
    except DeviceError as exc:
        print(f"drawer: FAILED: {exc}", file=out)
        return False
    finally:
        drawer.close()


def _test_scale(port: str, out: TextIO) -> bool:
    from hardware.base import DeviceError
    from hardware.serial_scale import SerialScale, SerialScaleConfig

    scale = SerialScale(SerialScaleConfig(port=port))
    try:
        print(f"scale: {scale.read_weight_kg()} kg (stable)", file=out)
        return True
    except DeviceError as exc:
        print(f"scale: FAILED: {exc}", file=out)
        return False
    finally:
        scale.close()


def _run_sim(args: argparse.Namespace, out: TextIO, stop: threading.Event) -> int:
    from hardware.sim.printer import SimReceipt, SimulatedPrinter

    def show(receipt: SimReceipt) -> None:
        print(receipt.render(), file=out, flush=True)

    with SimulatedPrinter(args.host, args.port, on_receipt=show) as sim:
        print(f"simulated printer listening on {sim.url} (Ctrl-C to stop)", file=out, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return EXIT_OK


def _list_ports(out: TextIO) -> int:
    from serial.tools import list_ports

    ports = list(list_ports.comports())
    for port in ports:
        print(f"{port.device}\t{port.description}", file=out)
    if not ports:
        print("no serial ports found", file=out)
    return EXIT_OK


def _configured(args: argparse.Namespace, out: TextIO) -> DeviceConfig | None:
    """devices.toml (or .json) in the data folder; an empty config when there is none.
    None (after saying why) when it cannot be used."""
    from hardware.config import (
        DeviceConfig,
        DeviceConfigError,
        find_device_config,
        load_device_config,
    )
    from pos_app.db.engine import default_data_dir

    data_dir = args.data_dir if getattr(args, "data_dir", None) is not None else default_data_dir()
    path = find_device_config(data_dir)
    if path is None:
        return DeviceConfig()
    try:
        config = load_device_config(path)
    except DeviceConfigError as exc:
        print(f"devices: {exc}", file=out)
        return None
    print(f"devices: {path}", file=out)
    return config


def run(
    args: argparse.Namespace, out: TextIO | None = None, stop: threading.Event | None = None
) -> int:
    out = out or sys.stdout  # looked up per call, so redirected stdout is honoured
    if args.devices_command == "sim-printer":
        return _run_sim(args, out, stop or threading.Event())
    if args.devices_command == "list":
        return _list_ports(out)
    from hardware.config import DeviceConfig

    given = any(getattr(args, key, None) for key in _DEVICE_FLAGS)
    base = DeviceConfig() if given else _configured(args, out)
    if base is None:
        return EXIT_FAILED
    printer = args.printer or (None if given else base.printer)
    display = args.display or (None if given else base.display)
    drawer = args.drawer or (None if given or base.drawer in ("none", "printer") else base.drawer)
    scale = args.scale or (None if given else base.scale)
    scanner = args.scanner or (None if given or base.scanner is None else base.scanner.port)
    checks: list[Callable[[], bool]] = []
    if printer:
        checks.append(lambda: _test_printer(args, base, out))
    if display:
        checks.append(lambda: _test_display(display, out))
    if drawer:
        checks.append(lambda: _test_drawer(drawer, out))
    if scale:
        checks.append(lambda: _test_scale(scale, out))
    if scanner:
        checks.append(lambda: _test_scanner(scanner, out, args.scan_timeout))
    if not checks:
        print("nothing to test: no devices.toml here; give --printer, --drawer, --scale, "
              "--scanner and/or --display", file=out)  # fmt: skip
        return EXIT_FAILED
    try:
        results = [check() for check in checks]
    except ValueError as exc:  # a malformed device address or setting
        print(f"devices: {exc}", file=out)
        return EXIT_FAILED
    return EXIT_OK if all(results) else EXIT_FAILED
