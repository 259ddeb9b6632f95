"""A manager's PIN asked inline, then the action again with the approval: one mixin for the
screens that do it (returns, collections). The screen opens its prompt; this checks the PIN on
the DB lane (``AuthService.approve`` journals the approval) and hands the approval on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pos_app.services.staff.auth import Approval, AuthResult, AuthService, Permission, StaffMember
from pos_app.ui import formatting

if TYPE_CHECKING:
    from pos_app.ui.runner import DbLane


class ManagerApprovalMixin:
    page: Any  # its .prompt (PromptPanel), .message, show_actions()
    lane: DbLane
    approval_granted: Any
    error_shown: Any
    _approve: Callable[[str, str], None] | None

    def _approval_step(
        self,
        auth: AuthService,
        permission: Permission,
        actor: StaffMember,
        what: str,
        then: Callable[[Approval], object],
    ) -> Callable[[str, str], None]:
        """What the prompt does with a PIN and a reason: check them, then ``then(approval)``."""
        prompt = self.page.prompt

        def apply(pin: str, reason: str) -> None:
            prompt.message.show_info(self.tr("Checking…"), 0)

            def approved(result: AuthResult) -> None:
                if result.approval is None:
                    prompt.show_error(formatting.message_text(result.message))
                    self.error_shown.emit(formatting.message_text(result.message))
                    return
                approval = result.approval
                self._approve = None
                self.page.show_actions()
                self.approval_granted.emit(approval)
                self.page.message.show_info(
                    self.tr("Approved by %1.").replace("%1", approval.approver.name)
                )
                then(approval)

            self.lane.run(
                lambda s: auth.approve(
                    s, pin=pin, permission=permission, requested_by=actor, what=what,
                    reason=reason,
                ),
                approved,
                lambda exc: prompt.show_error(formatting.error_text(exc)),
            )  # fmt: skip

        return apply

    # At the end of the class: lupdate files the texts of any def after a def nested in an
    # ``if`` under no class (docs/architecture.md §15).
    if TYPE_CHECKING:  # provided by the screen's controller (a QObject)

        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
