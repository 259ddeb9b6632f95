"""``omnitill hub quarantine list|release|reject``: head office reviews held till events."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.hub.context import Hub

EXIT_OK = 0
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("verb", choices=("list", "release", "reject"))
    parser.add_argument("event_id", nargs="?", help="for release / reject: the event id")
    parser.add_argument("--store", default=None, help="list: only this store")
    parser.add_argument(
        "--state", choices=("quarantined", "released", "rejected"), default="quarantined"
    )
    parser.add_argument("--note", default=None, help="release / reject: why (kept with it)")


def run(hub: Hub, args: argparse.Namespace) -> int:
    from sync.hub import quarantine

    if args.verb == "list":
        with hub.db.read() as session:
            held = quarantine.list_events(session, store_id=args.store, state=args.state)
        print(f"{len(held)} event(s) {args.state}")
        for e in held:
            total = "" if e.total_minor is None else f"  total {e.total_minor} {e.currency}"
            print(f"  {e.received_at:%Y-%m-%d %H:%M}  {e.event_id}  {e.store_id}/{e.till_id}"
                  f"  {e.kind}{total}")  # fmt: skip
            for reason in e.reasons:
                print(f"      - {reason}")
        return EXIT_OK
    if not args.event_id or not (args.note or "").strip():
        print(f"omnitill hub: quarantine {args.verb} needs an EVENT_ID and --note 'why'",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    verdict: Any = quarantine.release if args.verb == "release" else quarantine.reject
    done = verdict(hub, args.event_id, by=f"cli {getpass.getuser()}", note=args.note)
    print(f"event {done.event_id} {done.state}")
    for warning in done.warnings:
        print(f"  warning: {warning}")
    return EXIT_OK
