"""Staff PIN hashes: one format for the hub and the till (argon2id), old formats still read.

A PIN is 4-8 digits, so the hash must be slow and salted: argon2id (RFC 9106) with its
parameters inside the encoded string (``$argon2id$v=19$m=...,t=...,p=...$salt$hash``), so the
cost can be raised later and every till can verify a PIN offline from the hub's feed.

Hashes stored before this module keep working and report ``needs_rehash``: the caller re-hashes
the PIN on the next successful sign-in (the only moment the PIN is known). Two legacy scrypt
encodings exist, both ``scrypt$n$r$p$<salt>$<digest>``: the till wrote salt and digest in hex,
the hub in base64 (always padded for 16- and 32-byte values, so the two cannot be confused).

This lives in the domain (no I/O, no database) so the hub and the till import the same rules.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import string
from dataclasses import dataclass, field

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

__all__ = ["PinHasher", "is_legacy"]

_HEX = frozenset(string.hexdigits)


def is_legacy(stored: str) -> bool:
    return stored.startswith("scrypt$")


@dataclass(frozen=True)
class PinHasher:
    """argon2id; the defaults cost ~50 ms and 19 MiB per PIN (OWASP's argon2id minimum).

    Sign-in is PIN-only, so a till checks the PIN against each active staff member: the cost
    is paid once per person, on the database lane, never on the GUI thread.
    """

    time_cost: int = 2
    memory_kib: int = 19 * 1024
    parallelism: int = 1
    _argon: PasswordHasher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        argon = PasswordHasher(
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            type=Type.ID,
        )
        object.__setattr__(self, "_argon", argon)

    def hash(self, pin: str) -> str:
        return self._argon.hash(pin)

    def verify(self, pin: str, stored: str) -> bool:
        if is_legacy(stored):
            return _verify_scrypt(pin, stored)
        try:
            return self._argon.verify(stored, pin)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        """True for a legacy hash or one made with other parameters than this hasher's."""
        if is_legacy(stored):
            return True
        try:
            return self._argon.check_needs_rehash(stored)
        except (InvalidHashError, ValueError):
            return True


def _decode(part: str) -> bytes:
    """Hex (the till's old encoding) or base64 (the hub's); raises ValueError when neither."""
    if part and len(part) % 2 == 0 and set(part) <= _HEX:
        return bytes.fromhex(part)
    try:
        return base64.b64decode(part, validate=True)
    except binascii.Error as exc:
        raise ValueError(str(exc)) from exc


def _verify_scrypt(pin: str, stored: str) -> bool:
    try:
        _scheme, n_text, r_text, p_text, salt_text, digest_text = stored.split("$")
        n, r, p = int(n_text), int(r_text), int(p_text)
        salt, expected = _decode(salt_text), _decode(digest_text)
        if not expected:
            return False
        maxmem = 128 * r * (n + p + 2) + 1024 * 1024
        got = hashlib.scrypt(
            pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=len(expected)
        )
    except (ValueError, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(got, expected)
