"""Reason codes: the preset reasons a till offers when a discount, a price override, a void, a
line void, a no-sale, a paid in/out, a safe drop or a return needs one (docs/architecture.md
§1.2, one home for each rule).

Head office sets them for the chain (the hub's ``reason_codes``, sent to the tills in the feed
as one whole set); a till that never got a set uses ``DEFAULT_REASON_CODES``. A till offers the
presets of the action's kind as big buttons, plus optional text (required for a code marked
``needs_text``, e.g. "Other"), so a reason is one touch, not words typed on a number pad. The
hub and the till both check a set with ``parse_reason_codes``: what one accepts the other does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import N_, Label, msg

__all__ = [
    "DEFAULT_REASON_CODES",
    "MAX_CODES",
    "ReasonCode",
    "ReasonCodeError",
    "ReasonKind",
    "for_kind",
    "parse_reason_codes",
    "reason_text",
]

MAX_CODES = 200  # a whole chain's set; a kind shows at most MAX_PER_KIND buttons
MAX_PER_KIND = 12
MAX_LABEL = 40
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")


class ReasonCodeError(DomainError):
    """A reason code set that cannot be used: what is wrong, in words."""


class ReasonKind(StrEnum):
    DISCOUNT = "discount"
    PRICE_OVERRIDE = "price_override"
    VOID = "void"
    LINE_VOID = "line_void"
    NO_SALE = "no_sale"
    PAID_IN = "paid_in"
    PAID_OUT = "paid_out"
    SAFE_DROP = "safe_drop"  # cash taken from the drawer to the safe (the Shift screen)
    RETURN = "return"


@dataclass(frozen=True)
class ReasonCode:
    code: str
    kind: ReasonKind
    label: str
    needs_text: bool = False  # "Other": the words are required, not optional

    def to_data(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind.value,
            "label": self.label,
            "needs_text": self.needs_text,
        }


def _defaults() -> tuple[ReasonCode, ...]:
    # N_: the default labels are message ids, shown in the till's language (the domain
    # catalogs); a label head office sets is shown as written.
    table: dict[ReasonKind, tuple[tuple[str, str], ...]] = {
        ReasonKind.DISCOUNT: (("DAMAGED", N_("Damaged")), ("PRICE_MATCH", N_("Price match")),
                              ("LOYALTY", N_("Loyal customer")),
                              ("STAFF", N_("Staff discount"))),
        ReasonKind.PRICE_OVERRIDE: (("WRONG_LABEL", N_("Wrong shelf label")),
                                    ("PRICE_MATCH", N_("Price match")),
                                    ("DAMAGED", N_("Damaged"))),
        ReasonKind.VOID: (("CUSTOMER_LEFT", N_("Customer left")),
                          ("CHANGED_MIND", N_("Changed mind")),
                          ("NO_PAYMENT", N_("Payment failed"))),
        ReasonKind.LINE_VOID: (("WRONG_ITEM", N_("Wrong item")),
                               ("CHANGED_MIND", N_("Changed mind")),
                               ("SCANNED_TWICE", N_("Scanned twice"))),
        ReasonKind.NO_SALE: (("CHANGE", N_("Give change")),
                             ("CHECK_FLOAT", N_("Check the float"))),
        ReasonKind.PAID_IN: (("FLOAT_TOP_UP", N_("Float top-up")),),
        ReasonKind.PAID_OUT: (("SUPPLIES", N_("Store supplies")),
                              ("DELIVERY", N_("Delivery paid"))),
        # Why the cash leaves now: the drawer holds more than it should, or the bank is due.
        ReasonKind.SAFE_DROP: (("DRAWER_LIMIT", N_("Drawer over its limit")),
                               ("BANKING", N_("Cash for the bank"))),
        ReasonKind.RETURN: (("FAULTY", N_("Faulty")), ("WRONG_SIZE", N_("Wrong size")),
                            ("CHANGED_MIND", N_("Changed mind"))),
    }  # fmt: skip
    codes = [ReasonCode(c, kind, label) for kind, rows in table.items() for c, label in rows]
    codes += [ReasonCode("OTHER", kind, N_("Other"), needs_text=True) for kind in ReasonKind]
    return tuple(codes)


DEFAULT_REASON_CODES: tuple[ReasonCode, ...] = _defaults()


def parse_reason_codes(rows: Iterable[Mapping[str, Any]]) -> tuple[ReasonCode, ...]:
    """A whole set from data (the hub's API, the feed); ReasonCodeError says what is wrong
    and nothing of a bad set is used."""
    codes: list[ReasonCode] = []
    seen: set[tuple[ReasonKind, str]] = set()
    for index, row in enumerate(rows):
        where = index + 1
        if len(codes) >= MAX_CODES:
            raise ReasonCodeError(msg("There can be at most {most} reason codes.", most=MAX_CODES))
        if not isinstance(row, Mapping):
            raise ReasonCodeError(msg("Reason code {number}: not an object.", number=where))
        code, kind, label = row.get("code"), row.get("kind"), row.get("label")
        if not isinstance(code, str) or not _CODE.match(code):
            raise ReasonCodeError(
                msg(
                    "Reason code {number}: the code must be 1-20 capitals, digits, _ or - "
                    "(got {code}).",
                    number=where,
                    code=repr(str(code)[:30]),
                )
            )
        try:
            parsed_kind = ReasonKind(str(kind))
        except ValueError:
            known = ", ".join(ReasonKind)
            raise ReasonCodeError(
                msg(
                    "Reason code {number}: unknown kind {kind} (known: {known}).",
                    number=where,
                    kind=repr(str(kind)[:30]),
                    known=known,
                )
            ) from None
        if not isinstance(label, str) or not label.strip() or len(label.strip()) > MAX_LABEL:
            raise ReasonCodeError(
                msg(
                    "Reason code {number}: the label must be 1-{most} characters.",
                    number=where,
                    most=MAX_LABEL,
                )
            )
        needs_text = row.get("needs_text", False)
        if not isinstance(needs_text, bool):
            raise ReasonCodeError(
                msg("Reason code {number}: needs_text must be true or false.", number=where)
            )
        if (parsed_kind, code) in seen:
            raise ReasonCodeError(
                msg(
                    "Reason code {number}: {code} is twice in {kind}.",
                    number=where,
                    code=code,
                    kind=parsed_kind.value,
                )
            )
        seen.add((parsed_kind, code))
        codes.append(ReasonCode(code, parsed_kind, label.strip(), needs_text))
    per_kind = {kind: sum(1 for c in codes if c.kind is kind) for kind in ReasonKind}
    crowded = [kind.value for kind, n in per_kind.items() if n > MAX_PER_KIND]
    if crowded:
        raise ReasonCodeError(
            msg(
                "There can be at most {most} codes per kind ({kinds}).",
                most=MAX_PER_KIND,
                kinds=", ".join(crowded),
            )
        )
    return tuple(codes)


def for_kind(codes: Sequence[ReasonCode], kind: ReasonKind) -> tuple[ReasonCode, ...]:
    """The presets a till offers for ``kind``: the set's own, or the defaults' when the set
    has none of that kind (an empty set is "not set", never "no reasons")."""
    own = tuple(c for c in codes if c.kind is kind)
    return own or tuple(c for c in DEFAULT_REASON_CODES if c.kind is kind)


def reason_text(code: ReasonCode | None, text: str) -> str:
    """What is journaled with the action: "Damaged: corner crushed", "Damaged" or the text.
    Raises ReasonCodeError when nothing was given or a code needs words and has none."""
    words = " ".join(text.split())
    if code is None:
        if not words:
            raise ReasonCodeError(msg("Choose a reason."))
        return words
    if code.needs_text and not words:
        # A default's label is a message id ("Other"); head office's own passes through.
        raise ReasonCodeError(msg("{reason}: say what the reason is.", reason=Label(code.label)))
    return f"{code.label}: {words}" if words else code.label
