"""``omnitill run`` and ``omnitill demo``: the till's start in two stages.

1. The window appears with the sign-in screen (``boot.open_shell``: Qt, the sign-in view, the
   status bar and a standard-library peek at the store's name; nothing else is imported).
2. After its first paint, the rest loads behind it (``app.build_till``: the data layer, the
   sale, collections and returns screens, the device settings and devices, sync). A PIN typed
   meanwhile is checked as soon as the till is ready.

Measured by bench/bench_ui.py (sign-in visible, till ready); docs/architecture.md §4,
"Start-up". Keep the imports at the top of this module as light as ``boot``'s.
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_app.db.peek import store_labels
from pos_app.ui.boot import (
    DEFAULT_IDLE_MS,
    after_first_paint,
    load_theme,
    open_shell,
)
from pos_app.ui.translations import install_translator, ui_locale
from pos_app.ui.window_placement import show_till_window
from sync.client.config import ConfigError
from sync.client.config import load_config as load_hub_config

if TYPE_CHECKING:
    from hardware.config import DeviceConfig
    from pos_app.ui.app import TillApp
    from pos_app.ui.devices.sim_panel import SimulatedDevices

log = logging.getLogger(__name__)
DEMO_PRINTER_ROLL = "demo-printer-roll.txt"  # in the demo's data folder
EXIT_SETTINGS = 2  # a settings file to fix, as for a bad command line


def till_device_config(data_dir: Path, given: DeviceConfig | None = None) -> DeviceConfig:
    """``given`` (CLI flags), else devices.toml/.json in the data folder, else no devices.
    Raises DeviceConfigError with one clear line."""
    from hardware.config import DeviceConfig, find_device_config, load_device_config

    if given is not None:
        return given
    path = find_device_config(data_dir)
    return load_device_config(path) if path is not None else DeviceConfig()


def run_till(
    db_path: Path,
    *,
    demo_hint: str = "",
    argv: list[str] | None = None,
    devices: DeviceConfig | None = None,
    sims: SimulatedDevices | None = None,
    hub_config_dir: Path | None = None,
    idle_ms: int = DEFAULT_IDLE_MS,
    windowed: bool = False,
) -> int:
    app = QApplication.instance() or QApplication(argv or ["omnitill"])
    assert isinstance(app, QApplication)
    app.setApplicationName("OmniTill")
    # No store yet: the first-run screens speak OMNITILL_LOCALE, else the computer's language;
    # open_shell switches to the store's (peeked from the database) before the sign-in window.
    install_translator(app, ui_locale())
    load_theme(app)
    config_dir = hub_config_dir if hub_config_dir is not None else db_path.parent
    try:
        hub = load_hub_config(config_dir)
        # Not enrolled and no store profile: the till is set up on screen first.
        if hub is None and store_labels(db_path) is None:
            from pos_app.ui.setup.first_run import run_first_run

            if not run_first_run(db_path, config_dir):
                return 0  # closed without setting up: nothing was written
            hub = load_hub_config(config_dir)  # written if it was enrolled just now
    except ConfigError as exc:
        print(f"omnitill: hub settings: {exc}", file=sys.stderr)
        return 1

    # Stage 1: the sign-in window, on screen before anything else loads.
    shell = open_shell(db_path, demo_hint=demo_hint)
    show_till_window(shell.window, windowed=windowed)
    started: list[TillApp] = []
    failed: list[BaseException] = []

    def second_stage() -> None:
        from hardware.config import DeviceConfigError
        from hardware.till_devices import TillDevices
        from pos_app.ui.app import build_till
        from pos_app.ui.scanner import scanner_config_for

        begun = time.perf_counter()
        try:
            config = till_device_config(db_path.parent, devices)
        except DeviceConfigError as exc:
            print(f"omnitill: device settings: {exc}", file=sys.stderr)
            app.exit(EXIT_SETTINGS)
            return
        log.info("devices: %s", config.summary)
        try:
            till = build_till(
                db_path,
                demo_hint=demo_hint,
                devices=TillDevices(config),
                hub=hub,
                idle_ms=idle_ms,
                scanner=scanner_config_for(config.keyboard_suffix),
                shell=shell,
            )
        except Exception as exc:  # raised again once the event loop has stopped
            failed.append(exc)
            app.exit(1)
            return
        started.append(till)
        if sims is not None:
            from pos_app.ui.devices.sim_panel import dock_sim_panel

            dock_sim_panel(till.window, sims)
        # Everything made so far (modules, Qt wrappers, the data layer's metadata) lives as long
        # as the till: out of the collector's generations, a full collection during a large
        # feed catch-up no longer walks it all on whichever thread triggered it, stalling the
        # GUI thread (tests/gui/test_feed_refresh.py: ~0.8 s a collection before, < 0.1 s).
        gc.freeze()
        log.info("till ready %.2f s after the sign-in screen", time.perf_counter() - begun)

    def first_paint() -> None:
        log.info("sign-in screen painted")  # with "till ready" below: the start, from the log
        second_stage()

    after_first_paint(shell.signin, first_paint)

    # Ctrl-C in the terminal, and SIGTERM (a service manager, a shutdown), close the till
    # cleanly: the basket in progress is already saved, and the hub, sync, devices and the
    # demo's temporary folders it started are stopped. Qt's loop never hands control back to
    # Python, so a timer lets the handler run.
    def on_signal(signum: int, _frame: object) -> None:
        log.info("%s: closing the till", signal.Signals(signum).name)
        app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)
    wake = QTimer(shell.window)
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        code = app.exec()
    finally:
        log.info("closing the till")
        if started:
            started[0].close()
        else:
            shell.window.close()
    if failed:
        raise failed[0]
    return code


def run_demo_window(
    data_dir: Path | None,
    *,
    products: int,
    with_hub: bool = True,
    idle_ms: int = DEFAULT_IDLE_MS,
    windowed: bool = False,
    web_order_every_s: float = 30.0,
) -> int:
    """`omnitill demo`: the till window on the demo store, demo PINs shown at sign-in, driving a
    simulated printer (TCP, parsed receipts shown in a side panel) and a pty customer display,
    enrolled with a demo hub on loopback that keeps sending click-and-collect orders."""
    from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
    from pos_app.ui.demo_hub import connect_demo_hub
    from pos_app.ui.devices.sim_panel import SimulatedDevices

    path = prepare_demo_till(data_dir, products=products)
    hub = connect_demo_hub(path, order_every_s=web_order_every_s) if with_hub else None
    sims = SimulatedDevices(roll=path.parent / DEMO_PRINTER_ROLL)
    try:
        return run_till(
            path,
            demo_hint=demo_hint(),
            devices=sims.config(),
            sims=sims,
            hub_config_dir=path.parent if with_hub else path.parent / "no-hub",
            idle_ms=idle_ms,
            windowed=windowed,
        )
    finally:
        started = time.monotonic()
        sims.stop()
        if hub is not None:
            hub.stop()
        log.info("demo devices and hub stopped in %.2f s", time.monotonic() - started)
