"""Console roles and what each may do: the one home of the permission matrix.

Admin: everything. Merchandiser: catalog, prices, promotions, coupons (chain-wide), stock and
sales reports to read. Store manager: their own stores' orders, refunds, stock adjustments,
staff (PIN resets), reports, and what head office reviews there, to read. Auditor: reads
everything, changes nothing. Tax classes, return policies and review verdicts (release a
quarantined event, resend a notification) are the admin's.
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
    REPORTS_VIEW = "reports.view"
    CATALOG_VIEW = "catalog.view"
    CATALOG_EDIT = "catalog.edit"
    STOCK_VIEW = "stock.view"
    STOCK_ADJUST = "stock.adjust"
    PROMOTIONS_VIEW = "promotions.view"
    PROMOTIONS_EDIT = "promotions.edit"
    STAFF_VIEW = "staff.view"
    STAFF_MANAGE = "staff.manage"
    SETTINGS_VIEW = "settings.view"  # tax classes, return policies
    SETTINGS_EDIT = "settings.edit"
    REVIEW_VIEW = "review.view"  # returns, coupon double uses, quarantine, notifications
    REVIEW_ACT = "review.act"
    REASONS_VIEW = "reasons.view"  # the chain's preset reasons at the tills
    REASONS_MANAGE = "reasons.manage"


P = Permission
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.MERCHANDISER: frozenset(
        {
            P.DASHBOARD,
            P.CATALOG_VIEW,
            P.CATALOG_EDIT,
            P.PROMOTIONS_VIEW,
            P.PROMOTIONS_EDIT,
            P.STOCK_VIEW,
            P.REPORTS_VIEW,
        }
    ),
    Role.STORE_MANAGER: frozenset(
        {
            P.DASHBOARD,
            P.ORDERS_VIEW,
            P.ORDERS_CANCEL,
            P.REFUNDS_VIEW,
            P.REFUNDS_MARK,
            P.REPORTS_VIEW,
            P.CATALOG_VIEW,
            P.STOCK_VIEW,
            P.STOCK_ADJUST,
            P.STAFF_VIEW,
            P.STAFF_MANAGE,
            P.PROMOTIONS_VIEW,
            P.REVIEW_VIEW,
            P.REASONS_VIEW,
        }
    ),
    Role.AUDITOR: frozenset(
        {
            P.DASHBOARD,
            P.ORDERS_VIEW,
            P.REFUNDS_VIEW,
            P.AUDIT_VIEW,
            P.TILLS_VIEW,
            P.REPORTS_VIEW,
            P.CATALOG_VIEW,
            P.STOCK_VIEW,
            P.PROMOTIONS_VIEW,
            P.STAFF_VIEW,
            P.SETTINGS_VIEW,
            P.REVIEW_VIEW,
            P.REASONS_VIEW,
        }
    ),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]


def is_store_scoped(role: Role) -> bool:
    """A store manager sees only their stores; every other role sees the chain."""
    return role is Role.STORE_MANAGER
