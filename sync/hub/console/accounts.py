"""Console users: passwords (argon2id), lockout, sessions, and the audit log of changes.

Passwords are hashed with argon2-cffi directly; the shared credential module of issue 16
(pos_app/domain/staff/credentials.py) is not on main yet, and this is the one place to switch
when it lands. Sessions are random 256-bit cookies stored as SHA-256 digests (like tokens).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.hub import credentials
from sync.hub.console.roles import Role
from sync.hub.context import Hub
from sync.hub.errors import Conflict, Invalid, NotFound, Unauthorized
from sync.hub.models import AdminToken, ConsoleAudit, ConsoleSession, ConsoleUser, Store

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)
MIN_PASSWORD_LENGTH = 12
BAD_SIGN_IN = "e-mail or password is wrong"  # the same words for both: nothing to enumerate


@dataclass(frozen=True)
class ConsoleIdentity:
    """Who is signed in (or whose API token is used): role and, for store managers, stores."""

    user_id: int | None
    email: str
    role: Role
    stores: tuple[str, ...]
    csrf_token: str = ""

    def sees_store(self, store_id: str) -> bool:
        return self.role is not Role.STORE_MANAGER or store_id in self.stores


# An admin token made before console users existed: it keeps the rights it always had.
LEGACY_ADMIN = ConsoleIdentity(user_id=None, email="admin-token", role=Role.ADMIN, stores=())


def new_password() -> str:
    return secrets.token_urlsafe(15)  # 20 characters, ~120 bits


def _identity(user: ConsoleUser, csrf_token: str = "") -> ConsoleIdentity:
    return ConsoleIdentity(
        user_id=user.id,
        email=user.email,
        role=Role(user.role),
        stores=tuple(json.loads(user.stores)),
        csrf_token=csrf_token,
    )


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or any(ch.isspace() for ch in email):
        raise Invalid(f"{email!r} is not an e-mail address")
    return email


def audit(
    session: Session,
    actor: str,
    action: str,
    target: str,
    before: object,
    after: object,
    now: datetime,
) -> None:
    session.add(
        ConsoleAudit(
            at=now,
            actor=actor,
            action=action,
            target=target,
            before=json.dumps(before, sort_keys=True, default=str),
            after=json.dumps(after, sort_keys=True, default=str),
        )
    )


def add_user(
    hub: Hub,
    *,
    email: str,
    role: Role,
    stores: list[str],
    password: str,
    actor: str,
) -> ConsoleIdentity:
    email = normalise_email(email)
    if role is Role.STORE_MANAGER and not stores:
        raise Invalid("a store manager needs at least one --store")
    if role is not Role.STORE_MANAGER and stores:
        raise Invalid(f"a {role.value} sees every store; --store is for store managers")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    with hub.change() as (session, _):
        for store_id in stores:
            if session.get(Store, store_id) is None:
                raise NotFound(f"no store {store_id!r}")
        if session.scalars(select(ConsoleUser).where(ConsoleUser.email == email)).first():
            raise Conflict(f"a console user {email} exists already")
        user = ConsoleUser(
            email=email,
            role=role.value,
            stores=json.dumps(sorted(stores)),
            password_hash=hub.passwords.hash(password),
            failed_attempts=0,
            locked_until=None,
            active=True,
            created_at=hub.clock(),
        )
        session.add(user)
        session.flush()
        after = {"email": email, "role": role.value, "stores": sorted(stores)}
        audit(session, actor, "user.add", email, None, after, user.created_at)
        return _identity(user)


def sign_in(hub: Hub, email: str, password: str) -> tuple[str, ConsoleIdentity]:
    """A new session cookie value for a right password; a wrong one counts towards lockout."""
    try:
        email = normalise_email(email)
    except Invalid:
        raise Unauthorized(BAD_SIGN_IN) from None
    with hub.change() as (session, _):
        now = hub.clock()
        user = session.scalars(
            select(ConsoleUser).where(ConsoleUser.email == email).with_for_update()
        ).first()
        if user is None or not user.active:
            hub.passwords.hash(password)  # the same time as a real check: no user enumeration
            raise Unauthorized(BAD_SIGN_IN)
        if user.locked_until is not None and user.locked_until > now:
            raise Unauthorized(
                f"too many failed attempts: locked until {user.locked_until:%H:%M} UTC"
            )
        result: tuple[str, ConsoleIdentity] | None = None
        try:
            hub.passwords.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
                user.locked_until = now + LOCKOUT
                user.failed_attempts = 0
        else:
            user.failed_attempts = 0
            user.locked_until = None
            if hub.passwords.check_needs_rehash(user.password_hash):
                user.password_hash = hub.passwords.hash(password)
            cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            session.add(
                ConsoleSession(
                    session_hash=credentials.token_digest(cookie),
                    user_id=user.id,
                    csrf_token=csrf,
                    created_at=now,
                    expires_at=now + SESSION_LIFETIME,
                )
            )
            result = cookie, _identity(user, csrf)
    # Refused only after the transaction: the failed attempt must be committed, not rolled back.
    if result is None:
        raise Unauthorized(BAD_SIGN_IN)
    return result


def session_identity(session: Session, cookie: str, now: datetime) -> ConsoleIdentity | None:
    if not cookie or len(cookie) > 100:
        return None
    found = session.execute(
        select(ConsoleSession, ConsoleUser)
        .join(ConsoleUser, ConsoleUser.id == ConsoleSession.user_id)
        .where(ConsoleSession.session_hash == credentials.token_digest(cookie))
    ).first()
    if found is None:
        return None
    row, user = found
    if row.expires_at <= now or not user.active:
        return None
    return _identity(user, row.csrf_token)


def sign_out(hub: Hub, cookie: str) -> None:
    with hub.change() as (session, _):
        session.execute(
            delete(ConsoleSession).where(
                ConsoleSession.session_hash == credentials.token_digest(cookie)
            )
        )


def reset_password(hub: Hub, user_id: int, actor: str) -> tuple[str, str]:
    """A new password for a user (shown once to the admin); their sessions end, lock lifts."""
    password = new_password()
    with hub.change() as (session, _):
        user = session.get(ConsoleUser, user_id)
        if user is None:
            raise NotFound(f"no console user {user_id}")
        user.password_hash = hub.passwords.hash(password)
        user.failed_attempts = 0
        user.locked_until = None
        session.execute(delete(ConsoleSession).where(ConsoleSession.user_id == user_id))
        audit(session, actor, "user.reset_password", user.email, None, None, hub.clock())
        return user.email, password


def list_users(session: Session) -> list[ConsoleUser]:
    return list(session.scalars(select(ConsoleUser).order_by(ConsoleUser.email)))


def token_identity(session: Session, token: AdminToken) -> ConsoleIdentity:
    """The identity an admin API token acts as: its user's, or an admin's for older tokens."""
    if token.user_id is None:
        return LEGACY_ADMIN
    user = session.get(ConsoleUser, token.user_id)
    if user is None or not user.active:
        raise Unauthorized("the user of this admin token is disabled")
    return _identity(user)


def audit_log(session: Session, limit: int = 200) -> list[ConsoleAudit]:
    return list(session.scalars(select(ConsoleAudit).order_by(ConsoleAudit.id.desc()).limit(limit)))
