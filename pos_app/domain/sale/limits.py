"""Till limits on what a cashier may do alone (docs/architecture.md §10).

Removing a line after it was rung is a line void: journaled, and above the line-void limit it
needs someone with the ``line_void_over_limit`` right (a supervisor or a manager) or their
approval, like voiding the basket (issue 15). The limit is the line's amount in minor units;
None means no limit.
"""

from __future__ import annotations

from pos_app.domain.money import Money

DEFAULT_LINE_VOID_LIMIT_MINOR = 2000  # 20.00 in a two-decimal currency


def line_void_over_limit(amount: Money, limit_minor: int | None) -> bool:
    """True when removing a line of ``amount`` needs the over-limit right."""
    return limit_minor is not None and abs(amount.rounded()).to_minor() > limit_minor
