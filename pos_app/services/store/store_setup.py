"""First-run set-up of a standalone shop: the store profile, default tax rates, a first manager.

Qt-free so the first-run screen, a script or a test can call it the same way. Everything is
checked before anything is written, and it is all written in one transaction: garbage in a
single field leaves the database exactly as it was, with one plain sentence saying why.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from pos_app.db.models import StoreProfile, TaxRateRow
from pos_app.domain.errors import LocaleError, MoneyError
from pos_app.domain.l10n.locales import DEFAULT_LOCALE, normalize_locale
from pos_app.domain.l10n.messages import N_, Label, msg
from pos_app.domain.money import currency_by_code
from pos_app.domain.tax import TaxMode
from pos_app.services.staff.auth import AuthError, AuthService, Role, StaffMember, check_pin_format

STANDALONE_STORE_ID = "local"
STANDALONE_TILL_ID = "till-1"
FIRST_MANAGER_CODE = "M1"
MAX_STORE_NAME = 200
MAX_STAFF_NAME = 100
MAX_ROUNDING_STEP = Decimal(100)

# The tax classes the catalog uses (standard / reduced / zero), with a sensible start per
# currency; a manager can change them later. Unknown currencies start at 0 % everywhere.
DEFAULT_TAX_RATES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "EUR": (("standard", "0.20", "VAT 20%"), ("reduced", "0.055", "VAT 5.5%"),
            ("zero", "0", "VAT 0%")),
    "GBP": (("standard", "0.20", "VAT 20%"), ("reduced", "0.05", "VAT 5%"),
            ("zero", "0", "VAT 0%")),
}  # fmt: skip
FALLBACK_TAX_RATES = (
    ("standard", "0", "Tax 0%"),
    ("reduced", "0", "Tax 0%"),
    ("zero", "0", "Tax 0%"),
)


class StoreSetupError(Exception):
    """The set-up cannot be accepted as given; the message says what to fix. Nothing written."""


@dataclass(frozen=True)
class StandaloneStore:
    store_name: str
    currency: str
    tax_mode: TaxMode
    cash_rounding_step: Decimal
    manager_name: str
    manager_pin: str
    locale: str = DEFAULT_LOCALE


def _clean_name(value: str, what: Label, limit: int) -> str:
    text = " ".join(value.split())
    if not text:
        raise StoreSetupError(msg("Type the {what}.", what=what))
    if len(text) > limit:
        raise StoreSetupError(
            msg("The {what} is too long (at most {limit} characters).", what=what, limit=limit)
        )
    if any(unicodedata.category(char).startswith("C") for char in text):
        raise StoreSetupError(
            msg("The {what} contains characters a receipt cannot print.", what=what)
        )
    return text


def validate_standalone(
    *,
    store_name: str,
    currency: str,
    tax_mode: str,
    cash_rounding_step: str,
    manager_name: str,
    pin: str,
    pin_again: str,
    locale: str = DEFAULT_LOCALE,
) -> StandaloneStore:
    """Check every field; returns the cleaned set-up or raises StoreSetupError."""
    name = _clean_name(store_name, Label(N_("shop name")), MAX_STORE_NAME)
    try:
        money = currency_by_code(currency)
    except MoneyError:
        raise StoreSetupError(
            msg(
                "{currency} is not a currency this till knows: choose one from the list.",
                currency=repr(currency.strip()[:10]),
            )
        ) from None
    try:
        mode = TaxMode(tax_mode.strip().lower())
    except ValueError:
        raise StoreSetupError(msg("Choose whether prices include tax or tax is added.")) from None
    try:
        step = Decimal(cash_rounding_step.strip()[:20])
    except InvalidOperation:
        raise StoreSetupError(msg("The cash rounding step is not a number.")) from None
    if not step.is_finite() or step <= 0 or step > MAX_ROUNDING_STEP:
        raise StoreSetupError(
            msg(
                "The cash rounding step must be above 0 and at most {most}.",
                most=MAX_ROUNDING_STEP,
            )
        )
    if step % money.quantum != 0:
        raise StoreSetupError(
            msg(
                "The cash rounding step must be a whole number of {currency} coins "
                "(a multiple of {quantum}).",
                currency=money.code,
                quantum=money.quantum,
            )
        )
    try:
        store_locale = normalize_locale(locale)
    except LocaleError as exc:
        raise StoreSetupError(*exc.args) from None
    manager = _clean_name(manager_name, Label(N_("manager's name")), MAX_STAFF_NAME)
    try:
        check_pin_format(pin)
    except AuthError as exc:
        raise StoreSetupError(*exc.args) from None
    if pin != pin_again:
        raise StoreSetupError(msg("The two PINs are not the same; type the PIN again."))
    return StandaloneStore(
        store_name=name,
        currency=money.code,
        tax_mode=mode,
        cash_rounding_step=step.quantize(money.quantum),
        manager_name=manager,
        manager_pin=pin,
        locale=store_locale,
    )


def write_standalone_store(
    session: Session, setup: StandaloneStore, auth: AuthService
) -> StaffMember:
    """Write the profile, the default tax rates and the first manager in ``session``'s
    transaction (the caller commits). Refuses a till that already has a store profile."""
    if session.get(StoreProfile, 1) is not None:
        raise StoreSetupError(msg("This till is already set up."))
    session.add(
        StoreProfile(
            id=1,
            store_id=STANDALONE_STORE_ID,
            till_id=STANDALONE_TILL_ID,
            store_name=setup.store_name,
            address="",
            currency=setup.currency,
            tax_mode=str(setup.tax_mode),
            cash_rounding_step=str(setup.cash_rounding_step),
            receipt_footer="",
            locale=setup.locale,
        )
    )
    session.query(TaxRateRow).delete()
    for tax_class, rate, label in DEFAULT_TAX_RATES.get(setup.currency, FALLBACK_TAX_RATES):
        session.add(TaxRateRow(tax_class=tax_class, rate=rate, label=label))
    try:
        return auth.enroll(
            session,
            code=FIRST_MANAGER_CODE,
            name=setup.manager_name,
            role=Role.MANAGER,
            pin=setup.manager_pin,
        )
    except AuthError as exc:
        raise StoreSetupError(*exc.args) from None
