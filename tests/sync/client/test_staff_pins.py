"""Staff made at head office sign in at an enrolled till: the hub CLI, the feed, the PIN pad.

Issue 16 point 1: the hub and the till share one PIN hash module (argon2id); hashes the hub
stored before (base64 scrypt) still sign in and are upgraded at the till, and the feed keeps
that upgrade until head office sets a new PIN.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from pos_app.db.models import Staff as TillStaff
from pos_app.services.staff.auth import AuthService
from sync.hub import headoffice
from sync.hub.models import Staff as HubStaff
from sync.protocol import FeedKind
from tests.helpers.hub import TILL_STORE, EnrolledTill, eventually
from tests.helpers.pins import legacy_scrypt

ROOT = Path(__file__).resolve().parents[3]


def till_staff(till: EnrolledTill, code: str) -> TillStaff | None:
    with till.read() as session:
        return session.scalars(select(TillStaff).where(TillStaff.code == code)).one_or_none()


def sign_in(till: EnrolledTill, pin: str) -> str | None:
    """The till's own sign-in, default hasher: the staff code signed in, or None."""
    auth = AuthService(till_id=till.config.till_id)
    with till.write.begin() as session:
        result = auth.sign_in(session, pin)
    return result.staff.code if result.staff is not None else None


def test_staff_added_with_the_hub_cli_sign_in_at_the_till(enrolled_till: EnrolledTill) -> None:
    url = enrolled_till.hub.settings.db_url
    done = subprocess.run(
        [sys.executable, "-m", "pos_app.cli", "hub", "add-staff", "--db", url, "--store",
         TILL_STORE, "--code", "E7", "--name", "Eva", "--role", "manager", "--pin", "48213"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    enrolled_till.sync().start()
    eventually(lambda: till_staff(enrolled_till, "E7") is not None, 10, "the staff feed")
    assert sign_in(enrolled_till, "48213") == "E7"
    assert sign_in(enrolled_till, "48214") is None


def feed_legacy_staff(till: EnrolledTill, name: str, pin_hash: str) -> None:
    """What a hub before argon2id stored and fed: a base64 scrypt hash."""
    hub = till.hub.hub
    with hub.change() as (session, pending):
        row = session.scalars(select(HubStaff).where(HubStaff.staff_code == "OLD")).one_or_none()
        if row is None:
            row = HubStaff(store_id=TILL_STORE, staff_code="OLD", role="associate", active=True)
            session.add(row)
        row.name, row.pin_hash, row.updated_at = name, pin_hash, hub.clock()
        data = {"staff_code": "OLD", "name": name, "role": "associate", "pin_hash": pin_hash}
        pending.add(TILL_STORE, FeedKind.STAFF, "OLD", {**data, "active": True})


def test_a_legacy_hub_hash_is_upgraded_at_the_till_and_kept(enrolled_till: EnrolledTill) -> None:
    legacy = legacy_scrypt("57319", b"\x07" * 16, encode="b64")
    feed_legacy_staff(enrolled_till, "Olga", legacy)
    enrolled_till.sync().start()
    eventually(lambda: till_staff(enrolled_till, "OLD") is not None, 10, "the staff feed")

    assert sign_in(enrolled_till, "57319") == "OLD"
    upgraded = till_staff(enrolled_till, "OLD")
    assert upgraded is not None
    assert upgraded.pin_hash.startswith("$argon2id$")
    assert upgraded.hub_pin_hash == legacy

    # The hub sends the person again with the same (legacy) hash: the upgrade stays.
    feed_legacy_staff(enrolled_till, "Olga B.", legacy)
    eventually(
        lambda: getattr(till_staff(enrolled_till, "OLD"), "name", "") == "Olga B.", 10, "rename"
    )
    kept = till_staff(enrolled_till, "OLD")
    assert kept is not None
    assert kept.pin_hash == upgraded.pin_hash

    # Head office sets a new PIN: the till takes it, the old PIN stops working.
    headoffice.add_staff(
        enrolled_till.hub.hub, store_id=TILL_STORE, staff_code="OLD", name="Olga B.",
        role="associate", pin="66102",
    )  # fmt: skip
    eventually(
        lambda: getattr(till_staff(enrolled_till, "OLD"), "hub_pin_hash", legacy) != legacy,
        10,
        "the new PIN",
    )
    assert sign_in(enrolled_till, "57319") is None
    assert sign_in(enrolled_till, "66102") == "OLD"
