"""``omnitill self-test``: prove an installed till (or a PyInstaller bundle) has all its parts.

In a throw-away folder it creates a till database, runs every migration, rings one sale through
the real checkout, checks the journal, and renders the receipt the three ways the till prints
it: plain text, ESC/POS bytes and a PNG image. It also migrates a throw-away hub database and
looks for the stylesheet and translations the till window loads. Nothing outside the temporary
folder is read or written, no device is opened, and Qt is not imported. Exit 0 when all pass.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import pos_app

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ESC_INIT = b"\x1b@"


def resources_dir() -> Path:
    """Where ``pos_app/ui/app.py`` looks for resources/: beside the packages, in a checkout
    and in the bundle alike."""
    return Path(pos_app.__file__).resolve().parents[1] / "resources"


def _till_database(folder: Path) -> str:
    from pos_app.db import migrate
    from pos_app.db.engine import create_till_engine, database_path

    engine = create_till_engine(database_path(folder))
    try:
        migrate.upgrade(engine)
        revision = migrate.current_revision(engine)
        if revision != migrate.head_revision():
            raise AssertionError(
                f"schema {revision} after upgrade, head is {migrate.head_revision()}"
            )
    finally:
        engine.dispose()
    return f"till schema {revision}"


def _sale_and_receipts(folder: Path) -> str:
    from hardware.escpos_render import EscposRenderer
    from hardware.receipt_image import to_png_bytes
    from hardware.receipt_layout import columns_for, layout_receipt
    from pos_app.db.catalog_repo import SqlCatalog
    from pos_app.db.engine import create_till_engine, database_path, make_session_factory
    from pos_app.db.models import Product, ProductBarcode, StoreProfile, TaxRateRow
    from pos_app.domain.barcodes import VariableMeasureConfig
    from pos_app.domain.money import Money
    from pos_app.domain.receipt import render_text
    from pos_app.domain.sale.tenders import Tender, TenderKind
    from pos_app.services.sale.checkout import CheckoutService
    from pos_app.services.store import journal
    from pos_app.services.store.till_context import load_till_context

    engine = create_till_engine(database_path(folder))
    try:
        factory = make_session_factory(engine)
        with factory.begin() as session:
            session.add(
                StoreProfile(
                    id=1,
                    store_id="self-test",
                    till_id="self-test",
                    store_name="OmniTill self-test",
                    address="",
                    currency="EUR",
                    tax_mode="inclusive",
                    cash_rounding_step="0.01",
                    receipt_footer="self-test",
                )
            )
            session.add(TaxRateRow(tax_class="standard", rate="0.20", label="VAT 20%"))
            session.add(
                Product(
                    sku="SELF-1",
                    name="Café crème",
                    department="test",
                    tax_class="standard",
                    price_minor=250,
                    sold_by_weight=False,
                    active=True,
                    barcodes=[ProductBarcode(barcode="4006381333931")],
                )
            )
        with factory.begin() as session:
            ctx = load_till_context(session)
            basket = ctx.new_basket()
            catalog = SqlCatalog(session, ctx.currency)
            basket.add_by_barcode("4006381333931", catalog, VariableMeasureConfig.default())
            done = CheckoutService().complete_sale(
                session,
                basket=basket,
                tenders=[Tender(TenderKind.CASH, Money.of("5", ctx.currency))],
                cashier="self-test",
                context=ctx,
            )
        with factory() as session:
            verified = journal.verify_journal(session)
        if not verified.ok or verified.entries_checked != 1:
            raise AssertionError(f"journal check failed: {verified.problems}")
    finally:
        engine.dispose()

    text = render_text(done.receipt)
    if "Café crème" not in text or done.receipt_no not in text:
        raise AssertionError("the text receipt lacks the item or the receipt number")
    escpos = EscposRenderer().render(layout_receipt(done.receipt, columns_for(80)))
    if not escpos.startswith(ESC_INIT):
        raise AssertionError("the ESC/POS receipt does not start with ESC @")
    png = to_png_bytes(done.receipt)
    if not png.startswith(PNG_SIGNATURE):
        raise AssertionError("the receipt image is not a PNG")
    return (
        f"sale {done.receipt_no}, journal OK; receipt: {len(text.splitlines())} text lines, "
        f"{len(escpos):,} ESC/POS bytes, {len(png):,} PNG bytes"
    )


def _hub_database(folder: Path) -> str:
    from sync.hub import migrate as hub_migrate
    from sync.hub.db import HubDatabase

    db = HubDatabase(f"sqlite:///{folder / 'hub.sqlite3'}")
    try:
        hub_migrate.upgrade(db.engine)
        revision = hub_migrate.current_revision(db.engine)
    finally:
        db.dispose()
    if revision != hub_migrate.head_revision():
        raise AssertionError(f"hub schema {revision}, head is {hub_migrate.head_revision()}")
    return f"hub schema {revision}"


def _resources(_folder: Path) -> str:
    folder = resources_dir()
    missing = [name for name in ("theme.qss", "translations") if not (folder / name).exists()]
    if missing:
        raise AssertionError(f"{', '.join(missing)} missing from {folder}")
    return f"resources in {folder}"


CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("till database", _till_database),
    ("sale and receipts", _sale_and_receipts),
    ("hub database", _hub_database),
    ("resources", _resources),
)


def run_self_test(out: TextIO | None = None) -> bool:
    from pos_app.support import version

    out = out if out is not None else sys.stdout
    print(f"omnitill {version()} self-test", file=out)
    ok = True
    with tempfile.TemporaryDirectory(prefix="omnitill-self-test-") as tmp:
        folder = Path(tmp)
        for name, check in CHECKS:
            try:
                detail = check(folder)
            except Exception as exc:  # every failure is reported, then the next check runs
                ok = False
                print(f"  FAIL {name}: {type(exc).__name__}: {exc}", file=out)
            else:
                print(f"  ok   {name}: {detail}", file=out)
    print("self-test passed" if ok else "self-test FAILED", file=out)
    return ok


def register(sub: Any) -> None:
    sub.add_parser(
        "self-test", help="check this installation: database, migrations, receipt rendering"
    )


def run(_args: argparse.Namespace) -> int:
    return 0 if run_self_test() else 1
