"""Is a till's sale or return believable? The checks behind quarantine (docs/architecture.md).

A till's token proves which till speaks, not that what it says is true. The hub never refuses
a sale (the money has left the till), but an event that fails these checks is stored
QUARANTINED: it moves no balance, no stock and no returns ledger until head office releases it
(sync/hub/quarantine.py). Each check returns reasons in words head office can act on.

Two groups:
- ``content_reasons``: the event against its store and itself: currency, dates, the sign of
  quantities and stock movements for its kind, lines → total, tenders → total, change only
  from cash, cash rounding within the store's step. Pure; run before anything is stored.
- ``stored_value_reasons``: gift cards and store credit against the hub's accounts, run in
  the ingest transaction just before the event would move them, so earlier events of the
  same batch count. Stored value moves only by redeeming an existing account that holds
  enough (positive tender), or by issuing store credit from a refund (negative tender on a
  return or exchange, at most what was refunded). Gift cards are issued by head office only.

All checks are a few integer sums per event and at most one primary-key read per stored-value
tender: ingest throughput must not suffer (bench/bench_hub.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from pos_app.domain.money import currency_by_code
from sync.hub.models import Store, StoredValue
from sync.protocol import EventKind, SalePayload

CASH = "cash"
GIFT_CARD = "gift_card"
STORE_CREDIT = "store_credit"
# An event from before this or after now + the skew is a broken clock or a forgery. Two years
# back still takes a till that was offline for a long time.
OLDEST_EVENT = timedelta(days=730)
CLOCK_SKEW = timedelta(days=1)


@dataclass(frozen=True)
class StoreRules:
    """What the hub knows of a store that an event must agree with."""

    currency: str
    tax_mode: str
    rounding_step_minor: int

    @property
    def rounding_limit(self) -> int:
        # A till rounds with its own copy of the step, which may lag the hub's (offline, or
        # changed at head office): allow up to 10 minor units, the largest common step.
        return max(self.rounding_step_minor, 10)

    @classmethod
    def of(cls, store: Store) -> StoreRules:
        try:
            exponent = currency_by_code(store.currency).minor_units
            step = int(Decimal(store.cash_rounding_step).scaleb(exponent))
        except (KeyError, ValueError, InvalidOperation):
            step = 1
        return cls(store.currency, store.tax_mode, max(step, 1))


def _fmt(minor: int) -> str:
    return f"{minor} (minor units)"


def content_reasons(
    kind: EventKind, payload: SalePayload, rules: StoreRules, now: datetime
) -> list[str]:
    reasons: list[str] = []
    if payload.currency != rules.currency:
        reasons.append(f"currency {payload.currency}; the store sells in {rules.currency}")
    created = payload.created_at
    created = created.replace(tzinfo=UTC) if created.tzinfo is None else created
    if not now - OLDEST_EVENT <= created <= now + CLOCK_SKEW:
        reasons.append(f"made at {created.isoformat()}, not a believable time")
    reasons.extend(_sign_reasons(kind, payload))
    reasons.extend(_arithmetic_reasons(payload, rules))
    return reasons


def _returns_something(payload: SalePayload) -> bool:
    return any(line.quantity_milli < 0 for line in payload.lines)


def _sign_reasons(kind: EventKind, payload: SalePayload) -> list[str]:
    reasons: list[str] = []
    bought: dict[str, int] = defaultdict(int)
    for line in payload.lines:
        qty = line.quantity_milli
        if qty == 0:
            reasons.append(f"line {line.line_no}: quantity 0")
        elif kind is EventKind.SALE_COMPLETED and qty < 0 and line.original_line_no is None:
            reasons.append(f"line {line.line_no}: negative quantity on a sale, naming no original")
        elif kind is EventKind.RETURN_COMPLETED and qty > 0 and not _returns_something(payload):
            reasons.append(f"line {line.line_no}: a return that returns nothing")
        if line.amount_minor * qty < 0:
            reasons.append(f"line {line.line_no}: amount and quantity have opposite signs")
        bought[line.sku] += qty
    moved: dict[str, int] = defaultdict(int)
    for movement in payload.stock_movements:
        moved[movement.sku] += movement.quantity_delta_milli
    for sku in sorted(moved):
        delta, qty = moved[sku], bought.get(sku, 0)
        # A sale takes stock out, a return may put (at most) what came back in.
        if delta * qty > 0 or abs(delta) > abs(qty):
            reasons.append(
                f"stock movement of {sku} is {delta / 1000:g} for {qty / 1000:g} on the lines"
            )
    return reasons


def _arithmetic_reasons(payload: SalePayload, rules: StoreRules) -> list[str]:
    reasons: list[str] = []
    totals = payload.totals
    lines = sum(line.amount_minor for line in payload.lines)
    expected = lines + (totals.tax_minor if rules.tax_mode == "exclusive" else 0)
    if totals.total_minor != expected:
        reasons.append(f"total {_fmt(totals.total_minor)} but the lines add up to {expected}")
    tendered = sum(t.amount_minor for t in payload.tenders)
    cash = sum(t.amount_minor for t in payload.tenders if t.kind == CASH)
    due = totals.total_minor + totals.rounding_minor
    if tendered - totals.change_minor != due:
        reasons.append(
            f"tenders {_fmt(tendered)} minus change {totals.change_minor} do not pay the {due} due"
        )
    if totals.change_minor < 0 or totals.change_minor > max(cash, 0):
        reasons.append(f"change {totals.change_minor} from {cash} cash: only cash gives change")
    if totals.rounding_minor and (not cash or abs(totals.rounding_minor) > rules.rounding_limit):
        reasons.append(
            f"cash rounding of {totals.rounding_minor} without cash or beyond "
            f"{rules.rounding_limit}"
        )
    return reasons


def stored_value_reasons(
    session: Session, kind: EventKind, payload: SalePayload, currency: str
) -> list[str]:
    """Gift card and store credit tenders against the accounts, as they stand right now."""
    reasons: list[str] = []
    refunded = -sum(line.amount_minor for line in payload.lines if line.amount_minor < 0)
    is_refund = kind is EventKind.RETURN_COMPLETED or refunded > 0
    issued = 0
    drawn: dict[str, int] = defaultdict(int)
    for tender in payload.tenders:
        if tender.kind not in (GIFT_CARD, STORE_CREDIT) or not tender.account:
            continue
        account = session.get(StoredValue, tender.account)
        what = f"{tender.kind} {tender.account}"
        if account is not None and (account.kind != tender.kind or account.currency != currency):
            reasons.append(f"{what} is a {account.currency} {account.kind} account at the hub")
            continue
        if tender.amount_minor < 0:
            if tender.kind == GIFT_CARD:
                reasons.append(f"{what} topped up at a till; gift cards are issued by head office")
            elif not is_refund:
                reasons.append(f"{what} issued by a sale; store credit comes only from a refund")
            issued += -tender.amount_minor
            continue
        drawn[tender.account] += tender.amount_minor
        if account is None:
            reasons.append(f"{what} does not exist at the hub")
        elif account.balance_minor < drawn[tender.account]:
            reasons.append(
                f"{what} holds {account.balance_minor}; {drawn[tender.account]} was taken"
            )
    if issued > refunded and is_refund:
        reasons.append(f"store credit of {issued} issued for a refund of {refunded}")
    return reasons
