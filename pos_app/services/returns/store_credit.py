"""Store credit codes made at the till (the contract with the hub, docs/architecture.md §8).

A store credit refund is a refund tender of kind "store_credit" with a negative amount and
``account`` = a code made here; the hub opens the balance when it ingests the return event.
The code is printed on the return receipt as text and as a barcode.
"""

from __future__ import annotations

import secrets

# Store credit codes are read aloud and typed from paper: no 0/O, 1/I/L look-alikes.
CREDIT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CREDIT_CODE_PREFIX = "SC"
CREDIT_CODE_LENGTH = 10
# Prices a store credit refund before its code exists (the code is made when it commits).
PENDING_CREDIT = "(new store credit)"


def new_store_credit_code() -> str:
    """A store credit code made at the till; the hub opens its balance from the return event."""
    body = "".join(secrets.choice(CREDIT_CODE_ALPHABET) for _ in range(CREDIT_CODE_LENGTH))
    return CREDIT_CODE_PREFIX + body


__all__ = [
    "CREDIT_CODE_ALPHABET",
    "CREDIT_CODE_LENGTH",
    "CREDIT_CODE_PREFIX",
    "PENDING_CREDIT",
    "new_store_credit_code",
]
