"""GS1 element strings from scanners (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar) via biip.

biip (maintained, typed) knows the AI table, fixed/variable lengths, dates and decimal
measures; this module only turns its result into what the till uses — GTIN (01), lot (10),
expiry (17), serial (21), the 3xxx net measures and the amount payable (392n, 393n) — and its
errors into one typed error with a message a cashier can act on. Scanners send FNC1 as GS
(0x1D); most prefix a symbology identifier (]C1 GS1-128, ]d2 GS1 DataMatrix, ]Q3 GS1 QR,
]e0 GS1 DataBar), which is removed first. ``Basket.add_by_barcode`` sends a scan here when
``looks_like_gs1`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pos_app.domain.errors import BarcodeError
from pos_app.domain.l10n.messages import msg

__all__ = ["Gs1Data", "Gs1Error", "looks_like_gs1", "parse_gs1"]

GS = "\x1d"
# Lot (AI 10) and serial (AI 21) are up to 20 characters of GS1 AI encodable character set 82
# (GS1 General Specifications §7.11, figure 7.11-1): what the till records on a sale line and
# the hub keeps for recalls (sync/protocol/ Gs1TraceIn checks a sale event against it).
TRACE_TEXT_MAX = 20
CSET82_PATTERN = r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$"
MAX_LENGTH = 512  # a GS1 DataMatrix holds far less; longer input is noise
_SYMBOLOGY_PREFIXES = ("]C1", "]d2", "]e0", "]Q3", "]J1")


class Gs1Error(BarcodeError):
    """Not a valid GS1 element string (unknown AI, wrong length, bad date or check digit)."""


@dataclass(frozen=True)
class Gs1Data:
    gtin: str | None = None
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    # 3xxx measures by AI, e.g. {"3103": Decimal("0.750")} = net weight 0.750 kg.
    measures: dict[str, Decimal] = field(default_factory=dict)
    # Every element as (AI, raw value), in scan order, for anything not mapped above.
    elements: tuple[tuple[str, str], ...] = ()

    # 392n: the amount payable in the till's own currency; 393n: with its ISO 4217 number.
    amount_payable: Decimal | None = None
    amount_currency: str | None = None  # the numeric code from 393n; None for 392n

    @property
    def net_weight_kg(self) -> Decimal | None:
        for ai, value in self.measures.items():
            if ai.startswith("310"):
                return value
        return None


def looks_like_gs1(raw: str) -> bool:
    """A GS1 element string rather than a plain GTIN: a GS1 symbology identifier, an FNC1
    (GS) anywhere, or digits that start with AI 01/02 and run past a GTIN-14."""
    text = raw.strip("\r\n ")
    if text.startswith(_SYMBOLOGY_PREFIXES) or GS in text:
        return True
    return len(text) > 16 and text.isascii() and text.isdigit() and text[:2] in ("01", "02")


def _preview(text: str) -> str:
    head = "".join(c if c.isprintable() else "·" for c in text[:24])
    return head + ("…" if len(text) > 24 else "")


def parse_gs1(data: str) -> Gs1Data:
    if len(data) > MAX_LENGTH:
        raise Gs1Error(
            msg("This GS1 code is too long ({length} characters); scan it again.", length=len(data))
        )
    text = data.strip("\r\n ")
    for prefix in _SYMBOLOGY_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.lstrip(GS)  # a leading FNC1 only marks the code as GS1
    if not text:
        raise Gs1Error(msg("The GS1 code is empty; scan it again."))
    # biip is a till dependency (the `till` extra): imported when a GS1 code is scanned, so the
    # hub (which imports the domain) and the till's start need it not.
    from biip import ParseConfig, ParseError
    from biip.gs1_messages import GS1Message

    try:
        message = GS1Message.parse(text, config=ParseConfig(separator_chars=[GS]))
    except ParseError as exc:
        # biip's reason stays English (a library's text): the id says what to do.
        raise Gs1Error(
            msg(
                "{code} is not a valid GS1 code ({reason}); scan it again or key the item in.",
                code=_preview(text),
                reason=str(exc),
            )
        ) from exc

    gtin = lot = serial = None
    expiry: date | None = None
    amount: Decimal | None = None
    amount_currency: str | None = None
    measures: dict[str, Decimal] = {}
    elements: list[tuple[str, str]] = []
    for element in message.element_strings:
        ai = element.ai.ai
        elements.append((ai, element.value))
        if ai == "01":
            if element.gtin_error:
                raise Gs1Error(
                    msg(
                        "The GS1 code has a bad GTIN ({reason}); scan it again or key the item in.",
                        reason=str(element.gtin_error),
                    )
                )
            gtin = element.value
        elif ai == "10":
            lot = element.value
        elif ai == "17":
            expiry = element.date
        elif ai == "21":
            serial = element.value
        elif ai.startswith(("392", "393")) and element.decimal is not None:
            amount = element.decimal
            amount_currency = element.value[:3] if ai.startswith("393") else None
        elif ai.startswith("3") and element.decimal is not None:
            measures[ai] = element.decimal
    return Gs1Data(gtin, lot, expiry, serial, measures, tuple(elements), amount, amount_currency)
