"""The till's stock rules without Qt: the endless-aisle request (checked before the sale; a
bad e-mail or a missing address changes nothing), the order it puts in the sale event and on
the receipt, and the Stock panel's rows and offline note."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pos_app.domain.l10n.catalog import translator
from pos_app.domain.l10n.messages import Message
from pos_app.services.stock.aisle import (
    AisleError,
    aisle_payload,
    aisle_receipt_lines,
    make_request,
)
from pos_app.services.stock.elsewhere import StockElsewhereBook
from sync.protocol import StockElsewhere

ROW = {"line_no": 2, "sku": "COF-1", "name": "Coffee", "quantity_milli": 2000, "amount_minor": 1599}


def request(**changes: object):  # type: ignore[no-untyped-def]
    args: dict[str, object] = {
        "line_no": 2,
        "sku": "COF-1",
        "fulfil_store_id": "s2",
        "fulfil_name": "Store 2",
        "mode": "pickup",
        "email": " Ann@Example.com ",
    }
    args.update(changes)
    return make_request(**args)  # type: ignore[arg-type]


def test_a_request_is_checked_before_the_sale() -> None:
    ok = request()
    assert ok.customer_email == "ann@example.com"
    assert ok.delivery_address is None
    with pytest.raises(AisleError, match="not an email"):
        request(email="ann@example")
    with pytest.raises(AisleError, match="delivery address"):
        request(mode="delivery", address="  ")
    delivery = request(mode="delivery", address="1  High   Street,\nTown")
    assert delivery.delivery_address == "1 High Street, Town"


def test_the_order_in_the_sale_event_is_what_the_customer_paid() -> None:
    order = aisle_payload(request(), "T1-000042", [ROW, {**ROW, "line_no": 3}])
    assert order["number"] == "A-T1-000042"
    assert order["lines"] == [
        {
            "line_no": 2,
            "sku": "COF-1",
            "name": "Coffee",
            "quantity_milli": 2000,
            "unit_price_minor": 799,
        }
    ]
    assert aisle_receipt_lines(order)[0] == "Order A-T1-000042: pickup at Store 2"
    # Another item on that line number is not this order.
    with pytest.raises(AisleError, match="no longer in the basket"):
        aisle_payload(request(), "T1-000043", [{**ROW, "sku": "TEA-1"}])


def test_rows_put_this_store_first_and_offline_shows_the_last_answer() -> None:
    answer = StockElsewhere.model_validate(
        {
            "sku": "COF-1",
            "levels": [],
            "locations": [
                {
                    "store_id": "s2",
                    "name": "Store 2",
                    "kind": "store",
                    "region": "East",
                    "on_hand_milli": 5000,
                    "reserved_milli": 1000,
                    "safety_milli": 0,
                    "available_milli": 4000,
                },
                {
                    "store_id": "s1",
                    "name": "Here",
                    "kind": "store",
                    "on_hand_milli": 0,
                    "reserved_milli": 0,
                    "safety_milli": 0,
                    "available_milli": 0,
                },
                {
                    "store_id": "wh",
                    "name": "Depot",
                    "kind": "warehouse",
                    "region": "North",
                    "on_hand_milli": 9000,
                    "reserved_milli": 0,
                    "safety_milli": 0,
                    "available_milli": 9000,
                },
            ],
        },
    )
    book = StockElsewhereBook("s1")
    asked = datetime(2026, 12, 5, 14, 5, tzinfo=UTC)
    view = book.answered("COF-1", "Coffee", answer, asked)
    assert [(r.store_id, str(r.where), r.available) for r in view.rows] == [
        ("s1", "", Decimal(0)),
        ("s2", "East", Decimal(4)),
        ("wh", "North, warehouse", Decimal(9)),
    ]
    assert [r.store_id for r in view.orderable()] == ["s2", "wh"]
    offline = book.unreachable("COF-1", "Coffee")
    assert not offline.online
    assert offline.rows == view.rows
    assert str(offline.note) == f"Offline — last known at {asked.astimezone().strftime('%H:%M')}."
    assert "no stock known yet" in str(book.unreachable("TEA-1", "Tea").note)
    # A French till reads the panel's notes and a warehouse's place in French.
    french = translator("fr_FR")
    assert offline.note is not None
    assert offline.note.render(french).startswith("Hors ligne — dernier état connu à ")
    where = view.rows[2].where
    assert isinstance(where, Message)
    assert where.render(french) == "North, entrepôt"
