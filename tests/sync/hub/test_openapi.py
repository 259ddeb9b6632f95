"""The committed OpenAPI document is current, and fuzzing the API from it finds no 500.

The fuzz run is bounded (a fixed number of examples per operation, positive and negative
data) and talks to the real server over HTTP with real tokens, against each database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from sync.hub import headoffice
from sync.hub.cli import openapi_document
from sync.protocol import StoredValueIn

DOC_PATH = Path(__file__).resolve().parents[3] / "docs" / "hub-openapi.json"
EXAMPLES_PER_OPERATION = 12
ADMIN_PATHS = ("/v1/admin/", "/v1/web-orders")


def test_committed_openapi_document_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == openapi_document(), (
        "docs/hub-openapi.json is stale: run "
        "'omnitill hub openapi --output docs/hub-openapi.json' and commit it"
    )


def test_served_openapi_document_is_the_committed_one(running_hub) -> None:
    served = running_hub.client().get("/openapi.json").json()
    assert served == json.loads(DOC_PATH.read_text(encoding="utf-8"))


def _seed(running_hub: Any) -> str:
    """Real rows for the fuzzer to hit: a store, a till, an order, stock, a gift card."""
    running_hub.add_store("s1")
    till, _ = running_hub.enroll("s1")
    running_hub.admin.post(
        "/v1/web-orders",
        json={
            "number": "W-1",
            "pickup_store_id": "s1",
            "customer": {"email": "a@b.co", "name": "A", "phone": "+1 555 0100"},
            "currency": "EUR",
            "payment_status": "paid",
            "lines": [{"sku": "A", "quantity_milli": 1000, "unit_price_minor": 100}],
        },
    )
    headoffice.set_stock(running_hub.hub, "s1", "A", 1000)
    headoffice.issue_stored_value(
        running_hub.hub,
        StoredValueIn(code="GC-1", kind="gift_card", currency="EUR", balance_minor=100),
    )
    return str(till.session.headers["Authorization"])


@pytest.mark.parametrize(
    "mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
)
def test_fuzzing_from_the_openapi_document_finds_no_server_error(
    running_hub, mode: schemathesis.GenerationMode
) -> None:
    till_auth = _seed(running_hub)
    admin_auth = f"Bearer {running_hub.admin_token}"
    schema = schemathesis.openapi.from_dict(json.loads(DOC_PATH.read_text(encoding="utf-8")))
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        auth = admin_auth if operation.path.startswith(ADMIN_PATHS) else till_auth
        fuzz(operation, mode, running_hub.base_url, auth, failures)
    assert failures == []


def fuzz(
    operation: Any,
    mode: schemathesis.GenerationMode,
    base_url: str,
    auth: str,
    failures: list[str],
) -> None:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],  # report failures as found; no shrinking
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case: Any) -> None:
        wait = (case.query or {}).get("wait")
        if isinstance(wait, int | float) and not isinstance(wait, bool):
            # A valid long-poll would hold each example for up to a minute; the wait logic
            # is tested on its own, the fuzzer only needs the parsing.
            case.query["wait"] = min(wait, 0.01)
        try:
            response = case.call(base_url=base_url, headers={"Authorization": auth}, timeout=15)
        except requests.RequestException as exc:
            failures.append(f"{case.method} {case.formatted_path}: {exc!r:.300}")
            return
        if response.status_code >= 500:
            failures.append(
                f"{case.method} {case.formatted_path} -> {response.status_code}: "
                f"{response.text[:200]} (query={case.query!r}, body={case.body!r:.300})"
            )

    try:
        call()
    except Unsatisfiable:
        # Negative data needs something to break: an operation without parameters or body
        # (GET /v1/health) has no invalid request to generate.
        assert mode is schemathesis.GenerationMode.NEGATIVE
