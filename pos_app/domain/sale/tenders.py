"""Tenders (cash, card, store credit) and settling a total with them.

Settlement rules:

- Non-cash tenders (card, store credit) are applied first, whatever order they were entered
  in; together they may not exceed the total, because only cash gives change.
- Cash rounding (e.g. to 0.05 where 1- and 2-cent coins are gone) applies only when cash is
  tendered, and only to the part left for cash: (total - non-cash) rounded ROUND_HALF_UP to
  the step. The difference is the ``rounding_adjustment``; the amount due becomes
  total + adjustment. Without a cash tender the adjustment is zero.
- Change = cash tendered - cash due, never negative.

PCI: the till never holds a card number. A CardReference keeps what the payment terminal
returns (approval code, last four digits, scheme, terminal reference) and refuses anything
that looks like a full card number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pos_app.domain.errors import CurrencyMismatchError, TenderError
from pos_app.domain.l10n.messages import N_, Label, msg
from pos_app.domain.money import Currency, Money, round_half_up, sum_money

__all__ = [
    "CardReference",
    "Settlement",
    "Tender",
    "TenderError",
    "TenderKind",
    "cash_due",
    "settle",
]

# 12+ digits, optionally grouped by single spaces or dashes ("4111 1111 1111 1111").
_PAN_LIKE = re.compile(r"\d(?:[ -]?\d){11,}")
_APPROVAL = re.compile(r"[A-Za-z0-9]{1,12}")
_LAST4 = re.compile(r"[0-9]{4}")
_MAX_FIELD = 40


class TenderKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    STORE_CREDIT = "store_credit"
    # The value of items returned in the same exchange; ``account`` names that return's receipt.
    EXCHANGE = "exchange"


@dataclass(frozen=True)
class CardReference:
    approval_code: str
    last4: str
    scheme: str
    terminal_ref: str = ""

    def __post_init__(self) -> None:
        fields = {
            N_("approval code"): self.approval_code,
            N_("last four digits"): self.last4,
            N_("card scheme"): self.scheme,
            N_("terminal reference"): self.terminal_ref,
        }
        for name, value in fields.items():
            if not isinstance(value, str):
                raise TypeError(f"Card {name} must be a str.")
            # Checked first and on every field: a PAN must never get as far as a log line or
            # an error message, whichever field it was typed into.
            if _PAN_LIKE.search(value):
                raise TenderError(
                    msg(
                        "The {field} looks like a full card number. The till must never record "
                        "card numbers: enter only what the terminal printed.",
                        field=Label(name),
                    )
                )
            if len(value) > _MAX_FIELD:
                raise TenderError(msg("The card {field} is too long.", field=Label(name)))
        if not _LAST4.fullmatch(self.last4):
            raise TenderError(msg("Enter exactly the last 4 digits of the card."))
        if not _APPROVAL.fullmatch(self.approval_code):
            raise TenderError(msg("The approval code must be 1 to 12 letters or digits."))
        if not self.scheme.strip():
            raise TenderError(msg("Enter the card scheme (e.g. VISA)."))


@dataclass(frozen=True)
class Tender:
    kind: TenderKind
    amount: Money
    card: CardReference | None = None
    account: str | None = None

    def __post_init__(self) -> None:
        kind = TenderKind(self.kind)
        object.__setattr__(self, "kind", kind)  # accept "cash" and still compare with `is`
        if not isinstance(self.amount, Money):
            raise TypeError("Tender.amount must be Money.")
        if not self.amount.is_positive():
            raise TenderError(msg("A payment must be more than zero."))
        if not self.amount.is_on_quantum():
            raise TenderError(
                msg("A payment of {amount} has more decimals than allowed.", amount=self.amount)
            )
        if (kind is TenderKind.CARD) != (self.card is not None):
            raise TenderError(
                msg("A card payment needs the terminal's approval details.")
                if kind is TenderKind.CARD
                else msg("Only card payments carry card details.")
            )
        has_account = self.account is not None and bool(self.account.strip())
        with_account = (TenderKind.STORE_CREDIT, TenderKind.EXCHANGE)
        if kind in with_account and not has_account:
            raise TenderError(
                msg("A store credit payment needs the account or gift card.")
                if kind is TenderKind.STORE_CREDIT
                else msg("An exchange credit needs the receipt of its return.")
            )
        if kind not in with_account and self.account is not None:
            raise TenderError(msg("Only store credit payments carry an account."))

    @property
    def is_cash(self) -> bool:
        return self.kind is TenderKind.CASH


@dataclass(frozen=True)
class Settlement:
    total: Money
    rounding_adjustment: Money
    amount_due: Money
    paid: Money
    change: Money
    remaining: Money
    tenders: tuple[Tender, ...]

    @property
    def is_complete(self) -> bool:
        return self.remaining.is_zero()


def _check_step(step: Decimal, currency: Currency) -> Decimal | None:
    """The effective cash rounding step, or None when it does not round anything."""
    if not isinstance(step, Decimal):
        raise TypeError("The cash rounding step must be a Decimal.")
    if not step.is_finite() or step < 0:
        raise TenderError(msg("The cash rounding step cannot be negative."))
    if step == 0 or step <= currency.quantum:
        return None
    if step % currency.quantum != 0:
        raise TenderError(
            msg(
                "A cash rounding step of {step} is not a whole number of {currency} minor units.",
                step=step, currency=currency.code,
            )
        )  # fmt: skip
    return step


def _round_cash(portion: Money, step: Decimal | None) -> Money:
    if step is None:
        return portion
    return Money(round_half_up(portion.amount, step), portion.currency).rounded()


def round_cash(amount: Money, step: Decimal) -> Money:
    """What changes hands in cash for ``amount`` at the store's rounding step (a sale's cash
    due, a refund's cash paid back): the one home of that rounding."""
    return _round_cash(amount, _check_step(step, amount.currency))


