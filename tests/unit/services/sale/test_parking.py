from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import ParkedBasket, Product
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.basket import Discount
from pos_app.services.sale.parking import ParkingError, ParkingService
from pos_app.services.staff.auth import Role, StaffMember
from pos_app.services.store.till_context import load_till_context

ANN = StaffMember(1, "A1", "Ann", Role.ASSOCIATE)


def test_park_and_resume_round_trip_keeps_prices(seeded: sessionmaker[Session]) -> None:
    service = ParkingService()
    with seeded.begin() as s:
        ctx = load_till_context(s)
        basket = ctx.new_basket()
        catalog = SqlCatalog(s, ctx.currency)
        config = VariableMeasureConfig.default()
        basket.add_by_barcode("4006381333931", catalog, config)
        basket.add_by_barcode("4006381333931", catalog, config)
        line = basket.add_by_barcode("2100001012342", catalog, config)  # 1.234 kg bananas
        basket.add_by_barcode("0036000291452", catalog, config)
        basket.add_line_discount(1, Discount("percent", Decimal(10), "loyalty"))
        basket.override_price(3, Money.of("12.00", ctx.currency), "shop soiled")
        basket.set_basket_discount(Discount("amount", Decimal("1.00"), "voucher"))
        before = basket.totals()
        summary = service.park(s, basket, actor=ANN, context=ctx, label="blue coat")
    assert line.quantity == Decimal("1.234")
    assert summary.line_count == 3
    assert summary.total == before.total
    assert summary.label == "blue coat"
    assert summary.cashier == "Ann"

    with seeded.begin() as s:  # the catalog price changes while the basket is parked
        s.execute(select(Product).where(Product.sku == "COF-1")).scalar_one().price_minor = 1999
    with seeded.begin() as s:
        ctx = load_till_context(s)
        assert [p.parked_id for p in service.list_parked(s, ctx)] == [summary.parked_id]
        resumed = service.resume(s, summary.parked_id, actor=ANN, context=ctx)
    assert resumed.totals() == before
    assert resumed.lines[0].discounts[0].reason == "loyalty"
    assert resumed.lines[2].price_override_reason == "shop soiled"
    # A resumed basket carries on numbering after its last line.
    with seeded() as s:
        ctx = load_till_context(s)
        assert resumed.add_by_sku("MLK-1", SqlCatalog(s, ctx.currency)).line_no == 4
        assert s.scalar(select(func.count()).select_from(ParkedBasket)) == 0


def test_resume_twice_fails_cleanly(seeded: sessionmaker[Session]) -> None:
    service = ParkingService()
    with seeded.begin() as s:
        ctx = load_till_context(s)
        basket = ctx.new_basket()
        basket.add_by_sku("MLK-1", SqlCatalog(s, ctx.currency))
        parked = service.park(s, basket, actor=ANN, context=ctx)
    with seeded.begin() as s:
        service.resume(s, parked.parked_id, actor=ANN, context=ctx)
    with seeded.begin() as s, pytest.raises(ParkingError, match="already resumed"):
        service.resume(s, parked.parked_id, actor=ANN, context=ctx)


def test_empty_basket_cannot_be_parked(seeded: sessionmaker[Session]) -> None:
    with seeded.begin() as s:
        ctx = load_till_context(s)
        with pytest.raises(ParkingError, match="empty"):
            ParkingService().park(s, ctx.new_basket(), actor=ANN, context=ctx)
