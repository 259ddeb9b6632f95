"""Display formats for money and quantities (right-aligned columns use these)."""

from __future__ import annotations

from decimal import Decimal

from pos_app.domain.money import Money

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def money(value: Money, *, symbol: bool = False) -> str:
    text = abs(value).format_amount()
    if symbol:
        text = _SYMBOLS.get(value.currency.code, value.currency.code + " ") + text
    # A real minus sign reads better than a hyphen on screen.
    return "−" + text if value.is_negative() else text


def signed_money(value: Money) -> str:
    """An adjustment with its sign always shown: +€0.01, −€0.02."""
    text = money(value, symbol=True)
    return text if value.is_negative() else "+" + text


def quantity(value: Decimal, by_weight: bool) -> str:
    if by_weight:
        return format(value.quantize(Decimal("0.001")), "f") + " kg"
    return format(value.normalize(), "f")


def parse_decimal(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", ".")
    if not cleaned or len(cleaned) > 20:
        return None
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        return None
    return value if value.is_finite() else None
