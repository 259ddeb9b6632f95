"""`omnitill` command line: the till window, demo, demo data, journal, database upgrade."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pos_app import logging_setup

if TYPE_CHECKING:
    from sqlalchemy import Engine

# `run` and `demo` (the till window) import nothing else of the project before their window is
# on screen (issue 18, cold start): the other commands' modules, the data layer and the hub are
# imported by the command that needs them, and those two are parsed without building the rest
# of the command line (``main``).

# The till window's commands: once they return, everything is committed and closed.
WINDOW_COMMANDS = frozenset({"run", "demo"})
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
MAX_DEMO_PRODUCTS = 5_000_000


class CliError(Exception):
    """A failure to report to the person at the keyboard in one line, without a traceback."""


def _positive_products(value: str) -> int:
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value[:40]!r}") from None
    if not 1 <= number <= MAX_DEMO_PRODUCTS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_DEMO_PRODUCTS:,}")
    return number


IDLE_HELP = "lock the till after this many idle minutes (1-240, default 5)"


def _bounded(convert: type[int] | type[float], low: int, high: int, unit: str) -> Any:
    """An argparse type: a number of ``unit`` from ``low`` to ``high``, or one clear line."""

    def parse(value: str) -> int | float:
        try:
            number = convert(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of {unit}: {value[:40]!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high} {unit}")
        return number

    return parse


_idle_minutes = _bounded(int, 1, 240, "minutes")
_order_seconds = _bounded(float, 1, 3600, "seconds")


WINDOW_HELP = "a plain window for development (default: maximized on the screen it opens on)"


def _add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        help="folder holding the till database (default: the platform's user data folder)",
    )
    parser.add_argument(
        "--log-dir",
        type=Path,
        default=default,
        help="folder for the log files (default: $OMNITILL_LOG_DIR, else DATA_DIR/logs, "
        "else the platform's log folder)",
    )


def _global_options_everywhere(parser: argparse.ArgumentParser) -> None:
    """The global options also after any sub-command (``omnitill demo --data-dir X``): each
    sub-command parser accepts them too, with a suppressed default so that leaving them out
    there keeps what was given before the sub-command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                _add_global_options(sub, argparse.SUPPRESS)
                _global_options_everywhere(sub)


