"""Customers at the till: search input, the bounded offline cache, the attached customer on a
real checkout (customer-only promotions, the sale row and its event), outbox events."""

from __future__ import annotations

import json
from datetime import UTC, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import CustomerCacheRow, OutboxEvent, Sale
from pos_app.services.customers import directory as svc
from pos_app.services.customers.directory import (
    CustomerCache,
    CustomerError,
    CustomerQuery,
    CustomerRef,
    LoyaltyCardFormat,
    QueryKind,
)
from pos_app.services.promotions.store_promotions import PromotionService
from tests.helpers.promotions import MEMBERS, NOW, add_promo, sell_to

CARDS = LoyaltyCardFormat()

ANN_REF = "3b9a1c2e-4d5f-4a6b-8c7d-9e0f1a2b3c4d"  # an opaque hub customer id (a UUID4)


def test_what_the_cashier_types_or_scans_is_recognised() -> None:
    assert svc.parse_query(" Ann@Example.COM ", CARDS) == CustomerQuery(
        QueryKind.EMAIL, "ann@example.com"
    )
    assert svc.parse_query("loy00012345", CARDS) == CustomerQuery(QueryKind.CARD, "LOY00012345")
    assert svc.parse_query("+44 20 7946 0000", CARDS).kind is QueryKind.PHONE
    # A product barcode is digits only: it is a phone-shaped string, never a loyalty card.
    assert not CARDS.matches("4006381333931")
    for bad in ("", "ann@example", "LOY12", "hello", "ann @example.com"):
        with pytest.raises(CustomerError):
            svc.parse_query(bad, CARDS)


def test_new_customer_form_is_checked() -> None:
    assert svc.new_customer("  Ann   Lee ", "ANN@example.com", "") == svc.NewCustomer(
        "Ann Lee", "ann@example.com", None
    )
    with pytest.raises(CustomerError, match="name"):
        svc.new_customer(" ", "ann@example.com", "")
    with pytest.raises(CustomerError, match="email"):
        svc.new_customer("Ann", "ann.example.com", "")
    with pytest.raises(CustomerError, match="phone"):
        svc.new_customer("Ann", "ann@example.com", "call me")
    with_card = svc.new_customer("Ann", "ann@example.com", "", " loy00012345 ")
    assert with_card.loyalty_card == "LOY00012345"
    with pytest.raises(CustomerError, match="loyalty card"):
        svc.new_customer("Ann", "ann@example.com", "", "4006381333931")


def test_cache_answers_offline_and_keeps_only_the_most_recent(
    seeded: sessionmaker[Session],
) -> None:
    cache = CustomerCache(limit=3)
    with seeded.begin() as session:
        for i in range(5):
            ref = CustomerRef(
                email=f"c{i}@example.com", name=f"C{i}", phone=f"+4420000000{i}",
                hub_ref=f"00000000-0000-4000-8000-00000000000{i}",
                loyalty_card=f"LOY0000000{i}",
            )  # fmt: skip
            cache.remember(session, [ref], NOW + timedelta(minutes=i))
    with seeded() as session:
        assert session.scalar(select(func.count()).select_from(CustomerCacheRow)) == 3
        assert cache.find(session, CustomerQuery(QueryKind.EMAIL, "c0@example.com")) == []
        found = cache.find(session, CustomerQuery(QueryKind.CARD, "LOY00000004"))
        assert [(c.name, c.hub_ref) for c in found] == [
            ("C4", "00000000-0000-4000-8000-000000000004")
        ]
        assert cache.find(session, CustomerQuery(QueryKind.PHONE, "+44200000003"))[0].name == "C3"


def test_customer_only_promotion_applies_only_with_a_customer_attached(
    seeded: sessionmaker[Session],
) -> None:
    add_promo(seeded, "MEMBERS10", MEMBERS)
    promotions = PromotionService(tz=UTC)
    anonymous = sell_to(seeded, None, promotions)
    assert anonymous.totals.total.to_minor() == 899
    ann = CustomerRef(email="ann@example.com", name="Ann", hub_ref=ANN_REF)
    member = sell_to(seeded, ann, promotions)
    assert member.totals.total.to_minor() == 809  # 8.99 - 0.90

    with seeded() as session:
        rows = {s.uuid: s for s in session.scalars(select(Sale))}
        assert (rows[member.sale_uuid].customer_ref, rows[member.sale_uuid].customer_email) == (
            ANN_REF,
            "ann@example.com",
        )
        assert rows[anonymous.sale_uuid].customer_ref is None
        events = {e.event_id: json.loads(e.payload) for e in session.scalars(select(OutboxEvent))}
    assert events[member.outbox_event_id]["customer_ref"] == ANN_REF
    assert events[member.outbox_event_id]["customer_email"] == "ann@example.com"
    assert "customer_ref" not in events[anonymous.outbox_event_id]
    assert "customer_id" not in events[member.outbox_event_id]  # never the legacy key


def test_customer_created_offline_is_one_outbox_event_and_a_pending_cache_row(
    seeded: sessionmaker[Session],
) -> None:
    cache = CustomerCache()
    new = svc.new_customer("Bo Chen", "bo@example.com", "+44 7700 900123")
    with seeded.begin() as session:
        ref = svc.queue_created(session, new, store_id="store-1", now=NOW, cache=cache)
    assert ref.pending
    assert ref.hub_ref is None
    with seeded() as session:
        events = session.scalars(select(OutboxEvent)).all()
        assert [e.kind for e in events] == ["customer.created"]
        assert json.loads(events[0].payload) == {
            "store_id": "store-1", "email": "bo@example.com", "name": "Bo Chen",
            "phone": "+44 7700 900123",
        }  # fmt: skip
        assert cache.find(session, CustomerQuery(QueryKind.EMAIL, "bo@example.com"))[0].pending


def test_a_bad_receipt_address_is_refused_before_anything_is_queued(
    seeded: sessionmaker[Session],
) -> None:
    with pytest.raises(CustomerError):
        svc.receipt_email(
            sale_uuid="u", receipt_no="till-1-000001", store_name="S", to="ann@", receipt_text="x"
        )
    with seeded() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEvent)) == 0
