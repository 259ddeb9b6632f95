"""What a till needs to know about its store, read once from the local database."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.models import StoreProfile, TaxRateRow
from pos_app.domain.errors import LocaleError
from pos_app.domain.l10n.locales import DEFAULT_LOCALE, normalize_locale
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Currency, currency_by_code
from pos_app.domain.sale.basket import Basket
from pos_app.domain.tax import TaxMode, TaxRate

log = logging.getLogger(__name__)


class TillNotConfiguredError(Exception):
    """The database has no store profile yet (run `omnitill demo-data` or enroll the till)."""


@dataclass(frozen=True)
class TillContext:
    store_id: str
    till_id: str
    store_name: str
    store_lines: tuple[str, ...]
    currency: Currency
    tax_mode: TaxMode
    tax_rates: Mapping[str, TaxRate]
    cash_rounding_step: Decimal
    footer: tuple[str, ...]
    # CLDR locale of the screens' formats and the receipts ("fr_FR"; l10n.locales)
    locale: str = DEFAULT_LOCALE

    def new_basket(self) -> Basket:
        return Basket(self.currency, self.tax_mode, self.tax_rates)


def load_till_context(session: Session) -> TillContext:
    profile = session.get(StoreProfile, 1)
    if profile is None:
        raise TillNotConfiguredError(
            msg(
                "This till has no store profile yet: run `omnitill demo-data` or enroll it "
                "with a hub."
            )
        )
    try:
        rates = {
            row.tax_class: TaxRate(tax_class=row.tax_class, rate=Decimal(row.rate), label=row.label)
            for row in session.scalars(select(TaxRateRow))
        }
        step = Decimal(profile.cash_rounding_step)
    except InvalidOperation as exc:
        raise TillNotConfiguredError(
            msg(
                "The store profile holds a malformed number ({reason}); ask support.",
                reason=str(exc),
            )
        ) from exc
    try:
        locale = normalize_locale(profile.locale)
    except LocaleError:
        # Formats are not worth refusing to sell over: a locale this Babel does not know
        # (written by a newer hub) falls back to the default, and the log says so.
        log.warning("store locale %r unknown here; using %s", profile.locale, DEFAULT_LOCALE)
        locale = DEFAULT_LOCALE
    return TillContext(
        store_id=profile.store_id,
        till_id=profile.till_id,
        store_name=profile.store_name,
        store_lines=tuple(line for line in profile.address.splitlines() if line.strip()),
        currency=currency_by_code(profile.currency),
        tax_mode=TaxMode(profile.tax_mode),
        tax_rates=rates,
        cash_rounding_step=step,
        footer=tuple(line for line in profile.receipt_footer.splitlines() if line.strip()),
        locale=locale,
    )
