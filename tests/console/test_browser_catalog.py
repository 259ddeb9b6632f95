"""Issue 20 in a real browser (Playwright driving Debian's chromium) against a real hub, with a
real till database enrolled with it: sign in, import a small catalog (progress, then the
report), find a product as you type, create a promotion and preview it, see the till pull
both through its feed and its own engine price the promotion, sell, and export the sales
report with that sale in it. Every new page is photographed; none breaks its CSP."""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import PromotionRow
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.store.till_context import load_till_context
from sync.hub.console import accounts
from sync.hub.console.roles import Role
from tests.console.test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOT_ENV
from tests.helpers.console import PASSWORD
from tests.helpers.hub import EnrolledTill

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the console browser tests need `pip install playwright`"
)
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"no {CHROMIUM}: `apt-get install chromium` (dev.py does it on a clean machine)",
)
EMAIL = "mia@example.com"
TEN_OFF_KITCHEN = {"kind": "percent", "value": "10", "department": "kitchen"}


def ean13(first12: str) -> str:
    digits = [int(d) for d in first12]
    check = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return first12 + str(check)


MUG = ean13("400638100001")
CATALOG = (
    "sku,name,price,department,tax_class,barcodes\n"
    f"MUG-1,Stoneware mug,12.50,kitchen,standard,{MUG}\n"
    "TOWEL-1,Tea towel,4.00,kitchen,standard,\n"
)


def _pull_all(till: EnrolledTill) -> None:
    sync = till.sync()
    while (page := sync.puller.pull_once()) is not None and page.changes:
        pass


def test_import_search_promote_price_at_the_till_and_export(
    enrolled_till: EnrolledTill, tmp_path: Path
) -> None:
    shots = Path(os.environ.get(SCREENSHOT_ENV, tmp_path))
    hub = enrolled_till.hub
    accounts.add_user(hub.hub, email=EMAIL, role=Role.ADMIN, stores=[], password=PASSWORD,
                      actor="tests")  # fmt: skip
    base = hub.base_url + "/console"
    upload = tmp_path / "catalog.csv"
    upload.write_text(CATALOG, encoding="utf-8")
    csp: list[str] = []
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1024, "height": 768},
                                      accept_downloads=True)  # fmt: skip
        p: Page = context.new_page()
        p.on("console", lambda message: csp.append(message.text))
        p.goto(base + "/sign-in")
        p.wait_for_function("document.activeElement && document.activeElement.name === 'email'")
        p.keyboard.type(EMAIL)
        p.keyboard.press("Tab")
        p.keyboard.type(PASSWORD)
        p.keyboard.press("Enter")
        p.wait_for_url(base + "/")

        # Import: the upload, then the progress page reloads itself into the report.
        p.goto(base + "/catalog/import")
        p.screenshot(path=shots / "console-import.png", full_page=True)
        p.set_input_files("input[type=file]", str(upload))
        p.click("text=Check and import")
        p.wait_for_selector("text=Imported 2 rows; 2 products changed")
        p.screenshot(path=shots / "console-import-done.png", full_page=True)

        # Search as you type: the rows change without a page load.
        p.goto(base + "/catalog")
        p.wait_for_function("document.activeElement && document.activeElement.name === 'q'")
        p.keyboard.type("stonew")
        assert "TOWEL-1" in p.inner_text("#results")  # before typing: the first products
        p.wait_for_selector("#results >> text=TOWEL-1", state="detached")
        assert "MUG-1" in p.inner_text("#results")
        assert p.url == base + "/catalog"  # no page load: the rows came from console.js
        p.screenshot(path=shots / "console-catalog.png", full_page=True)
        p.click("#results >> text=MUG-1")
        p.wait_for_url("**/catalog/products/MUG-1")
        p.screenshot(path=shots / "console-product.png", full_page=True)

        # A promotion: previewed with the till's engine, then saved.
        p.goto(base + "/promotions/new")
        p.fill("input[name=promo_id]", "KITCHEN10")
        p.fill("input[name=name]", "10% off kitchen")
        p.select_option("select[name=store_id]", "store-1")
        p.fill(
            "textarea[name=rules]", '{"kind": "percent", "value": "10", "department": "kitchen"}'
        )
        p.fill("textarea[name=basket]", "MUG-1 2\nTOWEL-1")
        p.click("button:has-text('Preview')")
        p.wait_for_selector("text=Priced by the till's engine")
        assert "-2.50" in p.inner_text("main")
        p.screenshot(path=shots / "console-promotion.png", full_page=True)
        p.click("button:has-text('Save')")
        p.wait_for_url("**/promotions/KITCHEN10")
        p.click("nav >> text=Promotions")
        assert "live" in p.inner_text("main")
        p.screenshot(path=shots / "console-promotions.png", full_page=True)

        # The till pulls the product and the promotion; its own engine prices the mug.
        _pull_all(enrolled_till)
        with enrolled_till.read() as session:
            assert session.get(PromotionRow, "KITCHEN10") is not None
        now = datetime.now(UTC)
        checkout = CheckoutService(clock=lambda: now, promotions=PromotionService(tz=UTC))
        with enrolled_till.write.begin() as session:
            ctx = load_till_context(session)
            basket = ctx.new_basket()
            basket.add_by_barcode(MUG, SqlCatalog(session, ctx.currency),
                                  VariableMeasureConfig.default())  # fmt: skip
            priced = checkout.price(session, basket, ctx)
            assert priced.promotion_total.to_minor() == 125  # 10 % of 12.50
            cash = [Tender(TenderKind.CASH, Money.of("20", ctx.currency))]
            checkout.complete_sale(session, basket=basket, tenders=cash, cashier="alice",
                                   context=ctx)  # fmt: skip
        assert enrolled_till.sync().pusher.push_once().acknowledged == 1

        # The sale is in the report (the rollup the ingest wrote), and in its CSV export.
        p.goto(base + "/reports?by=store&by=department&by=tender")
        assert "kitchen" in p.inner_text("main")
        p.screenshot(path=shots / "console-reports.png", full_page=True)
        with p.expect_download() as download:
            p.click("text=Export CSV")
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
        assert rows[0] == ["store", "tender", "department", "currency", "sales", "amount_minor"]
        assert ["store-1", "cash", "kitchen", "EUR", "1", "1125"] in rows

        # A new staff member: the PIN is shown once, on the page that made it.
        p.goto(base + "/staff")
        p.fill("input[name=staff_code]", "A7")
        p.fill("input[name=name]", "Ann Lee")
        p.click("text=Add (makes a PIN)")
        p.wait_for_selector("text=shown once")
        p.screenshot(path=shots / "console-staff.png", full_page=True)
        for path, name in (("/reports/days", "days"), ("/stock", "stock"),
                           ("/review", "review"), ("/review/quarantine", "quarantine"),
                           ("/settings", "settings")):  # fmt: skip
            p.goto(base + path)
            p.screenshot(path=shots / f"console-{name}.png", full_page=True)
        p.set_viewport_size({"width": 1920, "height": 1080})
        p.goto(base + "/catalog/products/MUG-1")
        p.screenshot(path=shots / "console-product-1920.png", full_page=True)
        browser.close()
    assert [text for text in csp if "Content Security Policy" in text] == []
