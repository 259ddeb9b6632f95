"""Console promotions: what is live where, create / edit / end, and a preview that prices a
sample basket with the till's own engine (pos_app.domain.promotions.apply_promotions).

A promotion is checked by the till's parser before anything is stored (sync/hub/promo_check.py
through sync/hub/headoffice.add_promotion_in), and saved with its audit entry in one
transaction. Scope is the hub's: one store or every store; channels, customer-only, the coupon
and the time windows are keys of the rules the till reads (pos_app/domain/promotions/rules.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pos_app.domain.money import Money, currency_by_code
from pos_app.domain.promotions import (
    Channel,
    PromoLine,
    PromotionContext,
    PromotionError,
    apply_promotions,
    parse_promotion,
)
from pos_app.domain.promotions import Promotion as TillPromotion
from sync.hub import headoffice
from sync.hub.console.accounts import ConsoleIdentity, audit
from sync.hub.context import Hub
from sync.hub.errors import Invalid, describe
from sync.hub.models import Product, Promotion
from sync.hub.promo_check import check_promotion, currencies_for
from sync.protocol import PromotionIn

CHANNELS = ("both", "store", "online")
STATES = ("live", "scheduled", "ended")
SHOWN = 200
MAX_BASKET_LINES = 50
FORM_RULE_KEYS = ("channels", "customer_only", "coupon")  # edited as fields, not in the JSON


@dataclass(frozen=True)
class PromoRow:
    promo: PromotionIn
    state: str  # scheduled, live, ended
    where: str  # "every store" or the store

    @property
    def rules_text(self) -> str:
        rules = {k: v for k, v in self.promo.rules.items() if k not in FORM_RULE_KEYS}
        return json.dumps(rules, indent=2, sort_keys=True)


def _state(promo: PromotionIn, now: datetime) -> str:
    if promo.starts_at is not None and now < promo.starts_at:
        return "scheduled"
    if promo.ends_at is not None and now >= promo.ends_at:
        return "ended"
    return "live"


def _rows(session: Session, now: datetime, query: Any) -> list[PromoRow]:
    rows = []
    for row in session.scalars(query):
        promo = PromotionIn.model_validate_json(row.data)
        rows.append(PromoRow(promo, _state(promo, now), promo.store_id or "every store"))
    return rows


def promotions(
    session: Session, now: datetime, stores: Sequence[str] | None, state: str = ""
) -> list[PromoRow]:
    """Promotions (a store manager: theirs and the chain's) in ``state`` (any: ""), live ones
    first, at most ``SHOWN``: a page of five hundred rows is slower to draw than to read."""
    query = select(Promotion).order_by(Promotion.promo_id)
    if stores is not None:
        query = query.where(or_(Promotion.store_id.is_(None), Promotion.store_id.in_(stores)))
    order = {"live": 0, "scheduled": 1, "ended": 2}
    rows = [r for r in _rows(session, now, query) if not state or r.state == state]
    return sorted(rows, key=lambda r: (order[r.state], r.promo.promo_id))[:SHOWN]


def one(session: Session, promo_id: str, now: datetime) -> PromoRow | None:
    found = _rows(session, now, select(Promotion).where(Promotion.promo_id == promo_id))
    return found[0] if found else None


def _when(text: str, field: str) -> datetime | None:
    """A datetime-local field (read as UTC), or None when empty."""
    if not text.strip():
        return None
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=UTC)
    except ValueError:
        raise Invalid(f"{field}: a date and time, YYYY-MM-DDTHH:MM (UTC)") from None


def from_form(form: dict[str, str]) -> PromotionIn:
    """The form's fields as the hub's promotion document; Invalid names the field."""
    try:
        rules = json.loads(form.get("rules") or "{}")
    except json.JSONDecodeError as exc:
        raise Invalid(f"rules: not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(rules, dict):
        raise Invalid('rules: a JSON object, e.g. {"kind": "percent", "value": "10"}')
    for key in FORM_RULE_KEYS:
        rules.pop(key, None)  # the fields below are the one place these are set
    channels = form.get("channels") or "both"
    if channels not in CHANNELS:
        raise Invalid(f"channels: one of {', '.join(CHANNELS)}")
    if channels != "both":
        rules["channels"] = channels
    if form.get("customer_only") == "1":
        rules["customer_only"] = True
    coupon = (form.get("coupon") or "").strip().upper()
    if coupon:
        rules["coupon"] = coupon
    try:
        return PromotionIn(
            promo_id=(form.get("promo_id") or "").strip(),
            name=(form.get("name") or "").strip(),
            store_id=(form.get("store_id") or "").strip() or None,
            starts_at=_when(form.get("starts_at") or "", "starts_at"),
            ends_at=_when(form.get("ends_at") or "", "ends_at"),
            rules=rules,
        )
    except ValidationError as exc:
        raise Invalid(describe(exc)) from None


def save(hub: Hub, who: ConsoleIdentity, promo: PromotionIn, *, new: bool) -> None:
    with hub.change() as (session, pending):
        if new and session.get(Promotion, promo.promo_id) is not None:
            raise Invalid(f"promo_id: {promo.promo_id!r} exists already; edit it instead")
        before = headoffice.add_promotion_in(session, pending, hub, promo)
        audit(session, who.email, "promotion.save", f"promotion {promo.promo_id}", before,
              promo.model_dump(mode="json"), hub.clock())  # fmt: skip


def end(hub: Hub, who: ConsoleIdentity, promo_id: str) -> None:
    """Remove a promotion from every till now (the feed's tombstone), audited."""
    with hub.change() as (session, pending):
        before = headoffice.remove_promotion_in(session, pending, hub, promo_id)
        audit(session, who.email, "promotion.end", f"promotion {promo_id}", before, None,
              hub.clock())  # fmt: skip


@dataclass(frozen=True)
class PreviewLine:
    sku: str
    name: str
    quantity: Decimal
    gross_minor: int
    discount_minor: int
    applied: str


@dataclass(frozen=True)
class Preview:
    currency: str
    at: datetime
    lines: list[PreviewLine]

    @property
    def gross_minor(self) -> int:
        return sum(line.gross_minor for line in self.lines)

    @property
    def discount_minor(self) -> int:
        return sum(line.discount_minor for line in self.lines)


def _basket(text: str) -> list[tuple[str, Decimal]]:
    """One line each: a SKU and, after a space, a quantity (units, or kg if weighed)."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        parts = raw.split()
        if not parts:
            continue
        try:
            quantity = Decimal(parts[1]) if len(parts) > 1 else Decimal(1)
        except InvalidOperation:
            raise Invalid(f"basket line {number}: {parts[1]!r} is not a quantity") from None
        if len(parts) > 2 or not Decimal(0) < quantity <= 1000:
            raise Invalid(f"basket line {number}: a SKU and a quantity from 0 to 1000")
        lines.append((parts[0], quantity))
    if not lines or len(lines) > MAX_BASKET_LINES:
        raise Invalid(f"basket: 1 to {MAX_BASKET_LINES} lines, each 'SKU quantity'")
    return lines


def preview(
    session: Session, promo: PromotionIn, basket: str, *, has_customer: bool, now: datetime
) -> Preview:
    """Price ``basket`` at a store of the promotion's scope, as a till would: this promotion
    (as edited, not yet saved) with the others live there, by the till's engine."""
    check_promotion(session, promo)  # the till's parser: refused as it would be on saving
    code = currencies_for(session, promo.store_id)[0]
    currency = currency_by_code(code)
    at = promo.starts_at if promo.starts_at is not None and promo.starts_at > now else now
    offered: list[TillPromotion] = []
    others = select(Promotion).where(Promotion.promo_id != promo.promo_id)
    if promo.store_id is not None:
        others = others.where(
            or_(Promotion.store_id.is_(None), Promotion.store_id == promo.store_id)
        )
    for candidate in [promo, *(r.promo for r in _rows(session, at, others))]:
        try:
            offered.append(parse_promotion(candidate.promo_id, candidate.name, candidate.rules,
                                           currency, starts_at=candidate.starts_at,
                                           ends_at=candidate.ends_at))  # fmt: skip
        except PromotionError:
            continue  # as the till: a promotion it cannot read is skipped
    lines, names = [], {}
    for number, (sku, quantity) in enumerate(_basket(basket), start=1):
        product = session.get(Product, sku)
        if product is None:
            raise Invalid(f"basket line {number}: no product {sku!r}")
        gross = Money.from_minor(int(product.price_minor * quantity), currency)
        lines.append(PromoLine(number, sku, product.department, quantity, gross,
                               per_unit=not product.sold_by_weight))  # fmt: skip
        names[number] = product.name
    coupons = frozenset({promo.rules["coupon"]}) if promo.rules.get("coupon") else frozenset()
    context = PromotionContext(tuple(offered), now=at, channel=Channel.STORE,
                               has_customer=has_customer, coupons=coupons)  # fmt: skip
    result = apply_promotions(lines, context, currency)
    return Preview(code, at, [
        PreviewLine(line.sku, names[line.line_no], line.quantity, line.gross.to_minor(),
                    result.discount_for(line.line_no).to_minor(),
                    ", ".join(a.name for a in result.for_line(line.line_no)))
        for line in lines
    ])  # fmt: skip
