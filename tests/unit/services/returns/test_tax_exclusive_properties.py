"""Property: in a tax-exclusive store, any sequence of partial returns refunds each line at
most net + the tax it was charged, exactly that once everything is back; no refund has a
negative tax or net part, and no line gets back more tax than it was charged."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.db.models import SaleTaxLine
from pos_app.domain.money import round_half_up
from pos_app.domain.returns.rules import (
    Condition,
    OriginalLine,
    ReasonCode,
    ReturnItem,
    line_refund_minor,
)
from pos_app.services.returns.in_store import ReturnableLine
from pos_app.services.returns.tax_exclusive import exclusive_net_parts, with_tax_charged


@st.composite
def sales(draw: st.DrawFn) -> tuple[list[ReturnableLine], int, list[list[int]]]:
    count = draw(st.integers(1, 4))
    lines = []
    for no in range(1, count + 1):
        qty = draw(st.integers(1, 5)) * 1000
        net = draw(st.integers(0, 50_000))
        lines.append(
            ReturnableLine(
                original=OriginalLine(no, f"SKU-{no}", f"Item {no}", "d", qty, net),
                unit_price_minor=net,
                tax_class="standard",
            )
        )
    rate = draw(st.sampled_from(["0.2", "0.055", "0.0825", "0.07"]))
    total_net = sum(ln.original.amount_minor for ln in lines)
    tax = int(round_half_up(Decimal(total_net) * Decimal(rate), Decimal(1)))
    # Per line, how its quantity comes back: a partition in whole units.
    plans = []
    for ln in lines:
        left, steps = ln.original.quantity_milli, []
        while left:
            step = draw(st.integers(1, left // 1000)) * 1000
            steps.append(step)
            left -= step
        plans.append(steps)
    return lines, tax, plans


@settings(max_examples=300, deadline=None)
@given(sales())
def test_partial_returns_refund_net_plus_tax_as_charged(
    case: tuple[list[ReturnableLine], int, list[list[int]]],
) -> None:
    lines, tax, plans = case
    row = SaleTaxLine(tax_class="standard", label="T", rate="0", net_minor=0, tax_minor=tax)
    priced = with_tax_charged(tuple(lines), [row], "EUR")
    assert sum(ln.original.amount_minor - (ln.net_minor or 0) for ln in priced) == tax
    for line, steps in zip(priced, plans, strict=True):
        returned, gross_back, tax_back = 0, 0, 0
        for step in steps:
            current = ReturnableLine(
                original=OriginalLine(
                    line.original.line_no, line.original.sku, line.original.name, "d",
                    line.original.quantity_milli, line.original.amount_minor, returned,
                ),
                unit_price_minor=line.unit_price_minor,
                tax_class="standard",
                net_minor=line.net_minor,
            )  # fmt: skip
            gross = line_refund_minor(current.original, step)
            item = ReturnItem(line.original.line_no, step, ReasonCode.OTHER, Condition.OPENED)
            net = exclusive_net_parts({line.original.line_no: current}, [item])[
                line.original.line_no
            ]
            assert 0 <= net <= gross  # neither part of a refund is negative
            gross_back += gross
            tax_back += gross - net
            returned += step
            assert gross_back <= line.original.amount_minor
            assert tax_back <= line.original.amount_minor - (line.net_minor or 0)
        assert gross_back == line.original.amount_minor
