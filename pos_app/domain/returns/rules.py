"""Returns: what may come back, for how much, to which tender, and who must approve
(docs/architecture.md §8).

Pure rules, no I/O. Quantities are integer thousandths (``*_milli``) like the stored sale lines.

Refund per line: the line's stored amount (after promotions, line and basket discounts) is the
most a customer can ever get back for it. Partial returns are priced cumulatively: after
returning ``r`` of ``q`` units the customer has been refunded
``round_half_up(amount * r / q)`` in total, so each return refunds the difference between the
cumulative figure after and before it. The parts therefore add up to exactly the line amount
when everything has come back, never more, whatever the order and size of the partial returns.

Refund tenders: by default back to what paid for the sale, non-cash first (card via the
terminal, store credit to its account), each up to what it paid minus what was already
refunded to it; the rest in cash. The part an exchange paid with returned goods comes back as
store credit. A receipt-less return is refunded as store credit only.

Exchanges: the part of the refund that pays for the new items (``exchanged``) never leaves the
till, so only the rest is planned over tenders, and only the rest counts against the cash limit
and the approval threshold; an even exchange within the window needs nobody.

Approval (a manager's PIN, who must not be the cashier) is needed when a return is outside its
department's window, has no receipt, exceeds the role's cash refund limit or the overall
approval threshold. Non-returnable items are refused outright.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import Label, Message, msg
from pos_app.domain.money import Currency, Money, round_half_up, sum_money
from pos_app.domain.sale.tenders import round_cash
from pos_app.domain.staff.roles import Role

__all__ = [
    "EXCHANGE_TENDER",
    "Condition",
    "CustomerIdNote",
    "Disposition",
    "IdDocument",
    "OriginalLine",
    "OriginalTender",
    "ReasonCode",
    "RefundMethod",
    "RefundPart",
    "ReturnAssessment",
    "ReturnError",
    "ReturnItem",
    "ReturnPolicy",
    "assess_return",
    "cumulative_refund_minor",
    "disposition_for",
    "line_refund_minor",
    "plan_refund",
]


class ReturnError(DomainError):
    """A return cannot be accepted as asked; the message says why."""


class ReasonCode(StrEnum):
    CHANGED_MIND = "changed_mind"
    WRONG_SIZE = "wrong_size"
    FAULTY = "faulty"
    DAMAGED_ON_ARRIVAL = "damaged_on_arrival"
    NOT_AS_DESCRIBED = "not_as_described"
    OTHER = "other"


class Condition(StrEnum):
    UNOPENED = "unopened"
    OPENED = "opened"  # opened but complete and resaleable
    DAMAGED = "damaged"
    DEFECTIVE = "defective"


class Disposition(StrEnum):
    SELLABLE = "sellable"  # back into stock that can be sold
    DAMAGED = "damaged"  # written off
    RETURN_TO_VENDOR = "return_to_vendor"  # held for the supplier


_DISPOSITION = {
    Condition.UNOPENED: Disposition.SELLABLE,
    Condition.OPENED: Disposition.SELLABLE,
    Condition.DAMAGED: Disposition.DAMAGED,
    Condition.DEFECTIVE: Disposition.RETURN_TO_VENDOR,
}


def disposition_for(condition: Condition, reason: ReasonCode) -> Disposition:
    """Where a returned item goes. A faulty item is never resold, whatever it looks like."""
    disposition = _DISPOSITION[Condition(condition)]
    if ReasonCode(reason) is ReasonCode.FAULTY and disposition is Disposition.SELLABLE:
        return Disposition.RETURN_TO_VENDOR
    return disposition


class RefundMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    STORE_CREDIT = "store_credit"
    WEB_REFUND = "web_refund"  # a web order paid online: the hub has the web store refund it


@dataclass(frozen=True)
class OriginalLine:
    """A line of the original sale with what has already come back of it (any channel)."""

    line_no: int
    sku: str
    name: str
    department: str
    quantity_milli: int
    amount_minor: int
    returned_milli: int = 0
    returnable: bool = True

    def __post_init__(self) -> None:
        if self.quantity_milli <= 0:
            raise ReturnError(
                msg("Line {line_no} sold no quantity; it cannot be returned.", line_no=self.line_no)
            )
        if self.amount_minor < 0:
            raise ReturnError(msg("Line {line_no} has a negative amount.", line_no=self.line_no))
        if self.returned_milli < 0:
            raise ReturnError(
                msg("Line {line_no}: returned quantity cannot be negative.", line_no=self.line_no)
            )

    @property
    def returnable_milli(self) -> int:
        """Bought minus already returned, never below zero."""
        return max(self.quantity_milli - self.returned_milli, 0)


def cumulative_refund_minor(line: OriginalLine, returned_milli: int) -> int:
    """Total refunded for ``line`` once ``returned_milli`` of it has come back."""
    returned = min(max(returned_milli, 0), line.quantity_milli)
    exact = Fraction(line.amount_minor * returned, line.quantity_milli)
    return int(round_half_up(exact, Decimal(1)))


def line_refund_minor(line: OriginalLine, quantity_milli: int) -> int:
    """What returning ``quantity_milli`` more of ``line`` refunds (to the minor unit)."""
    if quantity_milli <= 0:
        raise ReturnError(msg("Return at least some quantity."))
    if quantity_milli > line.returnable_milli:
        raise ReturnError(
            msg(
                "{name}: only {left} of {sold} can still be returned "
                "({returned} already came back).",
                name=line.name,
                left=_qty(line.returnable_milli),
                sold=_qty(line.quantity_milli),
                returned=_qty(line.returned_milli),
            )
        )
    before = cumulative_refund_minor(line, line.returned_milli)
    after = cumulative_refund_minor(line, line.returned_milli + quantity_milli)
    return after - before


def _qty(milli: int) -> Decimal:
    # A number, not text: the message shows it in the reader's locale ("1,5" in French).
    return Decimal(milli) / 1000


class IdDocument(StrEnum):
    DRIVING_LICENCE = "driving_licence"
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    OTHER = "other"


@dataclass(frozen=True)
class CustomerIdNote:
    """What a receipt-less return notes of the customer's ID: its type and last 4 characters.

    Never the whole number (data minimisation): ``from_number`` keeps only the tail, and the
    constructor refuses anything longer than 4 characters.
    """

    document: IdDocument
    last4: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "document", IdDocument(self.document))
        if len(self.last4) != 4 or not self.last4.isascii() or not self.last4.isalnum():
            raise ReturnError(
                msg("Note exactly the last 4 letters or digits of the customer's ID.")
            )

    @classmethod
    def from_number(cls, document: IdDocument | str, number: str) -> CustomerIdNote:
        chars = "".join(c for c in number.upper() if c.isascii() and c.isalnum())
        if len(chars) < 4:
            raise ReturnError(
                msg("Type the customer's ID number (at least its last 4 characters).")
            )
        try:
            kind = IdDocument(document)
        except ValueError:
            raise ReturnError(msg("Choose the kind of ID the customer showed.")) from None
        return cls(kind, chars[-4:])

    def as_dict(self) -> dict[str, str]:
        return {"type": str(self.document), "last4": self.last4}


@dataclass(frozen=True)
class ReturnItem:
    """One line the customer brings back: how much, why and in what state."""

    line_no: int
    quantity_milli: int
    reason: ReasonCode
    condition: Condition

    @property
    def disposition(self) -> Disposition:
        return disposition_for(self.condition, self.reason)


@dataclass(frozen=True)
class OriginalTender:
    kind: str
    amount_minor: int
    refunded_minor: int = 0
    account: str | None = None

    @property
    def refundable_minor(self) -> int:
        return max(self.amount_minor - self.refunded_minor, 0)


@dataclass(frozen=True)
class RefundPart:
    method: RefundMethod
    amount: Money
    account: str | None = None


# The return policy a store has until head office publishes one: the one home of these
# defaults, for the till (ReturnPolicy) and the hub's wire model (sync/protocol/).
# Most cash a role may refund without approval, in minor units. A fulfilment person refunds as
# an associate does (the till used to sign them in as one).
DEFAULT_CASH_LIMITS_MINOR: Mapping[str, int] = {
    str(Role.ASSOCIATE): 5000,
    str(Role.FULFILMENT): 5000,
    str(Role.SUPERVISOR): 20000,
    str(Role.MANAGER): 10**12,
}
DEFAULT_WINDOW_DAYS = 30
DEFAULT_APPROVAL_THRESHOLD_MINOR = 20000


@dataclass(frozen=True)
class ReturnPolicy:
    """Return rules as the hub publishes them (defaults for a till without any)."""

    default_window_days: int = DEFAULT_WINDOW_DAYS
    window_days_by_department: Mapping[str, int] = field(default_factory=dict)
    non_returnable_skus: frozenset[str] = frozenset()
    non_returnable_departments: frozenset[str] = frozenset()
    # Most cash a role may refund without approval, in minor units; a role not listed: none.
    cash_limit_minor_by_role: Mapping[str, int] = field(
        default_factory=lambda: dict(DEFAULT_CASH_LIMITS_MINOR)
    )
    # Any return refunding more than this (minor units) needs approval, whoever rings it.
    approval_threshold_minor: int = DEFAULT_APPROVAL_THRESHOLD_MINOR
    receiptless_allowed: bool = True

    def window_days(self, department: str) -> int:
        return self.window_days_by_department.get(department, self.default_window_days)

    def is_returnable(self, line: OriginalLine) -> bool:
        return (
            line.returnable
            and line.sku not in self.non_returnable_skus
            and line.department not in self.non_returnable_departments
        )


@dataclass(frozen=True)
class ReturnAssessment:
    """The priced return: refund per line, how it is paid back, and what needs approval."""

    refunds_minor: Mapping[int, int]  # line_no -> refund
    total: Money
    refund: tuple[RefundPart, ...]
    approval_reasons: tuple[Message, ...]
    exchanged: Money | None = None  # the part that pays for an exchange's new items

    @property
    def needs_approval(self) -> bool:
        return bool(self.approval_reasons)

    def cash_rounding(self, step: Decimal) -> Money:
        """What the drawer's rounding adds to (or takes off) the cash part of the refund: the
        drawer pays whole steps, so the customer gets ``total`` plus this back."""
        exact = sum_money(
            (p.amount for p in self.refund if p.method is RefundMethod.CASH), self.total.currency
        )
        return round_cash(exact, step) - exact

    def paid_back(self, step: Decimal) -> Money:
        """The refund the customer gets, cash rounding included (shown, paid, recorded)."""
        return self.total + self.cash_rounding(step)


def plan_refund(
    total: Money,
    tenders: Sequence[OriginalTender],
    *,
    receiptless: bool = False,
    store_credit_account: str | None = None,
    prefer: RefundMethod | None = None,
) -> tuple[RefundPart, ...]:
    """Split ``total`` over refund methods: original tenders by default (non-cash first)."""
    if total.is_negative():
        raise ReturnError(msg("A refund cannot be negative."))
    if total.is_zero():
        return ()
    if receiptless or prefer is RefundMethod.STORE_CREDIT:
        if not store_credit_account:
            raise ReturnError(
                msg("A store credit refund needs the account or gift card to credit.")
            )
        return (RefundPart(RefundMethod.STORE_CREDIT, total, store_credit_account),)
    if prefer is RefundMethod.CASH:
        return (RefundPart(RefundMethod.CASH, total),)
    parts: list[RefundPart] = []
    left = total.to_minor()
    for tender in sorted(tenders, key=lambda t: t.kind == RefundMethod.CASH):
        if left == 0:
            break
        if tender.kind == RefundMethod.CASH:
            continue
        take = min(left, tender.refundable_minor)
        if take > 0:
            account = tender.account
            if tender.kind == EXCHANGE_TENDER:
                # Paid with returned goods: back as store credit, never as cash (a card sale
                # exchanged, then returned, must not turn into cash in hand).
                if not store_credit_account:
                    raise ReturnError(msg("A store credit refund needs the account to credit."))
                method, account = RefundMethod.STORE_CREDIT, store_credit_account
            elif tender.kind in _METHODS:
                method = RefundMethod(tender.kind)
            else:
                method = RefundMethod.CASH
            parts.append(RefundPart(method, Money.from_minor(take, total.currency), account))
            left -= take
    if left:
        parts.append(RefundPart(RefundMethod.CASH, Money.from_minor(left, total.currency)))
    return tuple(_merge(parts))


_METHODS = frozenset(m.value for m in RefundMethod)
EXCHANGE_TENDER = "exchange"  # a sale paid (partly) by the goods returned in an exchange


def _merge(parts: list[RefundPart]) -> list[RefundPart]:
    merged: dict[tuple[RefundMethod, str | None], Money] = {}
    for part in parts:
        key = (part.method, part.account)
        merged[key] = merged[key] + part.amount if key in merged else part.amount
    return [RefundPart(method, amount, account) for (method, account), amount in merged.items()]


def assess_return(
    *,
    lines: Sequence[OriginalLine],
    items: Sequence[ReturnItem],
    tenders: Sequence[OriginalTender],
    policy: ReturnPolicy,
    currency: Currency,
    sold_at: datetime | None,
    now: datetime,
    role: str,
    receiptless: bool = False,
    store_credit_account: str | None = None,
    prefer: RefundMethod | None = None,
    exchanged: Money | None = None,
) -> ReturnAssessment:
    """Price a return and list why it needs approval; raise ReturnError if it cannot be done.

    ``exchanged``: how much of the refund pays for an exchange's new items (at most all of it).
    """
    if not items:
        raise ReturnError(msg("Choose at least one line to return."))
    by_no = {line.line_no: line for line in lines}
    seen: set[int] = set()
    refunds: dict[int, int] = {}
    reasons: list[Message] = []
    for item in items:
        line = by_no.get(item.line_no)
        if line is None:
            raise ReturnError(msg("The sale has no line {line_no}.", line_no=item.line_no))
        if item.line_no in seen:
            raise ReturnError(
                msg("Line {line_no} is listed twice; combine the quantities.", line_no=item.line_no)
            )
        seen.add(item.line_no)
        if not policy.is_returnable(line):
            raise ReturnError(
                msg("{name} cannot be returned (non-returnable item).", name=line.name)
            )
        refunds[item.line_no] = line_refund_minor(line, item.quantity_milli)
        if sold_at is not None:
            window = policy.window_days(line.department)
            if now - sold_at > timedelta(days=window):
                reasons.append(
                    msg("{name}: outside the {days}-day return window", name=line.name, days=window)
                )
    if receiptless:
        if not policy.receiptless_allowed:
            raise ReturnError(msg("This store does not take returns without a receipt."))
        reasons.append(msg("no receipt: store credit only"))
    total = Money.from_minor(sum(refunds.values()), currency)
    kept = Money.zero(currency) if exchanged is None else exchanged
    if kept.is_negative() or kept > total:
        raise ReturnError(
            msg("An exchange can use between 0 and {total} of this refund.", total=total)
        )
    paid_back = total - kept
    parts = plan_refund(
        paid_back,
        tenders,
        receiptless=receiptless,
        store_credit_account=store_credit_account,
        prefer=prefer,
    )
    cash = sum_money((p.amount for p in parts if p.method is RefundMethod.CASH), currency)
    limit = Money.from_minor(policy.cash_limit_minor_by_role.get(role, 0), currency)
    if cash > limit:
        reasons.append(
            msg(
                "cash refund of {cash} is above the {role} limit of {limit}",
                cash=cash,
                role=Label(role),
                limit=limit,
            )
        )
    if paid_back.to_minor() > policy.approval_threshold_minor:
        threshold = Money.from_minor(policy.approval_threshold_minor, currency)
        reasons.append(
            msg(
                "refund of {paid_back} is above the approval threshold of {threshold}",
                paid_back=paid_back,
                threshold=threshold,
            )
        )
    return ReturnAssessment(
        refunds_minor=refunds,
        total=total,
        refund=parts,
        approval_reasons=tuple(reasons),
        exchanged=exchanged,
    )