def build_parser(*, window_only: bool = False) -> argparse.ArgumentParser:
    """The whole command line; ``window_only``: just the global options, ``run`` and ``demo``
    (what ``main`` parses them with, so the other commands' modules stay unloaded)."""
    parser = argparse.ArgumentParser(prog="omnitill", description=__doc__)
    _add_global_options(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_window_commands(sub)
    if not window_only:
        _add_other_commands(parser, sub)
    _global_options_everywhere(parser)
    return parser


def _add_window_commands(sub: Any) -> None:
    run = sub.add_parser("run", help="open the till window on this till's database")
    run.add_argument("--idle-minutes", type=_idle_minutes, default=5, help=IDLE_HELP)
    run.add_argument("--window", action="store_true", help=WINDOW_HELP)
    demo = sub.add_parser("demo", help="open the till window on the demo store (demo PINs shown)")
    demo.add_argument("--products", type=_positive_products, default=5_000)
    demo.add_argument("--idle-minutes", type=_idle_minutes, default=5, help=IDLE_HELP)
    demo.add_argument(
        "--scripted", action="store_true", help="ring a scripted sale in the terminal instead"
    )
    demo.add_argument("--no-hub", action="store_true", help="no demo hub: the till runs standalone")
    demo.add_argument("--window", action="store_true", help=WINDOW_HELP)
    demo.add_argument(
        "--web-order-every",
        type=_order_seconds,
        default=30.0,
        metavar="SECONDS",
        help="the demo hub posts a simulated web order this often (1-3600 s, default 30)",
    )


def _add_other_commands(parser: argparse.ArgumentParser, sub: Any) -> None:
    from hardware import cli as devices_cli
    from pos_app import selftest, support
    from pos_app.services.shifts import cli as shifts_cli
    from pos_app.services.sync.enroll_cli import register_enroll_command
    from sync.hub.cli import register_hub_commands

    parser.add_argument("--version", action="version", version=f"omnitill {support.version()}")
    data = sub.add_parser("demo-data", help="replace the catalog with generated demo products")
    data.add_argument("--products", type=_positive_products, default=10_000)
    data.add_argument("--seed", type=int, default=1)

    journal = sub.add_parser("journal", help="verify or export the receipt journal")
    journal_sub = journal.add_subparsers(dest="journal_command", required=True, metavar="ACTION")
    journal_sub.add_parser("verify", help="check the hash chain; names any tampered entry")
    export = journal_sub.add_parser("export", help="write the journal for an auditor")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--output", type=Path, default=None, help="file (default: stdout)")

    reprint = sub.add_parser(
        "reprint", help="print a past receipt again (marked DUPLICATE, journaled)"
    )
    reprint.add_argument("receipt_no", help="the receipt number, e.g. T01-000042")

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply pending migrations")
    db_sub.add_parser("status", help="show the schema revision")

    register_hub_commands(sub)
    register_enroll_command(sub)
    support.register(sub)
    selftest.register(sub)
    devices_cli.register(sub)
    shifts_cli.register(sub)


def _open_engine(data_dir: Path | None, *, create: bool = True) -> Engine:
    from pos_app.db import migrate
    from pos_app.db.engine import create_till_engine
    from pos_app.db.paths import database_path

    path = database_path(data_dir)
    if not create and not path.exists():
        raise CliError(f"no till database at {path}")
    try:
        engine = create_till_engine(path)
        migrate.upgrade(engine)
    except Exception as exc:  # a corrupt or foreign file must give one clear line
        raise CliError(f"cannot open the till database at {path}: {exc}") from exc
    return engine


def cmd_demo_data(args: argparse.Namespace) -> int:
    from pos_app.db.demo_data import generate_demo_data
    from pos_app.db.paths import database_path

    engine = _open_engine(args.data_dir)
    report = generate_demo_data(engine, args.products, seed=args.seed)
    print(
        f"wrote {report.products:,} products and {report.barcodes:,} barcodes "
        f"in {report.seconds:.1f} s ({report.products / max(report.seconds, 1e-9):,.0f}/s) "
        f"to {database_path(args.data_dir)}"
    )
    return EXIT_OK


def cmd_journal(args: argparse.Namespace) -> int:
    from pos_app.db.engine import make_session_factory
    from pos_app.services.store import journal

    engine = _open_engine(args.data_dir, create=False)
    with make_session_factory(engine)() as session:
        if args.journal_command == "verify":
            report = journal.verify_journal(session)
            if report.ok:
                print(f"journal OK: {report.entries_checked} entries, chain intact")
                return EXIT_OK
            print(f"journal TAMPERED: {len(report.problems)} problem(s)", file=sys.stderr)
            for problem in report.problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_FAILED
        text = (
            journal.export_json(session) if args.format == "json" else journal.export_csv(session)
        )
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"journal written to {args.output}")
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    from pos_app.db import migrate
    from pos_app.db.paths import database_path

    engine = _open_engine(args.data_dir)
    print(f"{database_path(args.data_dir)}: schema {migrate.current_revision(engine)}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.scripted:
        from pos_app.demo import run_scripted_demo

        return run_scripted_demo(args.data_dir, products=args.products)
    from pos_app.ui.start import run_demo_window

    return run_demo_window(
        args.data_dir,
        products=args.products,
        with_hub=not args.no_hub,
        idle_ms=args.idle_minutes * 60_000,
        windowed=args.window,
        web_order_every_s=args.web_order_every,
    )


def cmd_run(args: argparse.Namespace) -> int:
    from hardware.config_file import find_device_config
    from pos_app.db.paths import database_path
    from pos_app.db.peek import ready_to_sign_in
    from pos_app.ui.start import run_till
    from sync.client.config import ConfigError, load_config, resolve_config_dir

    path = database_path(args.data_dir)
    # The device settings are checked before anything else opens (the database, a device):
    # a typo is one line naming the key and what is allowed, and exit status 2. (Without a
    # settings file the printer modules that check one are not loaded before the window.)
    devices_file = find_device_config(path.parent)
    if devices_file is not None:
        from hardware.config import DeviceConfigError, load_device_config

        try:
            load_device_config(devices_file)
        except DeviceConfigError as exc:
            print(f"omnitill: device settings: {exc}", file=sys.stderr)
            return EXIT_USAGE
    config_dir = resolve_config_dir(None, args.data_dir)
    try:
        enrolled = load_config(config_dir) is not None
    except ConfigError:
        enrolled = True  # run_till reports the damaged settings in one line
    if not ready_to_sign_in(path):  # the usual start skips this: no data layer before the window
        _check_till_opens(args.data_dir, enrolled=enrolled)
    return run_till(
        path,
        hub_config_dir=config_dir,
        idle_ms=args.idle_minutes * 60_000,
        windowed=args.window,
    )


def _check_till_opens(data_dir: Path | None, *, enrolled: bool) -> None:
    """Migrate the database and say in one line why nobody could sign in (CliError), if so."""
    from pos_app.db.engine import make_session_factory
    from pos_app.services.staff.auth import AuthService
    from pos_app.services.store.till_context import TillNotConfiguredError, load_till_context

    engine = _open_engine(data_dir)
    try:
        with make_session_factory(engine)() as session:
            context = load_till_context(session)
            staff = AuthService(till_id=context.till_id).staff_count(session)
    except TillNotConfiguredError as exc:
        if enrolled:  # hub settings without a profile: enrolling again fixes it
            raise CliError(str(exc)) from exc
        staff = None  # a new till: the first-run screen sets it up (hub or standalone)
    finally:
        engine.dispose()
    if staff == 0 and not enrolled:  # an enrolled till gets its staff from the hub feed
        raise CliError("no staff can sign in at this till yet (try `omnitill demo`)")


def cmd_reprint(args: argparse.Namespace) -> int:
    """Any receipt this till printed, again, on the printer in devices.toml: from the copy
    kept in the till database's print queue, marked DUPLICATE and journaled as a reprint."""
    from hardware.config import DeviceConfigError, find_device_config, load_device_config
    from hardware.till_devices import DeviceListeners, TillDevices
    from pos_app.db.engine import make_session_factory
    from pos_app.db.paths import database_path
    from pos_app.services.devices.print_jobs import SqlPrintJobs
    from pos_app.services.store.till_context import load_till_context

    path = find_device_config(database_path(args.data_dir).parent)
    try:
        config = load_device_config(path) if path is not None else None
    except DeviceConfigError as exc:
        print(f"omnitill: device settings: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if config is None or config.printer is None:
        raise CliError("no receipt printer is set up in devices.toml")
    engine = _open_engine(args.data_dir, create=False)
    try:
        factory = make_session_factory(engine)
        with factory() as session:
            till_id = load_till_context(session).till_id
        jobs = SqlPrintJobs(factory, till_id, keep_days=config.print_keep_days)
        devices = TillDevices(config, print_jobs=jobs)
        devices.start(DeviceListeners())
        try:
            job = devices.reprint(args.receipt_no)
            assert job is not None  # there is a printer
            printed = job.result(timeout=4 * config.printer_timeout_s + 10)
        except LookupError as exc:
            raise CliError(str(exc)) from exc
        finally:
            devices.close()
    finally:
        engine.dispose()
    if printed:
        print(f"receipt {args.receipt_no}: printed again, marked DUPLICATE")
        return EXIT_OK
    print(f"receipt {args.receipt_no}: queued; it prints when the printer is back "
          f"({devices.printer_problem or 'printer not ready'})")  # fmt: skip
    return EXIT_FAILED


def _other_command(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler of a command other than the window's, imported when it runs."""
    if name == "hub":
        from sync.hub.cli import run_hub_command

        return run_hub_command
    if name == "enroll":
        from pos_app.services.sync.enroll_cli import run_enroll_command

        return run_enroll_command
    if name == "devices":
        from hardware import cli as devices_cli

        return devices_cli.run
    if name == "support-bundle":
        from pos_app import support

        return support.run
    if name == "self-test":
        from pos_app import selftest

        return selftest.run
    from pos_app.services.shifts import cli as shifts_cli

    assert name == "shifts", name
    return shifts_cli.run


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run,
    "reprint": cmd_reprint,
    "demo": cmd_demo,
    "demo-data": cmd_demo_data,
    "journal": cmd_journal,
    "db": cmd_db,
}


def _is_window_command(given: Sequence[str]) -> bool:
    """``run`` or ``demo`` with the global options anywhere, and no help or version asked for
    (those list every command): what the light parser of ``build_parser(window_only=True)``
    reads exactly as the whole one does."""
    if any(arg in ("-h", "--help", "--version") for arg in given):
        return False
    globals_only = argparse.ArgumentParser(add_help=False)
    _add_global_options(globals_only, None)
    _known, rest = globals_only.parse_known_args(given)
    return bool(rest) and rest[0] in WINDOW_COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    # `--self-test` as a flag too: installers and packagers expect it beside `--version`.
    if given == ["--self-test"]:
        given = ["self-test"]
    args = build_parser(window_only=_is_window_command(given)).parse_args(given)
    logging_setup.setup_cli_logging(args.log_dir, args.data_dir, args.command)
    handler = COMMANDS.get(args.command) or _other_command(args.command)
    try:
        code = handler(args)
    except CliError as exc:
        print(f"omnitill: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if argv is None and args.command in WINDOW_COMMANDS and not getattr(args, "scripted", False):
        _exit_now(code)
    return code


def _exit_now(code: int) -> NoReturn:
    """End the process without the interpreter's teardown. The till has committed its work,
    disposed its engines and stopped what it started; what remains is tearing down Qt's
    objects and daemon threads parked in network calls, which took seconds (issue 15: exit
    under 2 s). Logs and the standard streams are flushed first."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
