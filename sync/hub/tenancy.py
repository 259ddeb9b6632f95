"""Stores, tills, tokens: who may call the hub, and for which store.

Every request carries a bearer token: an admin token (head office, all stores) or a device
token (one till, one store). Only their SHA-256 digests are stored. A till gets its device
token by trading a one-time enrollment code made by head office for its store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.hub import credentials
from sync.hub.context import Hub
from sync.hub.db import dialect_insert
from sync.hub.errors import Forbidden, NotFound, Unauthorized
from sync.hub.models import AdminToken, ConsoleUser, EnrollCode, Store, Till
from sync.protocol import (
    EnrollCodeResponse,
    EnrollRequest,
    EnrollResponse,
    FeedKind,
    StoreIn,
    StoreInfo,
)

DEFAULT_ENROLL_CODE_TTL = timedelta(hours=24)
BAD_ENROLL_CODE = "enrollment code is unknown, already used or expired"
TILL_ONLY = "this needs a till's device token"


@dataclass(frozen=True)
class Principal:
    """Who is calling: head office (``store_id`` None) or one till of one store."""

    store_id: str | None
    till_id: str | None
    admin_id: str | None = None  # head office: the token's id (credentials.admin_token_id)

    @property
    def is_admin(self) -> bool:
        return self.store_id is None

    @property
    def label(self) -> str:
        """Who, for logs and reviews: ``till <id>`` or ``admin <token id>``; never a token."""
        return f"admin {self.admin_id}" if self.is_admin else f"till {self.till_id}"


def store_info(store: Store) -> StoreInfo:
    return StoreInfo(
        store_id=store.store_id,
        name=store.name,
        currency=store.currency,
        tax_mode="exclusive" if store.tax_mode == "exclusive" else "inclusive",
        cash_rounding_step=store.cash_rounding_step,
        locale=store.locale,
    )


def create_admin_token(hub: Hub, label: str, *, user_email: str | None = None) -> str:
    """A new admin API token; with ``user_email`` it belongs to that console user and acts
    with their role (only an admin user's token may call the admin API)."""
    token = credentials.new_admin_token()
    with hub.change() as (session, _):
        user_id = None
        if user_email is not None:
            email = user_email.strip().lower()
            user = session.scalars(select(ConsoleUser).where(ConsoleUser.email == email)).first()
            if user is None:
                raise NotFound(f"no console user {email}")
            user_id = user.id
        session.add(
            AdminToken(
                token_hash=credentials.token_digest(token),
                label=label,
                created_at=hub.clock(),
                user_id=user_id,
            )
        )
    return token


def authenticate(session: Session, token: str) -> Principal:
    digest = credentials.token_digest(token)
    if token.startswith(credentials.ADMIN_TOKEN_PREFIX):
        admin = session.get(AdminToken, digest)
        if admin is None or admin.revoked_at is not None:
            raise Unauthorized("admin token unknown or revoked")
        if admin.user_id is not None:
            # A token that belongs to a console user acts as that user; tokens made before
            # console users existed (no user) stay head-office admins.
            user = session.get(ConsoleUser, admin.user_id)
            if user is None or not user.active:
                raise Unauthorized("the console user of this admin token is disabled")
            if user.role != "admin":
                raise Forbidden(
                    f"the admin API needs an admin user's token ({user.email} is {user.role})"
                )
        return Principal(store_id=None, till_id=None, admin_id=credentials.admin_token_id(digest))
    principal, _ = _till_of(session, digest)
    return principal


def authenticate_till(session: Session, token: str) -> tuple[Principal, Store]:
    """A till's device token, with its store, in one statement of the caller's transaction
    (the ingest's: issue 18 counts its round trips); an admin token is refused."""
    if token.startswith(credentials.ADMIN_TOKEN_PREFIX):
        authenticate(session, token)  # unknown or revoked: that error first
        raise Forbidden(TILL_ONLY)
    return _till_of(session, credentials.token_digest(token))


def _till_of(session: Session, digest: str) -> tuple[Principal, Store]:
    found = session.execute(
        select(Till, Store)
        .join(Store, Store.store_id == Till.store_id)
        .where(Till.token_hash == digest)
    ).one_or_none()
    if found is None:
        raise Unauthorized("device token unknown; enroll this till again")
    till, store = found
    if till.revoked_at is not None:
        raise Unauthorized(f"device token of till {till.till_id} was revoked")
    return Principal(store_id=till.store_id, till_id=till.till_id), store


def require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("this needs a head-office (admin) token")


def require_till(principal: Principal) -> str:
    """The caller's store; head office has no feed or till data of its own."""
    if principal.store_id is None:
        raise Forbidden(TILL_ONLY)
    return principal.store_id


def get_store(session: Session, store_id: str) -> Store:
    store = session.get(Store, store_id)
    if store is None:
        raise NotFound(f"no store {store_id!r}")
    return store


def upsert_store(hub: Hub, spec: StoreIn) -> StoreInfo:
    with hub.change() as (session, pending):
        values = {
            "store_id": spec.store_id,
            "name": spec.name,
            "currency": spec.currency,
            "tax_mode": spec.tax_mode,
            "cash_rounding_step": spec.cash_rounding_step,
            "locale": spec.locale,
            "created_at": hub.clock(),
        }
        stmt = dialect_insert(session, Store).values(values)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["store_id"],
                set_={k: stmt.excluded[k] for k in values if k not in ("store_id", "created_at")},
            )
        )
        info = StoreInfo(
            store_id=spec.store_id,
            name=spec.name,
            currency=spec.currency,
            tax_mode=spec.tax_mode,
            cash_rounding_step=spec.cash_rounding_step,
            locale=spec.locale,
        )
        pending.add(spec.store_id, FeedKind.STORE, spec.store_id, info.model_dump(mode="json"))
    return info


