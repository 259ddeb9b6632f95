"""Single-use coupons across tills: the hub's check, redemptions recorded exactly once when
sales arrive, and a second use by a till that was offline accepted but flagged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import OutboxEvent, StoreProfile
from pos_app.domain.promotions.coupons import CouponError
from pos_app.services.promotions.coupons import CouponCheck, CouponDesk
from sync.client.lookups import HubLookups
from sync.hub import headoffice
from sync.hub.models import CouponDoubleUse, CouponRedemption
from tests.helpers.hub import HubUnderTest
from tests.helpers.promotions import SINGLE, active_promotions, add_promo, sell_with_coupons

STORE = "store-1"
CODE = "FLYER-7"


def outbox(till: sessionmaker[Session]) -> list[dict[str, Any]]:
    with till() as session:
        rows = session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)).all()
        return [
            {"event_id": r.event_id, "kind": r.kind, "payload": json.loads(r.payload)} for r in rows
        ]


@pytest.fixture
def second_till(
    seeded: sessionmaker[Session], db_path: Path, tmp_path: Path
) -> sessionmaker[Session]:
    """A second till of the same store: a consistent copy of the seeded file, renamed."""
    path = tmp_path / "till-2.sqlite3"
    with sqlite3.connect(db_path) as source, sqlite3.connect(path) as target:
        source.backup(target)
    engine = create_till_engine(path)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        profile = session.get(StoreProfile, 1)
        assert profile is not None
        profile.till_id = "till-2"
    return factory


def hub_rows(hub: HubUnderTest) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    with hub.hub.db.read() as session:
        redeemed = [(r.code, r.sale_uuid) for r in session.scalars(select(CouponRedemption))]
        flagged = [(r.code, r.sale_uuid) for r in session.scalars(select(CouponDoubleUse))]
    return redeemed, flagged


def put_single_use_promo(hub: HubUnderTest) -> None:
    answer = hub.admin.put(
        "/v1/admin/promotions",
        json={"promo_id": "C1", "name": "Flyer: 2.00 off coffee", "rules": SINGLE},
    )
    assert answer.status_code == 204, answer.text
    headoffice.set_stock(hub.hub, STORE, "COF-1", 10_000)  # no negative-stock warnings


def test_two_offline_tills_use_one_code_and_the_hub_flags_the_second(
    running_hub: HubUnderTest, seeded: sessionmaker[Session], second_till: sessionmaker[Session]
) -> None:
    running_hub.add_store(STORE)
    put_single_use_promo(running_hub)
    till_1, _ = running_hub.enroll(STORE)
    till_2, _ = running_hub.enroll(STORE)
    assert till_1.post(f"/v1/coupons/{CODE}/check").json()["status"] == "valid"
    assert till_1.post("/v1/coupons/NO-SUCH/check").json()["status"] == "unknown"
    assert till_1.post("/v1/coupons/bad%20code/check").status_code == 422

    sales = []
    for till in (seeded, second_till):  # both offline: each takes the code once
        add_promo(till, "C1", SINGLE)
        accepted = CouponDesk(till).check(CODE, active_promotions(till), in_basket=())
        assert accepted.checked is CouponCheck.LATER
        sales.append(sell_with_coupons(till, frozenset({CODE})))
    first, second = (str(s.sale_uuid) for s in sales)

    answer = till_1.post("/v1/events", json={"events": outbox(seeded)}).json()["results"]
    assert (answer[0]["status"], answer[0]["warnings"]) == ("accepted", [])
    used = till_2.post(f"/v1/coupons/{CODE}/check").json()
    assert (used["status"], used["redeemed_store_id"]) == ("used", STORE)

    events_2 = outbox(second_till)
    answer = till_2.post("/v1/events", json={"events": events_2}).json()["results"]
    assert answer[0]["status"] == "accepted"  # the sale happened: never refused
    assert any(CODE in w and "flagged" in w for w in answer[0]["warnings"])
    assert hub_rows(running_hub) == ([(CODE, first)], [(CODE, second)])

    # Resending (at-least-once delivery) changes nothing: exactly one redemption, one flag,
    # and the original answer (its warning) comes back with the duplicate.
    again = till_2.post("/v1/events", json={"events": events_2}).json()["results"]
    assert (again[0]["status"], again[0]["warnings"]) == ("duplicate", answer[0]["warnings"])
    till_1.post("/v1/events", json={"events": outbox(seeded)})
    assert hub_rows(running_hub) == ([(CODE, first)], [(CODE, second)])


def test_online_a_code_used_at_another_till_is_refused_with_the_reason(
    running_hub: HubUnderTest, seeded: sessionmaker[Session], second_till: sessionmaker[Session]
) -> None:
    running_hub.add_store(STORE)
    put_single_use_promo(running_hub)
    (till_1, _), (till_2, _) = running_hub.enroll(STORE), running_hub.enroll(STORE)
    token_1 = till_1.session.headers["Authorization"].removeprefix("Bearer ")
    token_2 = till_2.session.headers["Authorization"].removeprefix("Bearer ")
    url = running_hub.base_url
    desk_1 = CouponDesk(seeded, lookups=lambda: HubLookups.connect(url, str(token_1)))
    desk_2 = CouponDesk(second_till, lookups=lambda: HubLookups.connect(url, str(token_2)))
    for till in (seeded, second_till):
        add_promo(till, "C1", SINGLE)

    accepted = desk_1.check(CODE, active_promotions(seeded), in_basket=())
    assert accepted.checked is CouponCheck.ONLINE
    done = sell_with_coupons(seeded, frozenset({CODE}), online=frozenset({CODE}))
    assert (
        json.loads(till_1.post("/v1/events", json={"events": outbox(seeded)}).text)["results"][0][
            "warnings"
        ]
        == []
    )
    assert hub_rows(running_hub)[0] == [(CODE, str(done.sale_uuid))]

    with pytest.raises(CouponError, match=f"Coupon {CODE} was already used on .* at store"):
        desk_2.check(CODE, active_promotions(second_till), in_basket=())
    with pytest.raises(CouponError, match="already used at this till"):
        desk_1.check(CODE, active_promotions(seeded), in_basket=())
    desk_1.close()
    desk_2.close()
