"""Staff roles: the one home of the list, used by the till's sign-in and permissions
(services/staff/auth.py), head office when it adds staff (sync/hub/headoffice.py), the feed
that brings staff to the tills (services/sync/feed_apply.py) and the return policy's cash
limits. A role nobody knows is an error wherever it appears, never a silent demotion.
"""

from __future__ import annotations

from enum import StrEnum

from pos_app.domain.errors import DomainError
from pos_app.domain.l10n.messages import N_, msg

__all__ = ["Role", "RoleError", "parse_role"]


class RoleError(DomainError):
    """A staff role that is not one of Role's."""


class Role(StrEnum):
    # The values are message ids too (N_): a refusal names the role in the till's language.
    ASSOCIATE = N_("associate")
    # Picks and hands over click-and-collect orders; at the till, the rights of an associate.
    FULFILMENT = N_("fulfilment")
    SUPERVISOR = N_("supervisor")
    MANAGER = N_("manager")


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        known = ", ".join(Role)
        raise RoleError(
            msg("Unknown staff role {role} (known: {known}).", role=text[:40], known=known)
        ) from None
