"""The receipt as a device-independent document, and its plain-text rendering.

A receipt is built once from the priced basket and the settlement; printers (ESC/POS), the
on-screen preview, e-mail and the journal all render the same ReceiptDocument, so they can
never disagree about an amount.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.errors import ReceiptError
from pos_app.domain.l10n.messages import Translate, msg
from pos_app.domain.l10n.receipt_style import ReceiptStyle
from pos_app.domain.money import Money, sum_money
from pos_app.domain.pricing import (
    BasketLine,
    BasketTotals,
    Discount,
    LineTotals,
    line_discount_amounts,
)
from pos_app.domain.sale.tenders import Settlement, Tender, TenderKind
from pos_app.domain.tax import TaxLine, TaxMode

__all__ = [
    "DUPLICATE_BANNER",
    "MIN_WIDTH",
    "ReceiptDocument",
    "ReceiptError",
    "ReceiptLine",
    "build_receipt",
    "render_text",
    "tender_label",
]

MIN_WIDTH = 24
DUPLICATE_BANNER = "*** DUPLICATE ***"


@dataclass(frozen=True)
class ReceiptLine:
    """``amount`` is the line gross; ``notes`` explain changes to it (discounts negative)."""

    name: str
    quantity: Decimal
    unit_price: Money
    amount: Money
    notes: tuple[tuple[str, Money], ...] = ()
    sold_by_weight: bool = False
    code: str = ""  # the SKU, printed on documents without prices (a pick list)
    group: str = ""  # a heading the line is listed under there (the department)


@dataclass(frozen=True)
class ReceiptDocument:
    kind: str
    store_name: str
    store_lines: tuple[str, ...]
    till_id: str
    receipt_no: str
    issued_at: datetime
    cashier: str
    lines: tuple[ReceiptLine, ...]
    subtotal: Money
    discount_total: Money
    tax_lines: tuple[TaxLine, ...]
    tax_mode: TaxMode
    total: Money
    rounding_adjustment: Money
    tenders: tuple[tuple[str, Money], ...]
    change: Money
    footer: tuple[str, ...]
    offline: bool
    barcode: str
    # False for a work document (a pick list): each line gets a tick box, its quantity and
    # SKU under its group heading, and there are no amounts or totals.
    priced: bool = True
    # Printed as barcodes after the receipt's own, e.g. a store credit code to redeem later.
    extra_barcodes: tuple[str, ...] = ()
    # A copy printed again later (a reprint): marked so it cannot pass for a second original.
    duplicate: bool = False
    # The store's locale ("fr_FR"): labels, amounts and dates in its language and formats
    # (l10n.receipt_style). "" is the English layout of receipts stored before stores had one.
    locale: str = ""

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ReceiptError("A receipt's time must carry its time zone.")
        if not self.receipt_no.strip():
            raise ReceiptError("A receipt needs a receipt number.")
        if not self.kind.strip():
            raise ReceiptError("A receipt needs a kind (sale, return...).")

    @property
    def amount_due(self) -> Money:
        return self.total + self.rounding_adjustment


def tender_label(tender: Tender, translate: Translate = str) -> str:
    """How a payment is named on the receipt and the screens, in ``translate``'s language."""
    if tender.kind is TenderKind.CARD and tender.card is not None:
        card = tender.card
        text = msg(
            "Card {scheme} ****{last4} (auth {code})",
            scheme=card.scheme, last4=card.last4, code=card.approval_code,
        )  # fmt: skip
    elif tender.kind is TenderKind.STORE_CREDIT and tender.account is not None:
        text = msg("Store credit ****{last4}", last4=tender.account.strip()[-4:])
    elif tender.kind is TenderKind.EXCHANGE:
        text = msg("Exchange credit (return {receipt})", receipt=tender.account)
    else:
        return translate("Cash")
    return text.render(translate)


def _receipt_line(line: BasketLine, totals: LineTotals, style: ReceiptStyle) -> ReceiptLine:
    gross = totals.gross
    notes: list[tuple[str, Money]] = []
    if line.price_override_reason is not None:
        catalog_gross = (line.item.unit_price * line.quantity).rounded()
        was = msg("Price was {price}: {reason}", price=line.item.unit_price,
                  reason=line.price_override_reason)  # fmt: skip
        shown = was.render(style.translate, _shown_by(style))
        notes.append((shown, gross - catalog_gross))
    # Promotions sit under their item, before manual discounts: that is the order they were
    # taken off in (pricing), and the customer sees what each advertised deal saved.
    for promo in totals.promotions:
        notes.append((promo.name, -promo.amount))
    after_promotions = gross - totals.promotion_discount
    for discount, off in zip(
        line.discounts, line_discount_amounts(after_promotions, line.discounts), strict=True
    ):
        notes.append((_discount_note(discount, style), -off))
    return ReceiptLine(
        name=line.item.name,
        quantity=line.quantity,
        unit_price=line.unit_price,
        amount=gross,
        notes=tuple(notes),
        sold_by_weight=line.item.sold_by_weight,
    )


