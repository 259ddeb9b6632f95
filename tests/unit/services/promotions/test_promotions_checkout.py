"""Promotions from the local table reach the sale: stored per line, journaled, on the receipt."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import JournalEntry, OutboxEvent, Sale
from pos_app.domain.money import Money
from pos_app.domain.receipt import render_text
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store import journal
from tests.helpers.catalog import COFFEE, MILK, TSHIRT
from tests.helpers.promotions import NOW, add_promo
from tests.helpers.sales import ring_up

WELCOME = {"kind": "percent", "value": "10", "department": "grocery"}  # the demo hub's rule
MILK_3_FOR_3 = {"kind": "multi_buy", "quantity": 3, "price": "3.00", "sku": "MLK-1"}


def sell(
    factory: sessionmaker[Session],
    codes: list[str],
    promotions: PromotionService | None,
    now: datetime = NOW,
) -> CompletedSale:
    return ring_up(factory, codes, clock=lambda: now, promotions=promotions)


def test_promoted_sale_stores_and_journals_each_line(seeded: sessionmaker[Session]) -> None:
    add_promo(seeded, "WEB-WELCOME", WELCOME)
    add_promo(seeded, "MILK3", MILK_3_FOR_3)
    # Coffee 8.99 - 10 % (0.899 -> 0.90); 3 milks 3.57 for 3.00 (0.57); the shirt 15.00 as is.
    done = sell(seeded, [COFFEE, MILK, MILK, MILK, TSHIRT], PromotionService(tz=UTC))
    assert done.totals.total.amount == Money.of("26.09", done.totals.currency).amount
    with seeded() as session:
        sale = session.scalars(select(Sale)).one()
        assert sale.discount_minor == 147
        assert [ln.promotion_discount_minor for ln in sale.lines] == [90, 57, 0]
        assert [json.loads(ln.promotions) for ln in sale.lines] == [
            [{"promo_id": "WEB-WELCOME", "name": "Deal WEB-WELCOME", "amount_minor": 90}],
            [{"promo_id": "MILK3", "name": "Deal MILK3", "amount_minor": 57}],
            [],
        ]
        assert [ln.amount_minor for ln in sale.lines] == [809, 300, 1500]
        entry = session.scalars(select(JournalEntry)).one()
        assert json.loads(entry.payload)["body"]["promotions"] == [
            [1, "WEB-WELCOME", 90],
            [2, "MILK3", 57],
        ]
        assert journal.verify_journal(session).ok
        payload = json.loads(session.scalars(select(OutboxEvent)).one().payload)
        assert [ln["promotion_discount_minor"] for ln in payload["lines"]] == [90, 57, 0]
        assert payload["lines"][1]["promotions"][0]["promo_id"] == "MILK3"
    text = render_text(done.receipt)
    coffee_at = text.index("Arabica")
    assert text.index("Deal WEB-WELCOME", coffee_at) < text.index("Whole Milk")
    assert "-0.90" in text
    assert "-0.57" in text


def test_without_the_service_no_promotion_applies(seeded: sessionmaker[Session]) -> None:
    add_promo(seeded, "WEB-WELCOME", WELCOME)
    done = sell(seeded, [COFFEE], None)
    assert done.totals.promotion_total.is_zero()
    with seeded() as session:
        entry = session.scalars(select(JournalEntry)).one()
        assert "promotions" not in json.loads(entry.payload)["body"]


def test_expired_other_store_and_online_only_promotions_do_not_apply(
    seeded: sessionmaker[Session],
) -> None:
    add_promo(seeded, "ENDED", WELCOME, ends_at=NOW)
    add_promo(seeded, "ELSEWHERE", WELCOME, store_id="store-2")
    add_promo(seeded, "WEB-ONLY", {**WELCOME, "channels": "online"})
    add_promo(
        seeded,
        "HERE",
        {**WELCOME, "value": "5"},
        store_id="store-1",
        ends_at=NOW + timedelta(seconds=1),
    )
    done = sell(seeded, [COFFEE], PromotionService(tz=UTC))
    # Only HERE: 5 % of 8.99 = 0.4495 -> 0.45.
    assert [p.promo_id for p in done.totals.lines[0].promotions] == ["HERE"]
    assert done.totals.promotion_total.to_minor() == 45


def test_malformed_promotions_are_skipped_and_logged_once(
    seeded: sessionmaker[Session], caplog: pytest.LogCaptureFixture
) -> None:
    add_promo(seeded, "NOT-JSON", "{kind: percent")
    add_promo(seeded, "NOT-AN-OBJECT", "[1, 2]")
    add_promo(seeded, "UNKNOWN", {"kind": "x_for_y", "x": 2})
    add_promo(seeded, "WEB-WELCOME", WELCOME)
    service = PromotionService(tz=UTC)
    with caplog.at_level(logging.WARNING, logger="pos_app.services.promotions.store_promotions"):
        first = sell(seeded, [COFFEE], service)
        second = sell(seeded, [COFFEE], service)
    for done in (first, second):
        assert [p.promo_id for p in done.totals.lines[0].promotions] == ["WEB-WELCOME"]
    skipped = sorted(r.getMessage().split()[1] for r in caplog.records)
    assert skipped == ["NOT-AN-OBJECT", "NOT-JSON", "UNKNOWN"]
    # A new version of a broken promotion (a later feed position) is reported again.
    add_promo(seeded, "UNKNOWN", {"kind": "x_for_y", "x": 3}, position=2)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pos_app.services.promotions.store_promotions"):
        sell(seeded, [COFFEE], service)
    assert [r.getMessage().split()[1] for r in caplog.records] == ["UNKNOWN"]
