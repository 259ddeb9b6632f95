"""``omnitill hub …``: run the hub and do head-office work on its database.

Every command takes ``--db URL`` (or the OMNITILL_HUB_DB environment variable): a SQLite file
(``sqlite:///hub.sqlite3``) or PostgreSQL (``postgresql://user@host/db``). Commands write to
the database directly and in the same transactions as the API, so tills see their changes in
the feed. Heavy imports happen inside the commands: the till's own CLI stays fast.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_app.domain.staff.roles import Role
from sync.hub import cli_quarantine, cli_reason_codes, cli_stock
from sync.hub.console.roles import Role as ConsoleRole

if TYPE_CHECKING:
    from sync.hub.context import Hub

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BAD_PROMOTION = 2  # the promotion was refused as written (nothing stored)
DB_ENV = "OMNITILL_HUB_DB"


def _quantity_milli(value: str) -> int:
    try:
        milli = Decimal(value) * 1000
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {value[:40]!r}") from None
    if milli != milli.to_integral_value() or abs(milli) > 10**12:
        raise argparse.ArgumentTypeError("at most 3 decimals, at most 10^9")
    return int(milli)


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value[:40]!r}") from None
    if not 0 < number < 1e6:
        raise argparse.ArgumentTypeError("must be above zero")
    return number


def register_hub_commands(sub: Any) -> None:
    """Add the ``hub`` command and its actions to the ``omnitill`` parser."""
    hub = sub.add_parser("hub", help="run the central hub and manage it (head office)")
    actions = hub.add_subparsers(dest="hub_command", required=True, metavar="ACTION")

    def action(
        name: str, help_text: str, *, db: bool = True, epilog: str | None = None
    ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text, epilog=epilog)
        if db:
            parser.add_argument(
                "--db",
                default=os.environ.get(DB_ENV),
                required=DB_ENV not in os.environ,
                help=f"hub database URL (default: ${DB_ENV})",
            )
        return parser

    init = action("init", "create or upgrade the hub database and print a new admin token")
    init.add_argument("--label", default="head office")
    token = action(
        "admin-token",
        "admin tokens: create one more (the default), list them, or revoke one",
        epilog="e.g. `admin-token --label 'Ann, 2026-11'`, `admin-token list`, "
        "`admin-token revoke 3f9c2a71b0de` (an id from the list, or a unique prefix of it)",
    )
    token.add_argument("verb", nargs="?", choices=("create", "list", "revoke"), default="create")
    token.add_argument("token_ref", nargs="?", metavar="TOKEN_ID", help="for revoke: the id")
    token.add_argument("--label", default="head office")
    token.add_argument("--user", default=None, help="e-mail of the console user it acts as")
    serve = action("serve", "serve the hub API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--workers", type=int, default=1, help="PostgreSQL only")
    serve.add_argument("--tls-cert", type=Path, default=None, help="PEM certificate: serve HTTPS")
    serve.add_argument("--tls-key", type=Path, default=None, help="PEM private key of --tls-cert")
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=8 * 1024 * 1024,
        help="refuse larger request bodies (413) before reading them",
    )
    serve.add_argument(
        "--no-jobs",
        action="store_true",
        help="do not expire orders or publish stock here (a timer runs `hub run-jobs`)",
    )
    serve.add_argument(
        "--pickup-link",
        default=None,
        help='the web store\'s pickup page for e-mails, e.g. "https://shop.example/pickup?code={code}"',
    )
    store = action("add-store", "create or update a store")
    store.add_argument("--store", required=True)
    store.add_argument("--name", required=True)
    store.add_argument("--currency", default="EUR")
    store.add_argument("--tax-mode", choices=("inclusive", "exclusive"), default="inclusive")
    store.add_argument("--rounding", default="0.01", help="cash rounding step, e.g. 0.05")
    store.add_argument(
        "--locale",
        default="en_GB",
        help="CLDR locale of its tills' formats and receipts, e.g. fr_FR (default en_GB)",
    )
    price = action("set-price", "list a product's price in a currency (stores selling in it)")
    price.add_argument("--sku", required=True)
    price.add_argument("--currency", required=True, help="e.g. CHF")
    price.add_argument("--price", required=True, help="decimal, e.g. 12.95")
    tax = action("set-tax-class", "create or update a tax class (chain-wide)")
    tax.add_argument("--class", dest="tax_class", required=True)
    tax.add_argument("--rate", required=True, help="a fraction, e.g. 0.20")
    tax.add_argument("--label", required=True)
    code = action("enroll-code", "make a one-time code a till of STORE trades for its token")
    code.add_argument("--store", required=True)
    revoke = action("revoke", "revoke a till's device token")
    revoke.add_argument("--till", required=True)
    imp = action("import-catalog", "import products from a CSV file")
    imp.add_argument("csv", type=Path)
    imp.add_argument("--quiet", action="store_true", help="no progress line")
    stock = action("set-stock", "set a counted stock level")
    stock.add_argument("--store", required=True)
    stock.add_argument("--sku", required=True)
    stock.add_argument("--quantity", type=_quantity_milli, required=True)
    promo = action("add-promo", "create or replace a promotion (rules checked like a till)")
    promo.add_argument("--id", dest="promo_id", required=True)
    promo.add_argument("--name", required=True)
    promo.add_argument("--store", default=None, help="default: every store")
    promo.add_argument("--starts", default=None, help="ISO time")
    promo.add_argument("--ends", default=None, help="ISO time")
    promo.add_argument("--rules", required=True, help="JSON object, or @file.json / @file.yaml")
    promo.add_argument(
        "--currency", default=None, help="currency of the rules' amounts, e.g. CHF (checked)"
    )
    unpromo = action("remove-promo", "end a promotion now; its tills drop it through the feed")
    unpromo.add_argument("--id", dest="promo_id", required=True)
    unstaff = action("remove-staff", "a person leaves a store: its tills stop signing them in")
    unstaff.add_argument("--store", required=True)
    unstaff.add_argument("--code", required=True)
    staff = action("add-staff", "create or update a staff member (PIN asked when not given)")
    staff.add_argument("--store", required=True)
    staff.add_argument("--code", required=True)
    staff.add_argument("--name", required=True)
    staff.add_argument("--role", choices=tuple(Role), required=True)
    staff.add_argument("--pin", default=None, help="visible to other users; prefer the prompt")
    user = action(
        "add-user",
        "add a head-office console user and print their first password (shown once)",
        epilog="roles: admin (everything), merchandiser (catalog, prices, promotions), "
        "store_manager (their --store ones), auditor (read-only)",
    )
    user.add_argument("--email", required=True)
    user.add_argument("--role", choices=[r.value for r in ConsoleRole], required=True)
    user.add_argument("--store", action="append", default=[], help="repeat for more stores")
    sim = action("simulate-web-orders", "keep making realistic web orders for a store")
    sim.add_argument("--store", required=True)
    sim.add_argument("--rate", type=_positive_float, default=0.2, help="orders per second")
    sim.add_argument("--count", type=int, default=None)
    sim.add_argument("--duration", type=_positive_float, default=None, help="seconds")
    sim.add_argument("--seed", type=int, default=None)
    notes = action("notifications", "list the customer e-mails the hub queued (newest first)")
    notes.add_argument("--store", default=None)
    notes.add_argument("--status", choices=("queued", "sending", "sent", "failed"), default=None)
    notes.add_argument("--limit", type=int, default=100)
    refunds = action("refunds", "list refund requests for closed paid orders (newest first)")
    refunds.add_argument("--store", default=None)
    refunds.add_argument("--limit", type=int, default=100)
    policy = action("set-return-policy", "set a store's return rules (sent to its tills)")
    policy.add_argument("--store", required=True)
    policy.add_argument("--file", type=Path, required=True, help="the policy as a JSON object")
    recall = action("traces", "GS1 recall: which stores sold a lot or a serial number")
    wanted = recall.add_mutually_exclusive_group(required=True)
    wanted.add_argument("--lot", help="a batch/lot number (GS1 AI 10), e.g. ABC123")
    wanted.add_argument("--serial", help="a serial number (GS1 AI 21)")
    held = action("quarantine", "till events the hub held for review: list, release, reject")
    cli_quarantine.add_arguments(held)
    reasons = action("reason-codes", "the chain's preset reasons: list, set FILE, clear")
    cli_reason_codes.add_arguments(reasons)
    review = action("returns-review", "returns flagged for head office, refunds owed online")
    review.add_argument("--store", default=None, help="default: every store")
    action(
        "rebuild-sales-rollup",
        "work the console's daily sales rollup out again from the "
        "stored sales and web orders (after upgrading a hub with history; hub stopped)",
    )
    shifts = action("shifts", "store days: the tills' Z reports summed per store and day")
    shifts.add_argument("--store", default=None, help="default: every store")
    shifts.add_argument("--day", default=None, help="a business day, YYYY-MM-DD")
    ledger = action(
        "accounting-export",
        "store days as balanced journals in CSV (docs/accounting-export.md)",
        epilog='accounts from --mapping (JSON or TOML: {"accounts": {"cash": "530", ...}})',
    )
    ledger.add_argument("--store", default=None, help="default: every store")
    ledger.add_argument("--day", default=None, help="a business day, YYYY-MM-DD")
    ledger.add_argument("--mapping", type=Path, default=None, help="account mapping file")
    ledger.add_argument("--output", type=Path, default=None, help="default: standard output")
    shop = action("add-shop", "connect a Shopify shop: its webhook secret and pickup store")
    shop.add_argument("--shop-domain", required=True, help="e.g. example.myshopify.com")
    shop.add_argument("--secret-file", type=Path, required=True,
                      help="a file holding the shop's webhook signing secret")  # fmt: skip
    shop.add_argument("--store", required=True, help="the store its local pickups go to")
    flags = action("shopify-flags", "Shopify orders kept for head office, with the reason")
    flags.add_argument("--limit", type=int, default=100)
    srefunds = action("shopify-refunds", "what Shopify paid back, per refund (newest first)")
    srefunds.add_argument("--limit", type=int, default=100)
    cli_stock.add_commands(action, _quantity_milli)
    openapi = action("openapi", "print the hub's OpenAPI document", db=False)
    openapi.add_argument("--output", type=Path, default=None)


def openapi_document() -> str:
    from sync.hub.app import create_app
    from sync.hub.settings import HubSettings

    # Building the app opens no connection; the URL only has to be well-formed.
    app = create_app(HubSettings(db_url="sqlite:///openapi-only.sqlite3"))
    return json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"


def _hub(url: str) -> Hub:
    from sync.hub import migrate
    from sync.hub.context import Hub
    from sync.hub.db import HubDatabase

    db = HubDatabase(url)
    migrate.upgrade(db.engine)
    return Hub(db=db)


def _progress(done: int, total: int, seconds: float) -> None:
    share = done / total if total else 1.0
    bar = "#" * int(share * 30)
    rate = done / seconds if seconds > 0 else 0.0
    sys.stderr.write(f"\r[{bar:<30}] {done:,}/{total:,} rows  {rate:,.0f} rows/s")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _admin_tokens(hub: Hub, verb: str, ref: str | None) -> int:
    """``admin-token list`` / ``admin-token revoke ID``. A reference that names no token, or
    more than one, is a usage error (exit 2) and changes nothing."""
    from sync.hub import headoffice
    from sync.hub.errors import Invalid, NotFound

    if verb == "list":
        print(f"{'id':<12}  {'created (UTC)':<16}  {'status':<24}  label")
        for info in headoffice.list_admin_tokens(hub):
            status = f"revoked {info.revoked_at:%Y-%m-%d %H:%M}" if info.revoked_at else "active"
            print(f"{info.token_id:<12}  {info.created_at:%Y-%m-%d %H:%M}  {status:<24}  "
                  f"{info.label}")  # fmt: skip
        return EXIT_OK
    if not ref:
        print("omnitill hub: admin-token revoke needs a TOKEN_ID (see admin-token list)",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    try:
        info, revoked = headoffice.revoke_admin_token(hub, ref)
    except (NotFound, Invalid) as exc:
        print(f"omnitill hub: {exc.detail}", file=sys.stderr)
        return EXIT_USAGE
    what = "revoked" if revoked else "was already revoked"
    print(f"admin token {info.token_id} ({info.label}) {what}")
    return EXIT_OK


def _return_policy(path: Path) -> Any:
    from sync.hub.errors import Invalid
    from sync.protocol import ReturnPolicyIn

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise Invalid(f"cannot read {path}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(f"{path} is not JSON: {exc}") from None
    if not isinstance(document, dict):
        raise Invalid(f"{path} must hold a JSON object")
    return ReturnPolicyIn.model_validate(document)


def _print_returns_review(hub: Any, store: str | None) -> None:
    from sync.hub.returns_ledger import open_reviews, requested_refunds

    with hub.db.read() as session:
        reviews = open_reviews(session, store)
        refunds = [r for r in requested_refunds(session) if store in (None, r.store_id)]
        print(f"{len(reviews)} return(s) to review")
        for r in reviews:
            print(f"  {r.created_at:%Y-%m-%d %H:%M}  {r.store_id}/{r.till_id}  {r.reason}")
        print(f"{len(refunds)} web refund(s) to pay back online")
        for f in refunds:
            amount = f"{f.amount_minor / 100:.2f} {f.currency}"
            print(f"  {f.created_at:%Y-%m-%d %H:%M}  order {f.order_number}  {amount}"
                  f"  (return {f.receipt_no} at {f.store_id})")  # fmt: skip


def _dispatch(args: argparse.Namespace) -> int:
    from sync.hub import catalog_import, credentials, headoffice, price_lists, simulate, tenancy
    from sync.hub.promo_check import load_rules
    from sync.protocol import PromotionIn, StoreIn

    command = args.hub_command
    if command == "openapi":
        document = openapi_document()
        if args.output is None:
            sys.stdout.write(document)
        else:
            args.output.write_text(document, encoding="utf-8")
        return EXIT_OK
    if command == "serve":
        from sync.hub.server import TlsFiles, serve
        from sync.hub.settings import HubSettings, SmtpSettings

        if (args.tls_cert is None) != (args.tls_key is None):
            print("omnitill hub: --tls-cert and --tls-key go together", file=sys.stderr)
            return EXIT_USAGE
        if args.max_body_bytes < 1024:
            print("omnitill hub: --max-body-bytes: at least 1024", file=sys.stderr)
            return EXIT_USAGE
        tls = TlsFiles(args.tls_cert, args.tls_key) if args.tls_cert else None
        scheme = "https" if tls else "http"
        print(f"hub on {scheme}://{args.host}:{args.port}  (Ctrl+C stops)", file=sys.stderr)
        smtp = SmtpSettings.from_env()  # OMNITILL_SMTP_HOST/_PORT/_FROM/_STARTTLS/_USER/…
        if smtp is None:
            print("no OMNITILL_SMTP_HOST: receipt emails stay queued", file=sys.stderr)
        settings = HubSettings(
            db_url=args.db,
            pickup_link_template=args.pickup_link,
            smtp=smtp,
            max_body_bytes=args.max_body_bytes,
            run_jobs=not args.no_jobs,
        )
        serve(settings, host=args.host, port=args.port, workers=args.workers, tls=tls)
        return EXIT_OK
    hub = _hub(args.db)
    try:
        if command in cli_stock.COMMANDS:
            return cli_stock.run(hub, args)
        if command == "admin-token" and args.verb != "create":
            return _admin_tokens(hub, args.verb, args.token_ref)
        if command in ("init", "admin-token"):
            token = tenancy.create_admin_token(
                hub, args.label, user_email=getattr(args, "user", None)
            )
            token_id = credentials.admin_token_id(credentials.token_digest(token))
            print(token)
            print(f"admin token {token_id} shown once: keep it safe", file=sys.stderr)
        elif command == "add-store":
            spec = StoreIn(
                store_id=args.store,
                name=args.name,
                currency=args.currency,
                tax_mode=args.tax_mode,
                cash_rounding_step=args.rounding,
                locale=args.locale,
            )
            tenancy.upsert_store(hub, spec)
            print(f"store {args.store} saved")
        elif command == "set-price":
            prices = price_lists.set_price(hub, args.sku, args.currency, args.price)
            listed = ", ".join(f"{code} {units}" for code, units in sorted(prices.items()))
            print(f"{args.sku} price list (minor units): {listed}")
        elif command == "set-tax-class":
            headoffice.set_tax_class(hub, args.tax_class, args.rate, args.label)
            print(f"tax class {args.tax_class} saved")
        elif command == "enroll-code":
            enrollment = tenancy.create_enroll_code(hub, args.store)
            print(enrollment.code)
            print(
                f"one-time code for store {args.store}, "
                f"valid until {enrollment.expires_at:%Y-%m-%d %H:%M} UTC",
                file=sys.stderr,
            )
        elif command == "revoke":
            tenancy.revoke_till(hub, args.till)
            print(f"till {args.till} revoked")
        elif command == "import-catalog":
            report = catalog_import.import_catalog(
                hub.db, args.csv, progress=None if args.quiet else _progress
            )
            print(
                f"{report.rows:,} rows, {report.changed:,} new or changed, "
                f"{report.seconds:.1f} s ({report.rows / max(report.seconds, 1e-9):,.0f} rows/s)"
            )
        elif command == "set-return-policy":
            headoffice.set_return_policy(hub, args.store, _return_policy(args.file))
            print(f"return policy of store {args.store} saved; its tills get it in the feed")
        elif command == "quarantine":
            return cli_quarantine.run(hub, args)
        elif command == "traces":
            from sync.hub import traces

            with hub.db.read() as session:
                found = traces.find(session, lot=args.lot, serial=args.serial)
            what = f"lot {args.lot}" if args.lot is not None else f"serial {args.serial}"
            print("\n".join(traces.report(found, what)))
        elif command == "reason-codes":
            return cli_reason_codes.run(hub, args)
        elif command == "returns-review":
            _print_returns_review(hub, args.store)
        elif command == "rebuild-sales-rollup":
            from sync.hub.sales_rollup import rebuild

            events, orders = rebuild(hub)
            print(f"sales rollup rebuilt from {events:,} sales and returns, {orders:,} web orders")
        elif command in ("shifts", "accounting-export"):
            from sync.hub.store_days_cli import run_store_days_command

            return run_store_days_command(hub, args)
        elif command == "set-stock":
            level = headoffice.set_stock(hub, args.store, args.sku, args.quantity)
            print(f"{level.sku} at {level.store_id}: {level.quantity_milli / 1000:g}")
        elif command == "add-promo":
            promo = PromotionIn.model_validate(
                {
                    "promo_id": args.promo_id,
                    "name": args.name,
                    "store_id": args.store,
                    "starts_at": args.starts,
                    "ends_at": args.ends,
                    "rules": load_rules(args.rules),
                    "currency": args.currency,
                }
            )
            headoffice.add_promotion(hub, promo)
            print(f"promotion {args.promo_id} saved")
        elif command == "remove-promo":
            headoffice.remove_promotion(hub, args.promo_id)
            print(f"promotion {args.promo_id} removed; its tills drop it")
        elif command == "remove-staff":
            headoffice.remove_staff(hub, store_id=args.store, staff_code=args.code)
            print(f"staff {args.code} removed from store {args.store}")
        elif command == "add-staff":
            pin = args.pin if args.pin is not None else getpass.getpass("PIN: ")
            headoffice.add_staff(
                hub,
                store_id=args.store,
                staff_code=args.code,
                name=args.name,
                role=args.role,
                pin=pin,
            )
            print(f"staff {args.code} saved for store {args.store}")
        elif command == "add-user":
            from sync.hub.console import accounts

            password = accounts.new_password()
            added = accounts.add_user(hub, email=args.email, role=ConsoleRole(args.role),
                                     stores=args.store, password=password, actor="cli")  # fmt: skip
            print(password)
            print(f"console user {added.email} ({added.role.value}) added; the password above "
                  "is shown once", file=sys.stderr)  # fmt: skip
        elif command in ("add-shop", "shopify-flags", "shopify-refunds"):
            _shopify_command(hub, args)
        elif command in ("notifications", "refunds"):
            _list_for_head_office(hub, args)
        elif command == "simulate-web-orders":
            made = simulate.simulate_web_orders(
                hub,
                store_id=args.store,
                rate=args.rate,
                count=args.count,
                duration=args.duration,
                seed=args.seed,
                on_order=lambda o: print(
                    f"{o.number}  {o.customer_email}  {len(o.lines)} lines  {o.payment_status}",
                    flush=True,
                ),
            )
            print(f"{made} web orders created", file=sys.stderr)
    finally:
        hub.db.dispose()
    return EXIT_OK


def _shopify_command(hub: Hub, args: argparse.Namespace) -> None:
    from sync.hub import shopify_webhooks
    from sync.hub.errors import Invalid
    from sync.hub.notifications import format_minor

    if args.hub_command == "add-shop":
        try:
            secret = args.secret_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise Invalid(f"cannot read the secret file {args.secret_file}: {exc}") from None
        shopify_webhooks.add_shop(
            hub, shop_domain=args.shop_domain, secret=secret, store_id=args.store
        )
        print(f"shop {args.shop_domain} connected; its pickups go to store {args.store}")
        return
    if not 1 <= args.limit <= 1000:
        raise Invalid("--limit: between 1 and 1000")
    with hub.db.read() as session:
        if args.hub_command == "shopify-flags":
            flags = shopify_webhooks.list_flags(session, limit=args.limit)
            print(f"{len(flags)} Shopify webhook(s) to review")
            for f in flags:
                print(f"  {f.created_at:%Y-%m-%d %H:%M}  {f.shop_domain}  {f.topic}  "
                      f"order {f.shopify_id}: {f.reason}")  # fmt: skip
            return
        for r in shopify_webhooks.list_refunds(session, limit=args.limit):
            print(f"{r.created_at:%Y-%m-%d %H:%M}  {r.shop_domain}  refund {r.refund_id}  "
                  f"order {r.order_number or r.order_external_id}  "
                  f"{format_minor(r.amount_minor, r.currency):>14}  {r.quantities}")  # fmt: skip


def _list_for_head_office(hub: Hub, args: argparse.Namespace) -> None:
    from sync.hub import notifications
    from sync.hub.errors import Invalid
    from sync.hub.models import Store
    from sync.protocol import NotificationStatus

    if not 1 <= args.limit <= 1000:
        raise Invalid("--limit: between 1 and 1000")
    with hub.db.read() as session:
        if args.store is not None and session.get(Store, args.store) is None:
            raise Invalid(f"--store: no store {args.store!r}")
        if args.hub_command == "refunds":
            for r in notifications.list_refund_requests(
                session, store_id=args.store, limit=args.limit
            ):
                amount = notifications.format_minor(r.amount_minor, r.currency)
                print(
                    f"{r.created_at:%Y-%m-%d %H:%M}  {r.store_id}  {r.order_number}  "
                    f"{amount:>14}  {r.status}  {r.reason}"
                )
            return
        status = NotificationStatus(args.status) if args.status else None
        for n in notifications.list_notifications(
            session, store_id=args.store, status=status, limit=args.limit
        ):
            print(
                f"{n.created_at:%Y-%m-%d %H:%M}  {n.store_id}  {n.order_number}  {n.kind}  "
                f"{n.status}  {n.recipient_email}  {n.subject}"
            )


def run_hub_command(args: argparse.Namespace) -> int:
    """Run one ``omnitill hub`` action; errors are one line on stderr and exit status 1."""
    from pydantic import ValidationError
    from sqlalchemy.exc import SQLAlchemyError

    from sync.hub.db import DatabaseUrlError
    from sync.hub.errors import HubError, describe
    from sync.hub.promo_check import InvalidPromotion

    try:
        return _dispatch(args)
    except InvalidPromotion as exc:
        print(f"omnitill hub: promotion refused: {exc.detail}", file=sys.stderr)
        return EXIT_BAD_PROMOTION
    except HubError as exc:
        print(f"omnitill hub: {exc.detail}", file=sys.stderr)
    except ValidationError as exc:
        print(f"omnitill hub: {describe(exc)}", file=sys.stderr)
    except (DatabaseUrlError, OSError, ValueError) as exc:
        print(f"omnitill hub: {exc}", file=sys.stderr)
    except SQLAlchemyError as exc:
        print(f"omnitill hub: database error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("omnitill hub: interrupted", file=sys.stderr)
    return EXIT_FAILED
