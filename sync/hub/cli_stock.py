"""``omnitill hub`` commands of the one stock truth (docs/architecture.md, "One stock truth"):
describe locations and safety stock, connect a shop's stock publishing, list pending and
failed web-store updates, and run the scheduled jobs once (for a systemd timer)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.hub.context import Hub

EXIT_OK = 0
COMMANDS = ("set-location", "set-safety-stock", "publish-stock", "stock-pushes", "run-jobs")


def add_commands(action: Callable[..., argparse.ArgumentParser], quantity: Any) -> None:
    """Add this module's actions through cli.py's ``action`` factory."""
    loc = action("set-location", "a store as a stock location: kind, region, safety, hold")
    loc.add_argument("--store", required=True)
    loc.add_argument("--kind", choices=("store", "warehouse"), default=None)
    loc.add_argument("--region", default=None, help="shown at the tills, e.g. 'North'")
    loc.add_argument("--safety", type=quantity, default=None, help="units held back per SKU")
    loc.add_argument("--hold-days", type=int, default=None, help="uncollected orders expire")
    safety = action("set-safety-stock", "one SKU's safety stock at a store (--clear: default)")
    safety.add_argument("--store", required=True)
    safety.add_argument("--sku", required=True)
    group = safety.add_mutually_exclusive_group(required=True)
    group.add_argument("--quantity", type=quantity)
    group.add_argument("--clear", action="store_true")
    pub = action(
        "publish-stock",
        "publish available-to-sell to a connected Shopify shop (hub add-shop first)",
        epilog="e.g. --location s1=gid://shopify/Location/123 --location wh=gid://shopify/…",
    )
    pub.add_argument("--shop-domain", required=True)
    pub.add_argument(
        "--token-file",
        type=Path,
        required=True,
        help="a file holding the shop's Admin API access token",
    )
    pub.add_argument(
        "--location",
        action="append",
        default=[],
        required=True,
        metavar="STORE=GID",
        help="repeat for each store shown in the shop",
    )
    pub.add_argument("--endpoint", default=None, help="default: the shop's Admin API URL")
    pushes = action("stock-pushes", "web-store stock updates pending or failed; retry failed")
    pushes.add_argument("verb", nargs="?", choices=("list", "retry"), default="list")
    pushes.add_argument("--status", choices=("pending", "failed"), default=None)
    pushes.add_argument("--limit", type=int, default=100)
    action("run-jobs", "one pass of the scheduled jobs: expire overdue orders, publish stock")


def run(hub: Hub, args: argparse.Namespace) -> int:
    from sync.hub import jobs, stock_publish, stock_truth, web_stock
    from sync.hub.errors import Invalid

    command = args.hub_command
    now = hub.clock()
    if command == "set-location":
        with hub.db.write() as session:
            rules = stock_truth.set_location(
                session,
                args.store,
                now=now,
                kind=args.kind,
                region=args.region,
                safety_milli=args.safety,
                hold_days=args.hold_days,
            )
        print(
            f"{args.store}: {rules.kind}, region {rules.region or '-'}, safety "
            f"{rules.safety_milli / 1000:g}, hold {rules.hold_days} days"
        )
    elif command == "set-safety-stock":
        quantity = None if args.clear else args.quantity
        with hub.db.write() as session:
            stock_truth.set_sku_safety(session, args.store, args.sku, quantity, now=now)
        print(
            f"{args.store}/{args.sku}: safety stock "
            f"{'the store default' if quantity is None else f'{quantity / 1000:g}'}"
        )
    elif command == "publish-stock":
        try:
            token = args.token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise Invalid(f"cannot read the token file {args.token_file}: {exc}") from None
        locations: dict[str, str] = {}
        for item in args.location:
            store, sep, gid = item.partition("=")
            if not sep or not store or not gid:
                raise Invalid(f"--location {item!r}: expected STORE=gid://shopify/Location/…")
            locations[store] = gid
        with hub.db.write() as session:
            queued = web_stock.connect_shop(
                session,
                shop_domain=args.shop_domain,
                access_token=token,
                locations=locations,
                now=now,
                endpoint=args.endpoint,
            )
        print(f"{args.shop_domain} shows {len(locations)} location(s); {queued} update(s) queued")
    elif command == "stock-pushes":
        return _pushes(hub, args)
    elif command == "run-jobs":
        report = jobs.run_jobs_once(hub, stock_publish.StockPublisher(hub.db, clock=hub.clock))
        p = report.published
        print(
            f"expired {len(report.expired)} order(s); stock updates: {p.sent} sent in "
            f"{p.requests} request(s), {p.retried} to retry, {p.failed} failed, "
            f"{p.throttled} throttled"
        )
    return EXIT_OK


def _pushes(hub: Hub, args: argparse.Namespace) -> int:
    from sync.hub import web_stock
    from sync.hub.errors import Invalid

    if args.verb == "retry":
        with hub.db.write() as session:
            count = web_stock.retry_failed(session, now=hub.clock())
        print(f"{count} failed update(s) queued again")
        return EXIT_OK
    if not 1 <= args.limit <= 1000:
        raise Invalid("--limit: between 1 and 1000")
    with hub.db.read() as session:
        rows = web_stock.list_pushes(session, status=args.status, limit=args.limit)
    print(f"{len(rows)} web-store stock update(s) pending or failed")
    for r in rows:
        last = "never" if r.sent_level is None else str(r.sent_level)
        line = (
            f"  {r.changed_at:%Y-%m-%d %H:%M:%S}  {r.status:<7}  {r.shop}  {r.store_id}  "
            f"{r.sku}  last sent {last}  attempts {r.attempts}"
        )
        print(line)
        if r.last_error:
            print(f"      {r.last_error}", file=sys.stdout)
    return EXIT_OK
