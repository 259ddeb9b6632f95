"""Console review over HTTP: flagged returns resolved, coupon double uses listed, quarantined
till events released (applied then: stock moves) or rejected, failed notifications resent;
each verdict audited; a store manager sees only their stores and cannot act."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from sync.hub.console.roles import Role
from sync.hub.models import (
    ConsoleAudit,
    CouponDoubleUse,
    CustomerNotificationRow,
    ReturnReview,
    SalesDaily,
    StockLevel,
)
from tests.helpers.console import OTHER_STORE, STORE, ConsoleHub, csrf_of
from tests.helpers.console_data import add_products, ingest, till_sale
from tests.helpers.hub import Api

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def _actions(console: ConsoleHub) -> list[str]:
    with console.hub.hub.db.read() as session:
        query = select(ConsoleAudit.action).where(ConsoleAudit.action != "user.add")
        return list(session.scalars(query.order_by(ConsoleAudit.id)))


def _post(api: Api, path: str, **form: str) -> int:
    csrf = csrf_of(api.get("/console/").text)
    return api.post(path, data={"csrf": csrf, **form}, allow_redirects=False).status_code


def test_a_flagged_return_is_resolved_with_a_note(console: ConsoleHub) -> None:
    with console.hub.hub.db.write() as session:
        for store in (STORE, OTHER_STORE):
            session.add(ReturnReview(event_id="e", store_id=store, till_id="t",
                                     receipt_no=f"R-{store}", reason="returned more than bought",
                                     created_at=NOW))  # fmt: skip
    mine = console.sign_in(Role.STORE_MANAGER).get("/console/review").text
    assert f"R-{STORE}" in mine
    assert f"R-{OTHER_STORE}" not in mine
    assert "Resolved</button>" not in mine  # a manager reads, head office acts
    admin = console.sign_in(Role.ADMIN)
    assert _post(admin, "/console/review/returns/1/resolve", note="") == 422
    assert _post(admin, "/console/review/returns/1/resolve", note="refunded by bank") == 303
    assert _post(admin, "/console/review/returns/1/resolve", note="again") == 409
    assert "resolved" in admin.get("/console/review").text
    assert _actions(console) == ["return.resolve"]


def test_coupon_double_uses_are_listed(console: ConsoleHub) -> None:
    with console.hub.hub.db.write() as session:
        session.add(CouponDoubleUse(code="ONCE-<b>", promo_id="P1", sale_uuid="s2",
                                    store_id=STORE, first_sale_uuid="s1",
                                    flagged_at=NOW))  # fmt: skip
    page = console.sign_in(Role.AUDITOR).get("/console/review/coupons").text
    assert "ONCE-&lt;b&gt;" in page


def test_a_quarantined_event_is_released_and_then_moves_stock(console: ConsoleHub) -> None:
    hub = console.hub.hub
    add_products(hub, ("MUG", "Mug", "kitchen", 500))
    odd = till_sale(STORE, [("MUG", 500)], [("cash", 500)])
    odd["payload"]["stock_movements"][0]["quantity_delta_milli"] = 10**9  # held: a million
    bad = till_sale(STORE, [("MUG", 500)], [("cash", 500)])
    bad["payload"]["stock_movements"][0]["quantity_delta_milli"] = 10**9
    ingest(hub, STORE, odd, bad)
    admin = console.sign_in(Role.ADMIN)
    page = admin.get("/console/review/quarantine").text
    assert odd["event_id"] in page
    assert "stock movement of MUG" in page
    with hub.db.read() as session:
        assert session.get(StockLevel, (STORE, "MUG")) is None
        assert session.scalars(select(SalesDaily)).all() == []
    release = f"/console/review/quarantine/{odd['event_id']}/release"
    assert _post(admin, release, note="") == 422
    assert _post(admin, release, note="a delivery booked as a sale") == 303
    reject = f"/console/review/quarantine/{bad['event_id']}/reject"
    assert _post(console.sign_in(Role.STORE_MANAGER), reject, note="x") == 403
    assert _post(admin, reject, note="no such delivery") == 303
    with hub.db.read() as session:
        level = session.get(StockLevel, (STORE, "MUG"))
        assert level is not None
        assert level.quantity_milli == 10**9
        assert (
            sum(r.amount_minor for r in session.scalars(select(SalesDaily))) == 1000
        )  # total+cell
    assert _actions(console) == ["event.released", "event.rejected"]
    assert (
        "a delivery booked as a sale" in admin.get("/console/review/quarantine?state=released").text
    )


def test_a_failed_notification_is_resent(console: ConsoleHub) -> None:
    with console.hub.hub.db.write() as session:
        session.add(CustomerNotificationRow(
            order_number="W-1", store_id=STORE, kind="ready", recipient_email="jo@example.com",
            subject="Ready", body="Your order", status="failed", created_at=NOW, attempts=5,
            last_error="550 mailbox unavailable"))  # fmt: skip
    admin = console.sign_in(Role.ADMIN)
    assert "550 mailbox unavailable" in admin.get("/console/review/notifications").text
    assert _post(admin, "/console/review/notifications/1/resend") == 303
    with console.hub.hub.db.read() as session:
        row = session.get(CustomerNotificationRow, 1)
        assert row is not None
        assert (row.status, row.attempts) == ("queued", 0)
    assert _post(admin, "/console/review/notifications/1/resend") == 422  # not failed now
    assert "No failed notifications." in admin.get("/console/review/notifications").text
    assert _actions(console) == ["notification.resend"]
