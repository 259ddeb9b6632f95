"""Past Z reports: look one up, reprint it (marked as a copy), export it as CSV or PDF.

A Z is read back from the journal body stored with it (``z_reports.figures``), never worked
out again, so a reprint shows exactly what was closed even if the data changed since.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.models import ZReportRow
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money, currency_by_code
from pos_app.domain.shifts.figures import ShiftFigures
from pos_app.domain.shifts.report_text import (
    CHANNEL_LABELS,
    MOVEMENT_LABELS,
    TENDER_LABELS,
    ReportHeader,
    render_report,
)
from pos_app.services.shifts.service import ShiftError

__all__ = ["StoredZ", "export_csv", "export_pdf", "list_z", "load_z"]


@dataclass(frozen=True)
class StoredZ:
    header: ReportHeader
    figures: ShiftFigures

    def text(self, width: int = 42) -> str:
        return "\n".join(render_report(self.header, self.figures, width)) + "\n"


def list_z(session: Session, till_id: str) -> list[tuple[int, datetime, int]]:
    """(Z number, closed at, grand total) of every Z of the till, newest first."""
    rows = session.execute(
        select(ZReportRow.z_no, ZReportRow.created_at, ZReportRow.grand_total_minor)
        .where(ZReportRow.till_id == till_id)
        .order_by(ZReportRow.z_no.desc())
    )
    return [(z, at, total) for z, at, total in rows]


def load_z(
    session: Session,
    *,
    till_id: str,
    store_name: str,
    z_no: int,
    copy: bool = True,
    locale: str = "",
) -> StoredZ:
    """A closed Z; with the store's ``locale`` it prints in its language (else English)."""
    row = session.scalars(
        select(ZReportRow).where(ZReportRow.till_id == till_id, ZReportRow.z_no == z_no)
    ).first()
    if row is None:
        raise ShiftError(msg("There is no Z report #{number} on this till.", number=str(z_no)))
    body: dict[str, Any] = json.loads(row.figures)
    header = ReportHeader(
        kind="Z",
        store_name=store_name,
        till_id=till_id,
        shift_no=body["shift_no"],
        opened_at=datetime.fromisoformat(body["opened_at"]),
        opened_by=body["opened_by"],
        printed_at=row.created_at,
        currency=currency_by_code(body["currency"]),
        z_no=z_no,
        closed_by=body["closed_by"],
        grand_total_minor=row.grand_total_minor,
        copy=copy,
        locale=locale,
    )
    return StoredZ(header, ShiftFigures.from_json(body["figures"], body.get("movement_reasons")))


def _csv_rows(z: StoredZ) -> list[tuple[str, str, str, str]]:
    f, cur = z.figures, z.header.currency

    def amt(minor: int) -> str:
        return Money.from_minor(minor, cur).format_amount()

    rows = [("tender_expected", TENDER_LABELS[t], "", amt(v)) for t, v in f.expected.items()]
    rows += [("tender_counted", TENDER_LABELS[t], "", amt(v)) for t, v in f.counted.items()]
    rows += [("over_short", TENDER_LABELS[t], "", amt(v)) for t, v in f.over_short().items()]
    rows += [
        ("float", "Opening float", "", amt(f.float_minor)),
        ("sales", "Sales", str(f.sales_count), amt(f.sales_minor)),
        ("sales", "Returns", str(f.returns_count), amt(f.returns_minor)),
        ("sales", "Net sales", "", amt(f.net_sales_minor)),
        ("sales", "Exchanges", str(f.exchanges_count), ""),
        ("sales", "Voids", str(f.voids), ""),
        ("sales", "Line voids", str(f.line_voids), ""),
        ("sales", "Discounts", str(f.discounts_count), amt(f.discounts_minor)),
        ("sales", "Promotions", str(f.promotions_count), amt(f.promotions_minor)),
        ("sales", "Cash rounding", "", amt(f.rounding_minor)),
        ("store_credit", "Issued", "", amt(f.store_credit_issued_minor)),
        ("store_credit", "Redeemed", "", amt(f.store_credit_redeemed_minor)),
    ]
    rows += [
        ("cash_movement", MOVEMENT_LABELS[k], str(c), amt(v)) for k, (c, v) in f.movements.items()
    ]
    rows += [
        ("cash_movement_reason", f"{MOVEMENT_LABELS[k]}: {label}", str(c), amt(v))
        for k, by in f.reasons.items()
        for label, (c, v) in by.items()
    ]
    for label, rate, net, tax in f.tax:
        rows += [
            ("tax_net", f"{label} ({rate})", "", amt(net)),
            ("tax", f"{label} ({rate})", "", amt(tax)),
        ]
    rows += [("department", d, "", amt(v)) for d, v in f.departments.items()]
    rows += [("channel", CHANNEL_LABELS[k], str(c), amt(v)) for k, (c, v) in f.channels.items()]
    rows += [("approvals", name, str(n), "") for name, n in f.approvals.items()]
    if z.header.grand_total_minor is not None:
        rows.append(("grand_total", "Perpetual grand total", "", amt(z.header.grand_total_minor)))
    return rows


def export_csv(z: StoredZ) -> str:
    """section,item,count,amount — amounts as decimals in the store currency."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    h = z.header
    writer.writerow(
        ["till", h.till_id, "z_no", h.z_no, "shift", h.shift_no, "currency", h.currency.code]
    )
    writer.writerow(["section", "item", "count", "amount"])
    writer.writerows(_csv_rows(z))
    return out.getvalue()


def export_pdf(z: StoredZ) -> bytes:
    """The printed text on an A4 page in a fixed-width font (what the paper roll shows)."""
    from fpdf import FPDF  # here, not at import: it adds to every till start otherwise

    pdf = FPDF(format="A4")
    pdf.set_title(f"Z report {z.header.z_no} - till {z.header.till_id}")
    pdf.add_page()
    pdf.set_font("Courier", size=10)
    for line in render_report(z.header, z.figures, 60):
        # Core PDF fonts are Latin-1: anything else prints as "?" rather than failing.
        pdf.cell(
            0,
            4.5,
            line.encode("latin-1", "replace").decode("latin-1"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    return bytes(pdf.output())
