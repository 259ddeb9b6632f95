"""Staff sign-in, roles and permissions, manager approvals (docs/architecture.md §10).

- PINs (4-8 digits) are hashed with argon2id by the credential module the hub shares
  (pos_app.domain.staff.credentials); the stored string carries its parameters. A hash in an
  older format (scrypt) or with older parameters is re-hashed on the next successful sign-in.
  That upgraded hash is this till's own: ``hub_pin_hash`` keeps what the hub last fed, so a
  feed carrying the same hash again leaves the upgrade alone and a new PIN set at head office
  still replaces it (services/sync/feed_apply.py).
  Badges are long random codes, stored as SHA-256 only (an indexed look-up, no salt needed).
- Sign-in is PIN-only (type the PIN, press Enter): the PIN is checked against every active
  staff member, ~50 ms each at the default argon2id cost, so a till with 20 staff answers in about a
  second at worst, on the database lane, never on the GUI thread. PINs are unique per till.
- Lockout: after ``max_failures`` wrong PINs or badges in a row at this till, the PIN pad is
  locked for ``cooldown``. The count lives in the database, so restarting the till does not
  reset it. Sign-in and approval attempts share the count.
- Permissions are checked here (``require``), not only hidden in the UI. An action the
  signed-in person lacks the right for needs an ``Approval``: a manager's (or supervisor's)
  PIN, a reason, journaled with who approved what for whom and why.

Failures are returned, not raised: the caller's transaction must commit the failure count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.models import AuthLockout, Staff
from pos_app.domain.l10n.messages import N_, Label, Message, msg
from pos_app.domain.staff.credentials import PinHasher
from pos_app.domain.staff.roles import Role
from pos_app.services.store import journal

__all__ = [
    "ROLE_PERMISSIONS",
    "Approval",
    "AuthError",
    "AuthResult",
    "AuthService",
    "LockoutPolicy",
    "Permission",
    "PermissionDeniedError",
    "PinHasher",
    "Role",
    "StaffMember",
    "hash_badge",
    "require",
]

TILL_SCOPE = "pin-pad"
_PIN_MIN, _PIN_MAX = 4, 8
_MAX_BADGE = 128


def utc_now() -> datetime:
    return datetime.now(UTC)


class Permission(StrEnum):
    SELL = "sell"
    CHANGE_QUANTITY = "change_quantity"
    REMOVE_LINE = "remove_line"
    # Remove a line worth more than the line-void limit (domain/sale/limits.py).
    LINE_VOID_OVER_LIMIT = "line_void_over_limit"
    PARK = "park"
    LINE_DISCOUNT = "line_discount"
    BASKET_DISCOUNT = "basket_discount"
    PRICE_OVERRIDE = "price_override"
    VOID_BASKET = "void_basket"
    NO_SALE = "no_sale"  # open the cash drawer without a sale
    RETURN_OVERRIDE = "return_override"  # a return above thresholds / outside policy
    EXPIRE_ORDERS = "expire_orders"  # click and collect: expire overdue orders in bulk
    REVIEW_ORDERS = "review_orders"  # click and collect: clear a conflict the hub flagged
    CASH_OVER_SHORT = "cash_over_short"  # close a shift whose cash is over/short the threshold


_ASSOCIATE = frozenset(
    {Permission.SELL, Permission.CHANGE_QUANTITY, Permission.REMOVE_LINE, Permission.PARK}
)
_SUPERVISOR = _ASSOCIATE | {
    Permission.LINE_VOID_OVER_LIMIT,
    Permission.LINE_DISCOUNT,
    Permission.VOID_BASKET,
    Permission.NO_SALE,
}
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.ASSOCIATE: _ASSOCIATE,
    Role.FULFILMENT: _ASSOCIATE,
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.MANAGER: frozenset(Permission),
}


class AuthError(Exception):
    """Staff data cannot be accepted as given (bad PIN format, duplicate PIN...)."""


@dataclass(frozen=True)
class StaffMember:
    staff_id: int
    code: str
    name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


@dataclass(frozen=True)
class Approval:
    """Proof that ``approver`` allowed ``requested_by`` one ``permission`` (journaled)."""

    permission: Permission
    approver: StaffMember
    requested_by: StaffMember
    what: str
    reason: str
    journal_seq: int


# What a refusal says a person may not do, in words ("may not line discount." was issue 15's).
PERMISSION_PHRASES: Mapping[Permission, str] = {
    Permission.SELL: N_("sell"),
    Permission.CHANGE_QUANTITY: N_("change a quantity"),
    Permission.REMOVE_LINE: N_("remove a line"),
    Permission.LINE_VOID_OVER_LIMIT: N_("remove a line above the line-void limit"),
    Permission.PARK: N_("park a basket"),
    Permission.LINE_DISCOUNT: N_("give a line discount"),
    Permission.BASKET_DISCOUNT: N_("give a basket discount"),
    Permission.PRICE_OVERRIDE: N_("change a price"),
    Permission.VOID_BASKET: N_("void the basket"),
    Permission.NO_SALE: N_("open the drawer without a sale"),
    Permission.RETURN_OVERRIDE: N_("approve this return"),
    Permission.EXPIRE_ORDERS: N_("expire late orders"),
    Permission.REVIEW_ORDERS: N_("clear an order's review"),
    Permission.CASH_OVER_SHORT: N_("close a shift with cash over or short"),
}


class PermissionDeniedError(Exception):
    def __init__(self, staff: StaffMember, permission: Permission) -> None:
        doing = PERMISSION_PHRASES.get(permission, permission.replace("_", " "))
        super().__init__(
            msg(
                "{name} ({role}) may not {doing}.",
                name=staff.name,
                role=Label(staff.role),
                doing=Label(doing),
            )
        )
        self.staff = staff
        self.permission = permission


def require(actor: StaffMember, permission: Permission, approval: Approval | None = None) -> None:
    """Raise PermissionDeniedError unless ``actor`` may, or holds an approval that fits."""
    if actor.can(permission):
        return
    if (
        approval is not None
        and approval.permission is permission
        and approval.requested_by == actor
        and approval.approver.can(permission)
    ):
        return
    raise PermissionDeniedError(actor, permission)


@dataclass(frozen=True)
class AuthResult:
    """Outcome of a sign-in or approval attempt: ``staff`` on success, else a message."""

    staff: StaffMember | None
    # Empty on success; a message id shown in the till's language (formatting.message_text).
    message: Message = field(default_factory=lambda: Message(""))
    attempts_left: int | None = None
    locked_until: datetime | None = None
    approval: Approval | None = None

    @property
    def ok(self) -> bool:
        return self.staff is not None


def hash_badge(badge: str) -> str:
    return hashlib.sha256(badge.strip().encode()).hexdigest()


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and _PIN_MIN <= len(pin) <= _PIN_MAX):
        raise AuthError(msg("A PIN is {low} to {high} digits.", low=_PIN_MIN, high=_PIN_MAX))


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    cooldown: timedelta = timedelta(seconds=60)


def _member(row: Staff) -> StaffMember:
    return StaffMember(staff_id=row.id, code=row.code, name=row.name, role=Role(row.role))


class AuthService:
    def __init__(
        self,
        *,
        till_id: str,
        hasher: PinHasher | None = None,
        policy: LockoutPolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._till_id = till_id
        self._hasher = hasher if hasher is not None else PinHasher()
        self._policy = policy if policy is not None else LockoutPolicy()
        self._clock = clock

    # -- staff records -----------------------------------------------------------------------

    def enroll(
        self,
        session: Session,
        *,
        code: str,
        name: str,
        role: Role,
        pin: str,
        badge: str | None = None,
    ) -> StaffMember:
        check_pin_format(pin)
        if not code.strip() or not name.strip():
            raise AuthError(msg("Staff need a staff number and a name."))
        if session.scalar(select(Staff.id).where(Staff.code == code.strip())) is not None:
            raise AuthError(msg("Staff number {code} is already taken.", code=code.strip()))
        if self._match_pin(session, pin) is not None:
            raise AuthError(msg("Another person already uses that PIN; choose another one."))
        row = Staff(
            code=code.strip(),
            name=name.strip(),
            role=str(Role(role)),
            pin_hash=self._hasher.hash(pin),
            badge_hash=hash_badge(badge) if badge else None,
            active=True,
        )
        session.add(row)
        session.flush()
        return _member(row)

    def staff_count(self, session: Session) -> int:
        return len(session.scalars(select(Staff.id).where(Staff.active)).all())

    # -- sign-in -----------------------------------------------------------------------------

    def sign_in(self, session: Session, pin: str) -> AuthResult:
        locked = self._locked(session)
        if locked is not None:
            return locked
        row = self._match_pin(session, pin) if self._pin_shaped(pin) else None
        if row is None:
            return self._fail(session, msg("That PIN is not right."))
        self._reset(session)
        return AuthResult(staff=_member(row))

    def sign_in_badge(self, session: Session, badge: str) -> AuthResult:
        locked = self._locked(session)
        if locked is not None:
            return locked
        row = None
        if 0 < len(badge.strip()) <= _MAX_BADGE:
            row = session.scalar(
                select(Staff).where(Staff.badge_hash == hash_badge(badge), Staff.active)
            )
        if row is None:
            return self._fail(session, msg("That badge is not known at this till."))
        self._reset(session)
        return AuthResult(staff=_member(row))

    # -- approvals ---------------------------------------------------------------------------

    def approve(
        self,
        session: Session,
        *,
        pin: str,
        permission: Permission,
        requested_by: StaffMember,
        what: str,
        reason: str,
    ) -> AuthResult:
        """A manager's PIN allows ``requested_by`` one action; journaled who/what/why."""
        if not reason.strip():
            return AuthResult(staff=None, message=msg("Give a reason for the approval."))
        locked = self._locked(session)
        if locked is not None:
            return locked
        row = self._match_pin(session, pin) if self._pin_shaped(pin) else None
        if row is None:
            return self._fail(session, msg("That PIN is not right."))
        approver = _member(row)
        if not approver.can(permission):
            # A real person's PIN without the right: not a guess, so no lockout count.
            return AuthResult(
                staff=None,
                message=msg(
                    "{name} ({role}) cannot approve this either.",
                    name=approver.name,
                    role=Label(approver.role),
                ),
            )
        if approver.staff_id == requested_by.staff_id:
            return AuthResult(
                staff=None, message=msg("Someone else must approve your own request.")
            )
        self._reset(session)
        entry = journal.append_entry(
            session,
            till_id=self._till_id,
            kind="approval",
            created_at=self._clock(),
            body={
                "permission": str(permission),
                "approver": {"code": approver.code, "name": approver.name, "role": approver.role},
                "requested_by": {"code": requested_by.code, "name": requested_by.name},
                "what": what[:200],
                "reason": reason.strip()[:200],
            },
        )
        approval = Approval(
            permission=permission,
            approver=approver,
            requested_by=requested_by,
            what=what[:200],
            reason=reason.strip()[:200],
            journal_seq=entry.seq,
        )
        return AuthResult(staff=approver, approval=approval)

    # -- internals ---------------------------------------------------------------------------

    @staticmethod
    def _pin_shaped(pin: str) -> bool:
        return pin.isascii() and pin.isdigit() and _PIN_MIN <= len(pin) <= _PIN_MAX

    def _match_pin(self, session: Session, pin: str) -> Staff | None:
        rows = session.scalars(select(Staff).where(Staff.active).order_by(Staff.id)).all()
        for row in rows:
            if self._hasher.verify(pin, row.pin_hash):
                if self._hasher.needs_rehash(row.pin_hash):
                    # The PIN is known only now: upgrade the stored hash in this transaction.
                    row.pin_hash = self._hasher.hash(pin)
                return row
        return None

    def _state(self, session: Session) -> AuthLockout:
        state = session.get(AuthLockout, TILL_SCOPE)
        if state is None:
            state = AuthLockout(scope=TILL_SCOPE, failures=0, locked_until=None)
            session.add(state)
        return state

    def _locked(self, session: Session) -> AuthResult | None:
        state = session.get(AuthLockout, TILL_SCOPE)
        if state is None or state.locked_until is None:
            return None
        now = self._clock()
        if state.locked_until <= now:
            state.locked_until = None
            state.failures = 0
            return None
        seconds = int((state.locked_until - now).total_seconds()) + 1
        return AuthResult(
            staff=None,
            message=msg("Too many wrong attempts. Try again in {seconds} s.", seconds=seconds),
            attempts_left=0,
            locked_until=state.locked_until,
        )

    def _fail(self, session: Session, message: Message) -> AuthResult:
        state = self._state(session)
        state.failures = (state.failures or 0) + 1
        left = self._policy.max_failures - state.failures
        if left <= 0:
            state.locked_until = self._clock() + self._policy.cooldown
            seconds = int(self._policy.cooldown.total_seconds())
            return AuthResult(
                staff=None,
                message=msg("Too many wrong attempts. Try again in {seconds} s.", seconds=seconds),
                attempts_left=0,
                locked_until=state.locked_until,
            )
        return AuthResult(staff=None, message=message, attempts_left=left)

    def _reset(self, session: Session) -> None:
        state = session.get(AuthLockout, TILL_SCOPE)
        if state is not None:
            state.failures = 0
            state.locked_until = None
