"""Tokens, one-time codes and staff PINs: how they are made and how they are stored.

Device and admin tokens are 256 random bits, so a plain SHA-256 is enough to store them (no
dictionary to attack; a slow hash would only slow every request). Enrollment codes are short
enough to type but single-use and short-lived. Staff PINs are hashed by the module the tills
share, pos_app.domain.staff.credentials (argon2id), so a till verifies them offline.
"""

from __future__ import annotations

import hashlib
import secrets

DEVICE_TOKEN_PREFIX = "otd_"  # noqa: S105 - a visible marker, not a secret
ADMIN_TOKEN_PREFIX = "ota_"  # noqa: S105 - a visible marker, not a secret
# No 0/O, 1/I/L: codes are read aloud and typed at a till.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLL_CODE_LENGTH = 12  # ~59 bits
PICKUP_CODE_LENGTH = 8


def new_device_token() -> str:
    return DEVICE_TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_admin_token() -> str:
    return ADMIN_TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


ADMIN_TOKEN_ID_LENGTH = 12  # hex digits of the token's SHA-256 shown as its id


def admin_token_id(token_hash: str) -> str:
    """What logs and reviews name an admin token by (never the token itself)."""
    return token_hash[:ADMIN_TOKEN_ID_LENGTH]


def random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_enroll_code() -> str:
    raw = random_code(ENROLL_CODE_LENGTH)
    return "-".join(raw[i : i + 4] for i in range(0, ENROLL_CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """What people type: any case, with or without the dashes and spaces."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
