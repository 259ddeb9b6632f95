"""Console staff and settings over HTTP: staff added per store with a PIN shown once, a PIN
reset that the tills get as a new hash, removal; tax classes and return policies validated,
fed and audited; a store manager manages only their stores' staff."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from sync.hub.console.roles import Role
from sync.hub.models import ConsoleAudit, FeedRow, Staff, TaxClass
from tests.helpers.console import OTHER_STORE, STORE, ConsoleHub, csrf_of
from tests.helpers.hub import Api

PIN = re.compile(r'<code class="code">([0-9]{6})</code>')


def _post(api: Api, path: str, **form: str) -> tuple[int, str]:
    csrf = csrf_of(api.get("/console/").text)
    answer = api.post(path, data={"csrf": csrf, **form}, allow_redirects=False)
    return answer.status_code, answer.text


def _feed(console: ConsoleHub, kind: str) -> list[tuple[str, dict[str, object]]]:
    with console.hub.hub.db.read() as session:
        rows = session.scalars(
            select(FeedRow).where(FeedRow.kind == kind).order_by(FeedRow.position)
        )
        return [(r.scope, json.loads(r.data)) for r in rows]


def _actions(console: ConsoleHub) -> list[str]:
    with console.hub.hub.db.read() as session:
        query = select(ConsoleAudit.action).where(ConsoleAudit.action != "user.add")
        return list(session.scalars(query.order_by(ConsoleAudit.id)))


def test_a_manager_adds_staff_resets_a_pin_and_removes_them(console: ConsoleHub) -> None:
    manager = console.sign_in(Role.STORE_MANAGER)
    status, page = _post(manager, "/console/staff", store_id=STORE, staff_code="A7",
                         name="Ann <i>Lee</i>", role="associate")  # fmt: skip
    assert status == 200
    first = PIN.search(page)
    assert first is not None
    assert "Ann &lt;i&gt;Lee&lt;/i&gt;" in page
    with console.hub.hub.db.read() as session:
        member = session.scalars(select(Staff).where(Staff.staff_code == "A7")).one()
    assert console.hub.hub.pin_hasher.verify(first.group(1), member.pin_hash)
    status, page = _post(manager, f"/console/staff/{member.id}/reset-pin")
    second = PIN.search(page)
    assert second is not None
    fed = [data for scope, data in _feed(console, "staff") if scope == STORE]
    assert len(fed) == 2
    assert console.hub.hub.pin_hasher.verify(second.group(1), str(fed[-1]["pin_hash"]))
    assert _post(manager, f"/console/staff/{member.id}/remove")[0] == 303
    assert _feed(console, "staff")[-1][1]["active"] is False
    assert _actions(console) == ["staff.add", "staff.reset_pin", "staff.remove"]
    # Another store's staff: not found to this manager; a bad role or code: refused.
    assert _post(manager, "/console/staff", store_id=OTHER_STORE, staff_code="B1", name="B",
                 role="associate")[0] == 404  # fmt: skip
    assert _post(manager, "/console/staff", store_id=STORE, staff_code="C1", name="C",
                 role="boss")[0] == 422  # fmt: skip
    assert _post(manager, "/console/staff", store_id=STORE, staff_code="a b", name="C",
                 role="associate")[0] == 422  # fmt: skip
    assert _post(console.sign_in(Role.AUDITOR), f"/console/staff/{member.id}/reset-pin")[0] == 403


def test_tax_classes_and_return_policies_are_validated_fed_and_audited(
    console: ConsoleHub,
) -> None:
    admin = console.sign_in(Role.ADMIN)
    assert _post(admin, "/console/settings/tax-classes", tax_class="reduced", rate="0.05",
                 label="VAT 5%")[0] == 303  # fmt: skip
    for rate in ("5", "abc", "NaN", "-0.1"):
        assert _post(admin, "/console/settings/tax-classes", tax_class="reduced", rate=rate,
                     label="VAT 5%")[0] == 422, rate  # fmt: skip
    with console.hub.hub.db.read() as session:
        tax = session.get(TaxClass, "reduced")
        assert tax is not None
        assert tax.rate == "0.05"
    assert _feed(console, "tax_class") == [("*", {"tax_class": "reduced", "rate": "0.05",
                                                  "label": "VAT 5%"})]  # fmt: skip
    page = admin.get(f"/console/settings?store={STORE}").text
    assert "default_window_days" in page
    policy = json.dumps({"default_window_days": 14, "receiptless_allowed": False})
    assert _post(admin, f"/console/settings/return-policy/{STORE}", policy=policy)[0] == 303
    assert _post(admin, f"/console/settings/return-policy/{STORE}",
                 policy='{"default_window_dayz": 14}')[0] == 422  # fmt: skip
    [(scope, fed)] = _feed(console, "return_policy")
    assert scope == STORE
    assert (fed["default_window_days"], fed["receiptless_allowed"]) == (14, False)
    assert "&#34;default_window_days&#34;: 14" in admin.get(f"/console/settings?store={STORE}").text
    assert _actions(console) == ["tax_class.set", "return_policy.set"]
    assert _post(console.sign_in(Role.AUDITOR), "/console/settings/tax-classes", tax_class="x",
                 rate="0.1", label="x")[0] == 403  # fmt: skip
