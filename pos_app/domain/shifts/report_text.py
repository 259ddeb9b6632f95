"""An X or Z report as plain text lines, no wider than the paper (32 or 42 columns).

The same text is printed (hardware.report_layout adds emphasis and the cut), shown on screen
and written into the PDF, so paper, screen and file never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.money import Currency, Money
from pos_app.domain.shifts.figures import TENDERS, ShiftFigures

__all__ = ["ReportHeader", "render_report"]

TENDER_LABELS = {
    "cash": "Cash",
    "card": "Card",
    "store_credit": "Store credit",
    "gift_card": "Gift card",
    "exchange": "Exchange",
}
CHANNEL_LABELS = {
    "in_store": "In store",
    "click_collect": "Click & collect",  # web orders paid here at hand-over
    "online_refund": "Online returns",  # web orders returned and refunded here
}
MOVEMENT_LABELS = {
    "paid_in": "Paid in",
    "paid_out": "Paid out",
    "safe_drop": "Safe drops",
    "no_sale": "No-sale openings",
}


@dataclass(frozen=True)
class ReportHeader:
    kind: str  # "X" or "Z"
    store_name: str
    till_id: str
    shift_no: int
    opened_at: datetime
    opened_by: str
    printed_at: datetime
    currency: Currency
    z_no: int | None = None
    closed_by: str | None = None
    grand_total_minor: int | None = None
    copy: bool = False  # a reprint of a past Z


def render_report(header: ReportHeader, figures: ShiftFigures, width: int = 42) -> list[str]:
    def amount(minor: int) -> str:
        return Money.from_minor(minor, header.currency).format_amount()

    def lr(left: str, right: str) -> str:
        room = width - len(right) - 1
        return (left[:room] if len(left) > room else left).ljust(room) + " " + right

    rule = "-" * width
    title = f"{header.kind} REPORT" + (f" #{header.z_no}" if header.z_no is not None else "")
    out = [header.store_name[:width].center(width).rstrip(), title.center(width).rstrip()]
    if header.copy:
        out.append("*** COPY ***".center(width).rstrip())
    if header.kind == "X":
        out.append("(no reset)".center(width).rstrip())
    out += [
        rule,
        lr(f"Till {header.till_id}", f"Shift {header.shift_no}"),
        lr("Opened", header.opened_at.strftime("%Y-%m-%d %H:%M")),
        lr("  by", header.opened_by),
        lr("Printed", header.printed_at.strftime("%Y-%m-%d %H:%M")),
    ]
    if header.closed_by:
        out.append(lr("Closed by", header.closed_by))
    if figures.first_receipt:
        out += [lr("Receipts", figures.first_receipt), lr("  to", figures.last_receipt or "")]
    out += [rule, "TENDERS (expected)"]
    for tender in TENDERS:
        out.append(lr(TENDER_LABELS[tender], amount(figures.expected.get(tender, 0))))
    if figures.counted:
        out += [rule, "COUNTED / OVER-SHORT"]
        over_short = figures.over_short()
        for tender in TENDERS:
            if tender in figures.counted:
                out.append(lr(TENDER_LABELS[tender], amount(figures.counted[tender])))
                out.append(lr("  over/short", amount(over_short[tender])))
    out += [
        rule,
        lr("Opening float", amount(figures.float_minor)),
    ]
    for kind, (count, total) in figures.movements.items():
        label = f"{MOVEMENT_LABELS[kind]} ({count})"
        out.append(lr(label, "" if kind == "no_sale" else amount(total)))
    out += [
        rule,
        lr(f"Sales ({figures.sales_count})", amount(figures.sales_minor)),
        lr(f"Returns ({figures.returns_count})", amount(figures.returns_minor)),
        lr("NET SALES", amount(figures.net_sales_minor)),
        lr("Exchanges", str(figures.exchanges_count)),
        lr("Voids / line voids", f"{figures.voids} / {figures.line_voids}"),
        lr(f"Discounts ({figures.discounts_count})", amount(-figures.discounts_minor)),
        lr(f"Promotions ({figures.promotions_count})", amount(-figures.promotions_minor)),
        lr("Cash rounding", amount(figures.rounding_minor)),
        lr("Store credit issued", amount(figures.store_credit_issued_minor)),
        lr("Store credit redeemed", amount(figures.store_credit_redeemed_minor)),
    ]
    if figures.tax:
        out += [rule, "TAX BY RATE", lr("", "net / tax")]
        for label, rate, net, tax in figures.tax:
            pct = (Decimal(rate) * 100).normalize()
            out.append(lr(f"{label} ({pct:f}%)", f"{amount(net)} / {amount(tax)}"))
    if figures.departments:
        out += [rule, "BY DEPARTMENT"]
        out += [lr(dept, amount(total)) for dept, total in figures.departments.items()]
    out += [rule, "BY CHANNEL"]
    for channel, (count, total) in figures.channels.items():
        out.append(lr(f"{CHANNEL_LABELS[channel]} ({count})", amount(total)))
    out += [rule, "APPROVALS BY MANAGER"]
    out += [lr(name, str(count)) for name, count in figures.approvals.items()] or ["none"]
    if header.grand_total_minor is not None:
        out += [rule, lr("GRAND TOTAL (perpetual)", amount(header.grand_total_minor))]
    return [line[:width] for line in out]
