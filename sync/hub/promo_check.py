"""Promotion rules checked at the hub with the till's own parser, before anything is stored.

The till skips a promotion whose rules it cannot parse (a bad promotion never stops a sale),
so a typo authored at head office would otherwise vanish silently in every store. Checking
here with the same ``parse_promotion`` turns it into a 422 / CLI error naming the field.

Amounts depend on the currency (JPY has no cents), so a store's promotion is checked against
that store's currency and a chain-wide one against every currency the chain's stores use; a
chain with no store yet is checked against ``DEFAULT_CURRENCY`` (the ``add-store`` default).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError
from pos_app.domain.money import currency_by_code
from pos_app.domain.promotions import Promotion, PromotionError, parse_promotion
from sync.hub.errors import Invalid
from sync.hub.models import Store
from sync.hub.tenancy import get_store
from sync.protocol import PromotionIn

DEFAULT_CURRENCY: Final = "EUR"
MAX_RULES_FILE: Final = 1_000_000


class InvalidPromotion(Invalid):
    """A promotion refused before storing (HTTP 422; ``omnitill hub add-promo`` exits 2)."""


def currencies_for(session: Session, store_id: str | None) -> list[str]:
    if store_id is not None:
        return [get_store(session, store_id).currency]
    used = sorted(set(session.scalars(select(Store.currency))))
    return used or [DEFAULT_CURRENCY]


def _refuse_other_currencies(session: Session, promo: PromotionIn) -> None:
    """A promotion whose amounts are in one currency cannot run where another is sold."""
    if promo.currency is None:
        return
    query = select(Store).where(Store.currency != promo.currency).order_by(Store.store_id)
    if promo.store_id is not None:
        query = query.where(Store.store_id == promo.store_id)
    other = session.scalars(query.limit(1)).first()
    if other is not None:
        raise InvalidPromotion.problem(
            "promotion.wrong_currency",
            store=other.store_id, currency=other.currency, promo=promo.promo_id,
            other=promo.currency,
        )  # fmt: skip


def check_promotion(session: Session, promo: PromotionIn) -> list[Promotion]:
    """The promotion as each relevant currency's till will see it, or InvalidPromotion."""
    _refuse_other_currencies(session, promo)
    parsed: list[Promotion] = []
    for code in currencies_for(session, promo.store_id):
        try:
            currency = currency_by_code(code)
        except DomainError:
            continue  # a store whose currency no till supports has no till to feed
        try:
            parsed.append(
                parse_promotion(
                    promo.promo_id,
                    promo.name,
                    promo.rules,
                    currency,
                    starts_at=promo.starts_at,
                    ends_at=promo.ends_at,
                )
            )
        except PromotionError as exc:
            raise InvalidPromotion(f"rules ({code}): {exc}") from None
    return parsed


def load_rules(value: str) -> dict[str, Any]:
    """``--rules``: a JSON object inline, or ``@file`` holding JSON or YAML (by its suffix)."""
    if not value.startswith("@"):
        return _object(_json(value, "--rules"), "--rules")
    path = Path(value[1:])
    if path.stat().st_size > MAX_RULES_FILE:
        raise InvalidPromotion(f"{path.name}: larger than {MAX_RULES_FILE:,} bytes")
    source = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml  # PyYAML comes with python-escpos; imported here to keep the CLI fast

        try:
            # safe_load builds only plain data. YAML reads 10 and 0.5 as numbers: the parser
            # accepts the integer and refuses the float with a message naming the key.
            data = yaml.safe_load(source)
        except yaml.YAMLError as exc:
            raise InvalidPromotion(f"{path.name} is not YAML: {exc}") from None
        return _object(data, path.name)
    return _object(_json(source, path.name), path.name)


def _json(source: str, what: str) -> object:
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        raise InvalidPromotion(f"{what} is not JSON: {exc}") from None


def _object(data: object, what: str) -> dict[str, Any]:
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise InvalidPromotion(f"{what} must be a JSON object (a YAML mapping)")
    return data
