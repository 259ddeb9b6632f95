from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_app.domain.catalog import CatalogItem
from pos_app.domain.errors import ReceiptError
from pos_app.domain.money import EUR, Money
from pos_app.domain.receipt import ReceiptDocument, build_receipt, render_text
from pos_app.domain.sale.basket import Basket, Discount
from pos_app.domain.sale.tenders import CardReference, Settlement, Tender, TenderKind, settle
from pos_app.domain.tax import TaxMode, TaxRate

WHEN = datetime(2026, 3, 14, 15, 9, tzinfo=timezone(timedelta(hours=1)))
LONG_NAME = "Extra-long organic fair-trade single-origin coffee beans, dark roast 1 kg"


def eur(value: str) -> Money:
    return Money.of(value, EUR)


def make_sale(
    items: dict[str, CatalogItem],
    rates: dict[str, TaxRate],
    mode: TaxMode = TaxMode.INCLUSIVE,
) -> tuple[Basket, Settlement]:
    basket = Basket(EUR, mode, rates)
    basket.add_item(items["MILK"], 2)  # 2.40
    basket.add_line_discount(1, Discount("percent", Decimal(10), "loyalty"))  # -0.24
    basket.add_item(items["SOAP"])  # 3.99 -> 2.99
    basket.override_price(2, eur("2.99"), "price match")
    basket.add_item(items["APPLE"], Decimal("1.234"))  # 3.69
    basket.add_item(replace(items["BREAD"], name=LONG_NAME))  # 2.50
    total = basket.totals().total
    tenders = [
        Tender(TenderKind.CARD, eur("5.00"), card=CardReference("123456", "1234", "VISA")),
        Tender(TenderKind.CASH, eur("10.00")),
    ]
    return basket, settle(total, tenders, Decimal("0.05"))


def build(basket: Basket, settlement: Settlement, **overrides: object) -> ReceiptDocument:
    kwargs: dict[str, object] = {
        "basket_totals": basket.totals(),
        "lines": basket.lines,
        "settlement": settlement,
        "store_name": "OmniTill Demo Store",
        "store_lines": ("1 High Street", "VAT no. FR 12 345 678 901"),
        "till_id": "T01",
        "receipt_no": "T01-000042",
        "issued_at": WHEN,
        "cashier": "Alice",
        "footer": ("Thank you! Returns within 30 days with this receipt, in store or online.",),
    }
    kwargs.update(overrides)
    return build_receipt(**kwargs)  # type: ignore[arg-type]


@pytest.fixture
def sale(items: dict[str, CatalogItem], rates: dict[str, TaxRate]) -> tuple[Basket, Settlement]:
    return make_sale(items, rates)


class TestBuild:
    def test_document_fields(self, sale: tuple[Basket, Settlement]) -> None:
        basket, settlement = sale
        doc = build(basket, settlement)
        totals = basket.totals()
        assert [line.name for line in doc.lines] == ["Milk 1L", "Soap", "Apples", LONG_NAME]
        assert [line.amount for line in doc.lines] == [
            eur("2.40"),
            eur("2.99"),
            eur("3.69"),
            eur("2.50"),
        ]
        assert doc.subtotal == eur("11.58")
        assert doc.discount_total == eur("0.24")
        assert doc.total == totals.total == eur("11.34")
        # cash portion 6.34 -> 6.35
        assert doc.rounding_adjustment == eur("0.01")
        assert doc.amount_due == eur("11.35")
        assert doc.change == eur("3.65")
        assert doc.tenders == (
            ("Card VISA ****1234 (auth 123456)", eur("5.00")),
            ("Cash", eur("10.00")),
        )
        assert doc.tax_lines == totals.tax_lines
        assert doc.tax_mode is TaxMode.INCLUSIVE
        assert doc.barcode == "T01-000042"
        assert doc.kind == "sale"
        assert not doc.offline

    def test_notes_show_discounts_negative_and_overrides(
        self, sale: tuple[Basket, Settlement]
    ) -> None:
        doc = build(*sale)
        assert doc.lines[0].notes == (("10% off: loyalty", eur("-0.24")),)
        assert doc.lines[1].notes == (("Price was 3.99: price match", eur("-1.00")),)
        assert doc.lines[2].sold_by_weight
        assert doc.lines[2].notes == ()

    def test_store_credit_label_masks_the_account(
        self, items: dict[str, CatalogItem], rates: dict[str, TaxRate]
    ) -> None:
        basket = Basket(EUR, TaxMode.INCLUSIVE, rates)
        basket.add_item(items["SOAP"])
        tender = Tender(TenderKind.STORE_CREDIT, eur("3.99"), account="GC-9999-0000-5678")
        doc = build(basket, settle(eur("3.99"), [tender], Decimal(0)))
        assert doc.tenders == (("Store credit ****5678", eur("3.99")),)

    def test_settlement_must_match_the_basket(self, sale: tuple[Basket, Settlement]) -> None:
        basket, _ = sale
        other = settle(eur("1.00"), [Tender(TenderKind.CASH, eur("1.00"))], Decimal(0))
        with pytest.raises(ReceiptError, match="settled"):
            build(basket, other)

    def test_lines_must_match_the_totals(self, sale: tuple[Basket, Settlement]) -> None:
        basket, settlement = sale
        with pytest.raises(ReceiptError):
            build(basket, settlement, lines=basket.lines[:-1])

    def test_time_must_be_zone_aware(self, sale: tuple[Basket, Settlement]) -> None:
        with pytest.raises(ReceiptError, match="time zone"):
            build(*sale, issued_at=datetime(2026, 3, 14, 15, 9))


