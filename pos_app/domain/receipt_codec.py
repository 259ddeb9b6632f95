"""A ReceiptDocument as JSON and back, exactly: what the print queue keeps in the database.

Amounts are decimal text with their currency code (a money amount may carry more places than
the currency's minor unit, e.g. a unit price per kilogram), times ISO-8601 with their offset;
no float is ever written. ``decode(encode(doc)) == doc`` for every document.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_app.domain.errors import ReceiptError
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money, currency_by_code
from pos_app.domain.receipt import ReceiptDocument, ReceiptLine
from pos_app.domain.tax import TaxLine, TaxMode

__all__ = ["decode_receipt", "encode_receipt"]

FORMAT = 1


def _money(value: Money) -> list[str]:
    return [str(value.amount), value.currency.code]


def _from_money(value: Any) -> Money:
    amount, code = value
    return Money(Decimal(amount), currency_by_code(code))


def _line(line: ReceiptLine) -> dict[str, Any]:
    return {
        "name": line.name,
        "quantity": str(line.quantity),
        "unit_price": _money(line.unit_price),
        "amount": _money(line.amount),
        "notes": [[text, _money(value)] for text, value in line.notes],
        "sold_by_weight": line.sold_by_weight,
        "code": line.code,
        "group": line.group,
    }


def _from_line(data: dict[str, Any]) -> ReceiptLine:
    return ReceiptLine(
        name=data["name"],
        quantity=Decimal(data["quantity"]),
        unit_price=_from_money(data["unit_price"]),
        amount=_from_money(data["amount"]),
        notes=tuple((text, _from_money(value)) for text, value in data["notes"]),
        sold_by_weight=data["sold_by_weight"],
        code=data["code"],
        group=data["group"],
    )


def _tax(line: TaxLine) -> dict[str, Any]:
    return {
        "tax_class": line.tax_class,
        "label": line.label,
        "rate": str(line.rate),
        "net": _money(line.net),
        "tax": _money(line.tax),
        "gross": _money(line.gross),
    }


def _from_tax(data: dict[str, Any]) -> TaxLine:
    return TaxLine(
        data["tax_class"],
        data["label"],
        Decimal(data["rate"]),
        _from_money(data["net"]),
        _from_money(data["tax"]),
        _from_money(data["gross"]),
    )


_MONEY = ("subtotal", "discount_total", "total", "rounding_adjustment", "change")


def encode_receipt(doc: ReceiptDocument) -> str:
    data: dict[str, Any] = {"format": FORMAT}
    for spec in fields(doc):
        value = getattr(doc, spec.name)
        if spec.name in _MONEY:
            value = _money(value)
        elif spec.name == "lines":
            value = [_line(line) for line in value]
        elif spec.name == "tax_lines":
            value = [_tax(line) for line in value]
        elif spec.name == "tenders":
            value = [[label, _money(amount)] for label, amount in value]
        elif spec.name == "issued_at":
            value = value.isoformat()
        elif spec.name == "tax_mode":
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        data[spec.name] = value
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def decode_receipt(text: str) -> ReceiptDocument:
    """The document ``encode_receipt`` wrote; ReceiptError if the text is not one."""
    try:
        data = json.loads(text)
        if data.pop("format") != FORMAT:
            raise ValueError("unknown format")
        for name in _MONEY:
            data[name] = _from_money(data[name])
        data["lines"] = tuple(_from_line(line) for line in data["lines"])
        data["tax_lines"] = tuple(_from_tax(line) for line in data["tax_lines"])
        data["tenders"] = tuple((label, _from_money(v)) for label, v in data["tenders"])
        data["issued_at"] = datetime.fromisoformat(data["issued_at"])
        data["tax_mode"] = TaxMode(data["tax_mode"])
        for name in ("store_lines", "footer", "extra_barcodes"):
            data[name] = tuple(data.get(name, ()))
        return ReceiptDocument(**data)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ReceiptError(
            msg("The stored receipt cannot be read ({reason}); ask support.", reason=repr(exc))
        ) from exc
