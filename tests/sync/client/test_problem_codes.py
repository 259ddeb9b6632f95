"""Hub refusals meant for people carry a stable code the till translates (issue 22 point 4):
a real hub over HTTP answers with ``code`` and ``params``; the till's client turns them into
the message, shown in the store's language, while ``str()`` stays the hub's English."""

from __future__ import annotations

from typing import Any

import pytest

from pos_app.domain.l10n.catalog import translator
from pos_app.domain.l10n.messages import message_of
from pos_app.domain.l10n.problems import PROBLEMS, problem_message
from sync.client.errors import NotFound
from sync.client.lookups import HubLookups
from tests.helpers.catalog import STORE


def test_a_refusal_reads_in_the_store_language(running_hub: Any) -> None:
    running_hub.add_store(STORE)
    till, _till_id = running_hub.enroll(STORE)
    answer = till.get("/v1/lookup/returnable", params={"receipt_no": "T09-000123"})
    assert answer.status_code == 404
    body = answer.json()
    assert body["code"] == "sale.not_found"
    assert body["params"] == {"receipt": "T09-000123"}
    assert body["detail"] == "the hub has no sale with receipt number 'T09-000123' (yet)"

    token = till.session.headers["Authorization"].removeprefix("Bearer ")
    lookups = HubLookups.connect(running_hub.base_url, token)
    try:
        with pytest.raises(NotFound) as raised:
            lookups.returnable(receipt_no="T09-000123")
        with pytest.raises(NotFound) as balance:
            lookups.stored_value("GC-NOPE")
    finally:
        lookups.close()
    assert str(raised.value) == body["detail"]  # logs and other callers: the English
    message = message_of(raised.value)
    assert message is not None
    assert message.render(translator("fr_FR")) == (
        "le siège n'a pas (encore) de vente avec le numéro de ticket « T09-000123 »"
    )
    account = message_of(balance.value)
    assert account is not None
    assert account.render(translator("de_DE")) == (
        "keine Geschenkkarte und kein Guthabenkonto „GC-NOPE“"
    )


def test_an_unknown_code_or_wrong_fields_fall_back_to_the_detail() -> None:
    assert problem_message("no.such.code", {}) is None
    assert problem_message("sale.not_found", {"wrong": "x"}) is None
    assert problem_message(None, None) is None
    assert problem_message("sale.not_found", {"receipt": "x" * 500}) is not None
    assert all(code.count(".") == 1 for code in PROBLEMS)  # stable, namespaced codes