class TestRenderText:
    @pytest.mark.parametrize("width", [24, 32, 42, 48, 64])
    def test_never_wider_than_width(self, sale: tuple[Basket, Settlement], width: int) -> None:
        text = render_text(build(*sale, offline=True, kind="return"), width)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width
        assert any(len(line) == width for line in lines)  # rules span the paper

    def test_layout(self, sale: tuple[Basket, Settlement]) -> None:
        text = render_text(build(*sale))
        lines = text.splitlines()
        assert lines[0].strip() == "OmniTill Demo Store"
        assert "OFFLINE" not in text
        assert "Receipt T01-000042" in text
        assert "2026-03-14 15:09" in text
        # Money right-aligned at the edge; discounts negative under their line.
        milk = next(line for line in lines if line.startswith("Milk 1L"))
        assert milk.endswith(" 2.40")
        assert len(milk) == 42
        assert any(line.startswith("  2 x 1.20") for line in lines)
        assert any(line.startswith("  1.234 kg x 2.99/kg") for line in lines)
        assert any("10% off: loyalty" in line and line.endswith("-0.24") for line in lines)
        total = next(line for line in lines if line.startswith("TOTAL EUR"))
        assert total.endswith("11.34")
        assert any(line.startswith("Cash rounding") and line.endswith("0.01") for line in lines)
        assert any(line.startswith("TO PAY EUR") and line.endswith("11.35") for line in lines)
        assert any(line.startswith("Change") and line.endswith("3.65") for line in lines)

    def test_long_names_are_truncated(self, sale: tuple[Basket, Settlement]) -> None:
        text = render_text(build(*sale), 32)
        line = next(x for x in text.splitlines() if x.startswith("Extra-long"))
        assert "..." in line
        assert line.endswith("2.50")
        assert LONG_NAME not in text

    def test_offline_marker(self, sale: tuple[Basket, Settlement]) -> None:
        text = render_text(build(*sale, offline=True))
        assert any(line.strip() == "*** OFFLINE ***" for line in text.splitlines())

    def test_tax_summary_per_rate(self, sale: tuple[Basket, Settlement]) -> None:
        basket, _ = sale
        text = render_text(build(*sale))
        assert "Tax (incl.)" in text
        for tax_line in basket.totals().tax_lines:
            row = next(x for x in text.splitlines() if x.startswith(tax_line.label))
            assert row.split()[-3:] == [
                tax_line.net.format_amount(),
                tax_line.tax.format_amount(),
                tax_line.gross.format_amount(),
            ]

    def test_exclusive_mode_shows_tax_added(
        self, items: dict[str, CatalogItem], rates: dict[str, TaxRate]
    ) -> None:
        basket, settlement = make_sale(items, rates, TaxMode.EXCLUSIVE)
        doc = build(basket, settlement)
        text = render_text(doc)
        assert doc.tax_mode is TaxMode.EXCLUSIVE
        assert "Tax (added)" in text
        tax = next(x for x in text.splitlines() if x.startswith("Tax "))
        assert tax.endswith(basket.totals().tax_total.format_amount())

    def test_control_characters_do_not_break_layout(
        self, items: dict[str, CatalogItem], rates: dict[str, TaxRate]
    ) -> None:
        basket = Basket(EUR, TaxMode.INCLUSIVE, rates)
        basket.add_item(replace(items["SOAP"], name="Soap\nbar\tlavender"))
        doc = build(
            basket,
            settle(eur("3.99"), [Tender(TenderKind.CASH, eur("5"))], Decimal(0)),
            issued_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
        text = render_text(doc, 24)
        assert "Soap bar lavender"[:10] in text
        assert all(len(line) <= 24 for line in text.splitlines())

    def test_narrow_paper_wraps_what_must_stay_readable(
        self, sale: tuple[Basket, Settlement]
    ) -> None:
        basket, settlement = sale
        lines = render_text(build(basket, settlement), 24).splitlines()
        text = "\n".join(lines)
        # Tax labels and the card approval code are wrapped, never cut.
        for tax_line in basket.totals().tax_lines:
            assert any(line.startswith(tax_line.label) for line in lines)
        assert "123456)" in text
        assert "Receipt T01-000042" in text

    def test_large_amounts_on_narrow_paper(
        self, items: dict[str, CatalogItem], rates: dict[str, TaxRate]
    ) -> None:
        basket = Basket(EUR, TaxMode.INCLUSIVE, rates)
        basket.add_item(replace(items["SOAP"], unit_price=eur("123456.78")), 9)
        total = basket.totals().total
        doc = build(basket, settle(total, [Tender(TenderKind.CASH, total)], Decimal(0)))
        lines = render_text(doc, 24).splitlines()
        assert all(len(line) <= 24 for line in lines)
        assert any(line.endswith("1111111.02") for line in lines)  # the full gross, uncut
        assert any(line.startswith("  Gross") for line in lines)

    def test_too_narrow(self, sale: tuple[Basket, Settlement]) -> None:
        with pytest.raises(ReceiptError):
            render_text(build(*sale), 20)
