"""PIN hashes for tests: a cheap argon2id hasher and the legacy scrypt formats, written out
independently of pos_app.domain.staff.credentials (what the till and the hub stored before)."""

from __future__ import annotations

import base64
import hashlib

from pos_app.domain.staff.credentials import PinHasher

FAST_PINS = PinHasher(time_cost=1, memory_kib=64)  # argon2 cost is not what tests are about


def legacy_scrypt(pin: str, salt: bytes, *, encode: str) -> str:
    """``encode="hex"``: the till's old PinHasher; ``"b64"``: the hub's old hash_pin."""
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    if encode == "hex":
        return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"
    b64 = base64.b64encode
    return f"scrypt$16384$8$1${b64(salt).decode()}${b64(digest).decode()}"
