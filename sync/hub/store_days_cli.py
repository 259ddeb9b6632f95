"""``omnitill hub shifts`` and ``omnitill hub accounting-export``: store days for head office."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from sync.hub.accounting import load_mapping, to_csv
from sync.hub.context import Hub
from sync.hub.errors import Invalid
from sync.hub.models import Store
from sync.hub.notifications import format_minor as _amount
from sync.hub.store_days import store_days

EXIT_OK = 0


def run_store_days_command(hub: Hub, args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.day) if args.day else None
    except ValueError:
        raise Invalid(f"--day: not a date (YYYY-MM-DD): {args.day[:20]!r}") from None
    accounts = load_mapping(args.mapping) if args.hub_command == "accounting-export" else None
    with hub.db.read() as session:
        if args.store is not None and session.get(Store, args.store) is None:
            raise Invalid(f"--store: no store {args.store!r}")
        days = store_days(session, store_id=args.store, day=day, limit=1000)
    if accounts is not None:
        text = to_csv(days, accounts)
        if args.output is None:
            sys.stdout.write(text)
        else:
            args.output.write_text(text, encoding="utf-8")
            print(f"{len(days)} store day(s) written to {args.output}", file=sys.stderr)
        return EXIT_OK
    if not days:
        print("no closed shifts")
    for d in days:
        f, cur = d.figures, d.currency
        over_short = f.over_short.get("cash", 0)
        print(
            f"{d.business_day}  {d.store_id}  {len(d.z_reports)} Z  "
            f"sales {f.sales[0]} {_amount(f.sales[1], cur)}  "
            f"returns {f.returns[0]} {_amount(f.returns[1], cur)}  "
            f"net {_amount(f.net_sales_minor, cur)}  "
            f"cash {_amount(f.counted.get('cash', 0), cur)} "
            f"(over/short {_amount(over_short, cur)})  "
            f"card {_amount(f.expected.get('card', 0), cur)}  [{', '.join(d.z_reports)}]"
        )
    return EXIT_OK
