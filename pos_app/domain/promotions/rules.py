"""Promotion rules: the typed model parsed from the hub's ``rules`` JSON.

Head office authors a promotion at the hub; the hub keeps ``rules`` as sent and feeds it to the
till, so this parser is where a promotion becomes trustworthy. It is strict: an unknown key, an
unknown kind, a float amount or an amount finer than the currency allows is a PromotionError
naming the promotion and the problem, and the caller skips that promotion (a bad promotion must
never stop a sale).

The ``rules`` object::

    {"kind": "percent", "value": "10",            # percent off each eligible line
     "kind": "amount", "value": "1.00",           # per unit on SKUs/departments, once on the basket
     "kind": "fixed_price", "price": "2.00",      # each eligible unit (per kg if weighed) sells at
     "kind": "multi_buy", "quantity": 3, "price": "10.00",          # N for X
     "kind": "buy_x_get_y", "buy": 2, "get": 1, "percent": "100",   # cheapest of each set off
     "kind": "spend_threshold", "threshold": "50.00", "percent" | "amount": ...,
     "skus": [...] | "sku": "..." , "departments": [...] | "department": "...",  # none: basket
     "stacking": "exclusive" | "best_price" | "compound",   # default best_price
     "priority": 0,                                         # higher applies first
     "channels": "both" | "store" | "online",               # default both
     "customer_only": false,
     "coupon": "SPRING10",                                  # checked outside the domain
     "coupon_single_use": false,        # each code once: the hub keeps redeemed codes
     "windows": [{"days": ["mon", "tue"], "from": "09:00", "to": "12:00"}]}

Amounts are JSON strings or integers, never floats (docs/architecture.md §2). The promotion's own
``starts_at`` (inclusive) and ``ends_at`` (exclusive) bound it, so it stops at its end time even
offline; ``windows`` are wall-clock times in the zone of the ``now`` given (the store's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Final

from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import Message, msg, reason_of
from pos_app.domain.money import Currency, Money

__all__ = [
    "AmountOff",
    "BuyXGetY",
    "Channel",
    "FixedPrice",
    "MultiBuy",
    "PercentOff",
    "Promotion",
    "PromotionError",
    "Reward",
    "Scope",
    "SpendThreshold",
    "Stacking",
    "TimeWindow",
    "parse_promotion",
]


class PromotionError(DomainError):
    """A promotion's rule data cannot be used; the promotion is skipped, the sale goes on."""


class Stacking(StrEnum):
    EXCLUSIVE = "exclusive"  # alone in the sale: no other promotion applies with it
    BEST_PRICE = "best_price"  # alone on each line it discounts
    COMPOUND = "compound"  # stacks with other compound promotions, each on what remains


class Channel(StrEnum):
    STORE = "store"
    ONLINE = "online"


_CHANNELS: Final = {
    "both": frozenset(Channel),
    "store": frozenset({Channel.STORE}),
    "online": frozenset({Channel.ONLINE}),
}
_DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_COMMON_KEYS: Final = frozenset(
    {
        "kind",
        "skus",
        "sku",
        "departments",
        "department",
        "stacking",
        "priority",
        "channels",
        "customer_only",
        "coupon",
        "coupon_single_use",
        "windows",
    }
)
# Bounds that keep every intermediate value small and reject typos such as 1000 for 10 %.
MAX_PRIORITY: Final = 1000
MAX_SET_SIZE: Final = 100
_MAX_LIST: Final = 1000
_MAX_TEXT: Final = 64
_HH_MM: Final = msg("window times are written HH:MM.")


@dataclass(frozen=True)
class PercentOff:
    percent: Decimal


@dataclass(frozen=True)
class AmountOff:
    amount: Money


@dataclass(frozen=True)
class FixedPrice:
    price: Money


@dataclass(frozen=True)
class MultiBuy:
    quantity: int
    price: Money


@dataclass(frozen=True)
class BuyXGetY:
    buy: int
    get: int
    percent: Decimal


@dataclass(frozen=True)
class SpendThreshold:
    threshold: Money
    percent: Decimal | None
    amount: Money | None


Reward = PercentOff | AmountOff | FixedPrice | MultiBuy | BuyXGetY | SpendThreshold


@dataclass(frozen=True)
class Scope:
    """Which lines a promotion looks at; neither SKUs nor departments means the whole basket."""

    skus: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()

    @property
    def is_basket(self) -> bool:
        return not self.skus and not self.departments

    def matches(self, sku: str, department: str) -> bool:
        return self.is_basket or sku in self.skus or department in self.departments


@dataclass(frozen=True)
class TimeWindow:
    """Minutes since midnight, ``start`` inclusive, ``end`` exclusive, on ``days`` (0 = Mon)."""

    days: frozenset[int]
    start: int
    end: int

    def contains(self, now: datetime) -> bool:
        minute = now.hour * 60 + now.minute
        return now.weekday() in self.days and self.start <= minute < self.end


