"""Store rules head office sets and the feed carries: the return policy and the reason codes."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from pos_app.domain.reasons import MAX_CODES as MAX_REASON_CODES
from pos_app.domain.reasons import ReasonKind, parse_reason_codes
from pos_app.domain.returns.rules import (
    DEFAULT_APPROVAL_THRESHOLD_MINOR,
    DEFAULT_CASH_LIMITS_MINOR,
    DEFAULT_WINDOW_DAYS,
)
from sync.protocol.common import MAX_AMOUNT, Sku, WireModel
from sync.protocol.returns import Days, Department, Role


class ReturnPolicyIn(WireModel):
    """A store's return rules, authored at head office and sent to its tills in the feed."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # a typo is an error, not ignored

    default_window_days: Days = DEFAULT_WINDOW_DAYS
    window_days_by_department: dict[Department, Days] = Field(default={}, max_length=500)
    non_returnable_skus: list[Sku] = Field(default=[], max_length=10_000)
    non_returnable_departments: list[Department] = Field(default=[], max_length=500)
    receiptless_allowed: bool = True
    cash_limit_minor_by_role: dict[Role, Annotated[int, Field(ge=0, le=MAX_AMOUNT)]] = Field(
        default=dict(DEFAULT_CASH_LIMITS_MINOR),
        description="most cash a role refunds without approval; a role not listed: none",
    )
    approval_threshold_minor: Annotated[int, Field(ge=0, le=MAX_AMOUNT)] = (
        DEFAULT_APPROVAL_THRESHOLD_MINOR
    )


class ReasonCodeIn(WireModel):
    """A preset reason (pos_app/domain/reasons.py checks a whole set)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9_-]{0,19}$")]
    kind: ReasonKind
    label: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    needs_text: bool = False


class ReasonCodesIn(WireModel):
    """The chain's reason codes, replaced whole; an empty set means the tills' defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    codes: list[ReasonCodeIn] = Field(default=[], max_length=MAX_REASON_CODES)

    @model_validator(mode="after")
    def _one_set_of_rules(self) -> ReasonCodesIn:
        parse_reason_codes(c.model_dump(mode="json") for c in self.codes)  # the domain's check
        return self
