"""``omnitill shifts …``: the store's shift rules and past Z reports, from the command line.

``settings`` shows or changes whether selling needs an open shift and the over/short
threshold; ``z-list`` lists the till's Z reports; ``z-print N`` prints one as text, marked as
a copy; ``z-export N --format csv|pdf`` writes it for an accountant or an auditor.
"""

from __future__ import annotations

import argparse
import sys
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

from pos_app.db import migrate
from pos_app.db.engine import create_till_engine, database_path, make_session_factory
from pos_app.domain.errors import DomainError
from pos_app.domain.money import Money
from pos_app.services.shifts.archive import export_csv, export_pdf, list_z, load_z
from pos_app.services.shifts.service import ShiftRules, load_rules, save_rules
from pos_app.services.store.till_context import TillNotConfiguredError, load_till_context

EXIT_OK = 0
EXIT_FAILED = 1


def register(sub: Any) -> None:
    shifts = sub.add_parser("shifts", help="shift rules and past Z reports of this till")
    actions = shifts.add_subparsers(dest="shifts_command", required=True, metavar="ACTION")
    settings = actions.add_parser("settings", help="show or change the store's shift rules")
    settings.add_argument(
        "--require-shift",
        choices=("on", "off"),
        default=None,
        help="selling and refunds need an open shift",
    )
    settings.add_argument(
        "--over-short-threshold",
        default=None,
        metavar="AMOUNT",
        help="cash over/short beyond this needs a manager, e.g. 5.00",
    )
    settings.add_argument(
        "--drawer-per-cashier",
        choices=("on", "off"),
        default=None,
        help="each signed-in cashier opens their own shift with their own float on the till",
    )
    actions.add_parser("z-list", help="the till's Z reports, newest first")
    show = actions.add_parser("z-print", help="a past Z report as text (marked as a copy)")
    show.add_argument("z_no", type=int)
    show.add_argument("--width", type=int, choices=(32, 42), default=42)
    export = actions.add_parser("z-export", help="a past Z report as CSV or PDF")
    export.add_argument("z_no", type=int)
    export.add_argument("--format", choices=("csv", "pdf"), default="csv")
    export.add_argument("--output", type=Path, required=True)


def run(args: argparse.Namespace) -> int:
    path = database_path(args.data_dir)
    if not path.exists():
        print(f"omnitill: no till database at {path}", file=sys.stderr)
        return EXIT_FAILED
    engine = create_till_engine(path)
    try:
        migrate.upgrade(engine)
        with make_session_factory(engine).begin() as session:
            context = load_till_context(session)
            if args.shifts_command == "settings":
                rules = load_rules(session)
                changes = (args.require_shift, args.over_short_threshold, args.drawer_per_cashier)
                if any(change is not None for change in changes):
                    threshold = rules.over_short_threshold_minor
                    if args.over_short_threshold is not None:
                        amount = Money.of(args.over_short_threshold, context.currency)
                        threshold = amount.to_minor()
                    required = rules.shift_required
                    if args.require_shift is not None:
                        required = args.require_shift == "on"
                    per_cashier = rules.drawer_per_cashier
                    if args.drawer_per_cashier is not None:
                        per_cashier = args.drawer_per_cashier == "on"
                    rules = ShiftRules(required, threshold, per_cashier)
                    save_rules(session, rules)
                limit = Money.from_minor(rules.over_short_threshold_minor, context.currency)
                print(
                    f"selling needs an open shift: {'on' if rules.shift_required else 'off'}; "
                    f"over/short threshold: {limit.format_amount()} {context.currency.code}; "
                    f"drawer per cashier: {'on' if rules.drawer_per_cashier else 'off'}"
                )
            elif args.shifts_command == "z-list":
                for z_no, at, total in list_z(session, context.till_id):
                    grand = Money.from_minor(total, context.currency).format_amount()
                    print(f"Z {z_no:>5}  {at:%Y-%m-%d %H:%M}  grand total {grand}")
            else:
                z = load_z(
                    session,
                    till_id=context.till_id,
                    store_name=context.store_name,
                    z_no=args.z_no,
                    copy=True,
                )
                if args.shifts_command == "z-print":
                    sys.stdout.write(z.text(args.width))
                elif args.format == "csv":
                    args.output.write_text(export_csv(z), encoding="utf-8")
                else:
                    args.output.write_bytes(export_pdf(z))
    except (DomainError, InvalidOperation, TillNotConfiguredError, OSError) as exc:
        print(f"omnitill: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        engine.dispose()
    return EXIT_OK