def create_enroll_code(
    hub: Hub, store_id: str, ttl: timedelta = DEFAULT_ENROLL_CODE_TTL
) -> EnrollCodeResponse:
    with hub.change() as (session, _):
        return create_enroll_code_in(session, hub, store_id, ttl)


def create_enroll_code_in(
    session: Session, hub: Hub, store_id: str, ttl: timedelta = DEFAULT_ENROLL_CODE_TTL
) -> EnrollCodeResponse:
    """``create_enroll_code`` in the caller's transaction."""
    code = credentials.new_enroll_code()
    now = hub.clock()
    get_store(session, store_id)
    session.add(
        EnrollCode(
            code_hash=credentials.token_digest(credentials.normalise_code(code)),
            store_id=store_id,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    return EnrollCodeResponse(store_id=store_id, code=code, expires_at=now + ttl)


def enroll(hub: Hub, request: EnrollRequest) -> EnrollResponse:
    digest = credentials.token_digest(credentials.normalise_code(request.code))
    token = credentials.new_device_token()
    now = hub.clock()
    with hub.change() as (session, _):
        # Mark the code used in the same statement that checks it: two tills racing with one
        # code cannot both win (the loser's UPDATE matches no row).
        claimed = session.execute(
            update(EnrollCode)
            .where(
                EnrollCode.code_hash == digest,
                EnrollCode.used_at.is_(None),
                EnrollCode.expires_at > now,
            )
            .values(used_at=now)
            .returning(EnrollCode.store_id)
        ).scalar_one_or_none()
        if claimed is None:
            raise Forbidden(BAD_ENROLL_CODE)
        store = get_store(session, claimed)
        till = Till(
            till_id=f"pending-{digest[:16]}",
            store_id=store.store_id,
            name=request.till_name,
            token_hash=credentials.token_digest(token),
            created_at=now,
        )
        session.add(till)
        session.flush()  # the row id names the till
        till.till_id = f"{store.store_id}-T{till.id:03d}"
        return EnrollResponse(till_id=till.till_id, token=token, store=store_info(store))


def revoke_till(hub: Hub, till_id: str) -> None:
    with hub.change() as (session, _):
        revoke_till_in(session, hub, till_id)


def revoke_till_in(session: Session, hub: Hub, till_id: str) -> None:
    """``revoke_till`` in the caller's transaction (revoking twice is not an error)."""
    done = session.execute(
        update(Till)
        .where(Till.till_id == till_id, Till.revoked_at.is_(None))
        .values(revoked_at=hub.clock())
        .returning(Till.id)
    ).scalar_one_or_none()
    if done is None:
        exists = session.execute(select(Till.id).where(Till.till_id == till_id)).first()
        if exists is None:
            raise NotFound(f"no till {till_id!r}")