@dataclass(frozen=True)
class Promotion:
    promo_id: str
    name: str
    reward: Reward
    scope: Scope = Scope()
    stacking: Stacking = Stacking.BEST_PRICE
    priority: int = 0
    channels: frozenset[Channel] = frozenset(Channel)
    customer_only: bool = False
    coupon: str | None = None
    coupon_single_use: bool = False
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    windows: tuple[TimeWindow, ...] = ()

    def is_available(
        self, now: datetime, channel: Channel, has_customer: bool, coupons: frozenset[str]
    ) -> bool:
        """Whether the sale's circumstances allow this promotion (not whether it saves)."""
        if now.tzinfo is None:
            raise PromotionError("Promotions need the time with its time zone.")
        if self.starts_at is not None and now < self.starts_at:
            return False
        if self.ends_at is not None and now >= self.ends_at:
            return False
        if self.windows and not any(w.contains(now) for w in self.windows):
            return False
        if channel not in self.channels:
            return False
        if self.customer_only and not has_customer:
            return False
        return self.coupon is None or self.coupon in {c.strip().upper() for c in coupons}


# -- parsing ---------------------------------------------------------------------------------


class _Reader:
    """Typed access to one promotion's rules, with errors that name the promotion."""

    def __init__(self, promo_id: str, rules: Mapping[str, Any], currency: Currency) -> None:
        self.promo_id = promo_id
        self.rules = rules
        self.currency = currency

    def fail(self, problem: Message) -> PromotionError:
        return PromotionError(
            msg("Promotion {promo}: {problem}", promo=self.promo_id[:_MAX_TEXT], problem=problem)
        )

    def decimal(self, key: str) -> Decimal:
        value = self.rules.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(
                msg("'{key}' must be a number written as a string or an integer.", key=key)
            )
        try:
            number = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            raise self.fail(msg("'{key}' is not a number.", key=key)) from None
        if not number.is_finite():
            raise self.fail(msg("'{key}' is not a number.", key=key))
        return number

    def percent(self, key: str) -> Decimal:
        value = self.decimal(key)
        if not 0 < value <= 100:
            raise self.fail(msg("'{key}' must be more than 0 and at most 100 (percent).", key=key))
        return value

    def money(self, key: str, *, allow_zero: bool = False) -> Money:
        value = self.decimal(key)
        if value < 0 or (value == 0 and not allow_zero):
            raise self.fail(msg("'{key}' must be more than zero.", key=key))
        try:
            amount = Money(value, self.currency)
        except DomainError as exc:
            raise self.fail(msg("'{key}': {problem}", key=key, problem=reason_of(exc))) from None
        if not amount.is_on_quantum():
            raise self.fail(
                msg(
                    "'{key}' has more decimals than {currency} allows.",
                    key=key,
                    currency=self.currency.code,
                )
            )
        return amount

    def count(self, key: str, default: int | None = None) -> int:
        value = self.rules.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(msg("'{key}' must be a whole number.", key=key))
        if not 1 <= value <= MAX_SET_SIZE:
            raise self.fail(
                msg("'{key}' must be between 1 and {most}.", key=key, most=MAX_SET_SIZE)
            )
        return value

    def text(self, key: str) -> str:
        value = self.rules[key]
        if not isinstance(value, str) or not value.strip() or len(value) > _MAX_TEXT:
            raise self.fail(msg("'{key}' must be a short non-empty text.", key=key))
        if not value.isprintable():
            raise self.fail(msg("'{key}' contains control characters.", key=key))
        return value.strip()

    def texts(self, many: str, one: str) -> frozenset[str]:
        if many in self.rules and one in self.rules:
            raise self.fail(msg("give '{many}' or '{one}', not both.", many=many, one=one))
        if one in self.rules:
            return frozenset({self.text(one)})
        values = self.rules.get(many, [])
        if not isinstance(values, list) or not values or len(values) > _MAX_LIST:
            if many not in self.rules:
                return frozenset()
            raise self.fail(
                msg("'{key}' must be a non-empty list of at most {most}.", key=many, most=_MAX_LIST)
            )
        return frozenset(
            _Reader(self.promo_id, {many: v}, self.currency).text(many) for v in values
        )

    def choice(self, key: str, options: Mapping[str, Any], default: str) -> Any:
        value = self.rules.get(key, default)
        if not isinstance(value, str) or value not in options:
            raise self.fail(
                msg(
                    "'{key}' must be one of {options}.", key=key, options=", ".join(sorted(options))
                )
            )
        return options[value]