def build_receipt(
    *,
    basket_totals: BasketTotals,
    lines: Sequence[BasketLine],
    settlement: Settlement,
    store_name: str,
    store_lines: Sequence[str] = (),
    till_id: str,
    receipt_no: str,
    issued_at: datetime,
    cashier: str,
    footer: Sequence[str] = (),
    offline: bool = False,
    kind: str = "sale",
    locale: str = "",
) -> ReceiptDocument:
    """The receipt of a settled basket; with the store's ``locale`` it is written in its
    language (the tender and price-change notes are worded here, the rest when rendered)."""
    style = ReceiptStyle.for_locale(locale)
    if [t.line_no for t in basket_totals.lines] != [line.line_no for line in lines]:
        raise ReceiptError("The receipt lines do not match the basket totals; price it again.")
    if settlement.total != basket_totals.total:
        raise ReceiptError(
            f"The payment was settled for {settlement.total}, "
            f"but the basket total is {basket_totals.total}."
        )
    return ReceiptDocument(
        kind=kind,
        store_name=store_name,
        store_lines=tuple(store_lines),
        till_id=till_id,
        receipt_no=receipt_no,
        issued_at=issued_at,
        cashier=cashier,
        lines=tuple(
            _receipt_line(line, totals, style)
            for line, totals in zip(lines, basket_totals.lines, strict=True)
        ),
        subtotal=basket_totals.subtotal,
        discount_total=basket_totals.discount_total,
        tax_lines=basket_totals.tax_lines,
        tax_mode=basket_totals.tax_mode,
        total=basket_totals.total,
        rounding_adjustment=settlement.rounding_adjustment,
        tenders=tuple((tender_label(t, style.translate), t.amount) for t in settlement.tenders),
        change=settlement.change,
        footer=tuple(footer),
        offline=offline,
        barcode=receipt_no,
        locale=locale,
    )


def _discount_note(discount: Discount, style: ReceiptStyle) -> str:
    if discount.kind == "percent":
        text = msg("{percent} off: {reason}", percent=style.percent(discount.value / 100),
                   reason=discount.reason)  # fmt: skip
    else:
        text = msg("Discount: {reason}", reason=discount.reason)
    return text.render(style.translate)


def _shown_by(style: ReceiptStyle) -> Callable[[object], str]:
    def show(value: object) -> str:
        return style.amount(value) if isinstance(value, Money) else str(value)

    return show


# -- plain text ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    # A tab or newline in a product name would break the column layout on paper.
    return "".join(c if c.isprintable() else " " for c in text)


