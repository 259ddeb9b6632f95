"""Retail barcodes: GTIN normalisation and variable-measure (weight / price) EAN-13 codes.

Scanners send the same product in several shapes (UPC-A with or without the leading zero,
UPC-E, GTIN-14 from a case-level database). ``normalize_gtin`` maps them all to one canonical
lookup form so that the catalog index and a scan always agree:

- EAN-13: as is;
- UPC-A (12 digits): "0" + the 12 digits;
- UPC-E (8 digits, number system 0 or 1): expanded to UPC-A, then as UPC-A;
- EAN-8: stays 8 digits;
- GTIN-14 with indicator digit 0: its 13-digit tail.

An 8-digit code is ambiguous between EAN-8 and UPC-E. It is read as EAN-8 whenever its EAN-8
check digit is valid and as UPC-E only otherwise. Roughly one UPC-E code in ten also has a
valid EAN-8 check digit (01234565 is one); as long as catalog barcodes are stored through
``normalize_gtin`` too, both sides reach the same key.

Scanner input is untrusted: the length is checked before any other work and messages never
echo more than a short prefix of what was received.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from stdnum import ean

from pos_app.domain.errors import BarcodeError, DomainError
from pos_app.domain.l10n.messages import msg

__all__ = [
    "BarcodeError",
    "MeasureKind",
    "ProductCode",
    "VariableMeasureCode",
    "VariableMeasureConfig",
    "VariableMeasureRule",
    "expand_upce",
    "normalize_gtin",
    "parse_scan",
]

MeasureKind = Literal["weight", "price"]

_GTIN_LENGTHS = (8, 12, 13, 14)
# Generous enough for a code padded with whitespace by a keyboard-wedge scanner.
_MAX_RAW_LENGTH = 64
_PREVIEW = 20


def _preview(text: str) -> str:
    """A short, printable excerpt of untrusted input for an error message."""
    head = "".join(c if c.isprintable() else "?" for c in text[:_PREVIEW])
    return head + ("..." if len(text) > _PREVIEW else "")


def _check_digit(body: str) -> str:
    # stdnum's EAN algorithm weights digits from the right, so it serves EAN-8, UPC-A,
    # EAN-13 and GTIN-14 alike.
    return str(ean.calc_check_digit(body))


def expand_upce(code: str) -> str:
    """Expand an 8-digit UPC-E code (number system, 6 digits, check digit) to its UPC-A.

    The check digit is carried over unchanged; it is validated against the expansion by
    ``normalize_gtin``, not here.
    """
    if len(code) != 8 or not (code.isascii() and code.isdigit()) or code[0] not in "01":
        raise BarcodeError(msg("{code} is not a UPC-E code.", code=_preview(code)))
    system, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    return system + body + check


def _wrong_check(code: str, expected: str) -> BarcodeError:
    return BarcodeError(
        msg(
            "Barcode {code} has a wrong check digit: expected {expected}, got {got}. "
            "Scan it again or key it in.",
            code=code, expected=expected, got=code[-1],
        )
    )  # fmt: skip


def normalize_gtin(code: str) -> str:
    """Validate a scanned or keyed GTIN and return its canonical lookup form."""
    if not isinstance(code, str):
        raise TypeError(f"Barcode must be a str, not {type(code).__name__}.")
    if len(code) > _MAX_RAW_LENGTH:
        raise BarcodeError(
            msg(
                "Barcode is too long ({length} characters, starting {start}); "
                "a product barcode has 8 to 14 digits.",
                length=len(code), start=repr(_preview(code)),
            )
        )  # fmt: skip
    text = code.strip()
    if not text:
        raise BarcodeError(msg("No barcode was scanned (the input is empty)."))
    if not (text.isascii() and text.isdigit()):
        raise BarcodeError(
            msg(
                "Barcode {code} contains letters or symbols; a barcode is digits only.",
                code=repr(_preview(text)),
            )
        )
    length = len(text)
    if length not in _GTIN_LENGTHS:
        raise BarcodeError(
            msg(
                "Barcode {code} has {length} digits; expected 8 (EAN-8 or UPC-E), "
                "12 (UPC-A), 13 (EAN-13) or 14 (GTIN-14).",
                code=_preview(text), length=length,
            )
        )  # fmt: skip
    expected = _check_digit(text[:-1])
    if length == 8:
        return _normalize_eight(text, expected)
    if expected != text[-1]:
        raise _wrong_check(text, expected)
    if length == 12:
        return "0" + text
    if length == 14:
        if text[0] != "0":
            raise BarcodeError(
                msg(
                    "Barcode {code} identifies a case or pack (GTIN-14 indicator {indicator}), "
                    "not a single item. Scan the item's own barcode.",
                    code=text, indicator=text[0],
                )
            )  # fmt: skip
        return text[1:]
    return text


def _normalize_eight(text: str, ean8_expected: str) -> str:
    if ean8_expected == text[-1]:
        return text
    if text[0] not in "01":
        raise _wrong_check(text, ean8_expected)
    upca = expand_upce(text)
    upce_expected = _check_digit(upca[:-1])
    if upce_expected == text[-1]:
        return "0" + upca
    if upce_expected == ean8_expected:
        raise _wrong_check(text, ean8_expected)
    raise BarcodeError(
        msg(
            "Barcode {code} has a wrong check digit: expected {ean8} (as EAN-8) or "
            "{upce} (as UPC-E), got {got}. Scan it again or key it in.",
            code=text, ean8=ean8_expected, upce=upce_expected, got=text[-1],
        )
    )  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class VariableMeasureRule:
    """How an in-store EAN-13 label embeds a weight or a price.

    Layout: prefix + item code + value + check digit = 13 digits. ``value_decimals`` places the
    decimal point in the value: 3 for a weight in kg written in grams, 2 for a price in cents.
    """

    prefix: str
    item_digits: int = 5
    value_digits: int = 5
    kind: MeasureKind
    value_decimals: int

    def __post_init__(self) -> None:
        if not (self.prefix.isascii() and self.prefix.isdigit() and 1 <= len(self.prefix) <= 3):
            raise DomainError(
                msg(
                    "Variable-measure prefix must be 1-3 digits, got {prefix}.",
                    prefix=repr(self.prefix),
                )
            )
        if self.item_digits < 1 or self.value_digits < 1:
            raise DomainError(msg("Variable-measure item and value need at least one digit each."))
        if len(self.prefix) + self.item_digits + self.value_digits != 12:
            raise DomainError(
                msg(
                    "Variable-measure rule {prefix}: prefix, item and value digits must add up "
                    "to 12 (13 with the check digit).",
                    prefix=self.prefix,
                )
            )
        if self.kind not in ("weight", "price"):
            raise DomainError(
                msg(
                    "Variable-measure kind must be weight or price, not {kind}.",
                    kind=repr(self.kind),
                )
            )
        if not 0 <= self.value_decimals <= self.value_digits:
            raise DomainError(msg("Variable-measure value decimals must fit in the value digits."))


@dataclass(frozen=True)
class VariableMeasureConfig:
    rules: tuple[VariableMeasureRule, ...]

    def __post_init__(self) -> None:
        prefixes = [rule.prefix for rule in self.rules]
        for i, prefix in enumerate(prefixes):
            for other in prefixes[:i]:
                if prefix.startswith(other) or other.startswith(prefix):
                    raise DomainError(
                        msg(
                            "Variable-measure prefixes {other} and {prefix} overlap; a label "
                            "must match one rule only.",
                            other=other,
                            prefix=prefix,
                        )
                    )

    @classmethod
    def default(cls) -> VariableMeasureConfig:
        """GS1 in-store prefixes 20-29 and UPC number system 2 ("02"), all weights in grams."""
        prefixes = [f"2{d}" for d in range(10)] + ["02"]
        return cls(
            tuple(VariableMeasureRule(prefix=p, kind="weight", value_decimals=3) for p in prefixes)
        )

    def rule_for(self, gtin13: str) -> VariableMeasureRule | None:
        for rule in self.rules:
            if gtin13.startswith(rule.prefix):
                return rule
        return None


@dataclass(frozen=True)
class ProductCode:
    gtin: str


@dataclass(frozen=True)
class VariableMeasureCode:
    """A decoded weight or price label.

    ``lookup_code`` is the label with its value digits zeroed and the check digit recomputed:
    that is the barcode stored on the catalog item (Odoo's barcode nomenclature does the same).
    ``gtin`` is the full code as scanned, after normalisation.
    """

    lookup_code: str
    item_code: str
    kind: MeasureKind
    value: Decimal
    gtin: str = ""


def parse_scan(raw: str, config: VariableMeasureConfig) -> ProductCode | VariableMeasureCode:
    """Normalise and validate a scan, then decode it if it is a variable-measure label."""
    gtin = normalize_gtin(raw)
    rule = config.rule_for(gtin) if len(gtin) == 13 else None
    if rule is None:
        return ProductCode(gtin)
    item_start = len(rule.prefix)
    value_start = item_start + rule.item_digits
    item_code = gtin[item_start:value_start]
    value_digits = gtin[value_start : value_start + rule.value_digits]
    body = gtin[:value_start] + "0" * rule.value_digits
    return VariableMeasureCode(
        lookup_code=body + _check_digit(body),
        item_code=item_code,
        kind=rule.kind,
        value=Decimal(int(value_digits)).scaleb(-rule.value_decimals),
        gtin=gtin,
    )
