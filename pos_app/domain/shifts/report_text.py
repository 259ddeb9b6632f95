"""An X or Z report as plain text lines, no wider than the paper (32 or 42 columns).

The same text is printed (hardware.report_layout adds emphasis and the cut), shown on screen
and written into the PDF, so paper, screen and file never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.l10n.messages import N_, msg
from pos_app.domain.l10n.receipt_style import ReceiptStyle
from pos_app.domain.money import Currency, Money
from pos_app.domain.shifts.figures import TENDERS, ShiftFigures

__all__ = ["EMPHASISED", "ReportHeader", "render_report"]

# English: the labels are message ids, printed in the store's language (header.locale).
TENDER_LABELS = {
    "cash": N_("Cash"),
    "card": N_("Card"),
    "store_credit": N_("Store credit"),
    "gift_card": N_("Gift card"),
    "exchange": N_("Exchange"),
}
CHANNEL_LABELS = {
    "in_store": N_("In store"),
    "click_collect": N_("Click & collect"),  # web orders paid here at hand-over
    "online_refund": N_("Online returns"),  # web orders returned and refunded here
}
MOVEMENT_LABELS = {
    "paid_in": N_("Paid in"),
    "paid_out": N_("Paid out"),
    "safe_drop": N_("Safe drops"),
    "no_sale": N_("No-sale openings"),
}
# The report's other labels, marked for extraction (tools/messages.py).
REPORT_LABELS = (
    N_("(no reset)"), N_("Shift"), N_("Opened"), N_("  by"), N_("Printed"), N_("Closed by"),
    N_("Receipts"), N_("  to"), N_("TENDERS (expected)"), N_("COUNTED / OVER-SHORT"),
    N_("  over/short"), N_("Opening float"), N_("Exchanges"), N_("Voids / line voids"),
    N_("Store credit issued"), N_("Store credit redeemed"), N_("TAX BY RATE"), N_("net / tax"),
    N_("BY DEPARTMENT"), N_("BY CHANNEL"), N_("APPROVALS BY MANAGER"), N_("none"),
    N_("GRAND TOTAL (perpetual)"),
)  # fmt: skip
# Lines the printer makes big and bold (hardware/report_layout.py), in every language.
EMPHASISED = (N_("X REPORT"), N_("Z REPORT"), N_("NET SALES"), N_("GRAND TOTAL"),
              N_("*** COPY ***"))  # fmt: skip


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
    locale: str = ""  # the store's ("fr_FR"); "" is the English report of before (l10n)


def render_report(header: ReportHeader, figures: ShiftFigures, width: int = 42) -> list[str]:
    style = ReceiptStyle.for_locale(header.locale)
    t = style.t

    def amount(minor: int) -> str:
        return style.amount(Money.from_minor(minor, header.currency))

    def counted(label: str, count: int) -> str:
        return msg("{label} ({count})", label=t(label), count=count).render()

    def lr(left: str, right: str) -> str:
        room = width - len(right) - 1
        return (left[:room] if len(left) > room else left).ljust(room) + " " + right

    rule = "-" * width
    title = t(f"{header.kind} REPORT") + (f" #{header.z_no}" if header.z_no is not None else "")
    out = [header.store_name[:width].center(width).rstrip(), title.center(width).rstrip()]
    if header.copy:
        out.append(t("*** COPY ***").center(width).rstrip())
    if header.kind == "X":
        out.append(t("(no reset)").center(width).rstrip())
    out += [
        rule,
        lr(f"{t('Till')} {header.till_id}", f"{t('Shift')} {header.shift_no}"),
        lr(t("Opened"), style.when(header.opened_at)),
        lr(t("  by"), header.opened_by),
        lr(t("Printed"), style.when(header.printed_at)),
    ]
    if header.closed_by:
        out.append(lr(t("Closed by"), header.closed_by))
    if figures.first_receipt:
        out += [lr(t("Receipts"), figures.first_receipt), lr(t("  to"), figures.last_receipt or "")]
    out += [rule, t("TENDERS (expected)")]
    for tender in TENDERS:
        out.append(lr(t(TENDER_LABELS[tender]), amount(figures.expected.get(tender, 0))))
    if figures.counted:
        out += [rule, t("COUNTED / OVER-SHORT")]
        over_short = figures.over_short()
        for tender in TENDERS:
            if tender in figures.counted:
                out.append(lr(t(TENDER_LABELS[tender]), amount(figures.counted[tender])))
                out.append(lr(t("  over/short"), amount(over_short[tender])))
    out += [
        rule,
        lr(t("Opening float"), amount(figures.float_minor)),
    ]
    for kind, (count, total) in figures.movements.items():
        label = counted(MOVEMENT_LABELS[kind], count)
        out.append(lr(label, "" if kind == "no_sale" else amount(total)))
        for reason, (n, reason_total) in figures.reasons.get(kind, {}).items():
            # A default code's label is a message id (the store's language); head office's
            # labels print as written.
            out.append(lr(f"  {t(reason)} ({n})", amount(reason_total)))
    out += [
        rule,
        lr(counted(N_("Sales"), figures.sales_count), amount(figures.sales_minor)),
        lr(counted(N_("Returns"), figures.returns_count), amount(figures.returns_minor)),
        lr(t("NET SALES"), amount(figures.net_sales_minor)),
        lr(t("Exchanges"), str(figures.exchanges_count)),
        lr(t("Voids / line voids"), f"{figures.voids} / {figures.line_voids}"),
        lr(counted(N_("Discounts"), figures.discounts_count), amount(-figures.discounts_minor)),
        lr(counted(N_("Promotions"), figures.promotions_count), amount(-figures.promotions_minor)),
        lr(t("Cash rounding"), amount(figures.rounding_minor)),
        lr(t("Store credit issued"), amount(figures.store_credit_issued_minor)),
        lr(t("Store credit redeemed"), amount(figures.store_credit_redeemed_minor)),
    ]
    if figures.tax:
        out += [rule, t("TAX BY RATE"), lr("", t("net / tax"))]
        for label, rate, net, tax in figures.tax:
            pct = style.percent(Decimal(rate))
            out.append(lr(f"{label} ({pct})", f"{amount(net)} / {amount(tax)}"))
    if figures.departments:
        out += [rule, t("BY DEPARTMENT")]
        out += [lr(dept, amount(total)) for dept, total in figures.departments.items()]
    out += [rule, t("BY CHANNEL")]
    for channel, (count, total) in figures.channels.items():
        out.append(lr(counted(CHANNEL_LABELS[channel], count), amount(total)))
    out += [rule, t("APPROVALS BY MANAGER")]
    out += [lr(name, str(count)) for name, count in figures.approvals.items()] or [t("none")]
    if header.grand_total_minor is not None:
        out += [rule, lr(t("GRAND TOTAL (perpetual)"), amount(header.grand_total_minor))]
    return [line[:width] for line in out]