def _check_total(total: Money) -> None:
    if not total.is_on_quantum():
        raise TenderError(msg("The total {total} is not rounded to the minor unit.", total=total))
    if total.is_negative():
        raise TenderError(msg("A negative total is a refund; it cannot be settled as a sale."))


def cash_due(total: Money, already_paid_non_cash: Money, step: Decimal) -> Money:
    """What the customer must hand over in cash to finish paying ``total``."""
    _check_total(total)
    if already_paid_non_cash.currency != total.currency:
        raise CurrencyMismatchError(msg("Payments must be in the sale's currency."))
    if already_paid_non_cash > total:
        raise TenderError(
            msg(
                "Card and store credit payments ({paid}) exceed the total {total}.",
                paid=already_paid_non_cash, total=total,
            )
        )  # fmt: skip
    return _round_cash(total - already_paid_non_cash, _check_step(step, total.currency))


def settle(total: Money, tenders: Sequence[Tender], cash_rounding_step: Decimal) -> Settlement:
    _check_total(total)
    currency = total.currency
    step = _check_step(cash_rounding_step, currency)
    zero = Money.zero(currency)
    for tender in tenders:
        if tender.amount.currency != currency:
            raise CurrencyMismatchError(
                msg(
                    "A {paid_in} payment cannot pay a {currency} sale.",
                    paid_in=tender.amount.currency.code, currency=currency.code,
                )
            )  # fmt: skip

    non_cash = zero
    for tender in tenders:
        if tender.is_cash:
            continue
        left = total - non_cash
        if tender.amount > left:
            what = {
                TenderKind.CARD: N_("card payment"),
                TenderKind.EXCHANGE: N_("exchange credit"),
            }.get(tender.kind, N_("store credit payment"))
            raise TenderError(
                msg(
                    "The {what} of {amount} is more than the {left} still due. "
                    "Only cash can be overpaid (it gives change).",
                    what=Label(what), amount=tender.amount, left=left,
                )
            )  # fmt: skip
        non_cash = non_cash + tender.amount

    cash = sum_money((t.amount for t in tenders if t.is_cash), currency)
    if any(t.is_cash for t in tenders):
        portion = total - non_cash
        due_in_cash = _round_cash(portion, step)
        adjustment = due_in_cash - portion
    else:
        due_in_cash = total - non_cash
        adjustment = zero
    return Settlement(
        total=total,
        rounding_adjustment=adjustment,
        amount_due=total + adjustment,
        paid=non_cash + cash,
        change=max(cash - due_in_cash, zero),
        remaining=max(due_in_cash - cash, zero),
        tenders=tuple(tenders),
    )
