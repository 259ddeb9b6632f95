"""Console roles and what each may do: the one home of the permission matrix.

Admin: everything. Merchandiser: catalog, prices, promotions, coupons (chain-wide). Store
manager: their own stores' orders, refunds, returns, staff and reports. Auditor: reads
everything, changes nothing.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    MERCHANDISER = "merchandiser"
    STORE_MANAGER = "store_manager"
    AUDITOR = "auditor"


class Permission(StrEnum):
    DASHBOARD = "dashboard"
    ORDERS_VIEW = "orders.view"
    ORDERS_CANCEL = "orders.cancel"
    REFUNDS_VIEW = "refunds.view"
    REFUNDS_MARK = "refunds.mark"
    USERS_MANAGE = "users.manage"
    TILLS_VIEW = "tills.view"
    TILLS_MANAGE = "tills.manage"
    AUDIT_VIEW = "audit.view"
    REASONS_VIEW = "reasons.view"  # the chain's preset reasons at the tills
    REASONS_MANAGE = "reasons.manage"


P = Permission
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.MERCHANDISER: frozenset({P.DASHBOARD}),
    Role.STORE_MANAGER: frozenset(
        {
            P.DASHBOARD,
            P.ORDERS_VIEW,
            P.ORDERS_CANCEL,
            P.REFUNDS_VIEW,
            P.REFUNDS_MARK,
            P.REASONS_VIEW,
        }
    ),
    Role.AUDITOR: frozenset(
        {P.DASHBOARD, P.ORDERS_VIEW, P.REFUNDS_VIEW, P.AUDIT_VIEW, P.TILLS_VIEW, P.REASONS_VIEW}
    ),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]


def is_store_scoped(role: Role) -> bool:
    """A store manager sees only their stores; every other role sees the chain."""
    return role is Role.STORE_MANAGER
