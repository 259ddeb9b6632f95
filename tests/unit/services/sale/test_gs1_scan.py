"""GS1 DataMatrix / GS1-128 / GS1 QR codes sold at the scan path (issue 17 point 4).

Element strings as a scanner transmits them: the symbology identifier first (]d2 GS1
DataMatrix, ]C1 GS1-128, ]Q3 GS1 QR — GS1 General Specifications §5, data carriers, and ISO/IEC
15424), FNC1 as <GS> (ASCII 29; GS1 General Specifications Change Notification 16-477), AIs
from the GS1 General Specifications §3.2 table (Figure 3.2-1): 01 GTIN (N14), 10 batch/lot
(X..20, §3.4.1 Figure 3.4.1-1, FNC1 after it), 17 expiration date (N6 YYMMDD), 21 serial
(X..20), 310n net weight kg (N6, n decimals), 392n amount payable (N..15, n decimals), 393n
amount payable with ISO 4217 number (N3+N..15). The reference sample is the General
Specifications' own GS1 DataMatrix example, Figure 4.15.1-1 (§4.15.1); the others use GS1's
example GTIN 09501101530003 (GS1 Prefix 950) and the issue's own sample (03790000000014); a real
sale is committed on a real SQLite file.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import JournalEntry, Product, ProductBarcode, SaleLine
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.errors import BarcodeError, BasketError, DomainError, UnknownProductError
from pos_app.domain.money import Money
from pos_app.domain.pricing import Traceability
from pos_app.domain.sale.basket import Basket
from pos_app.domain.sale.gs1_scan import expiry_warning
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.sale.parking import ParkingService
from pos_app.services.staff.auth import Role, StaffMember
from pos_app.services.store.till_context import load_till_context

GS = "\x1d"
# GS1 General Specifications Figure 4.15.1-1: (01)09504000059101(21)12345678p901(10)1234567p
# (17)141120(8200)http://www.gs1.org/demo/ — FNC1 after the two variable-length fields.
GENSPECS_SAMPLE = (
    f"]d201095040000591012112345678p901{GS}101234567p{GS}171411208200http://www.gs1.org/demo/"
)
ISSUE_SAMPLE = f"]d20103790000000014{GS}10ABC123{GS}1727123121SER42"


@pytest.fixture
def gs1_catalog(seeded: sessionmaker[Session]) -> sessionmaker[Session]:
    with seeded.begin() as session:
        for sku, name, price, weighed, code in (
            ("MED-1", "Plasters 20", 349, False, "3790000000014"),
            ("CHZ-1", "Comté by weight", 2490, True, "99501101531003"),  # indicator 9
            ("PIE-1", "Pie of the day", 0, False, "9501101530003"),
            ("DEMO-1", "GS1 demo item", 199, False, "9504000059101"),
        ):
            session.add(
                Product(sku=sku, name=name, department="deli", tax_class="reduced",
                        price_minor=price, sold_by_weight=weighed, active=True,
                        barcodes=[ProductBarcode(barcode=code)])
            )  # fmt: skip
    return seeded


def _scan(session: Session, *codes: str) -> Basket:
    ctx = load_till_context(session)
    basket = ctx.new_basket()
    for code in codes:
        basket.add_by_barcode(
            code, SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
        )
    return basket


def test_the_issue_sample_sells_with_lot_serial_and_expiry_stored_and_journaled(
    gs1_catalog: sessionmaker[Session],
) -> None:
    with gs1_catalog.begin() as session:
        basket = _scan(session, ISSUE_SAMPLE, ISSUE_SAMPLE.replace("SER42", "SER43"))
        lines = basket.lines
        assert [line.item.sku for line in lines] == ["MED-1", "MED-1"]  # one line per serial
        assert lines[0].trace == Traceability("ABC123", "SER42", date(2027, 12, 31))
        ctx = load_till_context(session)
        done = CheckoutService().complete_sale(
            session, basket=basket, cashier="alice", context=ctx,
            tenders=[Tender(TenderKind.CASH, Money.of("20", ctx.currency))],
        )  # fmt: skip
    with gs1_catalog() as session:
        rows = session.scalars(select(SaleLine).order_by(SaleLine.line_no)).all()
        assert [(r.gs1_lot, r.gs1_serial, r.gs1_expiry) for r in rows] == [
            ("ABC123", "SER42", "2027-12-31"),
            ("ABC123", "SER43", "2027-12-31"),
        ]
        entry = session.scalars(
            select(JournalEntry).where(JournalEntry.seq == done.journal_seq)
        ).one()
        assert json.loads(entry.payload)["body"]["gs1"] == [
            [1, "ABC123", "SER42", "2027-12-31"],
            [2, "ABC123", "SER43", "2027-12-31"],
        ]


def test_gs1_128_net_weight_is_the_quantity_of_a_weighed_item(
    gs1_catalog: sessionmaker[Session],
) -> None:
    with gs1_catalog() as session:
        [line] = _scan(session, f"]C10199501101531003{GS}3103000750").lines  # 0.750 kg
    assert line.item.sku == "CHZ-1"
    assert line.quantity == Decimal("0.750")
    assert line.unit_price == Money.of("24.90", line.unit_price.currency)


@pytest.mark.parametrize(
    "code",
    [
        "]Q3010950110153000339220000499",  # 3922: 4.99 in the till's currency
        "]C1010950110153000339329780000499",  # 3932: 978 (EUR) 4.99
    ],
    ids=["392n", "393n"],
)
def test_amount_payable_is_the_price_of_the_unit(
    gs1_catalog: sessionmaker[Session], code: str
) -> None:
    with gs1_catalog() as session:
        [line] = _scan(session, code).lines
    assert (line.item.sku, line.quantity) == ("PIE-1", Decimal(1))
    assert line.unit_price.amount == Decimal("4.99")


@pytest.mark.parametrize(
    ("code", "error", "why"),
    [
        (f"]d210LOT1{GS}21S1", BarcodeError, "no GTIN"),
        ("]d20109501101531000", UnknownProductError, "09501101531000"),
        (f"]C10103790000000014{GS}3103000750", BasketError, "sold per unit"),
        ("]C1010950110153000339328260000499", BasketError, "currency 826"),  # GBP in EUR
        ("]d20103790000000015", BarcodeError, "GTIN"),  # wrong check digit
        (f"]d20103790000000014{GS}17271399", BarcodeError, "valid GS1"),  # month 13
    ],
)
def test_bad_gs1_codes_say_why_and_add_nothing(
    gs1_catalog: sessionmaker[Session], code: str, error: type[DomainError], why: str
) -> None:
    with gs1_catalog() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        with pytest.raises(error, match=why):
            basket.add_by_barcode(code, SqlCatalog(session, ctx.currency),
                                  VariableMeasureConfig.default())  # fmt: skip
        assert basket.is_empty


def test_an_expired_unit_warns_the_cashier_but_a_current_one_does_not(
    gs1_catalog: sessionmaker[Session],
) -> None:
    with gs1_catalog() as session:
        [line] = _scan(session, ISSUE_SAMPLE).lines  # expires 2027-12-31
    assert expiry_warning(line.trace, date(2027, 12, 31)) is None
    warning = expiry_warning(line.trace, date(2028, 1, 1))
    assert warning is not None
    assert "Expired on 2027-12-31" in warning
    assert expiry_warning(None, date(2028, 1, 1)) is None


def test_plain_product_barcodes_still_take_the_gtin_path(
    gs1_catalog: sessionmaker[Session],
) -> None:
    with gs1_catalog() as session:
        lines = _scan(session, "4006381333931", "2100001007508").lines  # EAN-13, weight label
    assert [(ln.item.sku, ln.trace) for ln in lines] == [("COF-1", None), ("BAN-1", None)]


def test_a_parked_basket_keeps_lot_serial_and_expiry(gs1_catalog: sessionmaker[Session]) -> None:
    ann = StaffMember(1, "A1", "Ann", Role.ASSOCIATE)
    with gs1_catalog.begin() as session:
        ctx = load_till_context(session)
        parked = ParkingService().park(
            session, _scan(session, ISSUE_SAMPLE), actor=ann, context=ctx
        )
    with gs1_catalog.begin() as session:
        ctx = load_till_context(session)
        basket = ParkingService().resume(session, parked.parked_id, actor=ann, context=ctx)
    [line] = basket.lines
    assert line.trace == Traceability("ABC123", "SER42", date(2027, 12, 31))


def test_the_general_specifications_example_sells_with_its_lot_serial_and_expiry(
    gs1_catalog: sessionmaker[Session],
) -> None:
    with gs1_catalog.begin() as session:
        [line] = _scan(session, GENSPECS_SAMPLE).lines
        assert line.item.sku == "DEMO-1"
        assert line.trace == Traceability("1234567p", "12345678p901", date(2014, 11, 20))
        ctx = load_till_context(session)
        CheckoutService().complete_sale(
            session, basket=_scan(session, GENSPECS_SAMPLE), cashier="alice", context=ctx,
            tenders=[Tender(TenderKind.CASH, Money.of("5", ctx.currency))],
        )  # fmt: skip
    with gs1_catalog() as session:
        row = session.scalars(select(SaleLine)).one()
        assert (row.gs1_lot, row.gs1_serial, row.gs1_expiry) == (
            "1234567p",
            "12345678p901",
            "2014-11-20",
        )
