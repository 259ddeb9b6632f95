"""The console's web-store stock page (sync/hub/console/stock_pushes.py), over HTTP: pending
and failed updates with their reason, seen by admin and auditor only; re-queueing the failed
ones is an admin's, needs the CSRF token, and is audited."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select, update

from sync.hub import headoffice, shopify_webhooks, web_stock
from sync.hub.console.roles import Role
from sync.hub.console.security import HEADERS
from sync.hub.models import ConsoleAudit, StockPush
from tests.helpers.console import STORE, ConsoleHub, csrf_of

SHOP = "console-test.myshopify.com"
ROUTES = [
    ("GET", "/console/stock-pushes", {Role.ADMIN, Role.AUDITOR}),
    ("POST", "/console/stock-pushes/retry", {Role.ADMIN}),
]


@pytest.fixture
def with_pushes(console: ConsoleHub) -> ConsoleHub:
    hub = console.hub.hub
    shopify_webhooks.add_shop(hub, shop_domain=SHOP, secret="x" * 32, store_id=STORE)
    with hub.db.write() as session:
        web_stock.connect_shop(
            session,
            shop_domain=SHOP,
            access_token="shpat_x",
            locations={STORE: "gid://shopify/Location/1"},
            now=hub.clock(),
            endpoint="http://127.0.0.1:9/none",
        )
    headoffice.set_stock(hub, STORE, "A", 5000)
    headoffice.set_stock(hub, STORE, "B", 1000)
    with hub.db.write() as session:
        session.execute(
            update(StockPush)
            .where(StockPush.sku == "B")
            .values(status="failed", last_error="ITEM_NOT_STOCKED_AT_LOCATION: <not stocked>")
        )
    return console


@pytest.mark.parametrize("role", [*Role, None], ids=[*(r.value for r in Role), "signed-out"])
def test_every_role(with_pushes: ConsoleHub, role: Role | None) -> None:
    api = with_pushes.sign_in(role)
    csrf = csrf_of(api.get("/console/").text) if role is not None else "x"
    for method, path, allowed in ROUTES:
        if method == "GET":
            answer = api.get(path, allow_redirects=False)
        else:
            answer = api.post(path, data={"csrf": csrf}, allow_redirects=False)
        where = f"{method} {path} as {role}"
        for name, value in HEADERS.items():
            assert answer.headers.get(name) == value, where
        if role is None:
            assert answer.status_code == 303, where
        elif role in allowed:
            assert answer.status_code in (200, 303), f"{where}: {answer.text[:300]}"
        else:
            assert answer.status_code == 403, where


def test_the_page_lists_pending_and_failed_and_retry_is_audited(with_pushes: ConsoleHub) -> None:
    api = with_pushes.sign_in(Role.ADMIN)
    page = api.get("/console/stock-pushes").text
    assert "pending" in page
    assert "failed" in page
    assert html.escape("ITEM_NOT_STOCKED_AT_LOCATION: <not stocked>") in page  # escaped
    assert "<not stocked>" not in page
    bad = api.post("/console/stock-pushes/retry", data={"csrf": "wrong"}, allow_redirects=False)
    assert bad.status_code == 403
    hub = with_pushes.hub.hub
    with hub.db.read() as session:
        assert session.scalar(select(StockPush.status).where(StockPush.sku == "B")) == "failed"
    ok = api.post(
        "/console/stock-pushes/retry", data={"csrf": csrf_of(page)}, allow_redirects=False
    )
    assert ok.status_code == 303
    with hub.db.read() as session:
        assert session.scalar(select(StockPush.status).where(StockPush.sku == "B")) == "pending"
        actions = session.scalars(select(ConsoleAudit.action)).all()
    assert "stock_pushes.retry" in actions
