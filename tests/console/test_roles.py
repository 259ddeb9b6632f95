"""Every console route, walked over HTTP by every role and by a stranger: the allowed and
forbidden matrix (sync/hub/console/roles.py), the security headers, and escaping."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sync.hub.console import routes
from sync.hub.console.roles import Role
from sync.hub.console.security import HEADERS
from sync.hub.context import Hub
from sync.hub.headoffice import add_promotion, add_staff
from sync.hub.models import (
    ConsoleUser,
    CustomerNotificationRow,
    RefundRequestRow,
    ReturnReview,
    Staff,
)
from sync.hub.web_orders import close_web_order
from sync.protocol import CollectionStatus, PromotionIn
from tests.helpers.console import STORE, ConsoleHub, add_order, csrf_of
from tests.helpers.console_data import add_products, ingest, till_sale
from tests.helpers.hub import eventually

EVERYONE = set(Role)
# (method, path template, the roles allowed; None: public)
MATRIX: list[tuple[str, str, set[Role] | None]] = [
    ("GET", "/console/sign-in", None),
    ("GET", "/console/", EVERYONE),
    ("GET", "/console/orders", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("GET", "/console/orders/{number}", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/orders/{number}/cancel", {Role.ADMIN, Role.STORE_MANAGER}),
    ("GET", "/console/refunds", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/refunds/{refund_id}/done", {Role.ADMIN, Role.STORE_MANAGER}),
    ("GET", "/console/tills", {Role.ADMIN, Role.AUDITOR}),
    ("POST", "/console/stores/{store_id}/enroll-code", {Role.ADMIN}),
    ("POST", "/console/tills/{till_id}/revoke", {Role.ADMIN}),
    ("GET", "/console/users", {Role.ADMIN}),
    ("POST", "/console/users/{user_id}/reset-password", {Role.ADMIN}),
    ("GET", "/console/audit", {Role.ADMIN, Role.AUDITOR}),
    ("GET", "/console/reports", {Role.ADMIN, Role.MERCHANDISER, Role.STORE_MANAGER, Role.AUDITOR}),
    ("GET", "/console/reports/sales.csv", EVERYONE),
    ("GET", "/console/reports/days", EVERYONE),
    ("GET", "/console/reports/days.csv", EVERYONE),
    ("GET", "/console/catalog", EVERYONE),
    ("GET", "/console/catalog/search", EVERYONE),
    ("GET", "/console/catalog/products/{sku}", EVERYONE),
    ("POST", "/console/catalog/products/{sku}", {Role.ADMIN, Role.MERCHANDISER}),
    ("POST", "/console/catalog/products/{sku}/stock", {Role.ADMIN, Role.STORE_MANAGER}),
    ("GET", "/console/catalog/export.csv", EVERYONE),
    ("GET", "/console/catalog/import", {Role.ADMIN, Role.MERCHANDISER}),
    ("POST", "/console/catalog/import", {Role.ADMIN, Role.MERCHANDISER}),
    ("GET", "/console/catalog/import/{job_id}", {Role.ADMIN, Role.MERCHANDISER}),
    ("GET", "/console/catalog/import/{job_id}/progress", {Role.ADMIN, Role.MERCHANDISER}),
    ("GET", "/console/stock", EVERYONE),
    (
        "GET",
        "/console/promotions",
        {Role.ADMIN, Role.MERCHANDISER, Role.STORE_MANAGER, Role.AUDITOR},
    ),
    ("GET", "/console/promotions/new", {Role.ADMIN, Role.MERCHANDISER}),
    ("GET", "/console/promotions/{promo_id}", EVERYONE),
    ("POST", "/console/promotions", {Role.ADMIN, Role.MERCHANDISER}),
    ("POST", "/console/promotions/{promo_id}/end", {Role.ADMIN, Role.MERCHANDISER}),
    ("GET", "/console/review", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("GET", "/console/review/coupons", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("GET", "/console/review/quarantine", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("GET", "/console/review/notifications", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/review/returns/{review_id}/resolve", {Role.ADMIN}),
    ("POST", "/console/review/quarantine/{event_id}/release", {Role.ADMIN}),
    ("POST", "/console/review/quarantine/{event_id}/reject", {Role.ADMIN}),
    ("POST", "/console/review/notifications/{notification_id}/resend", {Role.ADMIN}),
    ("GET", "/console/staff", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/staff", {Role.ADMIN, Role.STORE_MANAGER}),
    ("POST", "/console/staff/{staff_id}/reset-pin", {Role.ADMIN, Role.STORE_MANAGER}),
    ("POST", "/console/staff/{staff_id}/remove", {Role.ADMIN, Role.STORE_MANAGER}),
    ("GET", "/console/settings", {Role.ADMIN, Role.AUDITOR}),
    ("POST", "/console/settings/tax-classes", {Role.ADMIN}),
    ("POST", "/console/settings/return-policy/{store_id}", {Role.ADMIN}),
    ("GET", "/console/reason-codes", {Role.ADMIN, Role.STORE_MANAGER, Role.AUDITOR}),
    ("POST", "/console/reason-codes", {Role.ADMIN}),
    ("POST", "/console/sign-out", EVERYONE),  # last: it ends the session
]


def test_the_matrix_names_every_console_route() -> None:
    served = {
        (method, route.path)  # type: ignore[attr-defined]
        for route in routes.router.routes
        for method in route.methods  # type: ignore[attr-defined]
    }
    assert served == {(method, path) for method, path, _ in MATRIX} | {("POST", "/console/sign-in")}


def _targets(console: ConsoleHub, tag: str) -> dict[str, str]:
    """A fresh order, refund and user for one caller, so an allowed change always applies."""
    hub = console.hub.hub
    add_order(console.hub, f"W-{tag}")
    add_order(console.hub, f"R-{tag}")
    close_web_order(hub, f"R-{tag}", CollectionStatus.CANCELLED)  # paid: a refund is owed
    with hub.db.read() as session:
        refund_id = session.scalars(
            select(RefundRequestRow.id).where(RefundRequestRow.order_number == f"R-{tag}")
        ).one()
        user_id = session.scalars(
            select(ConsoleUser.id).where(ConsoleUser.email == console.emails[Role.AUDITOR])
        ).one()
    _, till_id = console.hub.enroll(STORE)
    add_products(hub, ("MUG-1", "Stoneware mug", "kitchen", 1250))
    return {"number": f"W-{tag}", "refund_id": str(refund_id), "user_id": str(user_id),
            "store_id": STORE, "till_id": till_id, "sku": "MUG-1",
            "job_id": _import_job(console), "promo_id": _promotion(hub, tag),
            **_to_review(hub), "staff_id": _staff(hub, tag)}  # fmt: skip


def _staff(hub: Hub, tag: str) -> str:
    add_staff(hub, store_id=STORE, staff_code=f"S-{tag}", name="Sam", role="associate",
              pin="1234")  # fmt: skip
    with hub.db.read() as session:
        return str(session.scalars(select(Staff.id).where(Staff.staff_code == f"S-{tag}")).one())


def _to_review(hub: Hub) -> dict[str, str]:
    """A flagged return, two quarantined events and a failed notification to act on."""
    now = hub.clock()
    held = []
    for _ in range(2):
        event = till_sale(STORE, [("MUG-1", 1250)], [("cash", 1250)])
        event["payload"]["stock_movements"][0]["quantity_delta_milli"] = 10**9
        ingest(hub, STORE, event)
        held.append(event["event_id"])
    with hub.db.write() as session:
        flagged = ReturnReview(
            event_id="e",
            store_id=STORE,
            till_id="t",
            receipt_no="R-1",
            reason="over-return",
            created_at=now,
        )
        failed = CustomerNotificationRow(
            order_number="W-1",
            store_id=STORE,
            kind="ready",
            recipient_email="jo@example.com",
            subject="Ready",
            body="b",
            status="failed",
            created_at=now,
            attempts=5,
        )
        session.add_all([flagged, failed])
        session.flush()
        ids = {"review_id": str(flagged.id), "notification_id": str(failed.id)}
    return {**ids, "event_id": held[0], "other_event_id": held[1]}  # fmt: skip


def _promotion(hub: Hub, tag: str) -> str:
    promo_id = f"P-{tag}"
    add_promotion(hub, PromotionIn(promo_id=promo_id, name="Ten off", rules=RULES))
    return promo_id


def _import_job(console: ConsoleHub) -> str:
    """A finished catalog import, started by an admin."""
    admin = console.sign_in(Role.ADMIN)
    csrf = csrf_of(admin.get("/console/").text)
    answer = admin.post("/console/catalog/import", data={"csrf": csrf}, files=UPLOAD,
                        allow_redirects=False)  # fmt: skip
    path = answer.headers["location"]
    eventually(lambda: admin.get(path + "/progress").json()["finished"], 20, "the import")
    return path.rsplit("/", 1)[1]


# Every form's fields at once: each route takes the ones it needs and ignores the rest.
RULES = {"kind": "percent", "value": "10"}
FORM = {"reference": "BANK-1", "name": "Stoneware mug", "price": "12.50", "active": "1",
        "store_id": STORE, "quantity": "1", "reason": "role matrix", "promo_id": "MATRIX",
        "rules": json.dumps(RULES), "note": "role matrix", "staff_code": "NEW",
        "role": "associate", "tax_class": "reduced", "rate": "0.05", "label": "VAT 5%",
        "policy": "{}"}  # fmt: skip
UPLOAD = {"file": ("products.csv", b"sku,name,price\nMUG-1,Stoneware mug,12.50\n", "text/csv")}


@pytest.mark.parametrize("role", [*Role, None], ids=[*(r.value for r in Role), "signed-out"])
def test_every_route_with_every_role(console: ConsoleHub, role: Role | None) -> None:
    api = console.sign_in(role)
    targets = _targets(console, role.value if role else "anon")
    csrf = csrf_of(api.get("/console/").text) if role is not None else "x"
    for method, template, allowed in MATRIX:
        # A held event takes one verdict: the reject is tried on another one.
        rejecting = template.endswith("/reject")
        path = template.format(**{**targets, "event_id": targets["other_event_id"]}
                               if rejecting else targets)  # fmt: skip
        if method == "GET":
            answer = api.get(path, allow_redirects=False)
        else:
            files = UPLOAD if path.endswith("/catalog/import") else None
            answer = api.post(path, data={"csrf": csrf, **FORM}, files=files,
                              allow_redirects=False)  # fmt: skip
        where = f"{method} {path} as {role}"
        for name, value in HEADERS.items():
            assert answer.headers.get(name) == value, where
        if allowed is None:
            assert answer.status_code == 200, where
        elif role is None:
            assert answer.status_code == 303, where
            assert answer.headers["location"].endswith("/console/sign-in"), where
        elif role in allowed:
            assert answer.status_code in (200, 303), f"{where}: {answer.text[:300]}"
        else:
            assert answer.status_code == 403, where


def test_a_store_manager_sees_only_their_stores(console: ConsoleHub) -> None:
    add_order(console.hub, "MINE-1", store=STORE)
    add_order(console.hub, "THEIRS-1", store="s2")
    manager = console.sign_in(Role.STORE_MANAGER)
    listed = manager.get("/console/orders").text
    assert "MINE-1" in listed
    assert "THEIRS-1" not in listed
    assert manager.get("/console/orders/THEIRS-1").status_code == 404
    csrf = csrf_of(manager.get("/console/").text)
    refused = manager.post("/console/orders/THEIRS-1/cancel", data={"csrf": csrf},
                           allow_redirects=False)  # fmt: skip
    assert refused.status_code == 404
    admin = console.sign_in(Role.ADMIN)
    assert "new" in admin.get("/console/orders/THEIRS-1").text  # unchanged


def test_what_people_typed_is_shown_as_text(console: ConsoleHub) -> None:
    add_order(console.hub, "ESC-1")  # its customer is named "Jo <b>Bloggs</b>"
    page = console.sign_in(Role.ADMIN).get("/console/orders/ESC-1").text
    assert "Jo &lt;b&gt;Bloggs&lt;/b&gt;" in page
    assert "<b>Bloggs" not in page


def test_a_form_without_the_csrf_token_changes_nothing(console: ConsoleHub) -> None:
    add_order(console.hub, "CSRF-1")
    admin = console.sign_in(Role.ADMIN)
    for csrf in ("", "forged"):
        answer = admin.post("/console/orders/CSRF-1/cancel", data={"csrf": csrf},
                            allow_redirects=False)  # fmt: skip
        assert answer.status_code in (403, 422)
    assert "Cancel this order" in admin.get("/console/orders/CSRF-1").text


def test_a_bad_filter_or_form_value_gets_a_page_saying_why(console: ConsoleHub) -> None:
    admin = console.sign_in(Role.ADMIN)
    answer = admin.get("/console/orders?status=lost")
    assert answer.status_code == 422
    assert "status:" in answer.text
    assert answer.headers["content-type"].startswith("text/html")
    add_order(console.hub, "LONG-1")
    csrf = csrf_of(admin.get("/console/").text)
    too_long = admin.post("/console/refunds/1/done", data={"csrf": csrf, "reference": "x" * 101})
    assert too_long.status_code == 422
    assert "reference:" in too_long.text
