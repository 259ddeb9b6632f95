"""A shift's figures: what an X report shows at any time and a Z report freezes.

Pure arithmetic over plain records the service reads from the till database (sales, returns,
their tenders, lines and tax; cash movements; approvals). Every amount is in minor units, so
the figures serialise to canonical JSON for the journal without floats.

Expected per tender: cash is the float + cash taken − change given + cash refunded (negative)
+ paid-ins − paid-outs − safe drops; card, store credit, gift card and exchange are the sums of
their tender rows (refunds negative). Over/short = counted − expected.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "TENDERS",
    "Approval",
    "Channel",
    "MovementKind",
    "MovementRecord",
    "ShiftFigures",
    "TransactionRecord",
    "compute_figures",
]

# The tenders a Z lists, always all of them (a zero line is information too).
TENDERS: tuple[str, ...] = ("cash", "card", "store_credit", "gift_card", "exchange")


class Channel(StrEnum):
    IN_STORE = "in_store"
    CLICK_COLLECT = "click_collect"  # a web order paid in store at hand-over
    ONLINE_REFUND = "online_refund"  # a web order returned (refunded) in store


class MovementKind(StrEnum):
    PAID_IN = "paid_in"
    PAID_OUT = "paid_out"
    SAFE_DROP = "safe_drop"
    NO_SALE = "no_sale"

    @property
    def sign(self) -> int:
        """The effect on the drawer's cash of a positive amount of this kind."""
        return {"paid_in": 1, "paid_out": -1, "safe_drop": -1, "no_sale": 0}[self.value]


@dataclass(frozen=True)
class LineRecord:
    department: str
    amount_minor: int  # after discounts; negative on a return
    manual_discount_minor: int  # line + basket discounts taken by staff
    promotion_discount_minor: int
    promotions: int  # how many promotions applied to the line


@dataclass(frozen=True)
class TaxRecord:
    label: str
    rate: str
    net_minor: int
    tax_minor: int


@dataclass(frozen=True)
class TransactionRecord:
    """A sale (kind "sale") or a return ("return"), as recorded; returns carry negative sums."""

    kind: str
    receipt_no: str
    channel: Channel
    total_minor: int
    rounding_minor: int
    change_minor: int
    tenders: tuple[tuple[str, int], ...]
    lines: tuple[LineRecord, ...] = ()
    taxes: tuple[TaxRecord, ...] = ()
    exchange: bool = False  # one half of an exchange


@dataclass(frozen=True)
class MovementRecord:
    kind: MovementKind
    amount_minor: int  # as entered, positive
    reason: str  # the reason's label as offered (a code's label, or an old entry's reason)


@dataclass(frozen=True)
class Approval:
    approver: str
    permission: str


@dataclass(frozen=True)
class ShiftFigures:
    float_minor: int
    expected: Mapping[str, int]
    sales_count: int
    sales_minor: int
    returns_count: int
    returns_minor: int
    exchanges_count: int
    voids: int
    line_voids: int
    discounts_count: int
    discounts_minor: int
    promotions_count: int
    promotions_minor: int
    rounding_minor: int
    tax: tuple[tuple[str, str, int, int], ...]  # label, rate, net, tax
    departments: Mapping[str, int]
    channels: Mapping[str, tuple[int, int]]  # channel → (count, amount)
    store_credit_issued_minor: int
    store_credit_redeemed_minor: int
    movements: Mapping[str, tuple[int, int]]  # kind → (count, amount as entered)
    approvals: Mapping[str, int]  # approver → count
    first_receipt: str | None
    last_receipt: str | None
    counted: Mapping[str, int] = field(default_factory=dict)
    # kind → reason label → (count, amount) for the movements that move cash. Not part of
    # ``as_json`` (the hub's wire figures); the Z keeps it beside them (``reasons_json``).
    reasons: Mapping[str, Mapping[str, tuple[int, int]]] = field(default_factory=dict)

    @property
    def net_sales_minor(self) -> int:
        return self.sales_minor + self.returns_minor

    def over_short(self) -> dict[str, int]:
        return {t: self.counted[t] - self.expected.get(t, 0) for t in self.counted}

    def as_json(self) -> dict[str, Any]:
        """Integers and text only: hashed into the journal and sent to the hub as they are."""
        return {
            "float_minor": self.float_minor,
            "expected": dict(self.expected),
            "counted": dict(self.counted),
            "over_short": self.over_short(),
            "sales": [self.sales_count, self.sales_minor],
            "returns": [self.returns_count, self.returns_minor],
            "exchanges": self.exchanges_count,
            "net_sales_minor": self.net_sales_minor,
            "voids": self.voids,
            "line_voids": self.line_voids,
            "discounts": [self.discounts_count, self.discounts_minor],
            "promotions": [self.promotions_count, self.promotions_minor],
            "rounding_minor": self.rounding_minor,
            "tax": [list(t) for t in self.tax],
            "departments": dict(self.departments),
            "channels": {k: list(v) for k, v in self.channels.items()},
            "store_credit": [self.store_credit_issued_minor, self.store_credit_redeemed_minor],
            "movements": {k: list(v) for k, v in self.movements.items()},
            "approvals": dict(self.approvals),
            "receipts": [self.first_receipt, self.last_receipt],
        }

    def reasons_json(self) -> dict[str, dict[str, list[int]]]:
        return {k: {label: list(v) for label, v in by.items()} for k, by in self.reasons.items()}

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], reasons: Mapping[str, Mapping[str, Any]] | None = None
    ) -> ShiftFigures:
        """``reasons``: what ``reasons_json`` gave (absent from a Z closed before it)."""
        return cls(
            float_minor=data["float_minor"],
            expected=data["expected"],
            counted=data["counted"],
            sales_count=data["sales"][0],
            sales_minor=data["sales"][1],
            returns_count=data["returns"][0],
            returns_minor=data["returns"][1],
            exchanges_count=data["exchanges"],
            voids=data["voids"],
            line_voids=data["line_voids"],
            discounts_count=data["discounts"][0],
            discounts_minor=data["discounts"][1],
            promotions_count=data["promotions"][0],
            promotions_minor=data["promotions"][1],
            rounding_minor=data["rounding_minor"],
            tax=tuple((t[0], t[1], t[2], t[3]) for t in data["tax"]),
            departments=data["departments"],
            channels={k: (v[0], v[1]) for k, v in data["channels"].items()},
            store_credit_issued_minor=data["store_credit"][0],
            store_credit_redeemed_minor=data["store_credit"][1],
            movements={k: (v[0], v[1]) for k, v in data["movements"].items()},
            approvals=data["approvals"],
            first_receipt=data["receipts"][0],
            last_receipt=data["receipts"][1],
            reasons={
                k: {label: (v[0], v[1]) for label, v in by.items()}
                for k, by in (reasons or {}).items()
            },
        )