def _truncate(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[:width] if width <= 3 else text[: width - 3] + "..."


def _lr(left: str, right: str, width: int) -> str:
    left, right = _clean(left), _truncate(_clean(right), width)
    room = width - len(right) - 1
    if room < 1:
        return right.rjust(width)
    return _truncate(left, room).ljust(room) + " " + right


def _centered(text: str, width: int) -> list[str]:
    wrapped = textwrap.wrap(_clean(text), width) or [""]
    return [part.center(width).rstrip() for part in wrapped]


def _checklist(lines: Sequence[ReceiptLine], width: int, style: ReceiptStyle) -> list[str]:
    """Tick box, quantity, name (wrapped) and SKU per line, under its group's heading."""
    indent = " " * 10  # "[ ] " + a 4-wide quantity + 2 spaces
    out = [_truncate("OK   QTY  ITEM / SKU", width)]
    group = None
    for item in lines:
        if item.group != group:
            group = item.group
            if group:
                out.append(_truncate(_clean(group).upper(), width))
        qty = style.quantity(item.quantity, item.sold_by_weight)
        first = f"[ ] {qty:>4}  "
        out += textwrap.wrap(
            _clean(item.name), width, initial_indent=first, subsequent_indent=indent
        ) or [first]
        if item.code:
            out.append(_truncate(f"{indent}SKU {_clean(item.code)}", width))
    return out


def _wrapped_lr(left: str, right: str, width: int) -> list[str]:
    """Like _lr, but wraps ``left`` instead of cutting it: for text the customer must read."""
    left, right = _clean(left), _truncate(_clean(right), width)
    if len(left) + 1 + len(right) <= width:
        return [_lr(left, right, width)]
    indent = " " * (len(left) - len(left.lstrip()))
    parts = textwrap.wrap(left, width, subsequent_indent=indent) or [""]
    if len(parts[-1]) + 1 + len(right) <= width:
        return [*parts[:-1], _lr(parts[-1], right, width)]
    return [*parts, right.rjust(width)]


def _tax_label(line: TaxLine, style: ReceiptStyle) -> str:
    # Labels such as "VAT 20%" already say the rate; do not print it twice.
    if style.says_rate(line.label, line.rate):
        return _clean(line.label)
    return _clean(f"{line.label} {style.percent(line.rate)}")


def _tax_summary(doc: ReceiptDocument, width: int, style: ReceiptStyle) -> list[str]:
    title = style.t("Tax (incl.)" if doc.tax_mode is TaxMode.INCLUSIVE else "Tax (added)")
    amount = style.amount
    rows = [
        (_tax_label(t, style), amount(t.net), amount(t.tax), amount(t.gross)) for t in doc.tax_lines
    ]
    heads = (style.t("Net"), style.t("Tax"), style.t("Gross"))
    col = max([5] + [len(h) for h in heads] + [len(cell) for row in rows for cell in row[1:]])
    amounts_width = 3 * (col + 1)
    if amounts_width > width:
        # Amounts too long for columns (not with real receipts): one value per line.
        out = [title]
        for label, *amounts in rows:
            out.append(_truncate(label, width))
            out += [_lr(f"  {k}", v, width) for k, v in zip(heads, amounts, strict=True)]
        return out
    label_width = width - amounts_width
    header = "".join(h.rjust(col + 1) for h in heads)
    out = [title, " " * label_width + header]
    for label, *amounts in rows:
        cells = "".join(a.rjust(col + 1) for a in amounts)
        if len(label) <= label_width:
            out.append(label.ljust(label_width) + cells)
        else:
            # Never cut a tax label short ("VAT..." is useless): give it its own line.
            out.append(_truncate(label, width))
            out.append(" " * label_width + cells)
    return out


def render_text(doc: ReceiptDocument, width: int = 42) -> str:
    """A plain-text receipt, no line wider than ``width`` characters."""
    if width < MIN_WIDTH:
        raise ReceiptError(f"A receipt needs at least {MIN_WIDTH} characters per line.")
    style = ReceiptStyle.for_locale(doc.locale)
    t, amount = style.t, style.amount
    code = doc.total.currency.code
    rule = "-" * width
    out: list[str] = []
    out += _centered(doc.store_name, width)
    for line in doc.store_lines:
        out += _centered(line, width)
    if doc.kind != "sale":
        out += _centered(t(doc.kind.upper()), width)
    if doc.offline:
        out += _centered(t("*** OFFLINE ***"), width)
    if doc.duplicate:
        out += _centered(t(DUPLICATE_BANNER), width)
    out.append(rule)
    number = t("Receipt") if doc.priced else t("Order")
    who = t("Cashier") if doc.priced else t("Staff")
    out += _wrapped_lr(f"{number} {doc.receipt_no}", f"{t('Till')} {doc.till_id}", width)
    out += _wrapped_lr(style.when(doc.issued_at), f"{who} {doc.cashier}", width)
    out.append(rule)
    if not doc.priced:
        out += _checklist(doc.lines, width, style)
        if doc.footer:
            out.append(rule)
            for line in doc.footer:
                out += _centered(line, width)
        return "\n".join(line[:width] for line in out) + "\n"

    for item in doc.lines:
        out.append(_lr(item.name, amount(item.amount), width))
        if item.sold_by_weight or item.quantity != 1:
            per = "/kg" if item.sold_by_weight else ""
            qty = style.quantity(item.quantity, item.sold_by_weight)
            out.append(_truncate(f"  {qty} x {amount(item.unit_price)}{per}", width))
        for text, value in item.notes:
            out += _wrapped_lr(f"  {text}", amount(value), width)
    out.append(rule)

    out.append(_lr(t("Subtotal"), amount(doc.subtotal), width))
    if not doc.discount_total.is_zero():
        out.append(_lr(t("Discounts"), amount(-doc.discount_total), width))
    if doc.tax_mode is TaxMode.EXCLUSIVE:
        tax_total = sum_money((line.tax for line in doc.tax_lines), doc.total.currency)
        out.append(_lr(t("Tax"), amount(tax_total), width))
    out.append(_lr(f"{t('TOTAL')} {code}", amount(doc.total), width))
    if not doc.rounding_adjustment.is_zero():
        out.append(_lr(t("Cash rounding"), amount(doc.rounding_adjustment), width))
        out.append(_lr(f"{t('TO PAY')} {code}", amount(doc.amount_due), width))
    for label, value in doc.tenders:
        out += _wrapped_lr(label, amount(value), width)
    if doc.tenders:
        out.append(_lr(t("Change"), amount(doc.change), width))

    if doc.tax_lines:
        out.append(rule)
        out += _tax_summary(doc, width, style)
    if doc.footer:
        out.append(rule)
        for line in doc.footer:
            out += _centered(line, width)
    return "\n".join(line[:width] for line in out) + "\n"
