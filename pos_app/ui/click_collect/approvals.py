"""Manager approvals on the collections screen: a mixin of ``CollectionsController``.

Expiring late orders and clearing a review need a manager: the op runs on the DB lane; on
``PermissionDeniedError`` the page's inline prompt asks for a manager's PIN and a reason,
``AuthService.approve`` journals the approval, and the op runs again with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from pos_app.domain.click_collect.orders import CollectionError
from pos_app.services.staff.auth import Approval, PermissionDeniedError, StaffMember
from pos_app.ui import formatting
from pos_app.ui.manager_approval import ManagerApprovalMixin

if TYPE_CHECKING:
    from pos_app.ui.click_collect.page import CollectionsPage
    from pos_app.ui.runner import DbLane
    from pos_app.ui.sale.controller import SaleController

T = TypeVar("T")


class ApprovalsMixin(ManagerApprovalMixin):
    page: CollectionsPage
    lane: DbLane
    sales: SaleController | None
    approval_granted: Any
    error_shown: Any
    _approve: Callable[[str, str], None] | None

    def _actor(self) -> StaffMember | None:
        sales = self.sales
        return sales.register.cashier if sales is not None and sales.register else None

    def _guarded(
        self,
        what: str,
        op: Callable[[Session, StaffMember, Approval | None], T],
        done: Callable[[T], None],
    ) -> None:
        """Run a permission-checked op; if the user may not, ask for a manager's PIN inline."""
        actor = self._actor()
        if actor is None:
            self._failed(CollectionError(self.tr("Sign in first.")))
            return

        def failed(exc: Exception) -> None:
            if isinstance(exc, PermissionDeniedError) and self.sales is not None:
                self._ask_approval(exc, what, actor, op, done)
            else:
                self._failed(exc)

        self.lane.run(lambda s: op(s, actor, None), done, failed)

    def _ask_approval(
        self,
        denied: PermissionDeniedError,
        what: str,
        actor: StaffMember,
        op: Callable[[Session, StaffMember, Approval | None], T],
        done: Callable[[T], None],
    ) -> None:
        assert self.sales is not None
        auth, prompt = self.sales.auth, self.page.prompt

        self._approve = self._approval_step(
            auth,
            denied.permission,
            actor,
            what,
            lambda approval: self.lane.run(lambda s: op(s, actor, approval), done, self._failed),
        )
        self.page.show_prompt()
        title = self.tr("%1 — a manager must approve: %2")
        prompt.ask(
            title.replace("%1", formatting.error_text(denied)).replace("%2", what),
            placeholder=self.tr("Manager PIN"),
            masked=True,
            needs_reason=True,
        )
        prompt.show_error(formatting.error_text(denied))
        self.error_shown.emit(formatting.error_text(denied))

    def on_prompt_accepted(self, pin: str, reason: str) -> None:
        if self._approve is not None:
            self._approve(pin, reason)

    def on_prompt_cancelled(self) -> None:
        self._approve = None
        self.page.show_actions()

    # At the end of the class: lupdate files the texts of any def after a def nested in an
    # ``if`` under no class (docs/architecture.md §15).
    if TYPE_CHECKING:  # provided by CollectionsController / QObject

        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
        def _failed(self, exc: Exception) -> None: ...
