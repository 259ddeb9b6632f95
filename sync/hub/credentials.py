"""Tokens, one-time codes and staff PINs: how they are made and how they are stored.

Device and admin tokens are 256 random bits, so a plain SHA-256 is enough to store them (no
dictionary to attack; a slow hash would only slow every request). Enrollment codes are short
enough to type but single-use and short-lived. Staff PINs are few digits, so they get scrypt
with a per-PIN salt; the parameters travel with the hash so they can be raised later and the
till can verify a PIN offline from the feed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

DEVICE_TOKEN_PREFIX = "otd_"  # noqa: S105 - a visible marker, not a secret
ADMIN_TOKEN_PREFIX = "ota_"  # noqa: S105 - a visible marker, not a secret
# No 0/O, 1/I/L: codes are read aloud and typed at a till.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLL_CODE_LENGTH = 12  # ~59 bits
PICKUP_CODE_LENGTH = 8

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32


def new_device_token() -> str:
    return DEVICE_TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_admin_token() -> str:
    return ADMIN_TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_enroll_code() -> str:
    raw = random_code(ENROLL_CODE_LENGTH)
    return "-".join(raw[i : i + 4] for i in range(0, ENROLL_CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """What people type: any case, with or without the dashes and spaces."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_DKLEN
    )
    return "$".join(
        (
            "scrypt",
            str(SCRYPT_N),
            str(SCRYPT_R),
            str(SCRYPT_P),
            base64.b64encode(salt).decode("ascii"),
            base64.b64encode(digest).decode("ascii"),
        )
    )


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest_b64)
        actual = hashlib.scrypt(
            pin.encode("utf-8"),
            salt=base64.b64decode(salt_b64),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)
