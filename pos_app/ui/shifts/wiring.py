"""Puts the shift screen into the till window (called from the composition root, ui/app.py).

Ctrl+T opens it once someone is signed in (F1–F12 and the action grid are taken); Esc goes back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut

from hardware.till_devices import TillDevices
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.shifts.service import ShiftService
from pos_app.services.staff.auth import AuthService, StaffMember
from pos_app.services.store.till_context import TillContext
from pos_app.ui.main_window import TillWindow
from pos_app.ui.runner import DbLane
from pos_app.ui.sale.controller import SaleController
from pos_app.ui.shifts.controller import ShiftsController
from pos_app.ui.shifts.page import ShiftsPage

SHIFT_SHORTCUT = "Ctrl+T"


def build_shifts(
    window: TillWindow,
    sales: SaleController,
    lane: DbLane,
    context: TillContext,
    auth: AuthService,
    devices: TillDevices,
    export_dir: Path,
    changes: ChangeNotifier,
) -> ShiftsController:
    page = ShiftsPage(context.currency)
    page.setContentsMargins(12, 12, 12, 8)
    window.pages.addWidget(page)

    def staff() -> StaffMember | None:
        return sales.register.cashier if sales.register is not None else None

    def back() -> None:
        window.show_page(window.sale if sales.register is not None else window.signin)

    shifts = ShiftsController(
        page=page,
        lane=lane,
        service=ShiftService(),
        auth=auth,
        context=context,
        staff=staff,
        back=back,
        show_page=window.show_page,
        print_report=devices.print_report,  # on the printer's own worker
        kick_drawer=devices.open_drawer,
        export_dir=export_dir,
        parent=window,
    )

    shortcut = QShortcut(QKeySequence(SHIFT_SHORTCUT), window)  # any page, once signed in
    shortcut.activated.connect(shifts.show)
    # Selling needs an open shift (a store setting): a cashier without one counts the float
    # as they sign in, not after ringing a basket that payment would refuse.
    sales.signed_in.connect(lambda _staff: shifts.ask_for_float_if_needed())
    # The Z wrote its shift.closed event: the sync client sends it now.
    shifts.z_closed.connect(lambda _z: changes.publish(OpChanges(outbox=True), origin=shifts))
    return shifts
