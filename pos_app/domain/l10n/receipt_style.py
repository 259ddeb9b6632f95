"""How a receipt writes its labels, amounts, quantities and dates: in the store's language.

``ReceiptStyle.for_locale("fr_FR")`` translates the labels through the message catalogs and
formats numbers and dates with Babel; the amounts are printed without a currency symbol (the
TOTAL line names the currency) and with plain spaces, which every printer code page has
(CLDR groups French thousands with a narrow no-break space, which none has).
``ReceiptStyle.for_locale("")`` is the layout receipts had before stores had a locale
(English, ISO dates, "1234.50"): a document stored then reprints exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

from pos_app.domain.l10n.catalog import translator
from pos_app.domain.l10n.formats import Formats
from pos_app.domain.l10n.messages import N_, Translate
from pos_app.domain.money import Money

__all__ = ["LABELS", "ReceiptStyle"]

# Every label a receipt prints, marked for extraction (tools/messages.py).
LABELS: Final = (
    N_("Receipt"), N_("Order"), N_("Cashier"), N_("Staff"), N_("Till"), N_("Subtotal"),
    N_("Discounts"), N_("Tax"), N_("TOTAL"), N_("Cash rounding"), N_("TO PAY"), N_("Change"),
    N_("Tax (incl.)"), N_("Tax (added)"), N_("Net"), N_("Gross"), N_("*** OFFLINE ***"),
    N_("*** DUPLICATE ***"), N_("RETURN"), N_("EXCHANGE"), N_("COLLECTION"), N_("Cash"),
)  # fmt: skip
_SPACES: Final = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def plain_percent(rate: Decimal) -> str:
    """ "20%", "5.5%": how receipts wrote a rate before stores had a locale."""
    return format((rate * 100).normalize(), "f") + "%"


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class ReceiptStyle:
    formats: Formats | None
    translate: Translate

    @classmethod
    def for_locale(cls, locale: str) -> ReceiptStyle:
        if not locale:
            return cls(None, _identity)
        return cls(Formats(locale), translator(locale))

    def t(self, label: str) -> str:
        return self.translate(label)

    def amount(self, value: Money) -> str:
        if self.formats is None:
            return value.format_amount()
        return self.formats.money(value, symbol=False).translate(_SPACES)

    def quantity(self, value: Decimal, by_weight: bool) -> str:
        if self.formats is None:
            if by_weight:
                return format(value.quantize(Decimal("0.001")), "f") + " kg"
            return format(value.normalize(), "f")
        return self.formats.quantity(value, by_weight).translate(_SPACES)

    def percent(self, rate: Decimal) -> str:
        if self.formats is None:
            return plain_percent(rate)
        return self.formats.percent(rate).translate(_SPACES)

    def says_rate(self, label: str, rate: Decimal) -> bool:
        """True when a tax label such as "VAT 20%" or "TVA 20 %" already names ``rate``."""
        shown = {plain_percent(rate), self.percent(rate)}
        return any(s in label or s.replace(" ", "") in label for s in shown)

    def when(self, moment: datetime) -> str:
        """Date and time where the receipt was issued (its own UTC offset)."""
        if self.formats is None:
            return moment.strftime("%Y-%m-%d %H:%M")
        return self.formats.datetime(moment).translate(_SPACES)
