"""Typed domain errors.

Every message is written to be shown to a cashier as is: it says what is wrong and, where it
helps, what to do about it. Subclassing ValueError keeps them catchable by generic callers.
"""

from __future__ import annotations


class DomainError(ValueError):
    """A business rule was broken; the message is fit for the person at the till."""


class MoneyError(DomainError):
    """An amount or currency is unusable (wrong currency, too precise, too large...)."""


class CurrencyMismatchError(MoneyError):
    """Two amounts in different currencies were combined."""


class BarcodeError(DomainError):
    """A scanned or keyed code is not a valid barcode."""


class TaxError(DomainError):
    """Tax cannot be computed (unknown tax class, invalid rate...)."""


class BasketError(DomainError):
    """An operation on the basket is not allowed."""


class UnknownProductError(BasketError):
    """No catalog item matches the scanned barcode or SKU."""


class WeightRequiredError(BasketError):
    """A weighed item was added without a weight."""


class TenderError(DomainError):
    """A payment cannot be accepted as entered."""


class ReceiptError(DomainError):
    """A receipt cannot be built from the given sale."""


class LocaleError(DomainError):
    """A locale setting (e.g. "fr_FR") is not one the formats know."""
