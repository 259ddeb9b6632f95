"""The console in a real browser (Playwright driving Debian's chromium) against a real hub on
loopback, with a real till's services enrolled with that hub: sign in with the keyboard,
cancel a web order and see the till's queue change, mark the refund done, and photograph
every page. No page may break its Content-Security-Policy (no inline script or style)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pos_app.domain.click_collect.orders import OrderState
from pos_app.services.click_collect.steps import CollectionsService
from sync.hub.console import accounts
from sync.hub.console.roles import Role
from tests.helpers.console import PASSWORD
from tests.helpers.hub import EnrolledTill

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the console browser tests need `pip install playwright`"
)
pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None,
    reason=f"no {CHROMIUM}: `apt-get install chromium` (dev.py does it on a clean machine)",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADMIN_EMAIL = "ada@example.com"
# Tests never write into the work tree: set OMNITILL_SCREENSHOT_DIR=docs/screenshots to refresh
# the console's pictures.
SCREENSHOT_ENV = "OMNITILL_SCREENSHOT_DIR"


@pytest.fixture
def page() -> Iterator[Page]:
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 800})
        yield context.new_page()
        browser.close()


def _order(till: EnrolledTill, number: str) -> None:
    body = {
        "number": number,
        "pickup_store_id": "store-1",
        "customer": {"email": "ann@example.com", "name": "Ann <i>Lee</i>"},
        "currency": "EUR",
        "payment_status": "paid",
        "lines": [
            {"sku": "TSH-1", "name": "T-Shirt", "quantity_milli": 2000, "unit_price_minor": 1500}
        ],
    }
    answer = till.hub.admin.post("/v1/web-orders", json=body)
    assert answer.status_code == 201, answer.text


def test_head_office_cancels_an_order_the_till_hears_and_marks_the_refund(
    enrolled_till: EnrolledTill, page: Page, tmp_path: Path
) -> None:
    p = page
    shots = Path(os.environ.get(SCREENSHOT_ENV, tmp_path))
    base = enrolled_till.hub.base_url + "/console"
    csp_errors: list[str] = []
    p.on("console", lambda message: csp_errors.append(message.text))
    accounts.add_user(enrolled_till.hub.hub, email=ADMIN_EMAIL, role=Role.ADMIN, stores=[],
                      password=PASSWORD, actor="tests")  # fmt: skip
    for number in ("W-3001", "W-3002"):
        _order(enrolled_till, number)
    sync = enrolled_till.sync()
    sync.puller.pull_once()
    queue = CollectionsService()
    with enrolled_till.read() as session:
        assert [o.number for o in queue.queue(session).in_state(OrderState.NEW)] == [
            "W-3001",
            "W-3002",
        ]

    p.goto(base + "/")
    assert p.url.endswith("/console/sign-in")
    # The e-mail field takes the focus by itself (autofocus, which Chromium applies after the
    # load event, so wait for it rather than type into nothing): keyboard only from here.
    p.wait_for_function("document.activeElement && document.activeElement.name === 'email'")
    p.keyboard.type(ADMIN_EMAIL)
    p.keyboard.press("Tab")
    p.keyboard.type(PASSWORD)
    p.screenshot(path=shots / "console-sign-in.png")
    p.keyboard.press("Enter")
    p.wait_for_url(base + "/")
    assert "W-3001" in p.inner_text("main")
    p.screenshot(path=shots / "console-dashboard.png", full_page=True)

    p.click("nav >> text=Web orders")
    p.wait_for_url("**/console/orders")
    p.screenshot(path=shots / "console-orders.png", full_page=True)
    p.click("text=W-3001")
    assert "Ann <i>Lee</i>" in p.inner_text("main")  # what was typed, shown as text
    p.screenshot(path=shots / "console-order.png", full_page=True)
    p.click("text=Cancel this order")
    p.wait_for_selector("dd.state >> text=cancelled")

    sync.puller.pull_once()  # the till hears the cancellation through its feed
    with enrolled_till.read() as session:
        now = queue.queue(session)
        assert [o.number for o in now.in_state(OrderState.NEW)] == ["W-3002"]
        assert [o.number for o in now.in_state(OrderState.CANCELLED)] == ["W-3001"]

    p.click("nav >> text=Refunds")
    row = p.locator("tr", has_text="W-3001")
    row.locator("input[name=reference]").fill("BANK-42")
    row.locator("button", has_text="Mark refunded").click()
    p.wait_for_selector("text=refunded · BANK-42")
    p.screenshot(path=shots / "console-refunds.png", full_page=True)

    p.click("nav >> text=Stores and tills")
    assert "store-1-T001" in p.inner_text("main")  # the enrolled till
    p.screenshot(path=shots / "console-tills.png", full_page=True)
    p.click("nav >> text=People")
    p.screenshot(path=shots / "console-people.png", full_page=True)
    p.click("nav >> text=Audit log")
    assert "BANK-42" in p.inner_text("main")
    p.screenshot(path=shots / "console-audit.png", full_page=True)
    p.click("text=Sign out")
    p.wait_for_url("**/console/sign-in")
    assert [text for text in csp_errors if "Content Security Policy" in text] == []