def _reward(r: _Reader, kind: object) -> tuple[Reward, frozenset[str]]:
    """The reward and the keys its kind allows besides the common ones."""
    if kind == "percent":
        return PercentOff(r.percent("value")), frozenset({"value"})
    if kind == "amount":
        return AmountOff(r.money("value")), frozenset({"value"})
    if kind == "fixed_price":
        return FixedPrice(r.money("price", allow_zero=True)), frozenset({"price"})
    if kind == "multi_buy":
        quantity = r.count("quantity")
        if quantity < 2:
            raise r.fail(msg("a multi-buy needs a quantity of at least 2."))
        return MultiBuy(quantity, r.money("price", allow_zero=True)), frozenset(
            {"quantity", "price"}
        )
    if kind == "buy_x_get_y":
        percent = r.percent("percent") if "percent" in r.rules else Decimal(100)
        return BuyXGetY(r.count("buy"), r.count("get"), percent), frozenset(
            {"buy", "get", "percent"}
        )
    if kind == "spend_threshold":
        if ("percent" in r.rules) == ("amount" in r.rules):
            raise r.fail(msg("a spend threshold needs either 'percent' or 'amount'."))
        threshold = SpendThreshold(
            r.money("threshold"),
            r.percent("percent") if "percent" in r.rules else None,
            r.money("amount") if "amount" in r.rules else None,
        )
        return threshold, frozenset({"threshold", "percent", "amount"})
    known = "percent, amount, fixed_price, multi_buy, buy_x_get_y, spend_threshold"
    if kind is None:
        raise r.fail(msg("the rules need a 'kind' (one of {known}).", known=known))
    raise r.fail(
        msg("unknown kind {kind} (known: {known}).", kind=repr(str(kind)[:_MAX_TEXT]), known=known)
    )


def _time(r: _Reader, value: object) -> int:
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        raise r.fail(_HH_MM)
    hours, minutes = value[:2], value[3:]
    if not (hours.isdigit() and minutes.isdigit()):
        raise r.fail(_HH_MM)
    total = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or total > 24 * 60:
        raise r.fail(msg("{value} is not a time of day.", value=value))
    return total


def _windows(r: _Reader) -> tuple[TimeWindow, ...]:
    raw = r.rules.get("windows", [])
    if not isinstance(raw, list) or len(raw) > _MAX_LIST:
        raise r.fail(msg("'windows' must be a list."))
    windows: list[TimeWindow] = []
    for entry in raw:
        if not isinstance(entry, dict) or not set(entry) <= {"days", "from", "to"}:
            raise r.fail(msg("each window has only 'days', 'from' and 'to'."))
        days = entry.get("days", list(_DAYS))
        if not isinstance(days, list) or not days or not all(d in _DAYS for d in days):
            raise r.fail(msg("window days must be a list of {days}.", days=", ".join(_DAYS)))
        start, end = _time(r, entry.get("from")), _time(r, entry.get("to"))
        if start >= end:
            # Crossing midnight would make "which day" ambiguous: write two windows instead.
            raise r.fail(
                msg("a window must end after it starts (split one that crosses midnight).")
            )
        windows.append(TimeWindow(frozenset(_DAYS.index(d) for d in days), start, end))
    return tuple(windows)


def parse_promotion(
    promo_id: str,
    name: str,
    rules: Mapping[str, Any],
    currency: Currency,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> Promotion:
    """Build a Promotion from the hub's rule data, or raise PromotionError saying why not."""
    if not promo_id.strip() or not name.strip():
        raise PromotionError(msg("A promotion needs an id and a name."))
    r = _Reader(promo_id, rules, currency)
    if not isinstance(rules, Mapping):
        raise r.fail(msg("the rules must be a JSON object."))
    for moment in (starts_at, ends_at):
        if moment is not None and moment.tzinfo is None:
            raise r.fail(msg("start and end times must carry their time zone."))
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise r.fail(msg("it ends before it starts."))
    reward, reward_keys = _reward(r, rules.get("kind"))
    unknown = set(rules) - _COMMON_KEYS - reward_keys
    if unknown:
        keys = ", ".join(sorted(str(k)[:_MAX_TEXT] for k in unknown))
        raise r.fail(msg("unknown rule keys: {keys}.", keys=keys))
    priority = rules.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise r.fail(msg("'priority' must be a whole number."))
    if abs(priority) > MAX_PRIORITY:
        raise r.fail(msg("'priority' must be between -{most} and {most}.", most=str(MAX_PRIORITY)))
    customer_only = rules.get("customer_only", False)
    if not isinstance(customer_only, bool):
        raise r.fail(msg("'customer_only' must be true or false."))
    single_use = rules.get("coupon_single_use", False)
    if not isinstance(single_use, bool):
        raise r.fail(msg("'coupon_single_use' must be true or false."))
    if single_use and "coupon" not in rules:
        raise r.fail(msg("'coupon_single_use' needs a 'coupon'."))
    scope = Scope(r.texts("skus", "sku"), r.texts("departments", "department"))
    if isinstance(reward, FixedPrice | MultiBuy | BuyXGetY) and scope.is_basket:
        raise r.fail(msg("a fixed price, multi-buy or buy-x-get-y needs 'skus' or 'departments'."))
    return Promotion(
        promo_id=promo_id,
        name=name,
        reward=reward,
        scope=scope,
        stacking=r.choice("stacking", {s.value: s for s in Stacking}, "best_price"),
        priority=priority,
        channels=r.choice("channels", _CHANNELS, "both"),
        customer_only=customer_only,
        coupon=r.text("coupon").upper() if "coupon" in r.rules else None,
        coupon_single_use=single_use,
        starts_at=starts_at,
        ends_at=ends_at,
        windows=_windows(r),
    )
