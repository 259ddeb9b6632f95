"""A store day as a balanced accounting journal, in the CSV layout of docs/accounting-export.md.

Each store day becomes one journal (one entry number) whose lines debit what came in (cash
counted, card, stored value redeemed, the web store's receivable for online orders refunded in
store…) and credit what it is owed to (sales net per tax rate, tax payable per rate, store
credit issued as a liability…). Cash over/short balances the cash actually counted against
the sales; paid-ins and paid-outs post to their own accounts. The debits always equal the
credits: a journal that does not balance is refused rather than written.

Accounts come from a mapping file (JSON or TOML) so a bookkeeper maps them to their own chart
of accounts; anything unmapped falls back to DEFAULT_ACCOUNTS.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sync.protocol import StoreDay

__all__ = ["DEFAULT_ACCOUNTS", "JournalLine", "day_journal", "load_mapping", "to_csv"]

DEFAULT_ACCOUNTS: Mapping[str, str] = {
    "cash": "1000",  # cash in drawers (and the safe)
    "card": "1100",  # card settlements receivable
    "gift_card": "2310",  # gift card liability (redeemed: debit)
    "store_credit": "2300",  # store credit liability (redeemed: debit, issued: credit)
    "exchange": "1190",  # exchange clearing (nets to zero within a day)
    "sales": "4000",  # sales revenue, net of tax, one line per tax rate
    "tax": "2200",  # tax payable, one line per tax rate
    "over_short": "6900",  # cash over/short
    "paid_in": "1010",  # cash put in the drawer (from the bank, a float top-up)
    "paid_out": "6800",  # petty cash expenses paid from the drawer
    "safe_drop": "1020",  # cash moved from the drawer to the safe
    "float": "1030",  # the opening float brought from the safe
    "click_collect": "4010",  # sales of web orders paid in store at hand-over (gross)
    "online_refund": "1210",  # web store receivable for online orders refunded in store
    "rounding": "6910",  # cash rounding
}
COLUMNS = ("entry", "date", "store", "account", "description", "debit", "credit", "currency")


class MappingError(ValueError):
    """The account mapping file cannot be used as given."""


def load_mapping(path: Path | None) -> dict[str, str]:
    accounts = dict(DEFAULT_ACCOUNTS)
    if path is None:
        return accounts
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (OSError, ValueError) as exc:
        raise MappingError(f"{path}: {exc}") from exc
    table = data.get("accounts", data) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise MappingError(f"{path}: expected a table of accounts")
    for key, value in table.items():
        if key not in DEFAULT_ACCOUNTS:
            raise MappingError(f"{path}: unknown account key {key!r}")
        if not isinstance(value, str | int) or not str(value).strip():
            raise MappingError(f"{path}: account for {key!r} must be a code")
        accounts[key] = str(value).strip()
    return accounts


@dataclass(frozen=True)
class JournalLine:
    account: str
    description: str
    debit_minor: int
    credit_minor: int


def day_journal(day: StoreDay, accounts: Mapping[str, str]) -> list[JournalLine]:
    """The day's lines; sum of debits == sum of credits (asserted)."""
    f = day.figures
    lines: list[JournalLine] = []

    def post(key: str, description: str, amount: int) -> None:
        """Positive: debit; negative: credit; zero: nothing."""
        if amount:
            lines.append(JournalLine(accounts[key], description, max(amount, 0), max(-amount, 0)))

    counted_cash = f.counted.get("cash", f.expected.get("cash", 0))
    moves = {k: v[1] for k, v in f.movements.items()}
    # Cash taken from sales and refunds = counted − float − paid-ins + paid-outs + drops − o/s.
    over_short = f.over_short.get("cash", 0)
    post("cash", "Cash counted at close", counted_cash)
    post("safe_drop", "Safe drops", moves.get("safe_drop", 0))
    post("float", "Opening float (brought from the safe)", -f.float_minor)
    post("paid_in", "Paid in", -moves.get("paid_in", 0))
    post("paid_out", "Paid out", moves.get("paid_out", 0))
    post("over_short", "Cash over/short", -over_short)
    for tender in ("card", "gift_card", "store_credit", "exchange"):
        post(tender, f"{tender.replace('_', ' ').capitalize()} taken net of refunds",
             f.counted.get(tender, f.expected.get(tender, 0)))  # fmt: skip
    for label, rate, net, tax in f.tax:
        post("sales", f"Sales net at {label} ({rate})", -net)
        post("tax", f"{label} ({rate}) payable", -tax)
    post("rounding", "Cash rounding", -f.rounding_minor)
    refunds_online = f.channels.get("online_refund", (0, 0))[1]
    collected = f.channels.get("click_collect", (0, 0))[1]
    # Reclassifications (gross): a web order refunded here was the web store's revenue, so its
    # refund is due from the web store rather than taken off this store's sales; a web order
    # paid here at hand-over is click-and-collect revenue.
    post("online_refund", "Online orders refunded in store (due from web store)", -refunds_online)
    post("sales", "Online orders refunded in store (moved to web store)", refunds_online)
    post("sales", "Click & collect paid in store (moved)", collected)
    post("click_collect", "Click & collect paid in store", -collected)
    debit = sum(line.debit_minor for line in lines)
    credit = sum(line.credit_minor for line in lines)
    if debit != credit:
        raise ValueError(
            f"store day {day.store_id} {day.business_day} does not balance: "
            f"debit {debit}, credit {credit}"
        )
    return lines


def to_csv(days: list[StoreDay], accounts: Mapping[str, str], minor_units: int = 2) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    scale = Decimal(1).scaleb(-minor_units)

    def amount(minor: int) -> str:
        return f"{Decimal(minor) * scale:.{minor_units}f}" if minor else ""

    for day in days:
        when = day.business_day.isoformat()
        for line in day_journal(day, accounts):
            writer.writerow([
                f"{day.store_id}-{when}", when, day.store_id, line.account, line.description,
                amount(line.debit_minor), amount(line.credit_minor), day.currency,
            ])  # fmt: skip
    return out.getvalue()
