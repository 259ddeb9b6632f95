"""Returns rules: returnable quantity, pro-rata refunds, policy, dispositions, refund tenders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.money import EUR, Money
from pos_app.domain.returns.rules import (
    Condition,
    Disposition,
    OriginalLine,
    OriginalTender,
    ReasonCode,
    RefundMethod,
    ReturnAssessment,
    ReturnError,
    ReturnItem,
    ReturnPolicy,
    assess_return,
    cumulative_refund_minor,
    disposition_for,
    line_refund_minor,
    plan_refund,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def line(
    line_no: int = 1,
    qty: int = 3000,
    amount: int = 1000,
    returned: int = 0,
    department: str = "grocery",
    sku: str = "COF-1",
) -> OriginalLine:
    return OriginalLine(
        line_no=line_no,
        sku=sku,
        name=f"Item {line_no}",
        department=department,
        quantity_milli=qty,
        amount_minor=amount,
        returned_milli=returned,
    )


def item(
    line_no: int = 1, qty: int = 1000, condition: Condition = Condition.UNOPENED
) -> ReturnItem:
    return ReturnItem(line_no, qty, ReasonCode.CHANGED_MIND, condition)


def test_returnable_quantity_is_bought_minus_returned() -> None:
    assert line(qty=3000, returned=1000).returnable_milli == 2000
    assert line(qty=3000, returned=3000).returnable_milli == 0


def test_partial_refunds_are_pro_rata_and_add_up_to_the_line_amount() -> None:
    # 3 units for 10.00 after discounts: 3.33 + 3.34 + 3.33 = 10.00 exactly.
    first = line_refund_minor(line(amount=1000), 1000)
    second = line_refund_minor(line(amount=1000, returned=1000), 1000)
    third = line_refund_minor(line(amount=1000, returned=2000), 1000)
    assert (first, second, third) == (333, 334, 333)
    assert first + second + third == 1000


def test_refund_uses_the_stored_amount_after_discounts() -> None:
    # 2 x 8.99 with a 3.00 promotion: the stored amount 14.98 is what comes back.
    assert line_refund_minor(line(qty=2000, amount=1498), 2000) == 1498
    assert line_refund_minor(line(qty=2000, amount=1498), 1000) == 749


def test_returning_more_than_remains_is_refused_clearly() -> None:
    with pytest.raises(ReturnError, match=r"only 1 of 3 can still be returned \(2 already"):
        line_refund_minor(line(returned=2000), 2000)
    with pytest.raises(ReturnError, match="at least some"):
        line_refund_minor(line(), 0)


def test_weighed_quantities_are_refunded_to_the_cent() -> None:
    bananas = line(qty=1234, amount=246)  # 1.234 kg for 2.46
    assert line_refund_minor(bananas, 617) == 123
    assert line_refund_minor(line(qty=1234, amount=246, returned=617), 617) == 123


@pytest.mark.parametrize(
    ("condition", "reason", "expected"),
    [
        (Condition.UNOPENED, ReasonCode.CHANGED_MIND, Disposition.SELLABLE),
        (Condition.OPENED, ReasonCode.WRONG_SIZE, Disposition.SELLABLE),
        (Condition.DAMAGED, ReasonCode.CHANGED_MIND, Disposition.DAMAGED),
        (Condition.DEFECTIVE, ReasonCode.FAULTY, Disposition.RETURN_TO_VENDOR),
        (Condition.UNOPENED, ReasonCode.FAULTY, Disposition.RETURN_TO_VENDOR),
    ],
)
def test_condition_and_reason_decide_the_disposition(
    condition: Condition, reason: ReasonCode, expected: Disposition
) -> None:
    assert disposition_for(condition, reason) is expected


def test_refund_goes_back_to_card_first_then_cash() -> None:
    tenders = [OriginalTender("cash", 500), OriginalTender("card", 700, refunded_minor=200)]
    parts = plan_refund(Money.from_minor(800, EUR), tenders)
    assert [(p.method, p.amount.to_minor()) for p in parts] == [
        (RefundMethod.CARD, 500),
        (RefundMethod.CASH, 300),
    ]


def test_receiptless_refund_is_store_credit_only_and_needs_an_account() -> None:
    parts = plan_refund(
        Money.from_minor(800, EUR), [], receiptless=True, store_credit_account="SC9"
    )
    assert [(p.method, p.account) for p in parts] == [(RefundMethod.STORE_CREDIT, "SC9")]
    with pytest.raises(ReturnError, match="account"):
        plan_refund(Money.from_minor(800, EUR), [], receiptless=True)


def assess(**kwargs: Any) -> ReturnAssessment:
    defaults: dict[str, Any] = {
        "lines": [line()],
        "items": [item()],
        "tenders": [OriginalTender("cash", 1000)],
        "policy": ReturnPolicy(),
        "currency": EUR,
        "sold_at": NOW - timedelta(days=1),
        "now": NOW,
        "role": "associate",
    }
    defaults.update(kwargs)
    return assess_return(**defaults)


def test_a_small_in_window_return_needs_no_approval() -> None:
    result = assess()
    assert result.total == Money.from_minor(333, EUR)
    assert not result.needs_approval


def test_outside_the_department_window_needs_approval() -> None:
    policy = ReturnPolicy(window_days_by_department={"grocery": 7})
    result = assess(policy=policy, sold_at=NOW - timedelta(days=8))
    assert [str(r) for r in result.approval_reasons] == ["Item 1: outside the 7-day return window"]
    assert not assess(policy=policy, sold_at=NOW - timedelta(days=7)).needs_approval


def test_cash_above_the_role_limit_and_totals_above_threshold_need_approval() -> None:
    big = [line(qty=1000, amount=30000)]
    result = assess(lines=big, tenders=[OriginalTender("cash", 30000)])
    reasons = [str(r) for r in result.approval_reasons]
    assert any("above the associate limit" in r for r in reasons)
    assert any("approval threshold" in r for r in reasons)
    manager = assess(lines=big, tenders=[OriginalTender("cash", 30000)], role="manager")
    assert [r for r in manager.approval_reasons if "limit" in str(r)] == []


def test_non_returnable_items_and_unknown_or_duplicate_lines_are_refused() -> None:
    with pytest.raises(ReturnError, match="non-returnable"):
        assess(policy=ReturnPolicy(non_returnable_departments=frozenset({"grocery"})))
    with pytest.raises(ReturnError, match="no line 9"):
        assess(items=[item(9)])
    with pytest.raises(ReturnError, match="twice"):
        assess(items=[item(), item()])


def test_receiptless_return_needs_approval_and_refunds_store_credit() -> None:
    result = assess(receiptless=True, sold_at=None, store_credit_account="SC1")
    assert result.needs_approval
    assert [p.method for p in result.refund] == [RefundMethod.STORE_CREDIT]


@settings(max_examples=300, deadline=None)
@given(
    qty=st.integers(min_value=1, max_value=50_000),
    amount=st.integers(min_value=0, max_value=10**9),
    data=st.data(),
)
def test_partial_returns_never_refund_more_than_the_line_amount(
    qty: int, amount: int, data: st.DataObject
) -> None:
    returned = 0
    refunded = 0
    while returned < qty and data.draw(st.booleans()):
        step = data.draw(st.integers(min_value=1, max_value=qty - returned))
        got = line_refund_minor(line(qty=qty, amount=amount, returned=returned), step)
        assert got >= 0
        refunded += got
        returned += step
        assert refunded <= amount
        assert refunded == cumulative_refund_minor(line(qty=qty, amount=amount), returned)
    if returned < qty:
        refunded += line_refund_minor(
            line(qty=qty, amount=amount, returned=returned), qty - returned
        )
    assert refunded == amount


@settings(max_examples=200, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**7),
    tenders=st.lists(
        st.tuples(st.sampled_from(["cash", "card", "store_credit"]), st.integers(1, 10**7)),
        max_size=4,
    ),
)
def test_refund_plan_adds_up_and_never_overdraws_a_non_cash_tender(
    total: int, tenders: list[tuple[str, int]]
) -> None:
    originals = [OriginalTender(kind, amount, account="A") for kind, amount in tenders]
    parts = plan_refund(Money.from_minor(total, EUR), originals)
    assert sum(p.amount.to_minor() for p in parts) == total
    for method in (RefundMethod.CARD, RefundMethod.STORE_CREDIT):
        paid = sum(a for k, a in tenders if k == method)
        assert sum(p.amount.to_minor() for p in parts if p.method is method) <= paid
