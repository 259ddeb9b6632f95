"""Returns in tax-exclusive stores: refund net + the tax charged on the original line.

Each line of the original sale gets its share of the tax its class was charged (the class tax
split pro rata over its lines by ``allocate``, so the shares add up exactly); a return refunds
that gross amount cumulatively (``cumulative_refund_minor``), and its net part is priced the
same way, so the return rows keep net amounts like exclusive sales and the tax lines carry the
refunded tax. Returning everything refunds exactly what was paid, tax included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pos_app.db.models import SaleLine, SaleTaxLine
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, Money, allocate, currency_by_code
from pos_app.domain.returns.rules import (
    ReturnAssessment,
    ReturnError,
    ReturnItem,
    cumulative_refund_minor,
)
from pos_app.domain.tax import TaxLine, TaxRate

if TYPE_CHECKING:
    from pos_app.services.returns.in_store import ReturnableLine


def with_tax_charged(
    lines: tuple[ReturnableLine, ...], tax_rows: Sequence[SaleTaxLine], currency_code: str
) -> tuple[ReturnableLine, ...]:
    """Each line of a tax-exclusive sale with its share of the tax its class was charged.

    The class's tax is split over its lines pro rata to their net amounts (``allocate``: the
    shares add up to the tax exactly), so refunding every line refunds exactly what was paid.
    """
    currency = currency_by_code(currency_code)
    tax_by_class = {t.tax_class: t.tax_minor for t in tax_rows}
    shares: dict[int, int] = {}
    for tax_class, tax_minor in tax_by_class.items():
        members = [ln for ln in lines if ln.tax_class == tax_class]
        if not members:
            continue
        split = allocate(
            Money.from_minor(tax_minor, currency), [ln.original.amount_minor for ln in members]
        )
        for ln, share in zip(members, split, strict=True):
            shares[ln.original.line_no] = share.to_minor()
    return tuple(
        replace(
            ln,
            original=replace(
                ln.original,
                amount_minor=ln.original.amount_minor + shares.get(ln.original.line_no, 0),
            ),
            net_minor=ln.original.amount_minor,
        )
        for ln in lines
    )


def exclusive_net_parts(
    by_no: dict[int, ReturnableLine], items: Sequence[ReturnItem]
) -> dict[int, int]:
    """The net part of each returned line's refund (the rest of it is tax).

    The refund itself (net + tax) is priced cumulatively by the domain. Its tax part is the
    line's tax share priced the same way, capped at the refund: rounding the two on their own
    could otherwise make a cent of "negative tax" on a small partial return. So a refund's tax
    part is never negative nor more than the line was charged; in a rare case a cent of tax is
    refunded as net instead, and the refund as a whole is still exact.
    """
    out: dict[int, int] = {}
    for item in items:
        line = by_no[item.line_no]
        gross_line = line.original
        tax_line = replace(gross_line, amount_minor=gross_line.amount_minor - (line.net_minor or 0))
        done, now = gross_line.returned_milli, gross_line.returned_milli + item.quantity_milli
        gross = cumulative_refund_minor(gross_line, now) - cumulative_refund_minor(gross_line, done)
        tax = cumulative_refund_minor(tax_line, now) - cumulative_refund_minor(tax_line, done)
        out[item.line_no] = gross - min(tax, gross)
    return out


def exclusive_tax_lines(
    rows: Sequence[SaleLine],
    items: Sequence[ReturnItem],
    assessment: ReturnAssessment,
    nets: dict[int, int],
    rates: dict[str, TaxRate],
    currency: Currency,
) -> list[TaxLine]:
    net_by_class: dict[str, int] = defaultdict(int)
    tax_by_class: dict[str, int] = defaultdict(int)
    for row, item in zip(rows, items, strict=True):
        net_by_class[row.tax_class] -= nets[item.line_no]
        tax_by_class[row.tax_class] -= assessment.refunds_minor[item.line_no] - nets[item.line_no]
    out: list[TaxLine] = []
    for tax_class in sorted(net_by_class):
        rate = rates.get(tax_class)
        if rate is None:
            raise ReturnError(
                msg(
                    "No tax rate for class {tax_class}; the return cannot be taxed.",
                    tax_class=tax_class,
                )
            )
        net = Money.from_minor(net_by_class[tax_class], currency)
        tax = Money.from_minor(tax_by_class[tax_class], currency)
        out.append(TaxLine(tax_class, rate.label, rate.rate, net, tax, net + tax))
    return out


__all__ = ["exclusive_net_parts", "exclusive_tax_lines", "with_tax_charged"]
