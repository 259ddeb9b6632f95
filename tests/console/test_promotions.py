"""Console promotions over HTTP: created and edited with the till's rule check, audited, fed
to the tills; a preview prices a basket with the till's engine and stores nothing; the list
says what is live where; ending one feeds its removal."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from sync.hub.console.roles import Role
from sync.hub.models import CHAIN_SCOPE, ConsoleAudit, FeedRow, Promotion
from tests.helpers.console import STORE, ConsoleHub, csrf_of
from tests.helpers.console_data import add_products
from tests.helpers.hub import Api

TEN_OFF_KITCHEN = json.dumps({"kind": "percent", "value": "10", "departments": ["kitchen"]})


def _post(api: Api, **fields: str) -> tuple[int, str]:
    csrf = csrf_of(api.get("/console/promotions/new").text)
    form = {"csrf": csrf, "promo_id": "KITCHEN10", "name": "10% off kitchen", "new": "1",
            "channels": "both", "rules": TEN_OFF_KITCHEN, **fields}  # fmt: skip
    answer = api.post("/console/promotions", data=form, allow_redirects=False)
    return answer.status_code, answer.text


def _stored(console: ConsoleHub) -> list[str]:
    with console.hub.hub.db.read() as session:
        return list(session.scalars(select(Promotion.promo_id)))


def test_preview_prices_a_basket_with_the_tills_engine_and_stores_nothing(
    console: ConsoleHub,
) -> None:
    add_products(console.hub.hub, ("MUG-1", "Stoneware mug", "kitchen", 1250),
                 ("TEA-1", "Green tea", "grocery", 499))  # fmt: skip
    api = console.sign_in(Role.MERCHANDISER)
    status, page = _post(api, action="preview", basket="MUG-1 2\nTEA-1")
    assert status == 200
    # 2 × 12.50 = 25.00, 10 % off = 2.50; the tea is not kitchen: no discount.
    assert "-2.50" in page
    assert "27.49" in page  # 25.00 + 4.99 - 2.50
    assert _stored(console) == []
    status, page = _post(api, action="preview", basket="NOPE 1")
    assert status == 422
    assert "no product" in page


def test_a_promotion_is_checked_by_the_tills_parser_saved_audited_and_fed(
    console: ConsoleHub,
) -> None:
    api = console.sign_in(Role.MERCHANDISER)
    status, page = _post(api, rules='{"kind": "percent", "value": 10.5}')  # a float: refused
    assert status == 422
    assert "Not saved" in page
    assert _stored(console) == []
    status, page = _post(api, rules="{not json")
    assert status == 422
    assert "rules: not JSON" in page
    status, _ = _post(api, store_id=STORE, channels="store", customer_only="1", coupon="spring")
    assert status == 303
    with console.hub.hub.db.read() as session:
        row = session.get(Promotion, "KITCHEN10")
        assert row is not None
        rules = json.loads(row.data)["rules"]
        fed = session.scalars(select(FeedRow).where(FeedRow.kind == "promotion")).all()
        audit = session.scalars(
            select(ConsoleAudit).where(ConsoleAudit.action == "promotion.save")
        ).one()
    assert rules == {"kind": "percent", "value": "10", "departments": ["kitchen"],
                     "channels": "store", "customer_only": True, "coupon": "SPRING"}  # fmt: skip
    assert [(f.scope, f.key) for f in fed] == [(STORE, "KITCHEN10")]
    assert audit.actor == console.emails[Role.MERCHANDISER]
    assert _post(api)[0] == 422  # the same id again as a new one: refused
    listing = console.sign_in(Role.STORE_MANAGER).get("/console/promotions").text
    assert "KITCHEN10" in listing
    assert "live" in listing


def test_a_scheduled_promotion_shows_so_and_ending_one_feeds_its_removal(
    console: ConsoleHub,
) -> None:
    api = console.sign_in(Role.ADMIN)
    later = (console.hub.hub.clock() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    assert _post(api, starts_at=later)[0] == 303
    assert "scheduled" in api.get("/console/promotions").text
    csrf = csrf_of(api.get("/console/promotions/KITCHEN10").text)
    ended = api.post("/console/promotions/KITCHEN10/end", data={"csrf": csrf},
                     allow_redirects=False)  # fmt: skip
    assert ended.status_code == 303
    assert _stored(console) == []
    with console.hub.hub.db.read() as session:
        last = session.scalars(
            select(FeedRow).where(FeedRow.kind == "promotion").order_by(FeedRow.position.desc())
        ).first()
    assert last is not None
    assert last.scope == CHAIN_SCOPE
    assert json.loads(last.data)["removed"] is True
    assert console.sign_in(Role.AUDITOR).post("/console/promotions/KITCHEN10/end",
                                              data={"csrf": "x"}).status_code == 403  # fmt: skip
