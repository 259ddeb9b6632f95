"""The no-sale drawer open (Ctrl+D): a reason, the permission, the journal, then the kick.

A mixin of ``SaleController``. The reason is asked inline; ``auth.require`` checks the
``no_sale`` permission (associates lack it) and a denial goes through the same manager-PIN
approval as every other guarded action (``BasketEditsMixin._guarded``). The open is journaled
on the DB lane by ``DrawerService.record_open`` (which checks the permission again, as a
service must); only once that has committed is it published (``OpChanges.drawer_open``, so
``drawer_open_recorded`` is emitted), and the device layer kicks the drawer on its own worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pos_app.domain.reasons import ReasonKind
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.sale.drawer import DrawerOpen, DrawerReason, DrawerService
from pos_app.services.staff.auth import Approval, Permission, StaffMember, require
from pos_app.ui import formatting

if TYPE_CHECKING:
    from collections.abc import Callable

    from pos_app.services.sale.register import Register
    from pos_app.services.store.till_context import TillContext
    from pos_app.ui.main_window import TillWindow
    from pos_app.ui.runner import DbLane


def _may_open(cashier: StaffMember, approval: Approval | None) -> bool:
    try:
        require(cashier, Permission.NO_SALE, approval)
    except Exception:
        return False
    return True


class DrawerActionsMixin:
    window: TillWindow
    register: Register | None
    context: TillContext
    lane: DbLane
    drawer: DrawerService | None
    changes: ChangeNotifier

    def on_no_sale_button_clicked(self) -> None:
        if self.register is None:
            return
        if self.drawer is None:
            self.show_error(self.tr("No cash drawer is set up at this till."))
            return
        if self.window.sale.side.currentWidget() is not self.window.sale.action_pad:
            self.show_error(self.tr("Finish or cancel the open prompt first (Esc)."))
            return
        cashier = self.register.cashier

        def apply(_value: str, reason: str) -> None:
            reason = reason.strip()
            if not reason:
                self.show_error(self.tr("Give the reason for opening the drawer."))
                return
            self._guarded(
                lambda approval: self._open_no_sale(cashier, approval, reason),
                "no-sale drawer open",
                reason,
            )

        self.ask(
            "no_sale",
            self.tr("Open the cash drawer without a sale? Give the reason."),
            apply,
            reasons=ReasonKind.NO_SALE,  # the chain's no-sale reasons as buttons
            value=False,
        )

    def _open_no_sale(self, cashier: StaffMember, approval: Approval | None, reason: str) -> None:
        require(cashier, Permission.NO_SALE, approval)  # denied → the manager prompt
        allowed = _may_open(cashier, approval)
        till_id = self.context.till_id
        note = reason if approval is None else f"{reason} (approved by {approval.approver.name})"

        def op(session: Any) -> DrawerOpen:
            service = DrawerService(may_open_no_sale=lambda _name: allowed)
            return service.record_open(
                session, till_id=till_id, cashier=cashier.name, reason=DrawerReason.NO_SALE,
                note=note,
            )  # fmt: skip

        def recorded(opened: DrawerOpen) -> None:
            self.show_info(self.tr("Drawer opened (no sale), journaled."))
            self.changes.publish(OpChanges(drawer_open=opened), origin=self)

        self.lane.run(op, recorded, lambda exc: self.show_error(formatting.error_text(exc)))

    # Stubs last: pyside6-lupdate loses the class (the tr() context) after a def nested in an if.
    if TYPE_CHECKING:  # provided by SaleController / BasketEditsMixin / QObject

        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
        def show_error(self, text: str) -> None: ...
        def show_info(self, text: str) -> None: ...
        def _guarded(
            self, action: Callable[[Approval | None], object], what: str, reason: str = ""
        ) -> None: ...
        # What this mixin uses of BasketEditsMixin.ask (which takes more keywords).
        def ask(
            self,
            kind: str,
            title: str,
            apply: Callable[[str, str], None],
            *,
            reasons: ReasonKind | None = None,
            value: bool = True,
        ) -> None: ...