def compute_figures(
    *,
    float_minor: int,
    transactions: Iterable[TransactionRecord],
    movements: Iterable[MovementRecord] = (),
    approvals: Iterable[Approval] = (),
    voids: int = 0,
    line_voids: int = 0,
    counted: Mapping[str, int] | None = None,
) -> ShiftFigures:
    expected: dict[str, int] = dict.fromkeys(TENDERS, 0)
    expected["cash"] = float_minor
    counts: Counter[str] = Counter()
    sums: Counter[str] = Counter()
    departments: dict[str, int] = defaultdict(int)
    channels: dict[str, list[int]] = {c.value: [0, 0] for c in Channel}
    tax: dict[tuple[str, str], list[int]] = {}
    receipts: list[str] = []
    for tx in transactions:
        receipts.append(tx.receipt_no)
        is_sale = tx.kind == "sale"
        counts["sales" if is_sale else "returns"] += 1
        sums["sales" if is_sale else "returns"] += tx.total_minor
        counts["exchange"] += tx.exchange
        sums["rounding"] += tx.rounding_minor
        for kind, amount in tx.tenders:
            expected[kind] = expected.get(kind, 0) + amount
            if kind == "store_credit":
                # Taken in a sale: redeemed; paid out by a return: issued (a credit note).
                sums["redeemed" if is_sale else "issued"] += abs(amount)
        expected["cash"] -= tx.change_minor
        channel = channels[tx.channel.value]
        channel[0] += 1
        channel[1] += tx.total_minor
        for line in tx.lines:
            departments[line.department] += line.amount_minor
            if line.manual_discount_minor:
                counts["discounts"] += 1
                sums["discounts"] += line.manual_discount_minor
            counts["promotions"] += line.promotions
            sums["promotions"] += line.promotion_discount_minor
        for t in tx.taxes:
            row = tax.setdefault((t.label, t.rate), [0, 0])
            row[0] += t.net_minor
            row[1] += t.tax_minor
    moved: dict[str, list[int]] = {k.value: [0, 0] for k in MovementKind}
    reasons: dict[str, dict[str, list[int]]] = {}
    for m in movements:
        moved[m.kind.value][0] += 1
        moved[m.kind.value][1] += m.amount_minor
        expected["cash"] += m.kind.sign * m.amount_minor
        if m.kind.sign:  # no-sale openings stay a count (their words are free text)
            by_reason = reasons.setdefault(m.kind.value, {}).setdefault(m.reason, [0, 0])
            by_reason[0] += 1
            by_reason[1] += m.amount_minor
    by_approver = Counter(a.approver for a in approvals)
    return ShiftFigures(
        float_minor=float_minor,
        expected=expected,
        counted=dict(counted or {}),
        sales_count=counts["sales"],
        sales_minor=sums["sales"],
        returns_count=counts["returns"],
        returns_minor=sums["returns"],
        exchanges_count=counts["exchange"] // 2,  # two records (sale and return) per exchange
        voids=voids,
        line_voids=line_voids,
        discounts_count=counts["discounts"],
        discounts_minor=sums["discounts"],
        promotions_count=counts["promotions"],
        promotions_minor=sums["promotions"],
        rounding_minor=sums["rounding"],
        tax=tuple((label, rate, v[0], v[1]) for (label, rate), v in sorted(tax.items())),
        departments=dict(sorted(departments.items())),
        channels={k: (v[0], v[1]) for k, v in channels.items()},
        store_credit_issued_minor=sums["issued"],
        store_credit_redeemed_minor=sums["redeemed"],
        movements={k: (v[0], v[1]) for k, v in moved.items()},
        reasons={
            k: {label: (v[0], v[1]) for label, v in sorted(by.items())} for k, by in reasons.items()
        },
        approvals=dict(sorted(by_approver.items())),
        first_receipt=min(receipts) if receipts else None,
        last_receipt=max(receipts) if receipts else None,
    )
