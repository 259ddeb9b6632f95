"""The chain's reason codes, set at head office, reach the till's prompts (issue 15 defect 7).

The admin API (``PUT``/``GET /v1/admin/reason-codes`` on a real hub over HTTP) and the CLI
(``omnitill hub reason-codes``) on the hub's real database → the feed → the till's real puller
→ ``reason_codes`` row → what the sale screen's prompts offer. A bad set is refused with the
domain's words and changes nothing; a till's token may not touch the admin route.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pos_app.domain.reasons import DEFAULT_REASON_CODES, ReasonCode, ReasonKind
from pos_app.services.sale.reason_codes import load_reason_codes
from tests.helpers.hub import Api, EnrolledTill
from tests.helpers.hub_calls import run_hub

CODES = [
    {"code": "DENTED", "kind": "discount", "label": "Dented tin", "needs_text": False},
    {"code": "OTHER", "kind": "discount", "label": "Something else", "needs_text": True},
]


def till_codes(till: EnrolledTill) -> tuple[ReasonCode, ...]:
    till.sync().puller.pull_once()
    with till.read() as session:
        return load_reason_codes(session)


def test_admin_api_sets_the_codes_and_the_till_offers_them(enrolled_till: EnrolledTill) -> None:
    admin = enrolled_till.hub.admin
    assert admin.get("/v1/admin/reason-codes").json() == {"codes": []}
    done = admin.put("/v1/admin/reason-codes", json={"codes": CODES})
    assert done.status_code == 200, done.text
    assert admin.get("/v1/admin/reason-codes").json() == {"codes": CODES}
    assert till_codes(enrolled_till) == (
        ReasonCode("DENTED", ReasonKind.DISCOUNT, "Dented tin"),
        ReasonCode("OTHER", ReasonKind.DISCOUNT, "Something else", needs_text=True),
    )

    twice = admin.put("/v1/admin/reason-codes", json={"codes": [CODES[0], CODES[0]]})
    assert twice.status_code == 422
    assert "DENTED is twice in discount" in twice.text
    unknown = admin.put(
        "/v1/admin/reason-codes", json={"codes": [{"code": "X", "kind": "refund", "label": "x"}]}
    )
    assert unknown.status_code == 422
    assert admin.get("/v1/admin/reason-codes").json() == {"codes": CODES}  # nothing changed

    till_api = Api(enrolled_till.hub.base_url, enrolled_till.config.token)
    try:
        refused = till_api.put("/v1/admin/reason-codes", json={"codes": []})
        assert refused.status_code in (401, 403)
        assert till_api.get("/v1/admin/reason-codes").status_code in (401, 403)
    finally:
        till_api.close()


def test_cli_sets_lists_and_clears_the_codes(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    hub_db_url: str,
    enrolled_till: EnrolledTill,
) -> None:
    path = tmp_path / "codes.json"
    path.write_text(json.dumps(CODES), encoding="utf-8")
    code, out, err = run_hub(capsys, "reason-codes", "set", str(path), "--db", hub_db_url)
    assert code == 0, err
    assert "2 reason code(s) saved" in out
    code, out, _ = run_hub(capsys, "reason-codes", "list", "--db", hub_db_url)
    assert "DENTED" in out
    assert "Something else  (needs words)" in out
    assert [c.code for c in till_codes(enrolled_till)] == ["DENTED", "OTHER"]

    path.write_text(json.dumps([{"code": "bad code", "kind": "void", "label": "x"}]))
    code, out, err = run_hub(capsys, "reason-codes", "set", str(path), "--db", hub_db_url)
    assert code != 0
    assert "codes.0.code" in err or "code" in err
    code, out, _ = run_hub(capsys, "reason-codes", "clear", "--db", hub_db_url)
    assert code == 0
    assert till_codes(enrolled_till) == DEFAULT_REASON_CODES  # cleared: the defaults again
