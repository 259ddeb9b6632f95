"""One PIN hash format for hub and till (argon2id); both legacy scrypt encodings still verify."""

from __future__ import annotations

from pos_app.domain.staff.credentials import PinHasher
from tests.helpers.pins import legacy_scrypt

FAST = PinHasher(time_cost=1, memory_kib=64)


def test_new_hashes_are_salted_argon2id_with_their_parameters() -> None:
    first, second = FAST.hash("1234"), FAST.hash("1234")
    assert first.startswith("$argon2id$v=19$m=64,t=1,p=1$")
    assert first != second
    assert "1234" not in first
    assert FAST.verify("1234", first)
    assert not FAST.verify("1235", first)
    # The stored parameters are used, not the hasher's current ones.
    assert PinHasher(time_cost=2, memory_kib=128).verify("1234", first)


def test_the_tills_hex_scrypt_hashes_still_verify() -> None:
    stored = legacy_scrypt("4821", bytes(range(16)), encode="hex")
    assert FAST.verify("4821", stored)
    assert not FAST.verify("4822", stored)
    assert FAST.needs_rehash(stored)


def test_the_hubs_base64_scrypt_hashes_still_verify() -> None:
    stored = legacy_scrypt("4821", b"\xfe" * 16, encode="b64")
    assert FAST.verify("4821", stored)
    assert not FAST.verify("4822", stored)
    assert FAST.needs_rehash(stored)


def test_rehash_is_needed_only_for_other_parameters() -> None:
    assert not FAST.needs_rehash(FAST.hash("1234"))
    assert PinHasher(time_cost=2, memory_kib=64).needs_rehash(FAST.hash("1234"))


def test_garbage_never_verifies() -> None:
    for stored in ("", "bcrypt$x", "scrypt$x$y", "scrypt$16384$8$1$zz$zz", "$argon2id$v=19$junk"):
        assert not FAST.verify("1234", stored)
        assert FAST.needs_rehash(stored)
